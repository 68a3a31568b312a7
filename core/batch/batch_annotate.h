#pragma once
// Headless pre-annotation of a folder: run a job on every image (or one shard of them), keep a
// checkpoint so an interrupted run resumes without redoing work, and write COCO files.
//
// Files, for `--out FILE`:
//   FILE                      COCO instances (always written, even when no image has a shape)
//   captionsPathFor(FILE)     COCO captions ("out.json" -> "out.captions.json"), for jobs whose
//                             answers are texts
//   FILE.checkpoint.jsonl     one line per finished image (JSON), appended and flushed as each
//                             image finishes; a crash loses at most the image in flight

#include "annotate/annotation.h"
#include "annotate/coco.h"
#include "run/job.h"
#include "tiling/tiled_run.h"

#include <atomic>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace florence {

/// Image files under `dir` (extensions jpg, jpeg, png, bmp, tif, tiff, webp, any case), as paths
/// relative to `dir` with '/' separators, sorted bytewise. Throws Error(Io) naming `dir` when it is
/// not a readable folder.
std::vector<std::string> listImageFiles(const std::string &dir, bool recursive = true);

/// The images of shard `index` of `count`: every count-th file starting at `index` (0-based).
/// Throws Error(BadInput) unless 0 <= index < count.
std::vector<std::string> shardOf(const std::vector<std::string> &files, int index, int count);

/// Parses "I/N" (1-based I, as users and Slurm array ids count: "1/4" .. "4/4") into (index, count)
/// with a 0-based index. Throws Error(BadInput) naming the text.
std::pair<int, int> parseShard(const std::string &text);

/// "out.json" -> "out.json.checkpoint.jsonl".
std::string checkpointPathFor(const std::string &instancesPath);

/// Settings of one batch.
struct BatchOptions
{
    std::string inputDir;
    std::string outPath;         ///< COCO instances file to write
    AnnotateJob job;
    int shardIndex = 0;          ///< 0-based
    int shardCount = 1;
    bool restart = false;        ///< ignore (and replace) an existing checkpoint
    bool recursive = true;
    /// Run the job tiled (see tiling/tiled_run.h): detection/OCR tasks without a chain only. The
    /// tiling enters the job key ("<OD>|tiles=1024/128"), so a checkpoint never mixes the two.
    std::optional<TiledRunOptions> tiling;
    /// A prompt → label table (annotate/prompt_table.h): when not empty, job.task (a prompt-table
    /// task) runs once per row with runPromptTable() and job.text is ignored. Enters the job key as
    /// "|prompts=<hash of the table>", so a changed table runs again.
    std::vector<PromptLabel> prompts;
    /// Images whose runs go through the model together (Pipeline::runBatch via runJobBatch); the
    /// output is the same for every value. Untiled jobs only (tiles run one image at a time).
    int batchSize = 1;
};

/// The key of a batch's job in checkpoints and ImageRecord::doneTasks: job.key(), plus
/// "|tiles=..." describing the tiling when there is one.
std::string batchJobKey(const BatchOptions &options);

/// `key` plus "|tiles=<size or CxR>/<overlap>[+full]/<box merge>" when `tiling` is set, else `key`:
/// a job run tiled is another job than the same job run on whole images (batchJobKey; the GUI's
/// doneTasks use it too, so the CLI and the app agree on what a tiled run has done).
std::string withTilingKey(std::string key, const std::optional<TiledRunOptions> &tiling);

/// Reported after every image (processed, skipped from the checkpoint, or failed).
struct BatchEvent
{
    int done = 0;                ///< images finished so far, including skipped and failed ones
    int total = 0;               ///< images of this shard
    int failed = 0;
    int skipped = 0;             ///< taken from the checkpoint
    std::string image;           ///< relative path of the image just finished
    std::string error;           ///< non-empty when it failed
    double imageMs = 0.0;        ///< wall time spent on it (0 when skipped)
};

/// Outcome of a batch.
struct BatchSummary
{
    int total = 0;
    int processed = 0;
    int skipped = 0;
    std::vector<std::pair<std::string, std::string>> failures; ///< image, message
    std::string instancesPath;
    std::string captionsPath;    ///< empty when no captions file was written
    std::vector<std::string> truncated; ///< images whose answer (or a tile's) hit max_new_tokens
};

/// Runs the batch (batchSize images at a time through the model). Images whose answer hit max_new_tokens get "truncated": true on their COCO
/// image entry and in each of their annotations' attributes (and in the checkpoint). A failing image is reported and the rest go on. Throws Error(BadInput) for a
/// bad job, shard or a checkpoint written by a different job/shard (unless restart), Error(Io)
/// when the output cannot be written, Error(Cancelled) when *cancel becomes true (the checkpoint
/// keeps every finished image; no COCO file is written).
BatchSummary runBatch(Pipeline &pipeline, const BatchOptions &options,
                      const std::function<void(const BatchEvent &)> &onImage = {},
                      const std::function<void(const JobProgress &)> &onProgress = {},
                      const std::atomic<bool> *cancel = nullptr);

} // namespace florence
