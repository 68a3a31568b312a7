#include "io/random_model.h"

#include "common/error.h"
#include "common/file_io.h"
#include "model/config.h"
#include "io/state_dict_pickle.h"
#include "io/torch_zip_writer.h"
#include "model/parameters.h"
#include "model/temporal_embedding.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <system_error>
#include <vector>

namespace florence::io {

namespace {

/// The sizes that distinguish one preset from another; everything else is the real config's.
struct Preset
{
    std::vector<int> dimEmbed;
    std::vector<int> numHeads; ///< also num_groups
    std::vector<int> depths;
    int projectionDim;
    int dModel;
    int layers;                ///< encoder and decoder layers each
    int attentionHeads;
    int ffnDim;
    int maxPositionEmbeddings;
};

bool findPreset(const std::string &like, Preset &out)
{
    // tiny: the fixtures' model (tests/data/fixtures/README.md "Models");
    // base / large: microsoft/Florence-2-base and -large (config_large.json).
    static const std::map<std::string, Preset> presets = {
        {"tiny", {{16, 32, 48, 64}, {2, 4, 6, 8}, {1, 1, 2, 1}, 24, 24, 2, 3, 64, 1024}},
        {"base", {{128, 256, 512, 1024}, {4, 8, 16, 32}, {1, 1, 9, 1}, 768, 768, 6, 12, 3072, 1024}},
        {"large", {{256, 512, 1024, 2048}, {8, 16, 32, 64}, {1, 1, 9, 1}, 1024, 1024, 12, 16, 4096, 4096}},
    };
    const auto it = presets.find(like);
    if (it == presets.end())
        return false;
    out = it->second;
    return true;
}

const char *torchDtypeName(DType dtype)
{
    switch (dtype) {
    case DType::F16: return "float16";
    case DType::BF16: return "bfloat16";
    default: return "float32";
    }
}

/// The preprocessor_config.json of the microsoft checkpoints (identical for base and large).
const char *kPreprocessorConfig = R"({
  "auto_map": {
    "AutoProcessor": "processing_florence2.Florence2Processor"
  },
  "_valid_processor_keys": [
    "images",
    "do_resize",
    "size",
    "resample",
    "do_rescale",
    "rescale_factor",
    "do_normalize",
    "image_mean",
    "image_std",
    "return_tensors",
    "data_format",
    "input_data_format",
    "do_convert_rgb"
  ],
  "do_convert_rgb": null,
  "do_normalize": true,
  "do_rescale": true,
  "do_resize": true,
  "do_center_crop": false,
  "image_processor_type": "CLIPImageProcessor",
  "image_seq_length": 577,
  "image_mean": [0.485, 0.456, 0.406],
  "image_std": [0.229, 0.224, 0.225],
  "processor_class": "Florence2Processor",
  "resample": 3,
  "size": {
    "height": 768,
    "width": 768
  },
  "crop_size": {
    "height": 768,
    "width": 768
  }
}
)";

const char *kGenerationConfig = "{\n  \"num_beams\": 3,\n  \"early_stopping\": false\n}\n";

// --- seeded normal numbers, independent of platform and tensor order -----------------------------

std::uint64_t splitmix64(std::uint64_t &x)
{
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

std::uint64_t fnv1a(const std::string &s)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : s)
        h = (h ^ c) * 0x100000001b3ull;
    return h;
}

/// xoshiro256** stream with Marsaglia's polar method for N(0, 1).
class NormalStream
{
public:
    explicit NormalStream(std::uint64_t seed)
    {
        for (auto &w : m_s)
            w = splitmix64(seed);
    }

    double next()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u, v, s;
        do {
            u = 2.0 * uniform() - 1.0;
            v = 2.0 * uniform() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        const double m = std::sqrt(-2.0 * std::log(s) / s);
        m_spare = v * m;
        m_hasSpare = true;
        return u * m;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    double uniform() // [0, 1) with 53 random bits
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return double(result >> 11) * (1.0 / 9007199254740992.0);
    }

