#pragma once
// What to run on an image: one task (on the whole image or on regions of it), or a chain of a
// detection task followed by a region task on each detected box. This is the one place where a
// task, its text input, an optional region and the generation settings become a RunRequest; the
// GUI's inference worker, the GUI batch and `florence-cli annotate` all run jobs through the
// functions below.

#include "annotate/prompt_table.h"
#include "pipeline.h"
#include "tasks/result_annotations.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

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
/// The region task a chain runs on every detected box (Task::RegionToSegmentation or
/// Task::RegionToDescription); throws Error(BadInput) for Chain::None.
Task chainRegionTask(Chain chain);

/// A job: a task (or the detection step of a chain) with its input and generation settings.
struct AnnotateJob
{
    Task task = Task::ObjectDetection; ///< the task, or the detection step of a chain
    Chain chain = Chain::None;
    std::string text;                  ///< input of text tasks (e.g. the OVD category)
    int numBeams = 0;                  ///< 0: the model's default
    int maxNewTokens = 1024;
    bool scores = false;               ///< per-instance confidences
    /// A custom task (core/tasks/custom_task.h): the processor text sent instead of the task's
    /// prompt; `task` is then parserTask(parser), whose post-processing applies. Empty: none.
    std::string customPrompt;

    /// Identifies the job in ImageRecord::doneTasks and batch checkpoints, e.g. "<OD>",
    /// "<OD>+segment", "<OPEN_VOCABULARY_DETECTION>:car"; a custom task "custom:<OD>:PROMPT".
    std::string key() const;
    /// Throws Error(BadInput) when the job cannot run on whole images: a region task (it needs a
    /// region per image), a text task without text, a chain whose first step gives no boxes. A
    /// custom task needs no text (its prompt is the whole input) and takes none.
    void validate() const;

    /// The request of this job's task on the whole image (text tasks get `text`).
    RunRequest request() const;
    /// The request of region task `regionTask` on `region` (image pixels) with this job's
    /// generation settings: what a region run and every step of a chain send.
    RunRequest regionRequest(Task regionTask, const Box &region) const;
};

/// Progress of a job: which of its runs is going (1-based, of `runs` known so far) and that run's progress.
struct JobProgress
{
    int run = 1;
    int runs = 1;
    RunProgress progress;
};
using JobProgressCallback = std::function<void(const JobProgress &)>;

/// Runs `job` on the whole `image` and turns the answer into annotations. A chain then runs its
/// region task on every detected box (the pipeline caches the image features, so the vision tower
/// runs once) and attaches each answer with attachRegionAnswer(); a box whose answer carries
/// nothing stays as detected. When `runResults` is given, every pipeline run's result (raw text,
/// timings) is appended to it in order. Throws Error(BadInput) from validate() and what
/// Pipeline::run throws.
ResultAnnotations runJob(Pipeline &pipeline, const RgbImage &image, const AnnotateJob &job,
                         const JobProgressCallback &progress = {}, const std::atomic<bool> *cancel = nullptr,
                         std::vector<RunResult> *runResults = nullptr);

/// What runJobBatch gives for one image: its annotations and every pipeline run's result, or the
/// error the image met (the other images go on).
struct JobOutcome
{
    std::optional<ResultAnnotations> annotations;
    std::vector<RunResult> runs;             ///< in the order runJob would produce them
    ErrorKind errorKind = ErrorKind::Internal; ///< without annotations
    std::string error;                       ///< without annotations: the message
    bool ok() const { return annotations.has_value(); }
};
/// (image index, that image's job progress).
using BatchJobProgressCallback = std::function<void(std::size_t, const JobProgress &)>;

/// runJob on several images, with the pipeline runs batched (Pipeline::runBatch, at most
/// `batchSize` requests at a time): the whole-image requests of all images together, then a
/// chain's region requests image by image (its boxes together, the vision tower once). Every
/// image gets what runJob gives it alone. An image whose request fails (a bad request) gets the
/// error and the others go on; Error(Cancelled) when *cancel is set and Error(Internal) are thrown.
/// Throws Error(BadInput) from validate().
std::vector<JobOutcome> runJobBatch(Pipeline &pipeline, const std::vector<const RgbImage *> &images,
                                    const AnnotateJob &job, int batchSize,
                                    const BatchJobProgressCallback &progress = {},
                                    const std::atomic<bool> *cancel = nullptr);

/// Runs region task `job.task` once per region (image pixels, in this order) with the job's
/// settings; one result per region. Throws Error(BadInput) when job.task is not a region task or
/// `regions` is empty, and what Pipeline::run throws.
std::vector<RunResult> runRegions(Pipeline &pipeline, const RgbImage &image, const AnnotateJob &job,
                                  const std::vector<Box> &regions, const JobProgressCallback &progress = {},
                                  const std::atomic<bool> *cancel = nullptr);

/// The provenance of shapes `pipeline` makes now for a run whose text input is `prompt`: model
/// name, checkpoint id, prompt and the current UTC time.
Provenance runProvenance(const Pipeline &pipeline, const std::string &prompt);
/// Sets `provenance` on every shape of `shapes`.
void stampProvenance(std::vector<Shape> &shapes, const Provenance &provenance);
/// The current UTC time as ISO 8601 "YYYY-MM-DDTHH:MM:SSZ".
std::string utcTimestamp();

/// True for the tasks a prompt table runs (see annotate/prompt_table.h).
bool isPromptTableTask(Task task);

/// The key of a prompt-table run of `task` in doneTasks and batch checkpoints:
/// "<TASK>|prompts=<16 hex digits of the table's sha256>", so a changed table runs again.
std::string promptTableJobKey(Task task, const std::vector<PromptLabel> &table);

/// Runs `job` (a prompt-table task; its text is ignored) once per row of `table` with the row's
/// prompt as text, and labels every shape of a row's answer with the row's label (an empty label
/// keeps the model's). Shapes come in row order; each keeps its row's prompt in its provenance.
/// Progress counts rows as runs. Throws Error(BadInput) for another task or an empty table, and
/// what Pipeline::run throws.
ResultAnnotations runPromptTable(Pipeline &pipeline, const RgbImage &image, const AnnotateJob &job,
                                 const std::vector<PromptLabel> &table, const JobProgressCallback &progress = {},
                                 const std::atomic<bool> *cancel = nullptr, std::vector<RunResult> *runResults = nullptr);

} // namespace florence
