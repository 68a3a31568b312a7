#pragma once
// The one facade of Florence Studio's core: load a Florence-2 model folder, run a task on an
// image, get the reference's answer plus timings. Used by the GUI's inference worker and by
// florence-cli; torch-free header (the network hides behind a pimpl).

#include "annotate/annotation.h"
#include "common/error.h"
#include "generate/generation.h"
#include "image/decode.h"
#include "image/preprocess.h"
#include "tasks/postprocess.h"
#include "tasks/task.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace florence {

class Tokenizer;

/// Where the network runs.
enum class ComputeDevice { Cpu, Cuda };
/// Compute precision. The reference computes in float32 even for fp16 checkpoints.
enum class Precision { Fp32, Bf16, Fp16 };

/// "cpu"/"cuda" and "fp32"/"bf16"/"fp16".
const char *toString(ComputeDevice device);
const char *toString(Precision precision);
/// Parses "cpu"/"cuda"; throws Error(BadInput) naming the value.
ComputeDevice computeDeviceFromString(const std::string &name);
/// Parses "fp32"/"float32"/"bf16"/"bfloat16"/"fp16"/"float16"; throws Error(BadInput) naming the value.
Precision precisionFromString(const std::string &name);
/// Whether this libtorch build can run on CUDA right now (a CUDA build and a visible GPU).
bool cudaAvailable();

/// How to load a model.
struct PipelineOptions
{
    ComputeDevice device = ComputeDevice::Cpu;
    Precision precision = Precision::Fp32; ///< Fp16 needs CUDA; Bf16 works on CPU and CUDA
    int threads = 0;                       ///< CPU intra-op threads; <= 0: keep the current setting
    std::string adapterDir;                ///< a LoRA/PEFT adapter folder merged at load (core/io/lora.h), or empty
};

/// What was loaded, for display.
struct ModelSummary
{
    std::string dir;              ///< model folder as given
    std::string name;             ///< io::modelDisplayName(dir): "ORG/NAME" in the HF cache, else the folder name
    std::string checkpointId;     ///< io::checkpointId() of the weight files (provenance of every shape)
    std::string variant;          ///< "base", "large", "base-ft", "large-ft" or "custom"
    std::string weightsFormat;    ///< "safetensors" or "pytorch_model.bin"
    std::string layout;           ///< "remote" (microsoft remote code) or "native" (transformers-native)
    std::string declaredDtype;    ///< config.json torch_dtype
    std::string computeDtype;     ///< "fp32", "bf16" or "fp16"
    std::string device;           ///< "cpu" or "cuda"
    std::int64_t parameterCount = 0;
    double loadMs = 0.0;          ///< wall time of the constructor
    std::vector<std::string> log; ///< loader notes (tied weights, dropped keys, ...)
};

/// Stages of one run, in order.
enum class RunStage { Preprocess, Vision, Encoder, Decoding, Postprocess };
/// Lower-case name of a stage ("preprocess", ..., "decoding", "postprocess").
const char *toString(RunStage stage);

/// Progress of a run, reported on the calling thread.
struct RunProgress
{
    RunStage stage = RunStage::Preprocess;
    int tokens = 0;     ///< Decoding: new tokens so far in the best open beam
    int maxTokens = 0;  ///< Decoding: max_new_tokens
};

/// One request: a task on the image, with its input and generation settings.
struct RunRequest
{
    Task task = Task::Caption;
    std::string text;              ///< text input (text tasks) or "<loc_..>" x4 (region tasks without `region`)
    std::optional<Box> region;     ///< region tasks: the region in image pixels (quantized like the model expects)
    int numBeams = 0;              ///< 0: the model's default (text_config.num_beams)
    int maxNewTokens = 1024;       ///< capped to the model's position table
    int minNewTokens = 0;
    bool scores = false;           ///< also compute per-instance confidences (score-mode post-processing)
    bool force = false;            ///< run a text/region task even with an empty input
    /// Custom task (core/tasks/custom_task.h): when not empty, this processor text replaces the
    /// task's prompt (task tokens in it are expanded as by the reference) and `task` only chooses
    /// the output parser (parserTask()); `text`/`region` are ignored.
    std::string customPrompt;
};

/// Wall-clock milliseconds per stage; total is everything after the model was loaded.
struct RunTimings
{
    double preprocessMs = 0.0;
    double visionMs = 0.0;      ///< 0 when the image features came from the cache
    double encoderMs = 0.0;
    double decodeMs = 0.0;
    double postprocessMs = 0.0;
    double totalMs = 0.0;
    int decodeSteps = 0;
    bool visionCached = false;
    /// Requests run together (Pipeline::runBatch; 1 for run()). In a batch, visionMs and encoderMs
    /// are the batch's stage time divided by the requests that needed it (so per-image times add
    /// up to the wall time), decodeMs is from the batch's first step to this request's last.
    int batchSize = 1;
};

/// The answer of one run, in the reference's terms.
struct RunResult
{
    Task task = Task::Caption;
    std::string prompt;                    ///< the constructed prompt
    std::vector<std::int64_t> inputIds;    ///< tokenized prompt (<s> ... </s>)
    std::vector<std::int64_t> sequence;    ///< generated ids, starting with the decoder start token
    std::string text;                      ///< decoded sequence, special tokens kept
    PostprocessResult result;              ///< post-processed answer (score mode when request.scores)
    std::vector<float> transitionScores;   ///< one per generated token (len(sequence) - 1)
    std::optional<float> sequenceScore;    ///< beam search's length-normalised score
    std::vector<int> beamIndices;          ///< beam slot per generated token (greedy: 0)
    std::vector<FinishedHypothesis> finishedHypotheses; ///< beam search: every hypothesis offered, in order
    /// The answer used the whole max_new_tokens budget (generation stopped there, EOS forced), so
    /// it is probably cut short: common for OCR of dense pages; tiling the image helps.
    bool truncated = false;
    int imageWidth = 0;
    int imageHeight = 0;
    RunTimings timings;
};

