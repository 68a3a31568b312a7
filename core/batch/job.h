#pragma once
// What to run on an image for pre-annotation: one task, or a chain of a detection task followed by
// a region task on each detected box. Shared by the GUI's batch runs and `florence-cli annotate`.

#include "pipeline.h"
#include "tasks/result_annotations.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>

namespace florence {

/// Two-step recipes producing instance-level results for a whole image.
enum class Chain {
    None,               ///< just the task
    DetectThenSegment,  ///< detection, then <REGION_TO_SEGMENTATION> per box: one polygon per object
    DetectThenDescribe, ///< detection, then <REGION_TO_DESCRIPTION> per box: boxes with descriptions
};

/// "none", "segment", "describe".
const char *toString(Chain chain);
/// Inverse of toString(Chain); throws Error(BadInput) naming the value.
Chain chainFromString(const std::string &name);

/// A pre-annotation job.
struct AnnotateJob
{
    Task task = Task::ObjectDetection; ///< the task, or the detection step of a chain
    Chain chain = Chain::None;
    std::string text;                  ///< input of text tasks (e.g. the OVD category)
    int numBeams = 0;                  ///< 0: the model's default
    int maxNewTokens = 1024;
    bool scores = false;               ///< per-instance confidences

    /// Identifies the job in ImageRecord::doneTasks and batch checkpoints, e.g. "<OD>",
    /// "<OD>+segment", "<OPEN_VOCABULARY_DETECTION>:car".
    std::string key() const;
    /// Throws Error(BadInput) when the job cannot run on whole images: a region task (it needs a
    /// region per image), a text task without text, a chain whose first step gives no boxes.
    void validate() const;
};

/// Progress of a job: which of its runs is going (1-based, of `runs` known so far) and that run's progress.
struct JobProgress
{
    int run = 1;
    int runs = 1;
    RunProgress progress;
};

/// Runs `job` on `image`. Chains reuse the image features (the pipeline caches them). A chain
/// whose region step gives no polygon keeps the detected box. When `runResults` is given, every
/// pipeline run's result (raw text, timings) is appended to it in order. Throws what
/// Pipeline::run throws.
ResultAnnotations runJob(Pipeline &pipeline, const RgbImage &image, const AnnotateJob &job,
                         const std::function<void(const JobProgress &)> &progress = {},
                         const std::atomic<bool> *cancel = nullptr, std::vector<RunResult> *runResults = nullptr);

} // namespace florence
