#pragma once
// Per-image mask PNGs: "class" variant, one 8-bit (16-bit beyond 255 classes) PNG whose
// pixel value is the class index (0 = background, class i -> i + 1), and "instance" variant, one
// 16-bit PNG whose value is the instance number (0 = background, shapes numbered from 1 in order);
// legend.json gives the class names, their display colours and the instances' labels.

#include "annotate/formats/dataset.h"
#include "annotate/formats/registry.h"

namespace florence::formats {

/// Builds a mask export (variant "class" or "instance"). A pixel belongs to a shape when its centre
/// lies inside it; later shapes paint over earlier ones (the summary counts the overlaps).
ExportResult writeMasks(const Dataset &dataset, const ExportOptions &options);

/// Reads a mask export back: `input` is its folder (legend.json, masks/, images/) or legend.json.
/// Each mask is traced into polygons (OpenCV contours through the boundary pixels' centres, the
/// COCO RLE import's rule): class masks give one polygon per 8-connected region of a class,
/// instance masks one polygon (one ring per region) per instance, labelled from the legend.
/// Images are looked for in options.imagesDir, else images/ next to the legend, else its folder;
/// a missing image is noted (the mask gives its size). Throws Error(BadInput) naming the legend or
/// the mask file and what is wrong (unknown class value, instance without a legend entry, a
/// colour PNG, a missing mask).
Dataset readMasks(const std::string &input, const ImportOptions &options);

/// Colour of class index `index` (1-based) in legend.json: the PASCAL VOC colour map.
void maskColor(std::size_t index, unsigned char rgb[3]);

} // namespace florence::formats
