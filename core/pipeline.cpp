// Pipeline: tokenizer + image preprocessing + Florence2Model + generation + post-processing.
//
// Design note: the vision tower dominates a run (seconds on a CPU), and region tasks and chains
// send several prompts for one image. The pipeline therefore keeps the image features of the most
// recent image, keyed by a hash of the 768x768 model input (not of the decoded image, which can be
// 100 megapixels): two images that preprocess to identical bytes give identical features anyway.
#include "pipeline.h"

#include "common/blas_core.h"
#include "common/error.h"
#include "common/stopwatch.h"
#include "common/threads.h"
#include "generate/batch_generate.h"
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

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <chrono>
#include <optional>
#include <unordered_set>

namespace florence {

namespace {

using Clock = std::chrono::steady_clock;

// Vision activations at their peak, as a multiple of one float32 tensor of DaViT's first stage
// (tokens x channels): the block's input, norm, qkv (3), attention output, MLP hidden (4) and
// output, window partitions and the residuals, rounded up. Chosen, not fitted; florence-bench-batch
// prints peak RSS next to the estimate (bench/README.md: conservative).
constexpr std::int64_t kVisionActivationFactor = 16;

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
    if (options.device == ComputeDevice::Cpu)
        if (std::string blas = blasCoreReport(); !blas.empty())
            s.log.push_back(blas); // the GEMM kernels vision and encoder run on
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

namespace {

// The request's checks on the model input, then its prompt and ids: a request the task cannot
// take fails before any heavy work.
RunResult prepareRun(const PreprocessedImage &input, const RunRequest &request, const PreprocessorConfig &pre,
                     const Tokenizer &tokenizer, const FlorenceConfig &config, int imageTokens)
{
    if (input.originalWidth <= 0 || input.originalHeight <= 0)
        throw Error(ErrorKind::BadInput, "cannot run " + std::string(taskInfo(request.task).token) + " on an empty image");
    if (input.width != pre.width || input.height != pre.height
        || input.pixelValues.size() != std::size_t(3) * std::size_t(input.width) * std::size_t(input.height))
        throw Error(ErrorKind::BadInput, "model input of " + std::to_string(input.width) + "x" + std::to_string(input.height)
                                             + " pixels (" + std::to_string(input.pixelValues.size())
                                             + " values) does not match the model's " + std::to_string(pre.width) + "x"
                                             + std::to_string(pre.height));
    RunResult out;
    out.task = request.task;
    out.imageWidth = input.originalWidth;
    out.imageHeight = input.originalHeight;
    out.prompt = promptFor(request, out.imageWidth, out.imageHeight);
    out.inputIds = tokenizer.encode(out.prompt);
    const std::int64_t maxPrompt = std::int64_t(config.text.maxPositionEmbeddings) - imageTokens;
    if (std::int64_t(out.inputIds.size()) > maxPrompt)
        throw Error(ErrorKind::BadInput, "the prompt is too long: " + std::to_string(out.inputIds.size())
                                             + " tokens; the model's encoder takes at most " + std::to_string(maxPrompt)
                                             + " after the " + std::to_string(imageTokens) + " image tokens");
    return out;
}

GenerationOptions generationOptionsFor(const RunRequest &request, const TextConfig &text)
{
    GenerationOptions gen = generationOptionsFrom(text);
    if (request.numBeams > 0)
        gen.numBeams = request.numBeams;
    gen.maxNewTokens = std::min(request.maxNewTokens, text.maxPositionEmbeddings);
    gen.minNewTokens = request.minNewTokens;
    return gen;
}

// Generation output and post-processing into `out`.
void finishRun(RunResult &out, GenerationResult g, const RunRequest &request, int maxNewTokens, const Tokenizer &tokenizer)
{
    out.timings.decodeSteps = g.numGenerationSteps;
    out.truncated = std::int64_t(g.sequence.size()) - 1 >= std::int64_t(maxNewTokens);
    out.sequence = std::move(g.sequence);
    out.transitionScores = std::move(g.transitionScores);
    out.beamIndices = std::move(g.beamIndices);
    out.finishedHypotheses = std::move(g.finishedHypotheses);
    if (g.hasSequenceScore)
        out.sequenceScore = g.sequenceScore;
    const auto t = Clock::now();
    out.text = tokenizer.decode(out.sequence, false);
    const std::string token = taskInfo(request.task).token;
    if (request.scores)
        out.result = postprocessSequence(out.sequence, out.transitionScores, token, out.imageWidth, out.imageHeight,
                                         tokenizer);
    else
        out.result = postprocessGeneration(out.text, token, out.imageWidth, out.imageHeight);
    out.timings.postprocessMs = msSince(t);
}

at::Tensor pixelTensor(const PreprocessedImage &input)
{
    return at::from_blob(const_cast<float *>(input.pixelValues.data()), {1, 3, input.height, input.width}, at::kFloat);
}

} // namespace

RunResult Pipeline::run(const PreprocessedImage &input, const RunRequest &request, const ProgressCallback &progress,
                        const std::atomic<bool> *cancel)
{
    const auto tStart = Clock::now();
    auto report = [&](RunStage stage, int tokens = 0, int maxTokens = 0) {
        if (progress)
            progress(RunProgress{stage, tokens, maxTokens});
    };
    RunResult out = prepareRun(input, request, m->preprocessor, *m->tokenizer, m->config, m->imageTokens);

    GenerationOptions gen = generationOptionsFor(request, m->config.text);
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
        features = m->model->encodeImage(pixelTensor(input), nullptr, cancel);
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

    // Post-processing.
    report(RunStage::Postprocess);
    finishRun(out, std::move(g), request, gen.maxNewTokens, *m->tokenizer);
    out.timings.totalMs = msSince(tStart);
    return out;
}

PreprocessedImage Pipeline::preprocess(const RgbImage &image) const
{
    return preprocessImage(image, m->preprocessor);
}

std::int64_t Pipeline::estimateBatchBytes(int batchSize, int numBeams, int maxNewTokens) const
{
    // See docs/architecture.md, "Batched inference: memory". Per request, on top of the weights:
    //   vision  = kVisionFactor x T0 x C0 x 4   (T0 tokens and C0 channels of DaViT's first stage,
    //             whose activations dominate; computed in float32 buffers at least)
    //   encoder = S x (6 D + F) x e + 2 x H x S^2 x 4   (one layer's activations, attention scores)
    //   cross   = layers x 2 x S x D x e         (cross-attention keys/values, kept while decoding)
    //   cache   = layers x 2 x T x beams x D x e (self-attention cache, T = max new tokens)
    //   logits  = 4 x beams x V x 4              (logits, log-probabilities, candidates)
    // with S = image tokens + 64 prompt tokens, e = bytes per element of the compute dtype.
    const FlorenceConfig &c = m->config;
    const std::int64_t e = m->run.dtype == at::kFloat ? 4 : 2;
    const std::int64_t beams = numBeams > 0 ? numBeams : c.text.numBeams;
    const std::int64_t T = std::min(std::max(maxNewTokens, 1), c.text.maxPositionEmbeddings);
    const std::int64_t D = c.text.dModel, F = std::max(c.text.encoderFfnDim, c.text.decoderFfnDim);
    const std::int64_t S = m->imageTokens + 64, H = c.text.encoderAttentionHeads;
    const std::int64_t L = std::max(c.text.encoderLayers, c.text.decoderLayers);
    const std::int64_t stride0 = c.vision.patchStride.empty() ? 4 : c.vision.patchStride[0];
    const std::int64_t T0 = (std::int64_t(m->preprocessor.height) / stride0) * (std::int64_t(m->preprocessor.width) / stride0);
    const std::int64_t C0 = c.vision.dimEmbed.empty() ? 128 : c.vision.dimEmbed[0];
    const std::int64_t vision = kVisionActivationFactor * T0 * C0 * 4;
    const std::int64_t encoder = S * (6 * D + F) * e + 2 * H * S * S * 4;
    const std::int64_t cross = L * 2 * S * D * e;
    const std::int64_t cache = L * 2 * T * beams * D * e;
    const std::int64_t logits = 4 * beams * c.text.vocabSize * 4;
    return std::int64_t(std::max(batchSize, 1)) * (vision + encoder + cross + cache + logits);
}

int Pipeline::fitBatchSize(int wanted, int numBeams, int maxNewTokens, std::int64_t availableBytes) const
{
    int n = std::max(wanted, 1);
    while (n > 1 && estimateBatchBytes(n, numBeams, maxNewTokens) > availableBytes)
        --n;
    return n;
}

std::int64_t availableMemoryBytes()
{
    std::FILE *f = std::fopen("/proc/meminfo", "r");
    if (!f)
        return -1;
    char line[256];
    std::int64_t kb = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "MemAvailable: %lld kB", reinterpret_cast<long long *>(&kb)) == 1)
            break;
    std::fclose(f);
    return kb < 0 ? -1 : kb * 1024;
}

