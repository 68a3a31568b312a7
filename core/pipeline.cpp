// Pipeline: tokenizer + image preprocessing + Florence2Model + generation + post-processing.
//
// Design note: the vision tower dominates a run (seconds on a CPU), and region tasks and chains
// send several prompts for one image. The pipeline therefore keeps the image features of the most
// recent image, keyed by a hash of the 768x768 model input (not of the decoded image, which can be
// 100 megapixels): two images that preprocess to identical bytes give identical features anyway.
#include "pipeline.h"

#include "io/checkpoint_id.h"

#include "common/error.h"
#include "common/threads.h"
#include "generate/generate.h"
#include "image/preprocess.h"
#include "io/checkpoint.h"
#include "io/checkpoint_id.h"
#include "io/lora.h"
#include "io/model_folder.h"
#include "model/config.h"
#include "model/florence2.h"
#include "tasks/prompt.h"
#include "tasks/quantizer.h"
#include "text/tokenizer.h"

#include <cctype>
#include <chrono>
#include <optional>
#include <unordered_set>

namespace florence {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::uint64_t fnv1a(const std::uint8_t *p, std::size_t n)
{
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

const char *toString(ComputeDevice device)
{
    return device == ComputeDevice::Cuda ? "cuda" : "cpu";
}

const char *toString(Precision precision)
{
    switch (precision) {
    case Precision::Fp32: return "fp32";
    case Precision::Bf16: return "bf16";
    case Precision::Fp16: return "fp16";
    }
    return "fp32";
}

ComputeDevice computeDeviceFromString(const std::string &name)
{
    const std::string n = lower(name);
    if (n == "cpu")
        return ComputeDevice::Cpu;
    if (n == "cuda" || n == "gpu")
        return ComputeDevice::Cuda;
    throw Error(ErrorKind::BadInput, "unknown device '" + name + "' (expected cpu or cuda)");
}

Precision precisionFromString(const std::string &name)
{
    const std::string n = lower(name);
    if (n == "fp32" || n == "float32")
        return Precision::Fp32;
    if (n == "bf16" || n == "bfloat16")
        return Precision::Bf16;
    if (n == "fp16" || n == "float16" || n == "half")
        return Precision::Fp16;
    throw Error(ErrorKind::BadInput, "unknown precision '" + name + "' (expected fp32, bf16 or fp16)");
}

bool cudaAvailable()
{
    return at::hasCUDA();
}

const char *toString(RunStage stage)
{
    switch (stage) {
    case RunStage::Preprocess: return "preprocess";
    case RunStage::Vision: return "vision";
    case RunStage::Encoder: return "encoder";
    case RunStage::Decoding: return "decoding";
    case RunStage::Postprocess: return "postprocess";
    }
    return "preprocess";
}

std::string requestInput(const RunRequest &request, int imageWidth, int imageHeight)
{
    if (taskInfo(request.task).input == TaskInput::Region && request.region)
        return boxToLocationTokens(*request.region, imageWidth, imageHeight);
    return request.text;
}

std::string promptFor(const RunRequest &request, int imageWidth, int imageHeight)
{
    if (!request.customPrompt.empty())
        return constructPrompt(request.customPrompt);
    return buildPrompt(request.task, requestInput(request, imageWidth, imageHeight), request.force);
}

struct Pipeline::Impl
{
    io::ModelFolder folder;
    FlorenceConfig config;
    PreprocessorConfig preprocessor;
    std::optional<Tokenizer> tokenizer;
    std::unique_ptr<Florence2Model> model;
    ModelSummary summary;
    RunOptions run;
    int imageTokens = 0; ///< imageTokenCount(config.vision, preprocessor size)

