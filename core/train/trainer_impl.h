#pragma once
// Internals of Trainer, shared with the parity tests. Internal header (libtorch).

#include "image/preprocess.h"
#include "io/model_folder.h"
#include "model/config.h"
#include "text/tokenizer.h"
#include "train/adamw.h"
#include "train/trainable_model.h"
#include "train/trainer.h"

#include <ATen/ATen.h>

#include <map>
#include <memory>
#include <optional>
#include <random>

namespace florence {

/// A batch as the reference's processor and tokenizer build it.
struct TokenizedBatch
{
    at::Tensor inputIds; ///< (B, L) int64: <s> prompt </s>, right-padded with the pad id (1)
    at::Tensor labels;   ///< (B, T) int64: <s> answer </s>, padding -100
};

/// processor(text=[prefix...], padding=True) and tokenizer([suffix...], padding=True) with
/// padding -> -100. Throws Error(BadInput) naming the example (line or index) whose prefix is not
/// a valid processor text, or whose prompt or answer exceeds `maxPositions` tokens.
TokenizedBatch tokenizeBatch(const std::vector<TrainingExample> &examples, const Tokenizer &tokenizer,
                             std::int64_t padId, std::int64_t maxPositions = 1 << 30);

struct Trainer::Impl
{
    TrainSettings settings;
    std::string modelDir;
    io::ModelFolder folder;
    FlorenceConfig config;
    PreprocessorConfig preprocessor;
    std::optional<Tokenizer> tokenizer;
    std::unique_ptr<TrainableFlorence> model;
    std::vector<std::string> trainableKeys;
    std::unique_ptr<AdamW> optimizer;

    std::vector<TrainingExample> train, valid;
    std::vector<std::string> warnings;
    std::map<std::string, at::Tensor> visionCache; ///< image path -> frozen tower output (h, w, C)

    // position in the data (what a checkpoint resumes)
    std::int64_t step = 0;
    int epoch = 0;
    std::int64_t nextBatch = 0; ///< index of the next micro-batch within the epoch
    std::vector<double> stepLosses, validLosses;

    std::int64_t batchesPerEpoch() const;
    std::int64_t stepsPerEpoch() const;
    std::int64_t totalSteps() const;
    /// Example indices of `epoch` in training order (seeded shuffle).
    std::vector<std::size_t> order(int epoch) const;
    /// Image features (B, 577, D) of the examples, with autograd when the vision tower is trained.
    at::Tensor imageFeatures(const std::vector<TrainingExample> &examples);
    /// Pixel values (1, 3, H, W) of one image file.
    at::Tensor pixelValues(const std::string &path) const;
    /// Loss of one micro-batch (graph attached).
    at::Tensor batchLoss(const std::vector<TrainingExample> &examples);
};

} // namespace florence
