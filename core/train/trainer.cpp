#include "train/trainer_impl.h"

#include "common/error.h"
#include "common/file_io.h"
#include "common/threads.h"
#include "io/checkpoint.h"
#include "io/safetensors.h"
#include "model/parameters.h"
#include "tasks/prompt.h"
#include "version.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>

namespace florence {

namespace fs = std::filesystem;

namespace {

std::string exampleName(const TrainingExample &e, std::size_t index)
{
    return (e.line > 0 ? "line " + std::to_string(e.line) : "example " + std::to_string(index + 1)) + " (" + e.image + ")";
}

std::int64_t peakRss()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stoll(line.substr(6)) * 1024;
    return 0;
}

// Streams float32 tensors into a safetensors file (header sorted by name, 8-byte aligned), one
// tensor at a time, through an atomic writer.
void writeFloatSafetensors(const std::string &path, std::vector<std::pair<std::string, at::Tensor>> tensors,
                           const std::map<std::string, std::string> &metadata = {{"format", "pt"}})
{
    std::sort(tensors.begin(), tensors.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    nlohmann::ordered_json header;
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::uint64_t offset = 0;
    for (auto &[name, t] : tensors) {
        t = t.detach().to(at::kCPU, at::kFloat).contiguous();
        const std::uint64_t bytes = std::uint64_t(t.numel()) * 4;
        header[name] = {{"dtype", "F32"}, {"shape", t.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string h = header.dump();
    h.append((8 - h.size() % 8) % 8, ' ');
    AtomicFileWriter out(path);
    const std::uint64_t n = h.size();
    unsigned char len[8];
    for (int i = 0; i < 8; ++i)
        len[i] = static_cast<unsigned char>(n >> (8 * i));
    out.write(len, 8);
    out.write(h.data(), h.size());
    for (const auto &[name, t] : tensors)
        out.write(t.data_ptr(), std::size_t(t.numel()) * 4);
    out.commit();
}

at::Tensor readTensor(const io::SafetensorsFile &f, const std::string &name, const at::Tensor &like)
{
    if (!f.contains(name))
        throw Error(ErrorKind::BadInput, f.path() + ": tensor '" + name + "' is missing");
    const io::TensorInfo &info = f.info(name);
    if (info.dtype != io::DType::F32 || info.shape != like.sizes().vec())
        throw Error(ErrorKind::BadInput, f.path() + ": tensor '" + name + "' is " + io::toString(info.dtype) + " "
                                             + shapeToString(info.shape) + ", expected F32 " + shapeString(like.sizes()));
    at::Tensor t = at::empty(info.shape, at::kFloat);
    std::memcpy(t.data_ptr(), f.data(name), info.end - info.begin);
    return t.to(like.device());
}

nlohmann::json settingsJson(const TrainSettings &s)
{
    return {{"batch_size", s.batchSize}, {"grad_accum", s.gradAccum}, {"epochs", s.epochs}, {"max_steps", s.maxSteps},
            {"lr", s.lr}, {"lr_schedule", s.schedule == LrSchedule::Linear ? "linear" : "constant"},
            {"warmup_steps", s.warmupSteps}, {"weight_decay", s.weightDecay}, {"betas", {s.beta1, s.beta2}},
            {"eps", s.eps}, {"grad_clip", s.gradClip}, {"freeze", s.freezeVision ? "vision" : "none"},
            {"dropout", s.dropout}, {"shuffle", s.shuffle}, {"seed", s.seed}};
}

} // namespace

LrSchedule lrScheduleFromString(const std::string &name)
{
    if (name == "constant")
        return LrSchedule::Constant;
    if (name == "linear")
        return LrSchedule::Linear;
    throw Error(ErrorKind::BadInput, "learning-rate schedule '" + name + "' is not constant or linear");
}

double learningRateAt(const TrainSettings &s, std::int64_t step, std::int64_t totalSteps)
{
    if (step < s.warmupSteps)
        return s.lr * double(step) / double(std::max<std::int64_t>(1, s.warmupSteps));
    if (s.schedule == LrSchedule::Constant)
        return s.lr;
    return s.lr * std::max(0.0, double(totalSteps - step) / double(std::max<std::int64_t>(1, totalSteps - s.warmupSteps)));
}

TokenizedBatch tokenizeBatch(const std::vector<TrainingExample> &examples, const Tokenizer &tokenizer,
                             std::int64_t padId, std::int64_t maxPositions)
{
    std::vector<std::vector<std::int64_t>> prompts, answers;
    std::size_t L = 0, T = 0;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const TrainingExample &e = examples[i];
        std::string prompt;
        try {
            prompt = constructPrompt(e.prefix);
        } catch (const Error &err) {
            throw Error(ErrorKind::BadInput, exampleName(e, i) + ": prefix: " + err.what());
        }
        prompts.push_back(tokenizer.encode(prompt));
        answers.push_back(tokenizer.encode(e.suffix));
        if (std::int64_t(answers.back().size()) > maxPositions)
            throw Error(ErrorKind::BadInput, exampleName(e, i) + ": the answer is " + std::to_string(answers.back().size())
                                                 + " tokens, more than the model's " + std::to_string(maxPositions)
                                                 + " decoder positions");
        L = std::max(L, prompts.back().size());
        T = std::max(T, answers.back().size());
    }
    const std::int64_t B = std::int64_t(examples.size());
    TokenizedBatch out;
    out.inputIds = at::full({B, std::int64_t(L)}, padId, at::kLong);
    out.labels = at::full({B, std::int64_t(T)}, -100, at::kLong);
    auto ids = out.inputIds.accessor<std::int64_t, 2>();
    auto lab = out.labels.accessor<std::int64_t, 2>();
    for (std::int64_t b = 0; b < B; ++b) {
        for (std::size_t k = 0; k < prompts[b].size(); ++k)
            ids[b][std::int64_t(k)] = prompts[b][k];
        for (std::size_t k = 0; k < answers[b].size(); ++k)
            lab[b][std::int64_t(k)] = answers[b][k];
    }
    return out;
}

// ---- Impl ---------------------------------------------------------------------------------

std::int64_t Trainer::Impl::batchesPerEpoch() const
{
    const std::int64_t n = std::int64_t(train.size());
    return (n + settings.batchSize - 1) / settings.batchSize;
}

std::int64_t Trainer::Impl::stepsPerEpoch() const
{
    return (batchesPerEpoch() + settings.gradAccum - 1) / settings.gradAccum;
}

std::int64_t Trainer::Impl::totalSteps() const
{
    return settings.maxSteps > 0 ? settings.maxSteps : stepsPerEpoch() * settings.epochs;
}

std::vector<std::size_t> Trainer::Impl::order(int ep) const
{
    std::vector<std::size_t> idx(train.size());
    std::iota(idx.begin(), idx.end(), std::size_t(0));
    if (settings.shuffle) {
        std::mt19937_64 rng(settings.seed * 1000003ull + std::uint64_t(ep));
        for (std::size_t i = idx.size(); i > 1; --i)
            std::swap(idx[i - 1], idx[std::size_t(rng() % i)]);
    }
    return idx;
}

at::Tensor Trainer::Impl::pixelValues(const std::string &path) const
{
    PreprocessedImage p = preprocessImageFile(path, preprocessor);
    return at::from_blob(p.pixelValues.data(), {1, 3, p.height, p.width}, at::kFloat).clone();
}

at::Tensor Trainer::Impl::imageFeatures(const std::vector<TrainingExample> &examples)
{
    std::vector<at::Tensor> parts;
    if (settings.freezeVision) {
        for (const TrainingExample &e : examples) {
            auto it = visionCache.find(e.image);
            if (it == visionCache.end()) {
                at::NoGradGuard noGrad;
                it = visionCache.emplace(e.image, model->visionTokens(pixelValues(e.image))[0].contiguous()).first;
            }
            parts.push_back(it->second);
        }
        return model->imageFeatures(at::stack(parts));
    }
    for (const TrainingExample &e : examples)
        parts.push_back(pixelValues(e.image));
    return model->imageFeatures(model->visionTokens(at::cat(parts)));
}

at::Tensor Trainer::Impl::batchLoss(const std::vector<TrainingExample> &examples)
{
    const TokenizedBatch batch = tokenizeBatch(examples, *tokenizer, config.text.padTokenId);
    return model->loss(imageFeatures(examples), batch.inputIds, batch.labels);
}

// ---- Trainer ------------------------------------------------------------------------------

Trainer::Trainer(const std::string &modelDir, const TrainSettings &s)
    : m(std::make_unique<Impl>())
{
    auto check = [](bool ok, const std::string &what) {
        if (!ok)
            throw Error(ErrorKind::BadInput, "training setting " + what);
    };
    check(s.batchSize >= 1 && s.batchSize <= 4096, "batch size must be 1..4096, got " + std::to_string(s.batchSize));
    check(s.gradAccum >= 1 && s.gradAccum <= 4096, "gradient accumulation must be 1..4096, got " + std::to_string(s.gradAccum));
    check(s.epochs >= 1 && s.epochs <= 100000, "epochs must be 1..100000, got " + std::to_string(s.epochs));
    check(s.maxSteps >= 0, "max steps must be >= 0");
    check(std::isfinite(s.lr) && s.lr >= 0 && s.lr < 1, "learning rate must be in [0, 1)");
    check(s.warmupSteps >= 0, "warm-up steps must be >= 0");
    check(std::isfinite(s.weightDecay) && s.weightDecay >= 0 && s.weightDecay < 1, "weight decay must be in [0, 1)");
    check(std::isfinite(s.gradClip) && s.gradClip >= 0, "gradient clip must be >= 0");
    m->settings = s;
    m->modelDir = modelDir;
    if (s.threads > 0)
        setThreadCount(s.threads);
    m->folder = io::inspectModelFolder(modelDir);
    m->config = loadFlorenceConfig(modelDir);
    m->preprocessor = loadPreprocessorConfig(modelDir);
    m->tokenizer.emplace(Tokenizer::fromModelDir(modelDir));
    {
        io::LoadedCheckpoint ckpt = io::loadCheckpoint(modelDir, m->config, at::kFloat);
        m->model = std::make_unique<TrainableFlorence>(m->config, ckpt.tensors, loadDropoutConfig(modelDir));
    }
    std::vector<at::Tensor> params;
    for (const auto &[key, t] : m->model->namedTensors()) {
        const bool trainable = TrainableFlorence::isParameterKey(key)
                               && !(s.freezeVision && key.rfind("vision_tower.", 0) == 0);
        if (!trainable)
            continue;
        at::Tensor p = t;
        p.set_requires_grad(true);
        m->trainableKeys.push_back(key);
        params.push_back(p);
    }
    m->optimizer = std::make_unique<AdamW>(params, s.beta1, s.beta2, s.eps, s.weightDecay);
}

Trainer::~Trainer() = default;

Trainer::Impl &Trainer::impl()
{
    return *m;
}

void Trainer::setData(std::vector<TrainingExample> train, std::vector<TrainingExample> valid)
{
    m->warnings.clear();
    const int maxPos = m->config.text.maxPositionEmbeddings;
    const int imageTokens = m->preprocessor.imageSeqLength;
    auto keepFitting = [&](std::vector<TrainingExample> &examples, const char *which) {
        std::vector<TrainingExample> kept;
        for (std::size_t i = 0; i < examples.size(); ++i) {
            const std::vector<std::string> w = checkExampleLengths({examples[i]}, *m->tokenizer, imageTokens, maxPos);
            if (w.empty()) {
                kept.push_back(std::move(examples[i]));
                continue;
            }
            for (const std::string &msg : w)
                m->warnings.push_back(std::string(which) + " " + msg + " (example skipped)");
        }
        examples = std::move(kept);
    };
    keepFitting(train, "training");
    keepFitting(valid, "validation");
    if (train.empty())
        throw Error(ErrorKind::BadInput, "no training examples (after skipping those that do not fit the model)");
    m->train = std::move(train);
    m->valid = std::move(valid);
}

const std::vector<std::string> &Trainer::warnings() const
{
    return m->warnings;
}

std::int64_t Trainer::step() const
{
    return m->step;
}

const std::vector<double> &Trainer::stepLosses() const
{
    return m->stepLosses;
}

const std::vector<double> &Trainer::validLosses() const
{
    return m->validLosses;
}

TrainResult Trainer::run(const std::function<void(const TrainProgress &)> &progress, const std::atomic<bool> *cancel)
{
    Impl &d = *m;
    if (d.train.empty())
        throw Error(ErrorKind::BadInput, "no training examples: call setData first");
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    TrainResult result;
    std::int64_t examplesDone = 0;
    const std::int64_t total = d.totalSteps();
    const std::vector<at::Tensor> &params = d.optimizer->params();
    at::manual_seed(d.settings.seed + std::uint64_t(d.step)); // dropout masks
    while (d.step < total && (d.settings.maxSteps > 0 || d.epoch < d.settings.epochs)) {
        const std::vector<std::size_t> ord = d.order(d.epoch);
        while (d.nextBatch < d.batchesPerEpoch() && d.step < total) {
            d.model->train(d.settings.dropout);
            double lossSum = 0.0;
            int micro = 0;
            while (micro < d.settings.gradAccum && d.nextBatch < d.batchesPerEpoch()) {
                std::vector<TrainingExample> batch;
                const std::size_t b0 = std::size_t(d.nextBatch) * std::size_t(d.settings.batchSize);
                for (std::size_t k = b0; k < std::min(ord.size(), b0 + std::size_t(d.settings.batchSize)); ++k)
                    batch.push_back(d.train[ord[k]]);
                const at::Tensor loss = d.batchLoss(batch);
                (loss / double(d.settings.gradAccum)).backward();
                lossSum += loss.item<double>();
                ++micro;
                ++d.nextBatch;
                examplesDone += std::int64_t(batch.size());
            }
            if (d.settings.gradClip > 0)
                clipGradNorm(params, d.settings.gradClip);
            const double lr = learningRateAt(d.settings, d.step, total);
            d.optimizer->step(lr);
            d.optimizer->zeroGrad();
            ++d.step;
            d.stepLosses.push_back(lossSum / micro);
            if (progress) {
                TrainProgress p;
                p.step = d.step;
                p.totalSteps = total;
                p.epoch = d.epoch;
                p.loss = d.stepLosses.back();
                p.lr = lr;
                p.examplesPerSecond = examplesDone / std::max(1e-9, elapsed());
                progress(p);
            }
            if (cancel && cancel->load()) {
                result.cancelled = true;
                break;
            }
        }
        if (result.cancelled || d.nextBatch < d.batchesPerEpoch())
            break; // cancelled, or maxSteps reached inside the epoch
        if (!d.valid.empty()) {
            d.validLosses.push_back(validationLoss());
            if (progress) {
                TrainProgress p;
                p.step = d.step;
                p.totalSteps = total;
                p.epoch = d.epoch;
                p.validation = true;
                p.validLoss = d.validLosses.back();
                p.examplesPerSecond = examplesDone / std::max(1e-9, elapsed());
                progress(p);
            }
        }
        ++d.epoch;
        d.nextBatch = 0;
    }
    d.model->train(false);
    result.steps = d.step;
    result.seconds = elapsed();
    result.examplesPerSecond = examplesDone / std::max(1e-9, result.seconds);
    result.peakRssBytes = peakRss();
    return result;
}

double Trainer::validationLoss()
{
    Impl &d = *m;
    if (d.valid.empty())
        return std::numeric_limits<double>::quiet_NaN();
    at::NoGradGuard noGrad;
    const bool wasTraining = d.model->training();
    d.model->train(false);
    double sum = 0.0;
    int batches = 0;
    for (std::size_t b0 = 0; b0 < d.valid.size(); b0 += std::size_t(d.settings.batchSize)) {
        std::vector<TrainingExample> batch(d.valid.begin() + std::ptrdiff_t(b0),
                                           d.valid.begin() + std::ptrdiff_t(std::min(d.valid.size(), b0 + std::size_t(d.settings.batchSize))));
        sum += d.batchLoss(batch).item<double>();
        ++batches;
    }
    d.model->train(wasTraining);
    return sum / batches;
}

void Trainer::saveModel(const std::string &outDir, const std::string &dataDescription) const
{
    const Impl &d = *m;
    std::error_code ec;
    fs::create_directories(fs::u8path(outDir), ec);
    if (ec)
        throw Error(ErrorKind::Io, "cannot create the folder '" + outDir + "': " + ec.message());
    if (fs::equivalent(fs::u8path(outDir), fs::u8path(d.modelDir), ec))
        throw Error(ErrorKind::BadInput, "the output folder '" + outDir + "' is the base model's folder; choose another");
    // every file of the source folder but the weights: configs, tokenizer, remote code
    for (const auto &entry : fs::directory_iterator(fs::u8path(d.modelDir))) {
        const std::string name = entry.path().filename().u8string();
        const std::string ext = entry.path().extension().u8string();
        if (!entry.is_regular_file() || (ext != ".json" && ext != ".txt" && ext != ".py" && ext != ".model"))
            continue;
        if (name == "model.safetensors.index.json" || name == "training_record.json")
            continue;
        std::string content = readTextFile(entry.path().u8string());
        if (name == "config.json") {
            nlohmann::ordered_json cfg = nlohmann::ordered_json::parse(content);
            cfg["torch_dtype"] = "float32";
            if (cfg.contains("text_config") && cfg["text_config"].is_object() && cfg["text_config"].contains("torch_dtype"))
                cfg["text_config"]["torch_dtype"] = "float32";
            content = cfg.dump(2) + "\n";
        }
        writeFileAtomic(outDir + "/" + name, content);
    }
    // other weight formats of an older save would shadow or confuse: remove them
    for (const char *stale : {"pytorch_model.bin", "model.safetensors.index.json"})
        fs::remove(fs::u8path(outDir + "/" + stale), ec);
    std::vector<std::pair<std::string, at::Tensor>> tensors(d.model->namedTensors().begin(), d.model->namedTensors().end());
    writeFloatSafetensors(outDir + "/model.safetensors", std::move(tensors));

    nlohmann::ordered_json record;
    record["format"] = "florence-studio-training-record";
    record["florence_studio_version"] = versionString();
    record["base_model"] = fs::absolute(fs::u8path(d.modelDir)).u8string();
    record["base_variant"] = d.folder.variant;
    record["data"] = {{"description", dataDescription}, {"train_examples", d.train.size()}, {"valid_examples", d.valid.size()}};
    record["settings"] = settingsJson(d.settings);
    record["trainable_parameters"] = d.trainableKeys.size();
    record["steps"] = d.step;
    record["epochs_completed"] = d.epoch;
    record["train_loss_per_step"] = d.stepLosses;
    record["valid_loss_per_epoch"] = d.validLosses;
    record["warnings"] = d.warnings;
    writeFileAtomic(outDir + "/training_record.json", record.dump(2) + "\n");
}

void Trainer::saveCheckpoint(const std::string &dir) const
{
    const Impl &d = *m;
    std::error_code ec;
    fs::create_directories(fs::u8path(dir), ec);
    if (ec)
        throw Error(ErrorKind::Io, "cannot create the checkpoint folder '" + dir + "': " + ec.message());
    std::vector<std::pair<std::string, at::Tensor>> tensors;
    const auto &params = d.optimizer->params();
    for (std::size_t i = 0; i < params.size(); ++i) {
        tensors.emplace_back("param." + d.trainableKeys[i], params[i]);
        tensors.emplace_back("exp_avg." + d.trainableKeys[i], d.optimizer->expAvg()[i]);
        tensors.emplace_back("exp_avg_sq." + d.trainableKeys[i], d.optimizer->expAvgSq()[i]);
    }
    writeFloatSafetensors(dir + "/state.safetensors", std::move(tensors));
    nlohmann::ordered_json state;
    state["format"] = "florence-studio-training-checkpoint";
    state["step"] = d.step;
    state["epoch"] = d.epoch;
    state["next_batch"] = d.nextBatch;
    state["adam_steps"] = d.optimizer->steps();
    state["train_examples"] = d.train.size();
    state["settings"] = settingsJson(d.settings);
    state["train_loss_per_step"] = d.stepLosses;
    state["valid_loss_per_epoch"] = d.validLosses;
    writeFileAtomic(dir + "/state.json", state.dump(2) + "\n");
}

void Trainer::resumeFrom(const std::string &dir)
{
    Impl &d = *m;
    const std::string statePath = dir + "/state.json";
    nlohmann::json state;
    try {
        state = nlohmann::json::parse(readTextFile(statePath));
        if (state.value("format", "") != "florence-studio-training-checkpoint")
            throw Error(ErrorKind::BadInput, statePath + ": not a Florence Studio training checkpoint");
        const nlohmann::json &s = state.at("settings");
        auto same = [&](const char *field, const nlohmann::json &now) {
            if (s.at(field) != now)
                throw Error(ErrorKind::BadInput, statePath + ": settings." + field + " is " + s.at(field).dump()
                                                     + " in the checkpoint but " + now.dump() + " now");
        };
        const nlohmann::json cur = settingsJson(d.settings);
        for (const char *f : {"batch_size", "grad_accum", "freeze", "shuffle", "seed"})
            same(f, cur.at(f));
        if (state.at("train_examples").get<std::size_t>() != d.train.size())
            throw Error(ErrorKind::BadInput, statePath + ": the checkpoint was made with "
                                                 + state.at("train_examples").dump() + " training examples, now "
                                                 + std::to_string(d.train.size()));
        const io::SafetensorsFile f(dir + "/state.safetensors");
        std::vector<at::Tensor> p, m1, m2;
        for (std::size_t i = 0; i < d.trainableKeys.size(); ++i) {
            const at::Tensor &like = d.optimizer->params()[i];
            p.push_back(readTensor(f, "param." + d.trainableKeys[i], like));
            m1.push_back(readTensor(f, "exp_avg." + d.trainableKeys[i], like));
            m2.push_back(readTensor(f, "exp_avg_sq." + d.trainableKeys[i], like));
        }
        const std::vector<std::int64_t> adamSteps = state.at("adam_steps").get<std::vector<std::int64_t>>();
        if (adamSteps.size() != p.size())
            throw Error(ErrorKind::BadInput, statePath + ": adam_steps has " + std::to_string(adamSteps.size())
                                                 + " entries, expected " + std::to_string(p.size()));
        at::NoGradGuard noGrad;
        for (std::size_t i = 0; i < p.size(); ++i) {
            d.optimizer->params()[i].copy_(p[i]);
            d.optimizer->expAvg()[i].copy_(m1[i]);
            d.optimizer->expAvgSq()[i].copy_(m2[i]);
        }
        d.optimizer->steps() = adamSteps;
        d.step = state.at("step").get<std::int64_t>();
        d.epoch = state.at("epoch").get<int>();
        d.nextBatch = state.at("next_batch").get<std::int64_t>();
        d.stepLosses = state.at("train_loss_per_step").get<std::vector<double>>();
        d.validLosses = state.at("valid_loss_per_epoch").get<std::vector<double>>();
        if (d.step < 0 || d.epoch < 0 || d.nextBatch < 0 || d.nextBatch > d.batchesPerEpoch())
            throw Error(ErrorKind::BadInput, statePath + ": step/epoch/next_batch out of range");
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorKind::BadInput, statePath + ": " + e.what());
    }
}

} // namespace florence
