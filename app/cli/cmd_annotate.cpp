// florence-cli annotate: pre-annotate a folder (or one shard of it) into COCO files, resumably.
#include "commands.h"

#include "annotate/prompt_table.h"
#include "batch/batch_annotate.h"
#include "batch/batch_size.h"
#include "common/error.h"
#include "common/blas_core.h"
#include "common/threads.h"
#include "pipeline.h"
#include "tasks/task.h"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace florence::cli {
namespace {

std::atomic<bool> g_interrupted{false};

void onSignal(int)
{
    g_interrupted = true;
}

std::string gib(std::int64_t bytes)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f GiB", double(bytes) / double(1ll << 30));
    return buf;
}

std::string duration(double seconds)
{
    const long s = long(seconds + 0.5);
    char buf[32];
    if (seconds < 10)
        std::snprintf(buf, sizeof buf, "%.1fs", seconds);
    else if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
    else if (s >= 60)
        std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%lds", s);
    return buf;
}

int runAnnotate(const std::vector<std::string> &argv)
{
    Args args(argv, {"scores", "restart", "no-recursive", "full-pass"});
    args.allowOnly({"model", "task", "text", "chain", "num-beams", "max-new-tokens", "scores", "out", "shard", "restart",
                    "threads", "device", "dtype", "no-recursive", "tiles", "tile-size", "overlap", "full-pass", "merge", "prompts",
                    "batch-size"});
    if (args.positionals().size() != 1)
        throw Error(ErrorKind::BadInput, "expected exactly one INPUT_DIR, got " + std::to_string(args.positionals().size()));

    BatchOptions options;
    options.inputDir = args.positionals().front();
    options.outPath = args.required("out");
    options.job.task = args.value("task") || !args.value("prompts") ? parseTaskArg(args.required("task")) : Task::OpenVocabularyDetection;
    options.job.text = args.value("text", "");
    options.job.chain = chainFromString(args.value("chain", "none"));
    options.job.numBeams = args.intValue("num-beams", 0, 1, 64);
    options.job.maxNewTokens = args.intValue("max-new-tokens", 1024, 1, 4096);
    options.job.scores = args.has("scores");
    options.restart = args.has("restart");
    const bool batchGiven = args.value("batch-size").has_value();
    const int wantedBatch = args.intValue("batch-size", kDefaultBatchSize, 1, 256);
    options.recursive = !args.has("no-recursive");
    if (const auto shard = args.value("shard"))
        std::tie(options.shardIndex, options.shardCount) = parseShard(*shard);
    if (const auto prompts = args.value("prompts")) {
        const PromptTable table = loadPromptTable(*prompts);
        if (table.empty())
            throw Error(ErrorKind::BadInput, "--prompts: '" + *prompts + "' has no rows");
        if (!args.value("task")) {
            if (table.task.empty())
                throw Error(ErrorKind::BadInput, "--prompts: '" + *prompts + "' names no task; add --task");
            options.job.task = parseTaskArg(table.task);
        }
        if (!isPromptTableTask(options.job.task))
            throw Error(ErrorKind::BadInput, std::string("--prompts runs ") + kPromptTableTasks + ", not "
                                                 + taskInfo(options.job.task).token);
        if (options.job.chain != Chain::None || args.value("text"))
            throw Error(ErrorKind::BadInput, "--prompts takes its texts from the table: drop --text and --chain");
        options.prompts = table.rows;
        options.job.text = table.rows.front().prompt; // validate() sees a text task with text
    }
    options.job.validate();
    options.tiling = tilingFromArgs(args);
    if (options.tiling && !options.prompts.empty())
        throw Error(ErrorKind::BadInput, "--prompts does not combine with --tiles/--tile-size yet");
    if (options.tiling && options.job.chain != Chain::None)
        throw Error(ErrorKind::BadInput, "--tiles/--tile-size do not combine with --chain yet");
    if (options.tiling && !isTileable(options.job.task))
        throw Error(ErrorKind::BadInput, std::string("--tiles/--tile-size: ") + taskInfo(options.job.task).token
                                             + " cannot run tiled (detection and OCR tasks can)");

    PipelineOptions po;
    po.threads = args.intValue("threads", 0, 1, 1024);
    po.device = computeDeviceFromString(args.value("device", "cpu"));
    po.precision = precisionFromString(args.value("dtype", "fp32"));
    setThreadCount(po.threads);
    // Validate the inputs before the (slow) model load.
    const std::size_t count = shardOf(listImageFiles(options.inputDir, options.recursive), options.shardIndex,
                                      options.shardCount).size();
    Pipeline pipeline(args.required("model"), po);

    // Batch size: lowered until the memory estimate fits in 80 % of the memory available now (the
    // GUI batch chooses it with the same function).
    options.batchSize = wantedBatch;
    std::string batchNote;
    if (options.tiling) {
        options.batchSize = 1;
        batchNote = "1 (tiled jobs run one image at a time)";
    } else if (!options.prompts.empty()) {
        options.batchSize = 1;
        batchNote = "1 (a prompt table runs its rows one after another)";
    } else {
        const BatchSizeChoice choice = chooseBatchSize(pipeline, wantedBatch, options.job, batchAvailableMemory());
        options.batchSize = choice.size;
        batchNote = std::to_string(options.batchSize) + (batchGiven ? "" : " (default)");
        if (choice.lowered())
            batchNote += ", lowered from " + std::to_string(wantedBatch) + " to fit in memory";
        batchNote += "; estimated " + gib(choice.estimateBytes) + " beyond the weights"
                     + (choice.availableBytes > 0 ? ", " + gib(choice.availableBytes) + " available"
                                                  : std::string(", available memory unknown"));
    }

    const bool tty = ::isatty(STDOUT_FILENO);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    double spentMs = 0.0;
    int timed = 0;
    std::cout << "annotate: " << count << " images, job " << batchJobKey(options) << (options.tiling ? " (tiled)" : "") << ", shard " << options.shardIndex + 1
              << "/" << options.shardCount << "\n"
              << "annotate: batch size " << batchNote << "\n"
              << (blasCoreReport().empty() ? std::string() : "annotate: " + blasCoreReport() + "\n")
              << std::flush;
    auto onImage = [&](const BatchEvent &e) {
        if (e.imageMs > 0) {
            spentMs += e.imageMs;
            ++timed;
        }
        const double perImage = timed ? spentMs / timed / 1000.0 : 0.0;
        const double eta = perImage * (e.total - e.done);
        const int width = 30;
        const int filled = e.total ? int(double(e.done) / e.total * width) : width;
        std::string line = "[" + std::string(std::size_t(filled), '#') + std::string(std::size_t(width - filled), '.') + "] "
                           + std::to_string(e.done) + "/" + std::to_string(e.total);
        if (timed)
            line += "  " + duration(perImage) + "/img  ETA " + duration(eta);
        if (e.failed)
            line += "  failed " + std::to_string(e.failed);
        if (tty)
            std::cout << "\r" << line << "  " << e.image.substr(0, 40) << "\x1b[K" << std::flush;
        else
            std::cout << line << "  " << e.image << (e.imageMs == 0.0 && e.error.empty() ? " (done before)" : "") << "\n"
                      << std::flush;
        if (!e.error.empty())
            std::cerr << (tty ? "\n" : "") << "florence-cli annotate: failed: " << e.image << ": " << e.error << "\n";
    };
    const BatchSummary s = runBatch(pipeline, options, onImage, {}, &g_interrupted);
    if (tty)
        std::cout << "\n";
    if (!s.truncated.empty())
        std::cerr << "florence-cli annotate: " << s.truncated.size() << " image(s) hit --max-new-tokens ("
                  << options.job.maxNewTokens << "), marked \"truncated\": true in the COCO file, e.g. " << s.truncated.front()
                  << "; " << (options.tiling ? "use smaller tiles" : "tile them (--tile-size 1024 or --tiles 2x2)")
                  << " or raise --max-new-tokens\n";
    std::cout << "annotate: " << s.processed << " processed, " << s.skipped << " done before, " << s.failures.size()
              << " failed; wrote " << s.instancesPath << (s.captionsPath.empty() ? "" : " and " + s.captionsPath) << "\n";
    return s.failures.empty() ? kExitOk : kExitPartial;
}