    // Cache of the most recent image's features.
    bool cacheValid = false;
    std::uint64_t cacheKey = 0;
    std::vector<std::uint8_t> cacheBytes; // exact comparison guards against hash collisions
    at::Tensor cacheFeatures;
};

Pipeline::Pipeline(const std::string &modelDir, const PipelineOptions &options)
    : m(std::make_unique<Impl>())
{
    const auto t0 = Clock::now();
    if (options.threads > 0)
        setThreadCount(options.threads);

    if (options.device == ComputeDevice::Cuda && !at::hasCUDA())
        throw Error(ErrorKind::BadInput, "CUDA was requested but this libtorch build has no CUDA support or sees no GPU "
                                         "(Debian's libtorch is CPU-only); use --device cpu");
    if (options.device == ComputeDevice::Cpu && options.precision == Precision::Fp16)
        throw Error(ErrorKind::BadInput, "fp16 is only supported on CUDA; use fp32 or bf16 on the CPU");
    m->run.device = options.device == ComputeDevice::Cuda ? at::Device(at::kCUDA, 0) : at::Device(at::kCPU);
    m->run.dtype = options.precision == Precision::Fp32   ? at::kFloat
                   : options.precision == Precision::Bf16 ? at::kBFloat16
                                                          : at::kHalf;

    m->folder = io::inspectModelFolder(modelDir);
    m->config = loadFlorenceConfig(modelDir);
    m->preprocessor = loadPreprocessorConfig(modelDir);
    m->imageTokens = florence::imageTokenCount(m->config.vision, m->preprocessor.height, m->preprocessor.width);
    m->tokenizer.emplace(Tokenizer::fromModelDir(modelDir));
    if (std::int64_t(m->tokenizer->size()) > m->config.text.vocabSize)
        throw Error(ErrorKind::ModelFormat, "tokenizer of '" + modelDir + "' has " + std::to_string(m->tokenizer->size())
                                                + " tokens but config.json text_config.vocab_size is "
                                                + std::to_string(m->config.text.vocabSize));

    // Weights are read in float32 (the reference upcasts fp16 checkpoints); the model converts to
    // the compute dtype itself.
    io::LoadedCheckpoint ckpt = io::loadCheckpoint(modelDir, m->config, at::kFloat);
    std::int64_t params = 0;
    std::unordered_set<const void *> seen;
    for (const auto &kv : ckpt.tensors)
        if (seen.insert(kv.second.data_ptr()).second)
            params += kv.second.numel();
    if (!options.adapterDir.empty())
        io::applyLoraAdapter(ckpt, m->config, options.adapterDir);
    m->model = std::make_unique<Florence2Model>(m->config, ckpt.tensors, m->run);
    // Never generate a row beyond the tokenizer (padded native vocabulary) or the native <image> token.
    std::vector<std::int64_t> suppressed;
    if (m->config.imageTokenId >= 0)
        suppressed.push_back(m->config.imageTokenId);
    m->model->suppressTokens(std::int64_t(m->tokenizer->size()), suppressed);
    if (m->model->suppressedCount() > 0)
        ckpt.log.push_back("generation never picks " + std::to_string(m->model->suppressedCount())
                           + " ids (vocabulary rows beyond the tokenizer's " + std::to_string(m->tokenizer->size())
                           + " tokens" + (suppressed.empty() ? "" : ", <image>") + ")");

    ModelSummary &s = m->summary;
    s.dir = modelDir;
    s.name = io::modelDisplayName(modelDir);
    s.checkpointId = io::checkpointId(m->folder.weightFiles);
    s.variant = m->folder.variant;
    s.weightsFormat = ckpt.format;
    s.layout = io::toString(ckpt.layout);
    s.declaredDtype = m->config.torchDtype;
    s.computeDtype = toString(options.precision);
    s.device = toString(options.device);
    s.parameterCount = params;
    s.log = std::move(ckpt.log);
    s.loadMs = msSince(t0);
}

Pipeline::~Pipeline() = default;

const ModelSummary &Pipeline::summary() const
{
    return m->summary;
}

const Tokenizer &Pipeline::tokenizer() const
{
    return *m->tokenizer;
}

int Pipeline::imageTokenCount() const
{
    return m->imageTokens;
}

void Pipeline::clearCache()
{
    m->cacheValid = false;
    m->cacheBytes.clear();
    m->cacheFeatures = at::Tensor();
}

RunResult Pipeline::run(const RgbImage &image, const RunRequest &request, const ProgressCallback &progress,
                        const std::atomic<bool> *cancel)
{
    if (image.empty())
        throw Error(ErrorKind::BadInput, "cannot run " + std::string(taskInfo(request.task).token) + " on an empty image");
    // A request the task cannot take fails before any heavy work.
    promptFor(request, image.width, image.height);
    throwIfCancelled(cancel, "before preprocessing");
    if (progress)
        progress(RunProgress{RunStage::Preprocess, 0, 0});
    const auto t = Clock::now();
    const PreprocessedImage input = preprocessImage(image, m->preprocessor);
    const double preprocessMs = msSince(t);
    RunResult out = run(input, request, progress, cancel);
    out.timings.preprocessMs = preprocessMs;
    out.timings.totalMs += preprocessMs;
    return out;
}

RunResult Pipeline::run(const PreprocessedImage &input, const RunRequest &request, const ProgressCallback &progress,
                        const std::atomic<bool> *cancel)
{
    const auto tStart = Clock::now();
    auto report = [&](RunStage stage, int tokens = 0, int maxTokens = 0) {
        if (progress)
            progress(RunProgress{stage, tokens, maxTokens});
    };
    if (input.originalWidth <= 0 || input.originalHeight <= 0)
        throw Error(ErrorKind::BadInput, "cannot run " + std::string(taskInfo(request.task).token) + " on an empty image");
    if (input.width != m->preprocessor.width || input.height != m->preprocessor.height
        || input.pixelValues.size() != std::size_t(3) * std::size_t(input.width) * std::size_t(input.height))
        throw Error(ErrorKind::BadInput, "model input of " + std::to_string(input.width) + "x" + std::to_string(input.height)
                                             + " pixels (" + std::to_string(input.pixelValues.size())
                                             + " values) does not match the model's "
                                             + std::to_string(m->preprocessor.width) + "x"
                                             + std::to_string(m->preprocessor.height));
    const int width = input.originalWidth, height = input.originalHeight;

    RunResult out;
    out.task = request.task;
    out.imageWidth = width;
    out.imageHeight = height;

    // Prompt first: a request the task cannot take fails before any heavy work.
    out.prompt = promptFor(request, width, height);
    out.inputIds = m->tokenizer->encode(out.prompt);
    const std::int64_t maxPrompt = std::int64_t(m->config.text.maxPositionEmbeddings) - m->imageTokens;
    if (std::int64_t(out.inputIds.size()) > maxPrompt)
        throw Error(ErrorKind::BadInput, "the prompt is too long: " + std::to_string(out.inputIds.size())
                                             + " tokens; the model's encoder takes at most " + std::to_string(maxPrompt)
                                             + " after the " + std::to_string(m->imageTokens) + " image tokens");

    GenerationOptions gen = generationOptionsFrom(m->config.text);
    if (request.numBeams > 0)
        gen.numBeams = request.numBeams;
    gen.maxNewTokens = std::min(request.maxNewTokens, m->config.text.maxPositionEmbeddings);
    gen.minNewTokens = request.minNewTokens;
    gen.cancel = cancel;
    gen.progress = [&](int step, const std::vector<std::int64_t> &) { report(RunStage::Decoding, step, gen.maxNewTokens); };

    // Vision (cached per model input).
    throwIfCancelled(cancel, "before the vision encoder");
    const std::uint64_t key = fnv1a(input.resizedRgb.data(), input.resizedRgb.size());
    at::Tensor features;
    if (!input.resizedRgb.empty() && m->cacheValid && m->cacheKey == key && m->cacheBytes == input.resizedRgb) {
        features = m->cacheFeatures;
        out.timings.visionCached = true;
    } else {
        report(RunStage::Vision);
        const auto t = Clock::now();
        at::Tensor pixels = at::from_blob(const_cast<float *>(input.pixelValues.data()), {1, 3, input.height, input.width},
                                          at::kFloat);
        features = m->model->encodeImage(pixels, nullptr, cancel);
        out.timings.visionMs = msSince(t);
        // Only inputs that carry their 8-bit image can be recognised again.
        m->cacheValid = !input.resizedRgb.empty();
        m->cacheKey = key;
        m->cacheBytes = input.resizedRgb;
        m->cacheFeatures = m->cacheValid ? features : at::Tensor();
    }

    // Encoder.
    throwIfCancelled(cancel, "before the text encoder");
    report(RunStage::Encoder);
    auto t = Clock::now();
    at::Tensor encoderHidden;
    {
        at::InferenceMode guard;
        at::Tensor ids = at::tensor(out.inputIds, at::kLong).unsqueeze(0); // (1, L)
        encoderHidden = m->model->encode(features, m->model->embedText(ids), cancel); // (1, imageTokens + L, D)
    }
    out.timings.encoderMs = msSince(t);

    // Decoding.
    report(RunStage::Decoding, 0, gen.maxNewTokens);
    t = Clock::now();
    GenerationResult g = generateFromEncoderOutput(*m->model, encoderHidden, gen);
    out.timings.decodeMs = msSince(t);
    out.timings.decodeSteps = g.numGenerationSteps;
    out.truncated = std::int64_t(g.sequence.size()) - 1 >= std::int64_t(gen.maxNewTokens);
    out.sequence = std::move(g.sequence);
    out.transitionScores = std::move(g.transitionScores);
    out.beamIndices = std::move(g.beamIndices);
    out.finishedHypotheses = std::move(g.finishedHypotheses);
    if (g.hasSequenceScore)
        out.sequenceScore = g.sequenceScore;

    // Post-processing.
    report(RunStage::Postprocess);
    t = Clock::now();
    out.text = m->tokenizer->decode(out.sequence, false);
    const std::string token = taskInfo(request.task).token;
    if (request.scores)
        out.result = postprocessSequence(out.sequence, out.transitionScores, token, width, height, *m->tokenizer);
    else
        out.result = postprocessGeneration(out.text, token, width, height);
    out.timings.postprocessMs = msSince(t);
    out.timings.totalMs = msSince(tStart);
    return out;
}

} // namespace florence
