// florence-cli run: one Florence-2 task on one image, everything the reference's generate and
// post_process_generation return, as JSON.
#include "commands.h"

#include "common/error.h"
#include "common/threads.h"
#include "image/decode.h"
#include "pipeline.h"
#include "run/job.h"
#include "tasks/custom_task.h"
#include "tasks/prompt.h"
#include "text/tokenizer.h"

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

int runRun(const std::vector<std::string> &argv)
{
    Args args(argv, {"scores", "force"});
    args.allowOnly({"model", "image", "task", "text", "region", "num-beams", "max-new-tokens", "min-new-tokens",
                    "scores", "threads", "device", "dtype", "force", "prompt", "parser", "preset", "adapter"});
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

    // Fail on the request and the image before the (slow) model load.
    const RgbImage image = decodeImageFile(imagePath);
    (void)promptFor(request, image.width, image.height);
    options.adapterDir = args.value("adapter", "");

    const auto t0 = std::chrono::steady_clock::now();
    Pipeline pipeline(modelDir, options);
    const double loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    for (const std::string &line : pipeline.summary().log)
        std::cerr << "florence-cli run: " << line << "\n";

    const RunResult r = pipeline.run(image, request);

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
                    {"threads", threadCount()}};
    std::cout << out.dump(2) << "\n";
    return kExitOk;
}

const CommandRegistration reg(
    {"run", "run one task on one image (JSON: ids, text, result, scores, timings)",
     "run --model DIR --image FILE --task TASK [--text T] [--region X1,Y1,X2,Y2] [--num-beams N]\n"
     "       [--max-new-tokens N] [--min-new-tokens N] [--scores] [--threads N] [--device cpu|cuda]\n"
     "       [--dtype fp32|bf16|fp16] [--force] [--adapter LORA_DIR]\n"
     "   or: run --model DIR --image FILE --prompt TEXT [--parser text|boxes|quads|polygons|boxes-or-polygons]\n"
     "   or: run --model DIR --image FILE --preset NAME   (a custom task saved with florence-cli custom-task)",
     runRun});

} // namespace
} // namespace florence::cli
