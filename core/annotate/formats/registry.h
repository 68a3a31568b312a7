#pragma once
// The registry of dataset formats: one FormatInfo per format (name, display name, extensions, the
// geometry it holds, its export variants and options, reader, writer). `florence-cli convert` and
// the GUI's File > Export / Import menus are generated from formats(); adding a format means adding
// one entry in registry.cpp (plus its reader/writer file).

#include "annotate/formats/dataset.h"

#include <string>
#include <vector>

namespace florence::formats {

/// What a format can hold, as bit flags (FormatInfo::holds).
enum Holds : unsigned {
    kHoldsBoxes = 1u << 0,      ///< axis-aligned boxes
    kHoldsQuads = 1u << 1,      ///< four-point quadrilaterals / rotated boxes
    kHoldsPolygons = 1u << 2,   ///< polygons (segmentation)
    kHoldsText = 1u << 3,       ///< per-shape text (OCR transcription, description)
    kHoldsScores = 1u << 4,     ///< model confidence
    kHoldsCaptions = 1u << 5,   ///< image-level captions
    kHoldsProvenance = 1u << 6, ///< the origin (task token) of each shape
    kHoldsMultiRing = 1u << 7,  ///< one instance made of several rings
};

/// Settings of an import; each reader reads the ones it knows.
struct ImportOptions
{
    /// YOLO: "detect" (5 columns), "segment" (polygons), "obb" (9 columns: quads) or "" (auto: 5
    /// columns -> box, otherwise polygon).
    std::string variant;
    /// Folder the images are in, when the format does not say (COCO, DOTA); "" = the format's default.
    std::string imagesDir;
};

/// One export variant of a format (YOLO detect / segment / obb; masks class / instance).
struct FormatVariant
{
    std::string name;        ///< value of ExportOptions::variant ("detect")
    std::string displayName; ///< for menus ("YOLO detection (boxes)")
    unsigned holds = 0;      ///< Holds flags of this variant
};

/// One dataset format.
struct FormatInfo
{
    std::string name;                    ///< command-line name ("yolo")
    std::string displayName;             ///< for menus and summaries ("YOLO (Ultralytics)")
    std::vector<std::string> extensions; ///< label file extensions (".txt"), for file dialogs
    std::string inputHint;               ///< what `convert IN` must name ("folder with images/ and labels/")
    std::string outputHint;              ///< what the export writes
    std::vector<FormatVariant> variants; ///< export variants, the first one the default (at least one)
    /// ExportOptions / ImportOptions fields the format reads ("variant", "split", "imagesDir").
    std::vector<std::string> options;
    /// Reads a dataset from a file or folder; nullptr when the format is export-only. Throws
    /// Error(BadInput) naming the file and line (or JSON path), Error(Io) for unreadable files.
    Dataset (*read)(const std::string &input, const ImportOptions &options) = nullptr;
    /// Builds an export in memory; never touches the disk except to read images it must crop or measure.
    ExportResult (*write)(const Dataset &dataset, const ExportOptions &options) = nullptr;
    /// Values of ImportOptions::variant a reader tells apart (first = default), for the GUI's
    /// import question; empty when the reader needs none.
    std::vector<FormatVariant> importVariants;

    /// Holds flags of `variant` ("" = default variant); 0 when unknown.
    unsigned holds(const std::string &variant = {}) const;
};

/// Every registered format, in menu order.
const std::vector<FormatInfo> &formats();

/// The format named `name`, or nullptr.
const FormatInfo *findFormat(const std::string &name);

/// The format named `name`; throws Error(BadInput) listing the known names when unknown.
const FormatInfo &formatOrThrow(const std::string &name);

/// The variant of `format` an export with `variant` uses ("" = the first); throws Error(BadInput)
/// listing the variants when unknown.
const FormatVariant &variantOrThrow(const FormatInfo &format, const std::string &variant);

/// Reads `input` as `from` and writes it as `to` under `outDir` (a folder; created). Returns the
/// summary (also written as outDir/summary.txt). Throws like the reader and writer.
ExportSummary convertDataset(const std::string &from, const std::string &input, const ImportOptions &importOptions,
                             const std::string &to, const std::string &outDir, const ExportOptions &exportOptions);

} // namespace florence::formats
