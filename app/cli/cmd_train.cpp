// florence-cli train: fine-tunes a model folder on a fine-tuning JSONL or a project's reviewed
// annotations (core/train/trainer.h) and writes the trained model folder, with progress,
// cancellation (Ctrl+C saves a checkpoint) and --resume.
#include "commands.h"

#include "common/error.h"
#include "train/trainer.h"
#include "train/training_data.h"
#include "common/file_io.h"

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace florence::cli {
namespace {

std::atomic<bool> g_cancel{false};

void onSignal(int)
{
    g_cancel = true;
}

double doubleValue(const Args &args, const std::string &name, double fallback)
{
    const auto v = args.value(name);
    if (!v)
        return fallback;
    const std::vector<double> d = parseDoubleList(*v, "option --" + name);
    if (d.size() != 1 || !std::isfinite(d[0]))
        throw Error(ErrorKind::BadInput, "option --" + name + ": expected one number, got '" + *v + "'");
    return d[0];
}

std::int64_t stepsValue(const Args &args, const std::string &name, std::int64_t fallback)
{
    return args.intValue(name, int(fallback), 0, 1000000000);
}

int runTrain(const std::vector<std::string> &argv)
{
    Args args(argv, {"no-shuffle", "resume", "all-images"});
    args.allowOnly({"model", "project", "jsonl", "valid-jsonl", "valid-fraction", "tasks", "out", "export-jsonl",
                    "batch-size", "grad-accum", "epochs", "max-steps", "lr", "lr-schedule", "warmup-steps",
                    "weight-decay", "grad-clip", "freeze", "dropout", "seed", "threads", "no-shuffle", "resume", "all-images"});
    if (!args.positionals().empty())
        throw Error(ErrorKind::BadInput, "train: unexpected argument '" + args.positionals().front() + "'");
    if (args.has("project") == args.has("jsonl"))
        throw Error(ErrorKind::BadInput, "train: give exactly one of --project FILE and --jsonl FILE");
    const std::string out = args.required("out");

    TrainSettings s;
    s.batchSize = args.intValue("batch-size", s.batchSize, 1, 4096);
    s.gradAccum = args.intValue("grad-accum", s.gradAccum, 1, 4096);
    s.epochs = args.intValue("epochs", s.epochs, 1, 100000);
    s.maxSteps = stepsValue(args, "max-steps", 0);
    s.lr = doubleValue(args, "lr", s.lr);
    s.schedule = lrScheduleFromString(args.value("lr-schedule", "linear"));
    s.warmupSteps = stepsValue(args, "warmup-steps", 0);
    s.weightDecay = doubleValue(args, "weight-decay", s.weightDecay);
    s.gradClip = doubleValue(args, "grad-clip", s.gradClip);
    const std::string freeze = args.value("freeze", "vision");
    if (freeze != "vision" && freeze != "none")
        throw Error(ErrorKind::BadInput, "option --freeze: '" + freeze + "' is not vision or none");
    s.freezeVision = freeze == "vision";
    const std::string dropout = args.value("dropout", "on");
    if (dropout != "on" && dropout != "off")
        throw Error(ErrorKind::BadInput, "option --dropout: '" + dropout + "' is not on or off");
    s.dropout = dropout == "on";
    s.shuffle = !args.has("no-shuffle");
    s.seed = std::uint64_t(args.intValue("seed", 0, 0, 2147483647));
    s.threads = args.intValue("threads", 0, 0, 1024);

    // Data first (cheap, validated before the model load).
    std::vector<TrainingExample> train, valid;
    std::string description;
    if (const auto jsonl = args.value("jsonl")) {
        train = loadJsonl(*jsonl);
        description = "jsonl " + std::filesystem::absolute(*jsonl).string();
    } else {
        std::vector<Task> tasks;
        for (const std::string &t : splitList(args.value("tasks", "OD,OCR_WITH_REGION,CAPTION,DETAILED_CAPTION,MORE_DETAILED_CAPTION")))
            tasks.push_back(parseTaskArg(t));
        const std::string projectPath = *args.value("project");
        Project project = loadProject(projectPath);
        if (project.rootDir.empty())
            project.rootDir = std::filesystem::absolute(std::filesystem::u8path(projectPath)).parent_path().u8string();
        train = examplesFromProject(project, tasks, !args.has("all-images"));
        description = "project " + std::filesystem::absolute(projectPath).string();
    }
    if (const auto v = args.value("valid-jsonl")) {
        valid = loadJsonl(*v);
    } else if (args.has("valid-fraction")) {
        TrainValidSplit split = splitTrainValid(train, doubleValue(args, "valid-fraction", 0.0));
        train = std::move(split.train);
        valid = std::move(split.valid);
    }
    if (const auto dir = args.value("export-jsonl")) {
        std::filesystem::create_directories(std::filesystem::u8path(*dir));
        writeFileAtomic(*dir + "/train.jsonl", toJsonl(train));
        writeFileAtomic(*dir + "/valid.jsonl", toJsonl(valid));
        std::cout << "train: wrote " << train.size() << " training and " << valid.size() << " validation examples to "
                  << *dir << "\n";
    }
    if (train.empty())
        throw Error(ErrorKind::BadInput, "train: no training examples (a project needs reviewed images with annotations "
                                         "for the chosen --tasks; --all-images takes every annotated image)");

    Trainer trainer(args.required("model"), s);
    trainer.setData(std::move(train), std::move(valid));
    for (const std::string &w : trainer.warnings())
        std::cerr << "warning: " << w << "\n";
    const std::string checkpointDir = out + "/checkpoint";
    if (args.has("resume")) {
        trainer.resumeFrom(checkpointDir);
        std::cout << "train: resumed at step " << trainer.step() << "\n";
    }
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    auto onProgress = [&](const TrainProgress &p) {
        char line[256];
        if (p.validation)
            std::snprintf(line, sizeof line, "epoch %d: validation loss %.6f\n", p.epoch + 1, p.validLoss);
        else
            std::snprintf(line, sizeof line, "step %lld/%lld  epoch %d  loss %.6f  lr %.3g  %.2f examples/s\n",
                          (long long)p.step, (long long)p.totalSteps, p.epoch + 1, p.loss, p.lr, p.examplesPerSecond);
        std::cout << line << std::flush;
    };
    const TrainResult r = trainer.run(onProgress, &g_cancel);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (r.cancelled) {
        trainer.saveCheckpoint(checkpointDir);
        std::cerr << "train: cancelled after step " << r.steps << "; checkpoint in " << checkpointDir
                  << " (continue with --resume)\n";
        return kExitCancelled;
    }
    trainer.saveModel(out, description);
    trainer.saveCheckpoint(checkpointDir);
    char summary[256];
    std::snprintf(summary, sizeof summary, "train: %lld steps in %.1f s, %.2f examples/s, peak memory %.0f MiB\n",
                  (long long)r.steps, r.seconds, r.examplesPerSecond, double(r.peakRssBytes) / (1 << 20));
    std::cout << summary << "train: wrote the model folder " << out << "\n";
    return kExitOk;
}

const CommandRegistration reg(
    {"train", "fine-tune a model on a JSONL or a project's reviewed annotations",
     "train --model DIR (--jsonl FILE | --project FILE [--tasks OD,CAPTION,...] [--all-images]) --out DIR\n"
     "       [--valid-jsonl FILE | --valid-fraction X] [--export-jsonl DIR]\n"
     "       [--batch-size N (8)] [--grad-accum N (1)] [--epochs N (1)] [--max-steps N (0: epochs decide)]\n"
     "       [--lr X (1e-6)] [--lr-schedule constant|linear (linear)] [--warmup-steps N (0)]\n"
     "       [--weight-decay X (0.01)] [--grad-clip X (1.0; 0: off)] [--freeze vision|none (vision)]\n"
     "       [--dropout on|off (on)] [--no-shuffle] [--seed N] [--threads N] [--resume]\n"
     "       Writes OUT/model.safetensors + configs + tokenizer + training_record.json, and OUT/checkpoint/;\n"
     "       Ctrl+C stops after the current step and saves the checkpoint.",
     runTrain});

} // namespace
} // namespace florence::cli
