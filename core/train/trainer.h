#pragma once
// Fine-tuning a Florence-2 model folder on training examples (core/train/training_data.h): the
// reference's loss, torch.optim.AdamW, warm-up + linear decay, gradient accumulation and clipping,
// a frozen (cached) or trained vision tower, dropout, cancellation, checkpoint + resume, validation
// loss per epoch, and saving a complete model folder. Torch-free public header (pimpl); everything
// runs on the calling thread.

#include "train/training_data.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace florence {

/// Learning-rate schedule after the warm-up (transformers' get_*_schedule_with_warmup).
enum class LrSchedule {
    Constant, ///< lr after warm-up
    Linear,   ///< lr decays linearly to 0 at the last step
};

/// How a run is set up. Defaults follow the common Florence-2 fine-tuning recipes.
struct TrainSettings
{
    int batchSize = 8;               ///< examples per micro-batch
    int gradAccum = 1;               ///< micro-batches per optimizer step
    int epochs = 1;                  ///< passes over the training examples
    std::int64_t maxSteps = 0;       ///< stop after this many optimizer steps (0: epochs decide)
    double lr = 1e-6;                ///< peak learning rate
    LrSchedule schedule = LrSchedule::Linear;
    std::int64_t warmupSteps = 0;    ///< linear warm-up from 0 over this many steps
    double weightDecay = 0.01;       ///< AdamW decoupled weight decay (torch default)
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8; ///< AdamW
    double gradClip = 1.0;           ///< max global gradient norm (0: no clipping)
    bool freezeVision = true;        ///< vision_tower.* frozen; its output is computed once per image
    bool dropout = true;             ///< dropout from text_config during training steps
    bool shuffle = true;             ///< new example order every epoch (seeded)
    std::uint64_t seed = 0;          ///< shuffling and dropout
    int threads = 0;                 ///< CPU threads (0: automatic)
};

/// Reported after every optimizer step and after each epoch's validation.
struct TrainProgress
{
    std::int64_t step = 0;           ///< optimizer steps done
    std::int64_t totalSteps = 0;     ///< steps the run will take
    int epoch = 0;                   ///< 0-based epoch of the step
    double loss = 0.0;               ///< mean training loss of the step's micro-batches
    double lr = 0.0;                 ///< learning rate used for the step
    double examplesPerSecond = 0.0;  ///< since the run (or resume) started, vision caching included
    bool validation = false;         ///< true: an end-of-epoch report carrying validLoss
    double validLoss = 0.0;          ///< mean validation loss (validation reports only)
};

/// What a run did.
struct TrainResult
{
    std::int64_t steps = 0;          ///< optimizer steps done in total (resumed ones included)
    bool cancelled = false;          ///< stopped by the cancel flag (after a complete step)
    double seconds = 0.0;            ///< wall time of this run() call
    double examplesPerSecond = 0.0;  ///< training examples processed per second in this call
    std::int64_t peakRssBytes = 0;   ///< peak resident memory of the process (VmHWM)
};

/// A fine-tuning session on one model folder.
class Trainer
{
public:
    /// Loads `modelDir` (config, preprocessor config, tokenizer, weights in float32).
    /// Throws Error(ModelFormat/Io) as the loader does, Error(BadInput) for bad settings
    /// (naming the setting).
    Trainer(const std::string &modelDir, const TrainSettings &settings);
    ~Trainer();
    Trainer(const Trainer &) = delete;
    Trainer &operator=(const Trainer &) = delete;

    /// Sets the data. Throws Error(BadInput) naming the line/image of an example whose prompt or
    /// answer cannot be tokenized or does not fit the model's positions. Images are read lazily.
    void setData(std::vector<TrainingExample> train, std::vector<TrainingExample> valid = {});
    /// Warnings collected by setData (none fatal).
    const std::vector<std::string> &warnings() const;

    /// Trains until the epochs or maxSteps are done or `cancel` becomes true (checked after each
    /// optimizer step). `progress` may be empty. Throws Error(BadInput) naming an image that cannot
    /// be decoded.
    TrainResult run(const std::function<void(const TrainProgress &)> &progress = {},
                    const std::atomic<bool> *cancel = nullptr);
    /// Mean loss over the validation examples (eval mode, no gradients); NaN without any.
    double validationLoss();

    /// Optimizer steps done so far.
    std::int64_t step() const;
    /// Per-step training losses and per-epoch validation losses so far.
    const std::vector<double> &stepLosses() const;
    const std::vector<double> &validLosses() const;

    /// Writes a complete model folder: model.safetensors (every state-dict key in float32 under
    /// the layout's names; the tied encoder/decoder embed_tokens omitted like the original
    /// safetensors files), config.json (torch_dtype float32), the other json/txt/py files of the
    /// source folder (preprocessor and generation config, tokenizer, remote code), and
    /// training_record.json (base model, data, settings, losses). Files are replaced atomically.
    /// Throws Error(Io) naming the file.
    void saveModel(const std::string &outDir, const std::string &dataDescription = {}) const;
    /// Writes parameters, AdamW state and the position in the data to `dir` (created).
    void saveCheckpoint(const std::string &dir) const;
    /// Continues from a checkpoint of the same model and data. Throws Error(BadInput) naming the
    /// file when it does not match (different keys, shapes, example count or batch size).
    void resumeFrom(const std::string &dir);

    struct Impl;
    /// Internals for tests (core/train/trainer_impl.h).
    Impl &impl();

private:
    std::unique_ptr<Impl> m;
};

/// "constant" / "linear" -> LrSchedule; throws Error(BadInput) otherwise.
LrSchedule lrScheduleFromString(const std::string &name);
/// The learning rate of optimizer step `step` (0-based) out of `totalSteps`:
/// lr * step / warmup during warm-up, then constant or linear decay (max(0, (total - step) /
/// (total - warmup))), as transformers' schedules.
double learningRateAt(const TrainSettings &s, std::int64_t step, std::int64_t totalSteps);

} // namespace florence