    std::uint64_t m_s[4];
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

/// One tensor to write: its spec, the key whose random stream it uses (lm_head uses shared's).
struct Entry
{
    const ParameterSpec *spec = nullptr;
    std::string streamName;
    std::int64_t numel = 1;
};

/// Streams one tensor's values, up to 2^20 floats at a time, through `sink(const float *, size_t)`.
template <typename Sink>
void generate(const Entry &e, std::uint64_t seed, Sink &&sink)
{
    constexpr std::int64_t kChunk = 1 << 20;
    std::vector<float> buf;
    if (e.spec->role == ParamRole::CosineTable) {
        buf = cosineTemporalTable(int(e.spec->shape[0]), int(e.spec->shape[1]));
        sink(buf.data(), buf.size());
        return;
    }
    double mean = 0.0, stddev = 0.02;
    switch (e.spec->role) {
    case ParamRole::Weight:
    case ParamRole::Embedding: break;
    case ParamRole::Bias:
    case ParamRole::NormBias: stddev = 0.01; break;
    case ParamRole::NormWeight: mean = 1.0; break;
    case ParamRole::LogitsBias: stddev = 0.0; break;
    case ParamRole::CosineTable: break;
    }
    std::uint64_t s = seed ^ fnv1a(e.streamName);
    NormalStream rng(splitmix64(s));
    for (std::int64_t done = 0; done < e.numel; done += kChunk) {
        const std::int64_t n = std::min(kChunk, e.numel - done);
        buf.resize(std::size_t(n));
        for (float &v : buf)
            v = float(mean + (stddev > 0.0 ? stddev * rng.next() : 0.0));
        sink(buf.data(), buf.size());
    }
}

} // namespace

std::string presetConfigJson(const std::string &like, DType dtype)
{
    Preset p;
    if (!findPreset(like, p))
        throw Error(ErrorKind::BadInput, "unknown model size preset '" + like + "' (expected tiny, base or large)");
    using ojson = nlohmann::ordered_json;
    ojson text = {
        {"vocab_size", 51289},
        {"activation_dropout", 0.1},
        {"activation_function", "gelu"},
        {"add_bias_logits", false},
        {"add_final_layer_norm", false},
        {"attention_dropout", 0.1},
        {"bos_token_id", 0},
        {"classif_dropout", 0.1},
        {"classifier_dropout", 0.0},
        {"d_model", p.dModel},
        {"decoder_attention_heads", p.attentionHeads},
        {"decoder_ffn_dim", p.ffnDim},
        {"decoder_layerdrop", 0.0},
        {"decoder_layers", p.layers},
        {"decoder_start_token_id", 2},
        {"dropout", 0.1},
        {"early_stopping", true},
        {"encoder_attention_heads", p.attentionHeads},
        {"encoder_ffn_dim", p.ffnDim},
        {"encoder_layerdrop", 0.0},
        {"encoder_layers", p.layers},
        {"eos_token_id", 2},
        {"forced_eos_token_id", 2},
        {"forced_bos_token_id", 0},
        {"gradient_checkpointing", false},
        {"init_std", 0.02},
        {"is_encoder_decoder", true},
        {"label2id", {{"LABEL_0", 0}, {"LABEL_1", 1}, {"LABEL_2", 2}}},
        {"max_position_embeddings", p.maxPositionEmbeddings},
        {"no_repeat_ngram_size", 3},
        {"normalize_before", false},
        {"num_hidden_layers", p.layers},
        {"pad_token_id", 1},
        {"scale_embedding", false},
        {"num_beams", 3},
    };
    std::vector<bool> prenorm(p.dimEmbed.size(), true);
    prenorm[0] = false;
    ojson vision = {
        {"model_type", "davit"},
        {"drop_path_rate", 0.1},
        {"patch_size", {7, 3, 3, 3}},
        {"patch_stride", {4, 2, 2, 2}},
        {"patch_padding", {3, 1, 1, 1}},
        {"patch_prenorm", prenorm},
        {"enable_checkpoint", false},
        {"dim_embed", p.dimEmbed},
        {"num_heads", p.numHeads},
        {"num_groups", p.numHeads},
        {"depths", p.depths},
        {"window_size", 12},
        {"projection_dim", p.projectionDim},
        {"visual_temporal_embedding", {{"type", "COSINE"}, {"max_temporal_embeddings", 100}}},
        {"image_pos_embed", {{"type", "learned_abs_2d"}, {"max_pos_embeddings", 50}}},
        {"image_feature_source", {"spatial_avg_pool", "temporal_avg_pool"}},
    };
    ojson root = {
        {"_name_or_path", "florence2"},
        {"architectures", {"Florence2ForConditionalGeneration"}},
        {"auto_map",
         {{"AutoConfig", "configuration_florence2.Florence2Config"},
          {"AutoModelForCausalLM", "modeling_florence2.Florence2ForConditionalGeneration"}}},
        {"bos_token_id", 0},
        {"eos_token_id", 2},
        {"ignore_index", -100},
        {"model_type", "florence2"},
        {"pad_token_id", 1},
        {"projection_dim", p.projectionDim},
        {"text_config", text},
        {"vision_config", vision},
        {"vocab_size", 51289},
        {"torch_dtype", torchDtypeName(dtype)},
        {"transformers_version", "4.41.0.dev0"},
        {"is_encoder_decoder", true},
    };
    return root.dump(2) + "\n";
}

