#include "tiling/tiled_run.h"

#include "common/error.h"
#include "common/stopwatch.h"
#include "run/job.h"
#include "tasks/result_annotations.h"

#include <chrono>

namespace florence {

namespace {

using Clock = std::chrono::steady_clock;

} // namespace

bool isTileable(Task task)
{
    switch (task) {
    case Task::ObjectDetection:
    case Task::DenseRegionCaption:
    case Task::RegionProposal:
    case Task::OcrWithRegion:
    case Task::OpenVocabularyDetection:
    case Task::CaptionToPhraseGrounding:
        return true;
    default:
        return false;
    }
}

bool isRegionTask(Task task)
{
    return taskInfo(task).input == TaskInput::Region;
}

TiledResult runTiled(Pipeline &pipeline, const RgbImage &image, const RunRequest &request,
                     const TiledRunOptions &options, const TiledCallbacks &callbacks, const std::atomic<bool> *cancel)
{
    const auto tStart = Clock::now();
    const char *token = taskInfo(request.task).token;
    if (!isTileable(request.task))
        throw Error(ErrorKind::BadInput, std::string("tiling: ") + token
                                             + " cannot run tiled (tiles work for <OD>, <DENSE_REGION_CAPTION>, "
                                               "<REGION_PROPOSAL>, <OCR_WITH_REGION>, <OPEN_VOCABULARY_DETECTION>, "
                                               "<CAPTION_TO_PHRASE_GROUNDING>)");
    if (image.empty())
        throw Error(ErrorKind::BadInput, std::string("cannot run ") + token + " tiled on an empty image");

    TiledResult out;
    out.task = request.task;
    out.imageWidth = image.width;
    out.imageHeight = image.height;
    out.tiles = planTiles(image.width, image.height, options.tiling);
    RunRequest tileRequest = request;
    tileRequest.region.reset();
    const std::string fallback = request.task == Task::RegionProposal ? "region" : request.text;

    std::vector<TileShapes> pieces;
    pieces.reserve(out.tiles.size());
    const int count = int(out.tiles.size());
    for (int i = 0; i < count; ++i) {
        if (cancel && cancel->load())
            throw Error(ErrorKind::Cancelled, "tiled run cancelled before tile " + std::to_string(i + 1) + " of "
                                                  + std::to_string(count));
        const auto t0 = Clock::now();
        const Tile &tile = out.tiles[std::size_t(i)];
        auto forward = [&](const RunProgress &p) {
            if (callbacks.progress)
                callbacks.progress(TileProgress{i, count, tile, p});
        };
        const RgbImage crop = tile.fullImage ? RgbImage{} : cropImage(image, tile.rect);
        const RgbImage &input = tile.fullImage ? image : crop;
        const RunResult r = pipeline.run(input, tileRequest, forward, cancel);

        TileRun run;
        run.index = i;
        run.tile = tile;
        run.text = r.text;
        run.truncated = r.truncated;
        run.generatedTokens = r.sequence.empty() ? 0 : int(r.sequence.size()) - 1;
        run.timings = r.timings;
        const ResultAnnotations ann = annotationsFromResult(r.result, input.width, input.height, fallback);
        run.shapes.reserve(ann.shapes.size());
        for (const Shape &s : ann.shapes)
            run.shapes.push_back(shapeToImage(s, tile.rect));
        run.ms = msSince(t0);
        if (run.truncated)
            ++out.truncatedTiles;
        pieces.push_back(TileShapes{tile, run.shapes});
        if (callbacks.tileDone)
            callbacks.tileDone(run);
        out.runs.push_back(std::move(run));
    }
    out.shapes = mergeTileShapes(pieces, image.width, image.height, options.merge, &out.merge);
    stampProvenance(out.shapes, runProvenance(pipeline, request.text));
    out.totalMs = msSince(tStart);
    return out;
}

RunResult runRegionCrop(Pipeline &pipeline, const RgbImage &image, const RunRequest &request, double margin,
                        const Pipeline::ProgressCallback &progress, const std::atomic<bool> *cancel, PixelRect *cropUsed)
{
    const char *token = taskInfo(request.task).token;
    if (!isRegionTask(request.task))
        throw Error(ErrorKind::BadInput, std::string("region crop: ") + token + " takes no region");
    if (!request.region)
        throw Error(ErrorKind::BadInput, std::string("region crop: ") + token + " needs a region (image pixels)");
    if (image.empty())
        throw Error(ErrorKind::BadInput, std::string("cannot run ") + token + " on an empty image");
    const PixelRect rect = regionCropRect(*request.region, image.width, image.height, margin);
    const RgbImage crop = cropImage(image, rect);
    RunRequest cropRequest = request;
    cropRequest.region = regionInCrop(*request.region, rect);
    RunResult r = pipeline.run(crop, cropRequest, progress, cancel);
    translateResult(r.result, rect.x, rect.y);
    r.imageWidth = image.width;
    r.imageHeight = image.height;
    if (cropUsed)
        *cropUsed = rect;
    return r;
}

} // namespace florence
