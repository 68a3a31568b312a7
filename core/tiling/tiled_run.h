#pragma once
// Tiled inference, part 3: running a task tile by tile through the Pipeline and merging the
// answers, and running region tasks on a full-resolution crop of their region. Torch-free; the
// GUI's inference worker can call runTiled() as it calls Pipeline::run() (per-tile progress,
// each finished tile's shapes for a live preview, cancel).

#include "pipeline.h"
#include "tiling/merge.h"
#include "tiling/tiler.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace florence {

/// Whether `task` can run tiled: the whole-image detection and OCR tasks (<OD>,
/// <DENSE_REGION_CAPTION>, <REGION_PROPOSAL>, <OCR_WITH_REGION>, <OPEN_VOCABULARY_DETECTION>,
/// <CAPTION_TO_PHRASE_GROUNDING>).
bool isTileable(Task task);
/// Whether `task` takes a region (region to segmentation / category / description / OCR).
bool isRegionTask(Task task);

/// Settings of a tiled run.
struct TiledRunOptions
{
    TilingOptions tiling;
    MergeOptions merge;
};

/// Progress of a tiled run, reported on the calling thread.
struct TileProgress
{
    int tile = 0;      ///< 0-based index into TiledResult::tiles of the tile running now
    int tiles = 0;     ///< number of tiles
    Tile rect;         ///< that tile
    RunProgress run;   ///< the pipeline's progress on it
};

/// What one tile gave.
struct TileRun
{
    int index = 0;               ///< 0-based tile index
    Tile tile;
    std::vector<Shape> shapes;   ///< its shapes in image pixels, before merging
    std::string text;            ///< the generated text (special tokens kept)
    bool truncated = false;      ///< the tile's answer hit max_new_tokens
    int generatedTokens = 0;     ///< len(sequence) - 1
    RunTimings timings;          ///< the pipeline's timings for the tile
    double ms = 0.0;             ///< wall time of the tile (crop + run + conversion)
};

/// The merged answer of a tiled run.
struct TiledResult
{
    Task task = Task::ObjectDetection;
    int imageWidth = 0;
    int imageHeight = 0;
    std::vector<Tile> tiles;     ///< the plan, in run order
    std::vector<TileRun> runs;   ///< one per tile, same order
    std::vector<Shape> shapes;   ///< merged, image pixels, origin = the task token
    MergeStats merge;
    int truncatedTiles = 0;      ///< tiles whose answer hit max_new_tokens
    double totalMs = 0.0;        ///< wall time of the whole run, merge included

    bool truncated() const { return truncatedTiles > 0; }
};

/// Callbacks of a tiled run (all optional, called on the calling thread).
struct TiledCallbacks
{
    std::function<void(const TileProgress &)> progress; ///< every pipeline progress step of every tile
    std::function<void(const TileRun &)> tileDone;      ///< after each tile, with its unmerged shapes
};

/// Runs `request` on every tile of `image` (as decoded for display, EXIF applied) planned by
/// options.tiling, converts each tile's answer to shapes (annotationsFromResult, label fallback as
/// for whole images: "region" for proposals, the text for text tasks), moves them to image pixels
/// and merges them (mergeTileShapes). request.region is ignored. A single-tile plan gives the same
/// shapes as one Pipeline::run on the whole image. The tile loop is this one function, so that a
/// batched pipeline can replace it later.
/// Throws Error(BadInput) for a task that cannot be tiled (naming it) or bad options, what
/// Pipeline::run throws, and Error(Cancelled) when *cancel becomes true (between tiles too).
TiledResult runTiled(Pipeline &pipeline, const RgbImage &image, const RunRequest &request,
                     const TiledRunOptions &options, const TiledCallbacks &callbacks = {},
                     const std::atomic<bool> *cancel = nullptr);

/// Runs a region task on a full-resolution crop: request.region (image pixels, required) grown by
/// `margin` (see regionCropRect), the task run on that crop with the region re-expressed in crop
/// pixels, and the answer's coordinates moved back to image pixels. The result's imageWidth and
/// imageHeight are the whole image's; its prompt carries the crop's location tokens.
/// Throws Error(BadInput) for a task without a region input or a missing/outside region, and what
/// Pipeline::run throws.
RunResult runRegionCrop(Pipeline &pipeline, const RgbImage &image, const RunRequest &request, double margin = 0.25,
                        const Pipeline::ProgressCallback &progress = {}, const std::atomic<bool> *cancel = nullptr,
                        PixelRect *cropUsed = nullptr);

} // namespace florence
