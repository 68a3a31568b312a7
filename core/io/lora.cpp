// LoRA merge: validate everything first (names, ranks, shapes) against the loaded checkpoint, then
// compute the new tensors, then swap them in, so that a bad adapter leaves the checkpoint untouched.
#include "io/lora.h"

#include "common/error.h"
#include "common/file_io.h"
#include "common/json_reader.h"
#include "io/checkpoint_layout.h"
#include "io/lora_config.h"
#include "io/safetensors.h"
#include "model/parameters.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <map>

namespace florence::io {

namespace {

[[noreturn]] void fail(const std::string &what)
{
    throw Error(ErrorKind::ModelFormat, what);
}

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// rank_pattern / alpha_pattern keys. peft matches them as regular expressions,
/// re.match(rf"(.*\.)?({key})$", name); a file from a stranger must not run arbitrary regular
/// expressions (catastrophic backtracking), so keys are taken literally: the module name or a
/// dotted suffix of it ("q_proj", "encoder.layers.0.self_attn.q_proj"), which is how they are written.
bool patternMatches(const std::string &key, const std::string &module)
{
    if (key.empty())
        return false;
    return module == key || (module.size() > key.size() && endsWith(module, key) && module[module.size() - key.size() - 1] == '.');
}

at::Tensor copyTensor(const SafetensorsFile &f, const std::string &name)
{
    const TensorInfo &info = f.info(name);
    at::ScalarType t;
    switch (info.dtype) {
    case DType::F32: t = at::kFloat; break;
    case DType::F16: t = at::kHalf; break;
    case DType::BF16: t = at::kBFloat16; break;
    case DType::F64: t = at::kDouble; break;
    default:
        fail("adapter file '" + f.path() + "': tensor '" + name + "' has dtype " + toString(info.dtype)
             + ", expected a float type");
    }
    at::Tensor out = at::empty(info.shape, t);
    std::memcpy(out.data_ptr(), f.data(name), info.end - info.begin);
    return out;
}

struct LoraPair
{
    std::string module; ///< remote module name ("language_model.model.encoder.layers.0.self_attn.q_proj")
    std::string shownModule; ///< as written in the file
    at::Tensor a, b;
};

} // namespace

void applyLoraAdapter(LoadedCheckpoint &ckpt, const FlorenceConfig &cfg, const std::string &adapterDir)
{
    const std::string cfgPath = adapterDir + "/adapter_config.json";
    const std::string weightsPath = adapterDir + "/adapter_model.safetensors";
    if (!isRegularFile(cfgPath))
        fail("adapter folder '" + adapterDir + "' has no adapter_config.json (expected a peft LoRA adapter folder)");
    const LoraConfig lc = parseLoraConfig(readTextFile(cfgPath), cfgPath);
    const std::int64_t rank = lc.rank;
    const double alpha = lc.alpha;
    const bool rslora = lc.rslora;
    const std::map<std::string, std::int64_t> &rankPattern = lc.rankPattern;
    const std::map<std::string, double> &alphaPattern = lc.alphaPattern;
    const std::string &baseName = lc.baseName;

    if (!isRegularFile(weightsPath)) {
        if (isRegularFile(adapterDir + "/adapter_model.bin"))
            fail("adapter folder '" + adapterDir + "' holds adapter_model.bin, which is not supported; save the "
                 "adapter with safe_serialization=True (adapter_model.safetensors)");
        fail("adapter folder '" + adapterDir + "' has no adapter_model.safetensors");
    }

    SafetensorsFile file(weightsPath);
    const std::string prefix = "base_model.model.";
    std::map<std::string, LoraPair> pairs;   // by remote module name
    std::map<std::string, at::Tensor> whole; // remote key -> replacement (modules_to_save, biases)
    const auto toRemote = [&](const std::string &key, const std::string &tensorName) -> std::string {
        const auto layout = layoutOfKey(key);
        if (layout == CheckpointLayout::Native) {
            const auto r = remoteKeyFromNative(key);
            if (!r)
                fail("adapter file '" + weightsPath + "': tensor '" + tensorName + "' names '" + key
                     + "', which is not a module of Florence-2 (an adapter for another base model?)");
            return *r;
        }
        if (layout == CheckpointLayout::Remote)
            return key;
        fail("adapter file '" + weightsPath + "': tensor '" + tensorName + "' names '" + key
             + "', which is not a module of Florence-2 (an adapter for another base model?)");
    };
    for (const std::string &name : file.names()) {
        if (name.compare(0, prefix.size(), prefix) != 0)
            fail("adapter file '" + weightsPath + "': tensor '" + name + "' does not start with '" + prefix
                 + "' (expected peft's key names)");
        std::string rest = name.substr(prefix.size());
        // peft may keep the adapter name ("...lora_A.default.weight") or modules_to_save wrappers.
        for (const std::string &wrap : {std::string(".modules_to_save.default"), std::string(".original_module")})
            if (rest.find(wrap) != std::string::npos)
                rest.erase(rest.find(wrap), wrap.size());
        for (const std::string &ab : {std::string(".lora_A.default.weight"), std::string(".lora_B.default.weight")})
            if (endsWith(rest, ab))
                rest = rest.substr(0, rest.size() - ab.size()) + ab.substr(0, 7) + ".weight";
        if (rest.find("lora_embedding_") != std::string::npos)
            fail("adapter file '" + weightsPath + "': tensor '" + name + "' is a LoRA on an embedding, which is not supported");
        const bool isA = endsWith(rest, ".lora_A.weight"), isB = endsWith(rest, ".lora_B.weight");
        if (isA || isB) {
            const std::string module = rest.substr(0, rest.size() - 14);
            const std::string remote = toRemote(module + ".weight", name);
            const std::string remoteModule = remote.substr(0, remote.size() - 7);
            LoraPair &p = pairs[remoteModule];
            p.module = remoteModule;
            p.shownModule = module;
            (isA ? p.a : p.b) = copyTensor(file, name);
            continue;
        }
        if (rest.find("lora_") != std::string::npos)
            fail("adapter file '" + weightsPath + "': tensor '" + name + "' is not a lora_A/lora_B weight this loader knows");
        whole[toRemote(rest, name)] = copyTensor(file, name);
    }
    if (pairs.empty() && whole.empty())
        fail("adapter file '" + weightsPath + "' holds no LoRA tensors");

    // Validate everything before changing anything.
    std::map<std::string, at::Tensor> merged;
    std::vector<std::string> log;
    log.push_back("LoRA adapter '" + adapterDir + "'" + (baseName.empty() ? "" : " (base " + baseName + ")") + ": r "
                  + std::to_string(rank) + ", lora_alpha " + std::to_string(alpha) + (rslora ? ", rsLoRA" : ""));
    for (auto &kv : pairs) {
        LoraPair &p = kv.second;
        const std::string where = "adapter file '" + weightsPath + "', module '" + p.shownModule + "'";
        if (!p.a.defined() || !p.b.defined())
            fail(where + ": has lora_" + std::string(p.a.defined() ? "A" : "B") + " but no lora_"
                 + (p.a.defined() ? "B" : "A"));
        if (p.a.dim() != 2 || p.b.dim() != 2)
            fail(where + ": lora_A " + shapeToString(p.a.sizes().vec()) + " / lora_B " + shapeToString(p.b.sizes().vec())
                 + " are not matrices (LoRA on convolutions is not supported)");
        std::int64_t r = rank;
        double a = alpha;
        for (const auto &rp : rankPattern)
            if (patternMatches(rp.first, p.shownModule) || patternMatches(rp.first, p.module))
                r = rp.second;
        for (const auto &ap : alphaPattern)
            if (patternMatches(ap.first, p.shownModule) || patternMatches(ap.first, p.module))
                a = ap.second;
        if (p.a.size(0) != p.b.size(1))
            fail(where + ": rank mismatch: lora_A has " + std::to_string(p.a.size(0)) + " rows but lora_B has "
                 + std::to_string(p.b.size(1)) + " columns");
        if (p.a.size(0) != r)
            fail(where + ": rank mismatch: lora_A/lora_B have rank " + std::to_string(p.a.size(0))
                 + " but adapter_config.json says r = " + std::to_string(r));
        const std::string key = p.module + ".weight";
        const auto it = ckpt.tensors.find(key);
        if (it == ckpt.tensors.end())
            fail(where + ": the model has no such module (an adapter for another base model?)");
        const at::Tensor &w = it->second;
        if (w.dim() != 2 || w.size(0) != p.b.size(0) || w.size(1) != p.a.size(1))
            fail(where + ": B @ A is [" + std::to_string(p.b.size(0)) + ", " + std::to_string(p.a.size(1))
                 + "] but the model's weight is " + shapeToString(w.sizes().vec())
                 + " (an adapter for another base model?)");
        const double scaling = rslora ? a / std::sqrt(double(r)) : a / double(r);
        const at::ScalarType dt = w.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
        at::Tensor delta = at::mm(p.b.to(dt), p.a.to(dt)).mul_(scaling);
        merged[key] = w.to(dt).add(delta).to(w.scalar_type()).contiguous();
    }
    for (auto &kv : whole) {
        const auto it = ckpt.tensors.find(kv.first);
        if (it == ckpt.tensors.end())
            fail("adapter file '" + weightsPath + "': module weight '" + kv.first
                 + "' is not in the model (an adapter for another base model?)");
        if (it->second.sizes() != kv.second.sizes())
            fail("adapter file '" + weightsPath + "': '" + kv.first + "' has shape " + shapeToString(kv.second.sizes().vec())
                 + " but the model's is " + shapeToString(it->second.sizes().vec()) + " (an adapter for another base model?)");
        if (merged.count(kv.first))
            fail("adapter file '" + weightsPath + "': '" + kv.first + "' is both replaced and LoRA-adapted");
        merged[kv.first] = kv.second.to(it->second.scalar_type()).contiguous();
    }
    // Swap in. A tied key (lm_head, shared, embed_tokens) changed alone is untied from the others.
    const at::Tensor shared = ckpt.tensors.at(kSharedEmbeddingKey);
    for (auto &kv : merged) {
        const bool wasTied = ckpt.tensors.at(kv.first).is_same(shared) && kv.first != kSharedEmbeddingKey;
        ckpt.tensors[kv.first] = kv.second;
        if (kv.first == kSharedEmbeddingKey) {
            // Replacing the embedding replaces all its tied uses.
            for (const char *k : {kEncoderEmbedTokensKey, kDecoderEmbedTokensKey, kLmHeadKey})
                if (ckpt.tensors.at(k).is_same(shared) && !merged.count(k))
                    ckpt.tensors[k] = kv.second;
        }
        if (wasTied)
            log.push_back("'" + kv.first + "' changed by the adapter: no longer tied to '" + kSharedEmbeddingKey + "'");
    }
    log.push_back("merged " + std::to_string(pairs.size()) + " LoRA modules and replaced " + std::to_string(whole.size())
                  + " saved modules into the weights");
    ckpt.log.insert(ckpt.log.end(), log.begin(), log.end());
}

} // namespace florence::io