/// One request of a batch (Pipeline::runBatch).
struct BatchRequest
{
    const PreprocessedImage *input = nullptr;  ///< the model input of the image; not owned, must outlive the call
    RunRequest request;
    const std::atomic<bool> *cancel = nullptr; ///< cancels this request only: it leaves the batch, the others go on
};

/// What became of one request of a batch: its result, or the error it met while the others went on.
struct BatchOutcome
{
    std::optional<RunResult> result;
    ErrorKind errorKind = ErrorKind::Internal; ///< without a result: BadInput (a request the task cannot take), Cancelled, ...
    std::string error;                         ///< without a result: the message
    bool ok() const { return result.has_value(); }
};

/// A loaded Florence-2 model with its tokenizer and preprocessor. Not thread-safe: one thread runs
/// it at a time (the GUI's inference worker owns one). Keeps the image features of the most recent
/// image so that several prompts on one image (region tasks, chains) run the vision tower once.
class Pipeline
{
public:
    using ProgressCallback = std::function<void(const RunProgress &)>;

    /// Loads config.json, preprocessor_config.json, the tokenizer and the weights of `modelDir`.
    /// Throws Error(ModelFormat) naming the missing/garbled file or key, Error(Io), or
    /// Error(BadInput) for an option this build cannot honour (CUDA without CUDA, fp16 on CPU).
    explicit Pipeline(const std::string &modelDir, const PipelineOptions &options = {});
    ~Pipeline();
    Pipeline(const Pipeline &) = delete;
    Pipeline &operator=(const Pipeline &) = delete;

    const ModelSummary &summary() const;
    const Tokenizer &tokenizer() const;

    /// Runs `request` on `image` (RGB8 as decoded for display). Throws Error(BadInput) for a
    /// request the task cannot take (missing text/region, text for a task without input), and
    /// Error(Cancelled) when *cancel becomes true (checked between stages and decoding steps).
    RunResult run(const RgbImage &image, const RunRequest &request, const ProgressCallback &progress = {},
                  const std::atomic<bool> *cancel = nullptr);
    /// The same run from the model input of an image (preprocessImage() of the decoded image, or
    /// pixel values prepared elsewhere); post-processing uses input.originalWidth/Height.
    /// run(image, ...) is preprocessImage() followed by this: every run goes through here.
    RunResult run(const PreprocessedImage &input, const RunRequest &request, const ProgressCallback &progress = {},
                  const std::atomic<bool> *cancel = nullptr);

    using BatchProgressCallback = std::function<void(std::size_t index, const RunProgress &)>;

    /// Runs several requests together and returns one outcome per request, in order; each result
    /// is identical to run() of that request alone (same tokens and text, same scores: every
    /// request's decoder rows are computed as they would be alone; see docs/architecture.md).
    /// Identical model inputs go through the vision tower once (the cached image is reused); on the
    /// CPU each image and each prompt runs through the vision tower and the encoder alone (bit for
    /// bit what run() computes), on other devices stacked, the prompts right-padded with the padding
    /// masked; all requests x beams are decoded in one loop; a request that is done or cancelled
    /// leaves it.
    /// A request the task cannot take, or whose cancel flag is set, fails alone (its outcome holds
    /// the error). `progress` reports (request index, progress). `cancelAll` stops the whole batch
    /// with Error(Cancelled).
    std::vector<BatchOutcome> runBatch(const std::vector<BatchRequest> &requests,
                                       const BatchProgressCallback &progress = {},
                                       const std::atomic<bool> *cancelAll = nullptr);

    /// Estimated memory (bytes) runBatch() needs on top of the loaded weights for `batchSize`
    /// requests of `numBeams` beams (0: the model's default) and up to `maxNewTokens` new tokens:
    /// vision activations per image, encoder activations and cross-attention keys/values per
    /// request, the self-attention cache per request (layers x 2 x tokens x beams x d_model),
    /// logits per decoder row. The formula and its calibration are in docs/architecture.md.
    std::int64_t estimateBatchBytes(int batchSize, int numBeams, int maxNewTokens) const;
    /// The largest batch size in [1, wanted] whose estimate fits in `availableBytes`.
    int fitBatchSize(int wanted, int numBeams, int maxNewTokens, std::int64_t availableBytes) const;

    /// The model input of a decoded image (what run(image, ...) feeds to run(input, ...)).
    PreprocessedImage preprocess(const RgbImage &image) const;

    /// Image tokens in front of every prompt (577 for Florence-2 at 768 x 768), from the configs.
    int imageTokenCount() const;

    /// Forgets the cached image features.
    void clearCache();

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

/// Memory the system can still give this process without swapping (MemAvailable of
/// /proc/meminfo), in bytes; -1 when unknown (not Linux).
std::int64_t availableMemoryBytes();

/// The text input a request sends to the prompt builder: the region as four <loc_N> tokens for a
/// region task with a region (quantized with the model's bins: floor(v / (size / 1000)), clamped
/// to 0..999), otherwise request.text.
std::string requestInput(const RunRequest &request, int imageWidth, int imageHeight);

/// The processor text of a request on an image of imageWidth x imageHeight: the custom prompt
/// expanded (constructPrompt) when there is one, else buildPrompt(task, requestInput(...)).
/// Throws Error(BadInput) for a request the task cannot take.
std::string promptFor(const RunRequest &request, int imageWidth, int imageHeight);

} // namespace florence
