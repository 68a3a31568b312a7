#pragma once
// labelme / X-AnyLabeling per-image JSON export and import, with the extra fields Florence Studio
// needs to read its own exports back exactly (quads, multi-ring polygons, scores, origins, several
// captions; see docs/formats.md).

#include "annotate/annotation.h"

#include <string>

namespace florence {

/// One labelme JSON for `image`, meant to be written next to the image: imagePath is the image's
/// file name (last component of image.path). Coordinates are image pixels. Throws Error(BadInput)
/// naming the image and shape when something cannot be written faithfully (see projectToJson).
std::string exportLabelme(const ImageRecord &image);

/// exportLabelme with an explicit imagePath: the image's path relative to the folder the JSON goes to.
std::string exportLabelmeAs(const ImageRecord &image, const std::string &imagePath);

/// Parses one labelme / X-AnyLabeling JSON. The record's path is imagePath resolved against the folder
/// of `fileName` ('\\' read as '/'), e.g. "sub/a.json" + "a.jpg" -> "sub/a.jpg"; shapes sharing a
/// group_id with the same label, description, score and origin become one multi-ring polygon;
/// "rotation" shapes become quads; the status is derived as in importCoco. Throws Error(BadInput)
/// naming the file and the JSON path for malformed JSON, missing or mistyped fields, unsupported
/// shape types (circle, line, point, ...), wrong point counts, invalid or absurd geometry.
ImageRecord importLabelme(const std::string &json, const std::string &fileName);

/// Path of the labelme JSON that belongs next to an image: the extension replaced by ".json".
std::string labelmeJsonPathFor(const std::string &imagePath);

} // namespace florence
