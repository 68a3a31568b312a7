#pragma once
// Per-image mask PNGs (export only): "class" variant, one 8-bit (16-bit beyond 255 classes) PNG whose
// pixel value is the class index (0 = background, class i -> i + 1), and "instance" variant, one
// 16-bit PNG whose value is the instance number (0 = background, shapes numbered from 1 in order);
// legend.json gives the class names, their display colours and the instances' labels.

#include "annotate/formats/dataset.h"
#include "annotate/formats/registry.h"

namespace florence::formats {

/// Builds a mask export (variant "class" or "instance"). A pixel belongs to a shape when its centre
/// lies inside it; later shapes paint over earlier ones (the summary counts the overlaps).
ExportResult writeMasks(const Dataset &dataset, const ExportOptions &options);

/// Colour of class index `index` (1-based) in legend.json: the PASCAL VOC colour map.
void maskColor(std::size_t index, unsigned char rgb[3]);

} // namespace florence::formats
