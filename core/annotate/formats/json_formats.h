#pragma once
// The registry's wrappers around the existing COCO and labelme / X-AnyLabeling formats
// (annotate/coco.h, annotate/labelme.h): folder-level reading and writing with the common summary.

#include "annotate/formats/dataset.h"
#include "annotate/formats/registry.h"

namespace florence::formats {

/// Reads a COCO instances file (or a folder holding instances.json); the captions file next to it
/// (<name>.captions.json or captions.json) is read too. Images are relative to
/// ImportOptions::imagesDir, else to the file's folder.
Dataset readCocoDataset(const std::string &input, const ImportOptions &options);

/// Writes instances.json and captions.json with the images copied next to them (file_name = path).
ExportResult writeCocoDataset(const Dataset &dataset, const ExportOptions &options);

/// Reads every labelme JSON under a folder (recursively).
Dataset readLabelmeDataset(const std::string &input, const ImportOptions &options);

/// Writes one labelme JSON next to each copied image.
ExportResult writeLabelmeDataset(const Dataset &dataset, const ExportOptions &options);

} // namespace florence::formats