std::vector<BatchOutcome> Pipeline::runBatch(const std::vector<BatchRequest> &requests,
                                             const BatchProgressCallback &progress, const std::atomic<bool> *cancelAll)
{
    const std::size_t n = requests.size();
    std::vector<BatchOutcome> outcomes(n);
    std::vector<RunResult> runs(n);
    std::vector<GenerationOptions> gens(n);
    std::vector<bool> live(n, false);
    auto report = [&](std::size_t i, RunStage stage, int tokens = 0, int maxTokens = 0) {
        if (progress)
            progress(i, RunProgress{stage, tokens, maxTokens});
    };
    auto fail = [&](std::size_t i, ErrorKind kind, const std::string &message) {
        outcomes[i].errorKind = kind;
        outcomes[i].error = message;
        live[i] = false;
    };
    auto dropCancelled = [&](const char *where) {
        for (std::size_t i = 0; i < n; ++i)
            if (live[i] && requests[i].cancel && requests[i].cancel->load())
                fail(i, ErrorKind::Cancelled, std::string("run cancelled ") + where);
    };
    auto liveCount = [&] { return std::size_t(std::count(live.begin(), live.end(), true)); };

    // Prompts first: a request the task cannot take fails alone, before any heavy work.
    for (std::size_t i = 0; i < n; ++i) {
        try {
            if (!requests[i].input)
                throw Error(ErrorKind::BadInput, "batch request without a model input");
            runs[i] = prepareRun(*requests[i].input, requests[i].request, m->preprocessor, *m->tokenizer, m->config,
                                 m->imageTokens);
            gens[i] = generationOptionsFor(requests[i].request, m->config.text);
            live[i] = true;
        } catch (const Error &e) {
            fail(i, e.kind(), e.what());
        }
    }
    throwIfCancelled(cancelAll, "before the vision encoder");
    dropCancelled("before the vision encoder");
    const int batchSize = int(liveCount());
    for (std::size_t i = 0; i < n; ++i)
        runs[i].timings.batchSize = batchSize;
    if (batchSize == 0)
        return outcomes;

    // Vision: each distinct model input once, stacked; the cached image reused.
    at::InferenceMode guard;
    std::vector<int> imageOf(n, -1);   // index into `images`
    std::vector<std::size_t> images;   // request whose input is the image
    std::vector<std::uint64_t> keys(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (!live[i])
            continue;
        const PreprocessedImage &in = *requests[i].input;
        keys[i] = fnv1a(in.resizedRgb.data(), in.resizedRgb.size());
        for (std::size_t u = 0; u < images.size() && imageOf[i] < 0; ++u) {
            const PreprocessedImage &other = *requests[images[u]].input;
            if (!in.resizedRgb.empty() && keys[images[u]] == keys[i] && other.resizedRgb == in.resizedRgb)
                imageOf[i] = int(u);
        }
        if (imageOf[i] < 0) {
            imageOf[i] = int(images.size());
            images.push_back(i);
        }
    }
    std::vector<at::Tensor> features(images.size());
    std::vector<std::size_t> toEncode;
    for (std::size_t u = 0; u < images.size(); ++u) {
        const PreprocessedImage &in = *requests[images[u]].input;
        if (!in.resizedRgb.empty() && m->cacheValid && m->cacheKey == keys[images[u]] && m->cacheBytes == in.resizedRgb)
            features[u] = m->cacheFeatures;
        else
            toEncode.push_back(u);
    }
    double visionMs = 0.0;
    if (!toEncode.empty()) {
        for (std::size_t i = 0; i < n; ++i)
            if (live[i])
                report(i, RunStage::Vision);
        const auto t = Clock::now();
        if (m->model->run().device.is_cpu()) {
            // One image at a time on the CPU: the tower's GEMMs are large alone, a stack of images
            // only adds memory (base, 2 stacked: 1804 against 1708 ms per image), and every image
            // gets exactly the features run() computes for it.
            for (std::size_t u : toEncode)
                features[u] = m->model->encodeImage(pixelTensor(*requests[images[u]].input), nullptr, cancelAll);
        } else {
            std::vector<at::Tensor> pixels;
            for (std::size_t u : toEncode)
                pixels.push_back(pixelTensor(*requests[images[u]].input));
            const at::Tensor encoded = m->model->encodeImage(at::cat(pixels, 0), nullptr, cancelAll); // (M, I, D)
            for (std::size_t k = 0; k < toEncode.size(); ++k)
                features[toEncode[k]] = encoded.narrow(0, std::int64_t(k), 1);
        }
        visionMs = msSince(t);
        const PreprocessedImage &last = *requests[images[toEncode.back()]].input;
        m->cacheValid = !last.resizedRgb.empty();
        m->cacheKey = keys[images[toEncode.back()]];
        m->cacheBytes = last.resizedRgb;
        m->cacheFeatures = m->cacheValid ? features[toEncode.back()].clone() : at::Tensor();
    }
    for (std::size_t i = 0; i < n; ++i) {
        const bool encodedHere = std::find(toEncode.begin(), toEncode.end(), std::size_t(imageOf[i])) != toEncode.end();
        runs[i].timings.visionCached = live[i] && !encodedHere;
        runs[i].timings.visionMs = encodedHere ? visionMs / double(batchSize) : 0.0;
    }

    // Encoder: the prompts right-padded, the padding masked.
    throwIfCancelled(cancelAll, "before the text encoder");
    dropCancelled("before the text encoder");
    std::vector<std::size_t> order; // live requests, in order
    for (std::size_t i = 0; i < n; ++i)
        if (live[i])
            order.push_back(i);
    if (order.empty())
        return outcomes;
    for (std::size_t i : order)
        report(i, RunStage::Encoder);
    auto t = Clock::now();
    std::size_t maxLen = 0;
    for (std::size_t i : order)
        maxLen = std::max(maxLen, runs[i].inputIds.size());
    std::vector<std::int64_t> padded(order.size() * maxLen, std::int64_t(m->config.text.padTokenId));
    std::vector<std::int64_t> lengths;
    std::vector<at::Tensor> imageRows;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::vector<std::int64_t> &ids = runs[order[k]].inputIds;
        std::copy(ids.begin(), ids.end(), padded.begin() + std::ptrdiff_t(k * maxLen));
        lengths.push_back(std::int64_t(ids.size()));
        imageRows.push_back(features[std::size_t(imageOf[order[k]])]);
    }
    const at::Tensor ids = at::tensor(padded, at::kLong).view({std::int64_t(order.size()), std::int64_t(maxLen)});
    const at::Tensor hidden = m->model->encodeBatch(at::cat(imageRows, 0), m->model->embedText(ids), lengths, cancelAll);
    std::vector<BatchDecodeItem> items;
    for (std::size_t k = 0; k < order.size(); ++k) {
        BatchDecodeItem item;
        item.encoderHidden = hidden.narrow(0, std::int64_t(k), 1).narrow(1, 0, m->imageTokens + lengths[k]).contiguous();
        item.options = gens[order[k]];
        item.options.cancel = requests[order[k]].cancel;
        const std::size_t i = order[k];
        const int maxTokens = item.options.maxNewTokens;
        item.options.progress = [&report, i, maxTokens](int step, const std::vector<std::int64_t> &) {
            report(i, RunStage::Decoding, step, maxTokens);
        };
        items.push_back(std::move(item));
    }
    const double encoderMs = msSince(t) / double(order.size());

    // Decoding: every request x beams in one loop.
    throwIfCancelled(cancelAll, "before decoding");
    for (std::size_t k = 0; k < order.size(); ++k)
        report(order[k], RunStage::Decoding, 0, items[k].options.maxNewTokens);
    t = Clock::now();
    std::vector<BatchDecodeOutcome> decoded = generateBatch(*m->model, items, cancelAll);

    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t i = order[k];
        RunResult &r = runs[i];
        r.timings.encoderMs = encoderMs;
        if (decoded[k].cancelled) {
            fail(i, ErrorKind::Cancelled, decoded[k].message);
            continue;
        }
        r.timings.decodeMs = decoded[k].result.timings.decodeMs;
        report(i, RunStage::Postprocess);
        finishRun(r, std::move(decoded[k].result), requests[i].request, items[k].options.maxNewTokens, *m->tokenizer);
        r.timings.totalMs = r.timings.visionMs + r.timings.encoderMs + r.timings.decodeMs + r.timings.postprocessMs;
        outcomes[i].result = std::move(r);
    }
    return outcomes;
}

} // namespace florence
