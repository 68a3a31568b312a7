// florence-cli run: one Florence-2 task on one image, everything the reference's generate and
// post_process_generation return, as JSON.
#include "commands.h"

#include "common/error.h"
#include "common/blas_core.h"
#include "common/threads.h"
#include "image/decode.h"
#include "pipeline.h"
#include "run/job.h"
#include "tasks/custom_task.h"
#include "tasks/prompt.h"
#include "text/tokenizer.h"
#include "tiling/tiled_run.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>

namespace florence::cli {
namespace {

// "x1,y1,x2,y2" in image pixels.
Box parseRegion(const std::string &text)
{
    const std::vector<double> v = parseDoubleList(text, "--region");
    if (v.size() != 4)
        throw Error(ErrorKind::BadInput, "--region: expected X1,Y1,X2,Y2 in image pixels, got '" + text + "'");
    return Box{v[0], v[1], v[2], v[3]}.normalized();
}

OutputParser outputParserForTask(Task task)
{
    for (OutputParser p : {OutputParser::PlainText, OutputParser::Boxes, OutputParser::Quads, OutputParser::Polygons,
                           OutputParser::BoxesOrPolygons})
        if (parserTask(p) == task)
            return p;
    return OutputParser::PlainText;
}

/// A merged shape as JSON: kind, label, text, score, and "bbox" [x1, y1, x2, y2], "quad" [x1, y1, ...
/// x4, y4] or "rings" [[x, y, ...], ...] in image pixels.
nlohmann::ordered_json shapeJson(const Shape &s)
{
    nlohmann::ordered_json j;
    j["kind"] = toString(s.kind);
    j["label"] = s.label;
    if (!s.text.empty())
        j["text"] = s.text;
    if (s.score)
        j["score"] = *s.score;
    if (s.kind == ShapeKind::Box) {
        j["bbox"] = {s.box.x1, s.box.y1, s.box.x2, s.box.y2};
    } else {
        nlohmann::ordered_json rings = nlohmann::ordered_json::array();
        for (const Ring &ring : s.rings) {
            nlohmann::ordered_json flat = nlohmann::ordered_json::array();
            for (const Point &p : ring) {
                flat.push_back(p.x);
                flat.push_back(p.y);
            }
            rings.push_back(flat);
        }
        j[s.kind == ShapeKind::Quad ? "quad" : "rings"] = s.kind == ShapeKind::Quad ? rings.at(0) : rings;
    }
    return j;
}

void warnTruncated(const char *command, int maxNewTokens, bool tiled)
{
    std::cerr << "florence-cli " << command << ": the answer" << (tiled ? " of at least one tile" : "")
              << " hit --max-new-tokens (" << maxNewTokens << ") and is probably cut short (\"truncated\": true); "
              << (tiled ? "use smaller tiles (--tile-size or a finer --tiles grid)"
                        : "tile the image (e.g. --tile-size 1024 or --tiles 2x2)")
              << " or raise --max-new-tokens\n";
}

int runTiledCommand(Pipeline &pipeline, const RgbImage &image, const RunRequest &request, const TiledRunOptions &options,
                    double loadMs)
{
    const std::size_t count = planTiles(image.width, image.height, options.tiling).size();
    const TiledResult r = runTiled(pipeline, image, request, options, {
        {}, [&](const TileRun &t) {
            std::cerr << "florence-cli run: tile " << t.index + 1 << "/" << count << " at "
                      << t.tile.rect.x << "," << t.tile.rect.y << " " << t.tile.rect.width << "x" << t.tile.rect.height
                      << ": " << t.shapes.size() << " shapes, " << int(t.ms + 0.5) << " ms"
                      << (t.truncated ? " (truncated)" : "") << "\n";
        }});
    nlohmann::ordered_json out;
    out["task"] = taskInfo(r.task).token;
    out["image_size"] = {r.imageWidth, r.imageHeight};
    out["truncated"] = r.truncated();
    out["tiling"] = {{"tiles", r.tiles.size()},
                     {"overlap", options.tiling.overlap},
                     {"full_pass", options.tiling.fullPass},
                     {"merge", toString(options.merge.boxMerge)},
                     {"truncated_tiles", r.truncatedTiles}};
    out["merge"] = {{"input", r.merge.input},
                    {"contained", r.merge.contained},
                    {"joined", r.merge.joined},
                    {"duplicates", r.merge.duplicates},
                    {"output", r.merge.output}};
    nlohmann::ordered_json shapes = nlohmann::ordered_json::array();
    for (const Shape &s : r.shapes)
        shapes.push_back(shapeJson(s));
    out["shapes"] = shapes;
    nlohmann::ordered_json tiles = nlohmann::ordered_json::array();
    double sum = 0.0;
    for (const TileRun &t : r.runs) {
        sum += t.ms;
        tiles.push_back({{"rect", {t.tile.rect.x, t.tile.rect.y, t.tile.rect.width, t.tile.rect.height}},
                         {"row", t.tile.row},
                         {"col", t.tile.col},
                         {"full_image", t.tile.fullImage},
                         {"shapes", t.shapes.size()},
                         {"generated_tokens", t.generatedTokens},
                         {"truncated", t.truncated},
                         {"text", t.text},
                         {"ms", t.ms}});
    }
    out["tiles"] = tiles;
    out["timings_ms"] = {{"load", loadMs},
                         {"per_tile_mean", r.runs.empty() ? 0.0 : sum / double(r.runs.size())},
                         {"total", r.totalMs}};
    out["model"] = {{"variant", pipeline.summary().variant},
                    {"parameters", pipeline.summary().parameterCount},
                    {"dtype", pipeline.summary().computeDtype},
                    {"device", pipeline.summary().device},
                    {"threads", threadCount()},
                    {"blas", blasCoreReport()}};
    std::cout << out.dump(2) << "\n";
    if (r.truncated())
        warnTruncated("run", request.maxNewTokens, true);
    return kExitOk;
}

int runRun(const std::vector<std::string> &argv)
{
    Args args(argv, {"scores", "force", "full-pass", "region-crop"});
    args.allowOnly({"model", "image", "task", "text", "region", "num-beams", "max-new-tokens", "min-new-tokens",
                    "scores", "threads", "device", "dtype", "force", "prompt", "parser", "preset", "adapter", "tiles",
                    "tile-size", "overlap", "full-pass", "merge", "region-crop"});
    const std::string modelDir = args.required("model");
    const std::string imagePath = args.required("image");

    AnnotateJob job;
    std::string customPrompt;
    // A custom task: --prompt TEXT --parser KIND, or a saved --preset NAME (florence-cli custom-task).
    const bool custom = args.has("prompt") || args.has("preset");
    if (custom) {
        if (args.has("task"))
            throw Error(ErrorKind::BadInput, "give either --task or a custom task (--prompt/--preset), not both");
        if (args.has("prompt") && args.has("preset"))
            throw Error(ErrorKind::BadInput, "give either --prompt or --preset, not both");
        CustomTask task;
        if (args.has("preset")) {
            task = CustomTaskStore().get(modelDir, args.required("preset"));
        } else {
            task.name = "command line";
            task.prompt = args.required("prompt");
            task.parser = outputParserFromString(args.value("parser", "text"));
            validateCustomTask(task);
        }
        job.task = parserTask(task.parser);
        customPrompt = task.prompt;
    } else {
        if (args.has("parser"))
            throw Error(ErrorKind::BadInput, "--parser applies to a custom task (--prompt TEXT)");
        job.task = parseTaskArg(args.required("task"));
    }
    job.text = args.value("text", "");
    job.numBeams = args.intValue("num-beams", 0, 1, 64);
    job.maxNewTokens = args.intValue("max-new-tokens", 1024, 1, 4096);
    job.scores = args.has("scores");
    const auto region = args.value("region");
    if (region && !job.text.empty())
        throw Error(ErrorKind::BadInput, "give the region either as --region or as <loc_> tokens in --text, not both");
    RunRequest request = region ? job.regionRequest(job.task, parseRegion(*region)) : job.request();
    request.customPrompt = customPrompt;
    // The reference's raw knobs, beyond what a job sets.
    request.minNewTokens = args.intValue("min-new-tokens", 0, 0, 4096);
    request.force = args.has("force");

    PipelineOptions options;
    options.threads = args.intValue("threads", 0, 1, 1024);
    options.device = computeDeviceFromString(args.value("device", "cpu"));
    options.precision = precisionFromString(args.value("dtype", "fp32"));
    setThreadCount(options.threads);
    const std::optional<TiledRunOptions> tiling = tilingFromArgs(args);
    const bool regionCrop = args.has("region-crop");
    if (tiling && !isTileable(request.task))
        throw Error(ErrorKind::BadInput, std::string("--tiles/--tile-size/--overlap/--full-pass: ") + taskInfo(request.task).token
                                             + " cannot run tiled (use <OD>, <DENSE_REGION_CAPTION>, <REGION_PROPOSAL>, "
                                               "<OCR_WITH_REGION>, <OPEN_VOCABULARY_DETECTION> or "
                                               "<CAPTION_TO_PHRASE_GROUNDING>; region tasks take --region-crop)");
    if (regionCrop && (!isRegionTask(request.task) || !request.region))
        throw Error(ErrorKind::BadInput, "--region-crop: needs a region task with --region X1,Y1,X2,Y2");

    // Fail on the request and the image before the (slow) model load.
    const RgbImage image = decodeImageFile(imagePath);
    (void)promptFor(request, image.width, image.height);
    options.adapterDir = args.value("adapter", "");

    const auto t0 = std::chrono::steady_clock::now();
    Pipeline pipeline(modelDir, options);
    const double loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    for (const std::string &line : pipeline.summary().log)
        std::cerr << "florence-cli run: " << line << "\n";

    if (tiling)
        return runTiledCommand(pipeline, image, request, *tiling, loadMs);
    const RunResult r = regionCrop ? runRegionCrop(pipeline, image, request) : pipeline.run(image, request);

    nlohmann::ordered_json out;
    out["task"] = taskInfo(r.task).token;
    if (!request.customPrompt.empty())
        out["parser"] = toString(outputParserForTask(r.task));
    out["prompt"] = r.prompt;
    out["input_ids"] = r.inputIds;
    out["sequence"] = r.sequence;
    out["text"] = r.text;
    out["result"] = toReferenceJson(r.result);
    if (request.scores) {
        out["transition_scores"] = r.transitionScores;
        if (r.sequenceScore)
            out["sequence_score"] = *r.sequenceScore;
    }
    out["image_size"] = {r.imageWidth, r.imageHeight};
    out["truncated"] = r.truncated;
    out["timings_ms"] = {{"load", loadMs},
                         {"preprocess", r.timings.preprocessMs},
                         {"vision", r.timings.visionMs},
                         {"encoder", r.timings.encoderMs},
                         {"decode", r.timings.decodeMs},
                         {"postprocess", r.timings.postprocessMs},
                         {"total", r.timings.totalMs}};
    out["model"] = {{"variant", pipeline.summary().variant},
                    {"parameters", pipeline.summary().parameterCount},
                    {"dtype", pipeline.summary().computeDtype},
                    {"device", pipeline.summary().device},
                    {"threads", threadCount()},
                    {"blas", blasCoreReport()}};
    std::cout << out.dump(2) << "\n";
    if (r.truncated)
        warnTruncated("run", request.maxNewTokens, false);
    return kExitOk;
}

const CommandRegistration reg(
    {"run", "run one task on one image (JSON: ids, text, result, scores, timings)",
     "run --model DIR --image FILE --task TASK [--text T] [--region X1,Y1,X2,Y2] [--num-beams N]\n"
     "       [--max-new-tokens N] [--min-new-tokens N] [--scores] [--threads N] [--device cpu|cuda]\n"
     "       [--dtype fp32|bf16|fp16] [--force] [--adapter LORA_DIR]\n"
     "       [--tiles NxM | --tile-size PX] [--overlap PX|FRAC] [--full-pass] [--merge nms|wbf] [--region-crop]\n"
     "   or: run --model DIR --image FILE --prompt TEXT [--parser text|boxes|quads|polygons|boxes-or-polygons]\n"
     "   or: run --model DIR --image FILE --preset NAME   (a custom task saved with florence-cli custom-task)\n"
     "Tiling (detection and OCR tasks) runs the task on every tile and prints the merged \"shapes\" in\n"
     "image pixels plus per-tile details; --region-crop runs a region task on a full-resolution crop\n"
     "of --region. \"truncated\": true means the answer hit --max-new-tokens (see docs/tiling.md).",
     runRun});

} // namespace
} // namespace florence::cli
