#pragma once
// The common currency of the dataset formats (core/annotate/formats/): a Dataset read from disk, the
// options of an export, the files an export produces (built in memory, written atomically by
// writeExport) and the summary every export carries.
//
// Design note: readers return a complete Dataset or throw, so a bad file never imports partially.
// Writers never touch the disk: they return an ExportResult (text files, encoded PNGs and image copies
// to make) whose summary lists everything converted or dropped; writeExport() then writes it. Tests and
// the GUI can therefore inspect an export without a temporary folder.

#include "annotate/annotation.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace florence::formats {

/// A set of annotated images as a format reader returns it and a writer takes it.
struct Dataset
{
    /// Folder the image paths are relative to (the source images live at root + "/" + path).
    std::string root;
    /// Class names in class-id order (YOLO ids, mask indices). Writers append labels used by shapes
    /// but missing here in first-use order.
    std::vector<std::string> labels;
    std::vector<ImageRecord> images;
    /// Split of each image ("train", "val", "test" or "" when none), parallel to `images`; may be
    /// empty (no splits known).
    std::vector<std::string> splits;
    /// File of each image when it is not root + "/" + path (readers whose folder layout differs from
    /// the image's logical path, e.g. YOLO's images/train/a.jpg for "train/a.jpg"), parallel to
    /// `images`; may be empty, and an entry "" means root + "/" + path.
    std::vector<std::string> sources;
    /// What the reader could not keep (e.g. "2 objects marked difficult: the flag is not kept"),
    /// one line each; shown after an import.
    std::vector<std::string> notes;
};

/// How an export distributes images over train / val / test.
struct SplitOptions
{
    enum class Mode {
        Keep,   ///< keep the splits the dataset came with (all "train" when it has none)
        None,   ///< one split: everything in "train"
        Ratio,  ///< shuffle with `seed` and cut by the ratios
        Folder, ///< the first folder of the image path names the split (train/val/valid/test)
    };
    Mode mode = Mode::Keep;
    double train = 0.8; ///< ratios, need not sum to 1 (they are normalized)
    double val = 0.2;
    double test = 0.0;
    std::uint64_t seed = 0; ///< same seed, same images -> same split on every platform
};

/// Settings of an export; each format reads the ones it knows (listed in FormatInfo::options).
struct ExportOptions
{
    /// Format variant: YOLO "detect" / "segment" / "obb"; masks "class" / "instance"; "" = default.
    std::string variant;
    SplitOptions split;
    /// Copy (hard link when possible) the images into the export's image tree.
    bool copyImages = true;
};

/// One file an export writes, relative to the output folder.
struct OutputFile
{
    std::string path;     ///< '/'-separated, relative to the output folder
    std::string data;     ///< the bytes (text or an encoded PNG)
};

/// One image an export copies from the dataset into its tree.
struct ImageCopy
{
    std::string source;   ///< path of the source image (root + "/" + image path)
    std::string target;   ///< relative to the output folder
};

/// What an export did, shown to the user and written next to the export as summary.txt.
struct ExportSummary
{
    std::string format;                          ///< display name of the format (and variant)
    std::size_t images = 0;                      ///< images exported
    std::map<std::string, std::size_t> splitImages;     ///< images per split
    std::map<std::string, std::size_t> objectsPerClass; ///< written objects per label
    /// "<what> -> <into what>: <why>" -> count, e.g. "polygon -> bounding box: YOLO detect holds boxes only".
    std::map<std::string, std::size_t> converted;
    /// "<what>: <why>" -> count, e.g. "OCR text: YOLO has no field for it".
    std::map<std::string, std::size_t> dropped;
    std::vector<std::string> files;              ///< main files written (labels, lists, yaml)
    /// Things the user should look at that are neither a conversion nor a drop (e.g. Florence-2
    /// JSONL answers that would not fit the model's 1024 positions), one line each.
    std::vector<std::string> warnings;

    void convert(const std::string &what, std::size_t n = 1) { if (n) converted[what] += n; }
    void drop(const std::string &what, std::size_t n = 1) { if (n) dropped[what] += n; }
    /// Plain-text report, a few lines per section, ending in a newline.
    std::string toText() const;
};

/// Everything an export produces, not yet written.
struct ExportResult
{
    std::vector<OutputFile> files;
    std::vector<ImageCopy> copies;
    ExportSummary summary;
};

/// The split of every image of `dataset` ("train", "val" or "test"), following `options`. Ratio mode
/// orders images by path first, so the result does not depend on the order they were read in.
/// Throws Error(BadInput) for negative or all-zero ratios, or (Folder) an image whose first folder is
/// not a split name.
std::vector<std::string> assignSplits(const Dataset &dataset, const SplitOptions &options);

/// Fills in unknown image sizes (0) from the image files' headers. Throws Error(BadInput) naming the
/// image when its file is missing or not an image.
void fillImageSizes(Dataset &dataset);

/// Writes an export under `outDir` (created when missing): images copied (or hard-linked), every file
/// replaced atomically (temporary file + rename, so a reader never sees half a file), one syncfs for
/// all of them, then summary.txt (written last: an export without it is incomplete). Throws Error(Io)
/// naming the file that failed, and Error(BadInput) before writing anything when a target path would
/// leave `outDir` (absolute, "..", empty components: image paths come from hostile files).
void writeExport(const ExportResult &result, const std::string &outDir);

/// Counts what a writer cannot hold of a shape and caption set, for the summary: text, scores,
/// origins other than "manual", captions. `formatName` goes into the reasons.
void noteUnheld(ExportSummary &summary, const ImageRecord &image, const std::string &formatName, bool holdsText,
                bool holdsScores, bool holdsCaptions);

/// Labels of `dataset` in class-id order: dataset.labels, then labels of shapes missing there, in
/// first-use order.
std::vector<std::string> classList(const Dataset &dataset);

/// `path` with every '/' replaced by '_' (for formats whose image names cannot hold folders).
/// Throws Error(BadInput) when two images of `dataset` flatten to the same name.
std::vector<std::string> flatNames(const Dataset &dataset);

/// File of image `index`: its `sources` entry, else root + "/" + path (just path when root is "" or
/// path is absolute).
std::string sourcePath(const Dataset &dataset, std::size_t index);

/// `path` without its extension ("a/b.jpg" -> "a/b").
std::string stripExtension(const std::string &path);

/// True when `name` ends in an image extension Florence Studio decodes (case-insensitive).
bool hasImageExtension(const std::string &name);

/// Regular files under `dir`, recursively, as '/'-separated paths relative to `dir`, sorted.
/// Throws Error(Io) when `dir` is not a folder. Stops with Error(BadInput) beyond 10 000 000 entries
/// or 64 levels.
std::vector<std::string> listFiles(const std::string &dir);

} // namespace florence::formats