const CommandRegistration reg(
    {"annotate", "pre-annotate a folder into COCO (resumable, shardable)",
     "annotate --model DIR --task TASK [--text T] [--chain segment|describe] [--num-beams N]\n"
     "       [--max-new-tokens N] [--scores] [--shard I/N] [--restart] [--no-recursive] [--threads N]\n"
     "       [--device cpu|cuda] [--dtype fp32|bf16|fp16] [--batch-size N]\n"
     "       [--tiles NxM | --tile-size PX] [--overlap PX|FRAC] [--full-pass] [--merge nms|wbf]\n"
     "       [--prompts TABLE.json] INPUT_DIR --out FILE\n"
     "--prompts runs the task once per row of a prompt -> label table ({\"task\": ..., \"rows\":\n"
     "[{\"prompt\": \"a red car\", \"label\": \"car\"}, ...]}; the task defaults to the table's) and\n"
     "labels each row's results with its label.\n"
     "Writes FILE (COCO instances), FILE-without-.json + .captions.json for text answers, and the\n"
     "checkpoint FILE.checkpoint.jsonl (rerun the same command to resume). Exit status 1 when some\n"
     "images failed (each named on stderr; the others are written).\n"
     "--batch-size N: images run through the model together (default 8; lowered when the memory\n"
     "estimate does not fit); the output is identical for every N.",
     runAnnotate});

} // namespace
} // namespace florence::cli
