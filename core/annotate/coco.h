#pragma once
// COCO export and import: an instances file (boxes, OCR quads, polygons) and a separate captions
// file, both in the layout of the COCO 2017 annotation files, with the extra fields Florence Studio
// needs to read its own exports back exactly (see docs/formats.md).

#include "annotate/annotation.h"

#include <string>
#include <utility>
#include <vector>

namespace florence {

/// Settings of a COCO export.
struct CocoExportOptions
{
    std::string description = "Florence Studio export"; ///< info.description
    /// Category names listed first, in this order (e.g. Project::labels), even when unused; labels of
    /// shapes missing here are appended in first-use order.
    std::vector<std::string> labels;
};

/// The two JSON texts of a COCO export.
struct CocoFiles
{
    std::string instances; ///< images, categories and one annotation per shape
    std::string captions;  ///< images (same ids as instances) and one annotation per caption
};

/// Builds both COCO files in memory (the caller writes them atomically). Image ids count from 1 in
/// the order of `images`, annotation and category ids from 1; coordinates are image pixels. Every
/// image is listed, with or without annotations. Throws Error(BadInput) naming the image and shape
/// when something cannot be written faithfully (see projectToJson) or two images share a path.
/// The captions file written next to a COCO instances file, by the GUI and the CLI alike:
/// "out.json" -> "out.captions.json"; a name without ".json" gets ".captions.json" appended.
std::string captionsPathFor(const std::string &instancesPath);
/// The captions files an import looks for next to `instancesPath`, most likely first:
/// captionsPathFor(instancesPath), then the names older Florence Studio versions wrote from the GUI
/// ("out_captions.json"; "captions.json" for "instances.json"; "x_captions.json" for
/// "x_instances.json") and COCO's own ("captions_val2017.json" for "instances_val2017.json").
std::vector<std::string> captionsPathCandidates(const std::string &instancesPath);

CocoFiles exportCoco(const std::vector<ImageRecord> &images, const CocoExportOptions &options = {});

/// Reads a COCO instances file and optionally a captions file, matched by images[].file_name (images
/// only in the captions file are appended). Returns one record per image in file order, path =
/// file_name, shapes and captions in file order, status derived (none / pre-annotated when every
/// origin is a task / edited). The names only label messages. Throws Error(BadInput) naming the file
/// and the JSON path or annotation id for malformed JSON, missing or mistyped fields, ids pointing
/// nowhere, duplicate ids or file names, RLE segmentations, invalid or absurd geometry.
std::vector<ImageRecord> importCoco(const std::string &instancesJson, const std::string &instancesName,
                                    const std::string *captionsJson = nullptr, const std::string &captionsName = {});

/// Category names of a COCO instances file in file order (unused ones included).
/// Throws Error(BadInput) as importCoco.
std::vector<std::string> cocoCategoryNames(const std::string &instancesJson, const std::string &instancesName);

/// Merges COCO instances files written by shards of one run (name, JSON text) into one: images
/// deduplicated by file_name (annotations of the same image concatenated in shard order), categories
/// merged by name in first-seen order, all ids renumbered from 1, info.description from the first
/// shard, the "truncated" marks of images kept. Merging the shards of a dataset gives exactly what
/// one run over it exports.
/// Throws Error(BadInput) naming the shard as importCoco, or when shards disagree on an image's size.
std::string mergeCocoInstances(const std::vector<std::pair<std::string, std::string>> &shards);

/// Marks the images of a COCO instances file whose file_name is in `fileNames` with "truncated": true
/// and each of their annotations with "attributes": {"truncated": true} (the model's answer hit max_new_tokens; see docs/tiling.md).
/// Returns `instancesJson` unchanged when `fileNames` is empty. Throws Error(BadInput) as importCoco.
std::string markCocoTruncated(const std::string &instancesJson, const std::vector<std::string> &fileNames);

/// The same for COCO captions files.
std::string mergeCocoCaptions(const std::vector<std::pair<std::string, std::string>> &shards);

} // namespace florence