namespace {

/// Entry for one stored tensor: lm_head and the other tied keys draw shared's stream.
Entry entryFor(const ParameterSpec &p)
{
    Entry e;
    e.spec = &p;
    e.streamName = p.tiedTo.empty() ? p.name : p.tiedTo;
    for (std::int64_t d : p.shape)
        e.numel *= d;
    return e;
}

/// Streams one tensor's values encoded as `dtype` (little-endian bytes) through `sink(data, bytes)`.
template <typename Sink> void generateBytes(const Entry &e, std::uint64_t seed, DType dtype, Sink &&sink)
{
    std::vector<std::uint16_t> half;
    generate(e, seed, [&](const float *values, std::size_t n) {
        if (dtype == DType::F32) {
            sink(values, n * 4);
            return;
        }
        half.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            half[i] = dtype == DType::F16 ? floatToHalf(values[i]) : floatToBf16(values[i]);
        sink(half.data(), n * 2);
    });
}

/// model.safetensors, streamed: every key but encoder/decoder embed_tokens, in name order.
void writeSafetensorsWeights(const std::string &path, const std::vector<ParameterSpec> &specs,
                             const RandomModelOptions &opts, RandomModelInfo &info)
{
    std::map<std::string, Entry> entries;
    for (const ParameterSpec &p : specs)
        if (p.name != kEncoderEmbedTokensKey && p.name != kDecoderEmbedTokensKey)
            entries[p.name] = entryFor(p);
    const std::size_t es = elementSize(opts.dtype);
    nlohmann::json header = nlohmann::json::object();
    header["__metadata__"] = {{"format", "pt"}};
    std::uint64_t offset = 0;
    for (const auto &kv : entries) {
        const std::uint64_t bytes = std::uint64_t(kv.second.numel) * es;
        header[kv.first] = {{"dtype", toString(opts.dtype)}, {"shape", kv.second.spec->shape},
                            {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        info.parameters += kv.second.numel;
        ++info.tensors;
    }
    std::string h = header.dump();
    h.append((8 - h.size() % 8) % 8, ' ');
    const std::uint64_t headerLen = h.size();

    AtomicFileWriter writer(path);
    writer.write(&headerLen, 8);
    writer.write(h.data(), h.size());
    for (const auto &kv : entries)
        generateBytes(kv.second, opts.seed, opts.dtype, [&](const void *data, std::size_t n) { writer.write(data, n); });
    writer.commit();
    info.fileBytes = 8 + headerLen + offset;
}

/// pytorch_model.bin as torch.save writes the microsoft checkpoints: every key in state_dict order,
/// one storage per tensor, the four tied embedding keys sharing shared's storage.
void writePytorchBinWeights(const std::string &path, const std::vector<ParameterSpec> &specs,
                            const RandomModelOptions &opts, RandomModelInfo &info)
{
    std::map<std::string, std::string> storageOf;
    std::vector<PickledTensor> pickled;
    std::vector<std::pair<Entry, std::string>> storages; // entry, storage key
    for (const ParameterSpec &p : specs) {
        PickledTensor t;
        t.name = p.name;
        t.storageDtype = opts.dtype;
        t.sizes = p.shape;
        t.strides.assign(p.shape.size(), 1);
        for (std::size_t d = p.shape.size(); d-- > 1;)
            t.strides[d - 1] = t.strides[d] * p.shape[d]; // contiguous
        const Entry e = entryFor(p);
        t.storageNumel = e.numel;
        if (!p.tiedTo.empty()) {
            t.storageKey = storageOf.at(p.tiedTo);
        } else {
            t.storageKey = std::to_string(storages.size());
            storageOf[p.name] = t.storageKey;
            storages.emplace_back(e, t.storageKey);
            info.parameters += e.numel;
        }
        pickled.push_back(std::move(t));
        ++info.tensors;
    }
    TorchZipWriter zip(path);
    const std::string pkl = writeStateDictPickle(pickled);
    zip.writeRecord("data.pkl", pkl.data(), pkl.size());
    std::string record;
    for (const auto &[entry, key] : storages) {
        record.clear();
        generateBytes(entry, opts.seed, opts.dtype,
                      [&](const void *data, std::size_t n) { record.append(static_cast<const char *>(data), n); });
        zip.writeRecord("data/" + key, record.data(), record.size());
    }
    zip.finish();
    info.fileBytes = std::filesystem::file_size(path);
}

} // namespace

RandomModelInfo writeRandomModel(const std::string &outDir, const RandomModelOptions &opts)
{
    if (opts.dtype != DType::F32 && opts.dtype != DType::F16 && opts.dtype != DType::BF16)
        throw Error(ErrorKind::BadInput, std::string("random model dtype ") + toString(opts.dtype)
                                             + " is not supported (expected F32, F16 or BF16)");
    if (opts.format == WeightsFormat::ShardedSafetensors)
        throw Error(ErrorKind::BadInput, "random models are written as model.safetensors or pytorch_model.bin, "
                                         "not as sharded safetensors");
    const std::string configText = opts.configJson.empty() ? presetConfigJson(opts.like, opts.dtype) : opts.configJson;
    const FlorenceConfig cfg = parseFlorenceConfig(configText, "config.json (random model)");
    const std::vector<ParameterSpec> specs = florenceParameters(cfg);

    for (const char *required : {"tokenizer.json", "tokenizer_config.json"})
        if (!isRegularFile(opts.tokenizerFrom + "/" + required))
            throw Error(ErrorKind::BadInput, "tokenizer source folder '" + opts.tokenizerFrom + "' has no " + required
                                                 + " (pass a folder holding tokenizer.json and tokenizer_config.json)");
    std::error_code ec;
    std::filesystem::create_directories(outDir, ec);
    if (ec)
        throw Error(ErrorKind::Io, "cannot create model folder '" + outDir + "': " + ec.message());

    RandomModelInfo info;
    const bool bin = opts.format == WeightsFormat::PytorchBin;
    if (bin)
        writePytorchBinWeights(outDir + "/pytorch_model.bin", specs, opts, info);
    else
        writeSafetensorsWeights(outDir + "/model.safetensors", specs, opts, info);
    // Weights of the other format would shadow or confuse the new ones.
    for (const char *stale : {"model.safetensors.index.json", bin ? "model.safetensors" : "pytorch_model.bin"})
        std::filesystem::remove(outDir + "/" + stale, ec);

    writeFileAtomic(outDir + "/config.json", configText);
    writeFileAtomic(outDir + "/preprocessor_config.json", kPreprocessorConfig);
    writeFileAtomic(outDir + "/generation_config.json", kGenerationConfig);
    for (const char *name : {"tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt",
                             "special_tokens_map.json", "added_tokens.json"}) {
        const std::string from = opts.tokenizerFrom + "/" + name;
        if (isRegularFile(from))
            writeFileAtomic(outDir + "/" + name, readTextFile(from));
    }
    return info;
}

} // namespace florence::io
