// Checkpoint loading: files -> named sources (metadata + a way to make the tensor) -> validation
// against florenceParameters(cfg) -> tensors in the run dtype, ties and filled-in buffers.
//
// Design note: validation runs on metadata only (names, shapes, dtypes from the safetensors header
// or the pickled state dict), so a bad file fails before any conversion work. Safetensors tensors
// whose dtype already matches alias the memory mapping (zero copy) when they lie on a 64-byte
// boundary, and are copied as they are into the aligned block below otherwise (the decoder's vector
// kernels). Others are converted into one pre-faulted block (Arena), float16 -> float32 with F16C;
// the safetensors pages of a converted or copied tensor are dropped right after
// (SafetensorsFile::release). pytorch_model.bin storages are read one at a time through libtorch's
// PyTorchStreamReader and released as soon as the last tensor viewing them is built, so a fp16
// checkpoint loaded as fp32 never holds all fp16 storages at once. Tensors that view the same
// storage region (the four tied embedding keys of the microsoft checkpoints) become one tensor; tied
// copies stored separately are compared on their bytes.
// Tried and dropped: transparent huge pages for the block (the first load in a fresh process got
// 2-4x slower on the development VM).
#include "io/checkpoint.h"

#include "model/temporal_embedding.h"

#include "common/error.h"
#include "io/checkpoint_layout.h"
#include "common/file_io.h"
#include "common/json_reader.h"
#include "io/safetensors.h"
#include "io/state_dict_pickle.h"
#include "model/parameters.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <caffe2/serialize/inline_container.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <immintrin.h>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sys/mman.h>
#include <unordered_map>

namespace florence::io {

namespace {

/// Returns an uninitialised contiguous CPU tensor for converted weights.
using Allocator = std::function<at::Tensor(at::IntArrayRef sizes, at::ScalarType dtype)>;

/// One tensor found in a weights file, not yet turned into an at::Tensor.
struct Source
{
    std::string name;
    std::vector<std::int64_t> shape;
    DType dtype = DType::F32;
    std::string file;   ///< path, for messages
    std::string viewId; ///< equal ids denote the same bytes (same storage region); "" = unique
    std::function<at::Tensor(at::ScalarType, const Allocator &)> make;
    std::function<void()> announce; ///< called once before each `make` call (may be empty)
    const std::uint8_t *raw = nullptr; ///< the stored bytes when directly addressable (safetensors)
    std::uint64_t rawBytes = 0;
    std::function<void()> release;     ///< drops `raw`'s pages from memory once read (may be empty)
};

/// All sources of a checkpoint plus what reading it involved.
struct SourceSet
{
    std::vector<Source> sources;
    std::string path; ///< the file (or index) read, for messages
    std::string format;
    std::vector<std::string> log;
};

[[noreturn]] void formatError(const std::string &what)
{
    throw Error(ErrorKind::ModelFormat, what);
}

at::ScalarType scalarType(DType d)
{
    switch (d) {
    case DType::F32: return at::kFloat;
    case DType::F16: return at::kHalf;
    case DType::BF16: return at::kBFloat16;
    case DType::F64: return at::kDouble;
    case DType::I64: return at::kLong;
    case DType::I32: return at::kInt;
    case DType::U8: return at::kByte;
    case DType::I8: return at::kChar;
    case DType::Bool: return at::kBool;
    }
    return at::kFloat;
}

bool isFloat(DType d)
{
    return d == DType::F32 || d == DType::F16 || d == DType::BF16 || d == DType::F64;
}

/// float16 -> float32 of `n` contiguous elements with the F16C instruction (8 per step).
__attribute__((target("avx,f16c"))) void halfToFloatF16C(const std::uint16_t *src, float *dst, std::int64_t n)
{
    std::int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(src + i))));
    for (; i < n; ++i)
        dst[i] = halfToFloat(src[i]);
}

/// Converts `src` to `run` into a tensor from `alloc`. float16 -> float32, the path of every
/// microsoft checkpoint, uses F16C in parallel chunks where the CPU has it (about 5x faster than
/// the generic copy kernel of libtorch 1.13); everything else uses ATen's copy.
at::Tensor convert(const at::Tensor &src, at::ScalarType run, const Allocator &alloc)
{
    static const bool hasF16C = __builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx");
    at::Tensor out = alloc(src.sizes(), run);
    if (src.scalar_type() != at::kHalf || run != at::kFloat || !src.is_contiguous() || !hasF16C)
        return out.copy_(src);
    const auto *in = static_cast<const std::uint16_t *>(src.data_ptr());
    float *dst = out.data_ptr<float>();
    at::parallel_for(0, src.numel(), 1 << 16, [&](std::int64_t begin, std::int64_t end) {
        halfToFloatF16C(in + begin, dst + begin, end - begin);
    });
    return out;
}

/// Alignment of every safetensors tensor the loader hands out (zero-copy ones included): one cache
/// line, the widest vector load (AVX-512).
constexpr std::uintptr_t kTensorAlignment = 64;

/// A safetensors tensor off a kTensorAlignment boundary: its `make` copies it even in the stored dtype.
bool offBoundary(const std::uint8_t *raw)
{
    return raw && reinterpret_cast<std::uintptr_t>(raw) % kTensorAlignment != 0;
}

/// memcpy in parallel chunks of 1 MiB (a base model's 0.9 GB in fp32 in ~0.1 s on two threads).
void parallelCopy(void *dst, const void *src, std::size_t bytes)
{
    constexpr std::int64_t kChunk = 1 << 20;
    const std::int64_t chunks = std::int64_t((bytes + kChunk - 1) / kChunk);
    at::parallel_for(0, chunks, 1, [&](std::int64_t c0, std::int64_t c1) {
        const std::size_t begin = std::size_t(c0) * kChunk, end = std::min(bytes, std::size_t(c1) * kChunk);
        std::memcpy(static_cast<std::uint8_t *>(dst) + begin, static_cast<const std::uint8_t *>(src) + begin,
                    end - begin);
    });
}

/// One pre-faulted anonymous mapping for all converted (or realigned) tensors. Filling fresh memory
/// page by page costs a page fault per 4 KiB (seconds for a large model on a busy VM); MAP_POPULATE
/// maps the whole block in one call. Tensors keep the arena alive through their deleters, so it is
/// freed with the last of them.
class Arena
{
public:
    explicit Arena(std::size_t capacity)
    {
        if (capacity == 0)
            return;
        void *p = ::mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (p == MAP_FAILED)
            return; // callers fall back to at::empty
        m_base = static_cast<std::uint8_t *>(p);
        m_capacity = capacity;
    }
    ~Arena()
    {
        if (m_base)
            ::munmap(m_base, m_capacity);
    }
    Arena(const Arena &) = delete;
    Arena &operator=(const Arena &) = delete;

    /// 64-byte aligned room for `bytes`, or nullptr when the arena is full.
    void *allocate(std::size_t bytes)
    {
        const std::size_t start = (m_used + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment;
        if (!m_base || start + bytes > m_capacity)
            return nullptr;
        m_used = start + bytes;
        return m_base + start;
    }

private:
    std::uint8_t *m_base = nullptr;
    std::size_t m_capacity = 0;
    std::size_t m_used = 0;
};

std::string joinShape(const std::vector<std::int64_t> &v, char sep)
{
    std::string s;
    for (size_t i = 0; i < v.size(); ++i)
        s += (i ? std::string(1, sep) : std::string()) + std::to_string(v[i]);
    return s;
}

// --- safetensors -------------------------------------------------------------------------------

void addSafetensorsFile(SourceSet &set, const std::string &path, const std::map<std::string, std::string> *index,
                        const std::string &shardName)
{
    auto file = std::make_shared<SafetensorsFile>(path);
    for (const std::string &name : file->names()) {
        if (index) {
            const auto it = index->find(name);
            if (it == index->end() || it->second != shardName)
                formatError("safetensors shard '" + path + "' holds tensor '" + name + "', but the index maps it to "
                            + (it == index->end() ? std::string("no shard") : "'" + it->second + "'"));
        }
        const TensorInfo &info = file->info(name);
        Source src;
        src.name = name;
        src.shape = info.shape;
        src.dtype = info.dtype;
        src.file = path;
        const std::uint8_t *bytes = file->data(name);
        src.raw = bytes;
        src.rawBytes = info.end - info.begin;
        src.release = [file, name] { file->release(name); };
        // A tensor's address in the mapping is the data section's start plus its offset: any multiple of
        // its element size (safetensors pads the header to 8 bytes only). Vector loads that straddle
        // cache lines cost the decoder kernels up to 1.5x when they are compute-bound (bench/README),
        // so tensors not on a 64-byte boundary are copied once into the aligned arena.
        const bool vectorAligned = !offBoundary(bytes);
        src.make = [file, bytes, info, name, vectorAligned](at::ScalarType run, const Allocator &alloc) {
            const at::ScalarType st = scalarType(info.dtype);
            const auto options = at::TensorOptions().dtype(st);
            void *ptr = const_cast<std::uint8_t *>(bytes); // private copy-on-write mapping
            const bool aligned = reinterpret_cast<std::uintptr_t>(bytes) % elementSize(info.dtype) == 0;
            if (st == run && vectorAligned) // zero copy: the tensor keeps the mapping alive
                return at::from_blob(ptr, info.shape, [file](void *) {}, options);
            if (st == run) {
                at::Tensor out = alloc(info.shape, run);
                parallelCopy(out.data_ptr(), bytes, std::size_t(info.end - info.begin));
                file->release(name);
                return out;
            }
            at::Tensor raw;
            if (aligned) {
                raw = at::from_blob(ptr, info.shape, options);
            } else {
                raw = at::empty(info.shape, options);
                std::memcpy(raw.data_ptr(), bytes, info.end - info.begin);
            }
            at::Tensor converted = convert(raw, run, alloc);
            file->release(name); // the file's pages are not needed any more: keep the peak RSS low
            return converted;
        };
        set.sources.push_back(std::move(src));
    }
}

SourceSet readSafetensors(const std::string &path)
{
    SourceSet set;
    set.format = "safetensors";
    set.path = path;
    addSafetensorsFile(set, path, nullptr, {});
    set.log.push_back("read " + std::to_string(set.sources.size()) + " tensors from safetensors file '" + path + "'");
    return set;
}

SourceSet readSafetensorsIndex(const std::string &dir, const std::string &indexPath)
{
    const nlohmann::json root
        = JsonFieldReader("safetensors index", indexPath, ErrorKind::ModelFormat).parse(readTextFile(indexPath));
    if (!root.is_object() || !root.contains("weight_map") || !root["weight_map"].is_object())
        formatError("safetensors index '" + indexPath + "': expected an object with a 'weight_map' object");
    std::map<std::string, std::string> index;
    std::set<std::string> shards;
    for (auto it = root["weight_map"].begin(); it != root["weight_map"].end(); ++it) {
        if (!it->is_string())
            formatError("safetensors index '" + indexPath + "': weight_map entry '" + it.key() + "' is not a file name");
        const std::string shard = it->get<std::string>();
        if (shard.empty() || shard.find('/') != std::string::npos || shard.find("..") != std::string::npos)
            formatError("safetensors index '" + indexPath + "': weight_map entry '" + it.key() + "' names shard '"
                        + shard + "', expected a plain file name in the model folder");
        index[it.key()] = shard;
        shards.insert(shard);
    }
    SourceSet set;
    set.format = "safetensors";
    set.path = indexPath;
    for (const std::string &shard : shards)
        addSafetensorsFile(set, dir + "/" + shard, &index, shard);
    std::set<std::string> found;
    for (const Source &s : set.sources)
        found.insert(s.name);
    for (const auto &kv : index)
        if (!found.count(kv.first))
            formatError("safetensors index '" + indexPath + "' maps tensor '" + kv.first + "' to shard '" + kv.second
                        + "', which has no such tensor");
    set.log.push_back("read " + std::to_string(set.sources.size()) + " tensors from " + std::to_string(shards.size())
                      + " safetensors shards listed in '" + indexPath + "'");
    return set;
}

// --- pytorch_model.bin (torch.save zip) --------------------------------------------------------

/// The storage records of one archive, read on demand and dropped after their last use.
class StorageCache
{
public:
    StorageCache(std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader, std::string path)
        : m_reader(std::move(reader))
        , m_path(std::move(path))
    {
    }

    /// Announces one future get() of storage `key`; the record is dropped after the last one.
    void addUse(const std::string &key) { ++m_uses[key]; }

    /// The record bytes of storage `key`, checked to hold `bytes` bytes; `tensor` names the tensor
    /// in messages.
    std::shared_ptr<at::DataPtr> get(const std::string &key, std::uint64_t bytes, const std::string &tensor)
    {
        std::shared_ptr<at::DataPtr> data;
        auto it = m_cache.find(key);
        if (it != m_cache.end()) {
            data = it->second;
        } else {
            const std::string record = "data/" + key;
            std::size_t size = 0;
            try {
                if (!m_reader->hasRecord(record))
                    formatError("pytorch_model.bin '" + m_path + "': storage record '" + record + "' of tensor '"
                                + tensor + "' is missing from the archive");
                auto rec = m_reader->getRecord(record);
                data = std::make_shared<at::DataPtr>(std::move(std::get<0>(rec)));
                size = std::get<1>(rec);
            } catch (const c10::Error &e) {
                formatError("pytorch_model.bin '" + m_path + "': cannot read storage record '" + record + "' of tensor '"
                            + tensor + "' (corrupt archive): " + firstLine(e.what_without_backtrace()));
            }
            if (size != bytes)
                formatError("pytorch_model.bin '" + m_path + "': storage record '" + record + "' of tensor '" + tensor
                            + "' has " + std::to_string(size) + " bytes, expected " + std::to_string(bytes)
                            + " (truncated or corrupt)");
            m_cache[key] = data;
        }
        if (--m_uses[key] <= 0)
            m_cache.erase(key);
        return data;
    }

    static std::string firstLine(const std::string &s) { return s.substr(0, s.find('\n')); }
    const std::string &path() const { return m_path; }

private:
    std::unique_ptr<caffe2::serialize::PyTorchStreamReader> m_reader;
    std::string m_path;
    std::unordered_map<std::string, int> m_uses;
    std::unordered_map<std::string, std::shared_ptr<at::DataPtr>> m_cache;
};

SourceSet readTorchZip(const std::string &path)
{
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw Error(ErrorKind::Io, "cannot open '" + path + "'");
        char magic[4] = {0, 0, 0, 0};
        in.read(magic, 4);
        if (std::memcmp(magic, "PK\x03\x04", 4) != 0) {
            if (std::uint8_t(magic[0]) == 0x80)
                formatError("pytorch_model.bin '" + path + "' uses the legacy (pre-1.6, non-zip) torch.save format, "
                            "which is not supported; re-save it with torch >= 1.6 or convert it to model.safetensors");
            formatError("pytorch_model.bin '" + path + "' is not a zip archive (expected the torch.save zip format)");
        }
    }
    std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader;
    std::vector<PickledTensor> pickled;
    const std::string where = "pytorch_model.bin '" + path + "', record data.pkl";
    try {
        reader = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path);
        if (!reader->hasRecord("data.pkl"))
            formatError("pytorch_model.bin '" + path + "' has no data.pkl record (not a torch.save archive)");
        auto rec = reader->getRecord("data.pkl");
        pickled = parseStateDictPickle(static_cast<const std::uint8_t *>(std::get<0>(rec).get()), std::get<1>(rec), where);
    } catch (const c10::Error &e) {
        formatError("pytorch_model.bin '" + path + "' is not a readable torch.save zip archive (truncated or corrupt): "
                    + StorageCache::firstLine(e.what_without_backtrace()));
    }

    auto cache = std::make_shared<StorageCache>(std::move(reader), path);
    SourceSet set;
    set.format = "pytorch_model.bin";
    set.path = path;
    std::set<std::string> storages;
    for (const PickledTensor &t : pickled) {
        Source src;
        src.name = t.name;
        src.shape = t.sizes;
        src.dtype = t.storageDtype;
        src.file = path;
        src.viewId = t.storageKey + "@" + std::to_string(t.storageOffset) + ":" + joinShape(t.sizes, ',') + "/"
                     + joinShape(t.strides, ',');
        storages.insert(t.storageKey);
        src.announce = [cache, key = t.storageKey] { cache->addUse(key); };
        src.make = [cache, t](at::ScalarType run, const Allocator &alloc) {
            const std::uint64_t es = elementSize(t.storageDtype);
            // parseStateDictPickle checked the view against storageNumel; these products are checked
            // again so a view can never address bytes outside the record (issue 17, finding 1).
            std::uint64_t storageBytes = 0;
            std::uint64_t offsetBytes = 0;
            if (t.storageNumel < 0 || t.storageOffset < 0 || t.storageOffset > t.storageNumel
                || __builtin_mul_overflow(std::uint64_t(t.storageNumel), es, &storageBytes)
                || __builtin_mul_overflow(std::uint64_t(t.storageOffset), es, &offsetBytes))
                formatError("pytorch_model.bin '" + cache->path() + "': tensor '" + t.name + "' has storage offset "
                            + std::to_string(t.storageOffset) + " outside storage '" + t.storageKey + "' of "
                            + std::to_string(t.storageNumel) + " elements");
            const auto data = cache->get(t.storageKey, storageBytes, t.name);
            const at::ScalarType st = scalarType(t.storageDtype);
            auto *ptr = static_cast<std::uint8_t *>(data->get()) + offsetBytes;
            at::Tensor view = at::from_blob(ptr, t.sizes, t.strides, [data](void *) {}, at::TensorOptions().dtype(st));
            if (st == run && view.is_contiguous())
                return view; // keeps the record's buffer alive
            return convert(view, run, alloc);
        };
        set.sources.push_back(std::move(src));
    }
    set.log.push_back("read " + std::to_string(pickled.size()) + " tensors (" + std::to_string(storages.size())
                      + " storages) from torch.save archive '" + path + "'");
    return set;
}

// --- validation and assembly -------------------------------------------------------------------

/// Keys the reference knowingly drops: modules Florence2ForConditionalGeneration deletes, and
/// Florence2LanguageModel._keys_to_ignore_on_load_unexpected (matched with re.search there).
bool isDroppedKey(const std::string &name)
{
    static const std::set<std::string> deleted = {"vision_tower.norms.weight", "vision_tower.norms.bias",
                                                  "vision_tower.head.weight", "vision_tower.head.bias"};
    return deleted.count(name) != 0 || name.find("encoder.version") != std::string::npos
           || name.find("decoder.version") != std::string::npos;
}


const char *dtypeName(at::ScalarType t)
{
    switch (t) {
    case at::kFloat: return "float32";
    case at::kHalf: return "float16";
    case at::kBFloat16: return "bfloat16";
    case at::kDouble: return "float64";
    default: return "?";
    }
}

/// Picks the weights file(s) of `dir` in the order Hugging Face prefers them.
SourceSet readWeights(const std::string &dir)
{
    const std::string single = dir + "/model.safetensors";
    const std::string index = dir + "/model.safetensors.index.json";
    const std::string bin = dir + "/pytorch_model.bin";
    if (isRegularFile(single))
        return readSafetensors(single);
    if (isRegularFile(index))
        return readSafetensorsIndex(dir, index);
    if (isRegularFile(bin))
        return readTorchZip(bin);
    if (isRegularFile(dir + "/pytorch_model.bin.index.json"))
        formatError("model folder '" + dir + "' holds a sharded pytorch_model.bin.index.json checkpoint, which is not "
                    "supported; convert it to model.safetensors");
    formatError("model folder '" + dir + "' has no weights: expected model.safetensors, model.safetensors.index.json "
                "or pytorch_model.bin");
}

/// Finds the layout of the stored keys, checks it against config.json's, and renames native keys
/// to the remote names florenceParameters() uses (image_projection transposed back).
CheckpointLayout detectAndRename(SourceSet &set, const FlorenceConfig &cfg, std::vector<std::string> &log)
{
    const Source *firstNative = nullptr;
    const Source *firstRemote = nullptr;
    for (const Source &s : set.sources) {
        const auto layout = layoutOfKey(s.name);
        if (layout == CheckpointLayout::Native && !firstNative)
            firstNative = &s;
        if (layout == CheckpointLayout::Remote && !firstRemote)
            firstRemote = &s;
    }
    if (firstNative && firstRemote)
        formatError("checkpoint '" + set.path + "' mixes the two checkpoint layouts: '" + firstNative->name
                    + "' is a transformers-native key, '" + firstRemote->name + "' a remote-code (microsoft) key");
    const CheckpointLayout found = firstNative ? CheckpointLayout::Native : CheckpointLayout::Remote;
    if (cfg.layout && *cfg.layout != found && (firstNative || firstRemote))
        formatError("config.json describes the " + std::string(toString(*cfg.layout)) + " layout, but checkpoint '"
                    + set.path + "' holds " + toString(found) + "-layout keys (e.g. '"
                    + (firstNative ? firstNative : firstRemote)->name + "'); the folder mixes two checkpoints");
    if (found == CheckpointLayout::Remote) {
        log.push_back("weights in the remote-code layout (microsoft/Florence-2 key names)");
        return found;
    }
    int renamed = 0;
    for (Source &s : set.sources) {
        const auto remote = remoteKeyFromNative(s.name);
        if (!remote)
            continue; // reported as unexpected under its own name
        s.name = *remote;
        ++renamed;
        if (transposedInNative(s.name)) {
            if (s.shape.size() != 2)
                formatError("checkpoint '" + s.file + "': tensor 'model.multi_modal_projector.image_projection.weight' "
                            "has shape " + shapeToString(s.shape) + ", expected a matrix");
            std::swap(s.shape[0], s.shape[1]);
            s.raw = nullptr;
            s.viewId.clear();
            auto inner = s.make;
            s.make = [inner](at::ScalarType run, const Allocator &alloc) {
                return inner(run, alloc).t().contiguous(); // nn.Linear [out, in] -> the remote [in, out] matrix
            };
        }
    }
    log.push_back("weights in the transformers-native layout: " + std::to_string(renamed)
                  + " keys mapped to the remote-code names (image_projection transposed back)");
    return found;
}

} // namespace

LoadedCheckpoint loadCheckpoint(const std::string &modelDir, const FlorenceConfig &cfg, at::ScalarType runDtype)
{
    if (runDtype != at::kFloat && runDtype != at::kHalf && runDtype != at::kBFloat16 && runDtype != at::kDouble)
        throw Error(ErrorKind::BadInput, std::string("loadCheckpoint: unsupported run dtype ") + c10::toString(runDtype)
                                             + " (expected float32, float16 or bfloat16)");
    const std::vector<ParameterSpec> specs = florenceParameters(cfg);
    SourceSet set = readWeights(modelDir);

    LoadedCheckpoint out;
    out.format = set.format;
    out.log = cfg.notes;
    out.log.insert(out.log.end(), set.log.begin(), set.log.end());
    out.layout = detectAndRename(set, cfg, out.log);

    // 1. Names, shapes and dtypes, before any tensor is made.
    std::unordered_map<std::string, const ParameterSpec *> specByName;
    for (const ParameterSpec &p : specs)
        specByName[p.name] = &p;
    std::unordered_map<std::string, const Source *> byName;
    std::vector<std::string> unexpected;
    std::map<std::string, int> conversions;
    for (const Source &s : set.sources) {
        if (!byName.emplace(s.name, &s).second)
            formatError("checkpoint '" + s.file + "': tensor '" + s.name + "' is stored twice");
        const auto it = specByName.find(s.name);
        if (it == specByName.end()) {
            if (isDroppedKey(s.name))
                out.log.push_back("dropped '" + s.name + "' (unused by the reference model)");
            else
                unexpected.push_back(s.name);
            continue;
        }
        if (s.shape != it->second->shape)
            formatError("checkpoint '" + s.file + "': tensor '" + s.name + "' has shape " + shapeToString(s.shape)
                        + ", expected " + shapeToString(it->second->shape) + " for this config.json");
        if (!isFloat(s.dtype))
            formatError("checkpoint '" + s.file + "': tensor '" + s.name + "' has dtype " + toString(s.dtype)
                        + ", expected a float type (F32, F16 or BF16)");
        if (scalarType(s.dtype) != runDtype)
            ++conversions[toString(s.dtype)];
    }
    if (!unexpected.empty()) {
        const Source &s = *byName.at(unexpected.front());
        formatError("checkpoint '" + s.file + "': unexpected tensor '" + s.name + "' with shape " + shapeToString(s.shape)
                    + " (not in the Florence-2 state dict for this config.json; " + std::to_string(unexpected.size())
                    + " unexpected tensors in all)");
    }
    const bool tiedHead = cfg.tieWordEmbeddings;
    const auto optionalKey = [tiedHead](const std::string &n) {
        return n == kSharedEmbeddingKey || n == kEncoderEmbedTokensKey || n == kDecoderEmbedTokensKey
               || (n == kLmHeadKey && tiedHead) || n == kFinalLogitsBiasKey || n == kTemporalEmbedKey;
    };
    std::vector<std::string> missing;
    for (const ParameterSpec &p : specs)
        if (!byName.count(p.name) && !optionalKey(p.name))
            missing.push_back(p.name);
    if (!tiedHead && !byName.count(kLmHeadKey))
        formatError("checkpoint '" + set.path + "': missing tensor '"
                    + (out.layout == CheckpointLayout::Native ? std::string("lm_head.weight") : std::string(kLmHeadKey))
                    + "': config.json sets tie_word_embeddings to false, so the head must be stored");
    // The tied group: `shared` may come from any stored member; the reference keeps the last loaded.
    std::vector<std::string> tiedGroup = {kSharedEmbeddingKey, kEncoderEmbedTokensKey, kDecoderEmbedTokensKey};
    if (tiedHead)
        tiedGroup.push_back(kLmHeadKey);
    std::vector<const Source *> tiedStored;
    for (const std::string &k : tiedGroup)
        if (byName.count(k))
            tiedStored.push_back(byName.at(k));
    if (tiedStored.empty())
        missing.insert(missing.begin(), kSharedEmbeddingKey);
    if (!missing.empty()) {
        const ParameterSpec &p = *specByName.at(missing.front());
        std::string shown = p.name;
        if (out.layout == CheckpointLayout::Native)
            shown = nativeKeyFromRemote(p.name).value_or(p.name);
        formatError("checkpoint '" + set.path + "': missing tensor '" + shown + "' (expected shape "
                    + shapeToString(p.shape) + "; " + std::to_string(missing.size()) + " missing tensors in all)");
    }

    const auto makeNow = [&](const Source *s, const Allocator &alloc) {
        if (s->announce)
            s->announce();
        return s->make(runDtype, alloc);
    };
    const Allocator plain = [](at::IntArrayRef sizes, at::ScalarType dtype) { return at::empty(sizes, dtype); };

    // 2. Ties, first, so that the compared copies leave memory before the rest is made. The four
    //    keys are one Parameter in the reference, so each stored copy overwrites it in state_dict
    //    order and the last one stored wins. When all stored copies agree, `shared` (the first)
    //    stands for them. Copies are compared on their file bytes when possible, so an equal
    //    duplicate (lm_head stored next to shared) is never converted.
    //    lm_head is its own Parameter in the original model (the training fixtures show separate
    //    gradients and separate AdamW updates for it and `shared`; a checkpoint without it leaves it
    //    random there). It joins the tie only when absent or equal to the other copies (no extra
    //    memory); a differing lm_head, e.g. of a fine-tuned model, is kept as its own tensor.
    const Source *separateLmHead = nullptr;
    if (tiedStored.size() > 1 && tiedStored.back()->name == kLmHeadKey) {
        const Source *lm = tiedStored.back();
        const Source *other = tiedStored[tiedStored.size() - 2];
        bool same = !lm->viewId.empty() && lm->viewId == other->viewId;
        if (!same) {
            if (lm->raw && other->raw && lm->dtype == other->dtype && lm->rawBytes == other->rawBytes)
                same = std::memcmp(lm->raw, other->raw, lm->rawBytes) == 0;
            else
                same = at::equal(makeNow(lm, plain), makeNow(other, plain));
        }
        if (!same) {
            separateLmHead = lm;
            tiedStored.pop_back();
            out.log.push_back(std::string("'") + kLmHeadKey + "' differs from '" + other->name
                              + "': kept as its own tensor (the original model does not tie lm_head)");
        }
    }
    const Source *last = tiedStored.back();
    const Source *winner = tiedStored.front();
    at::Tensor lastTensor;
    for (const Source *s : tiedStored) {
        if (s == last || (!s->viewId.empty() && s->viewId == last->viewId))
            continue;
        bool same;
        if (s->raw && last->raw && s->dtype == last->dtype && s->rawBytes == last->rawBytes) {
            same = std::memcmp(s->raw, last->raw, s->rawBytes) == 0;
        } else {
            if (!lastTensor.defined())
                lastTensor = makeNow(last, plain);
            same = at::equal(makeNow(s, plain), lastTensor);
        }
        if (!same) {
            winner = last;
            out.log.push_back("'" + s->name + "' differs from '" + last->name + "'; like the reference, all tied "
                              "embeddings use '" + last->name + "' (loaded last)");
        }
    }
    for (const Source *s : tiedStored)
        if (tiedStored.size() > 1 && s->release)
            s->release(); // compared; the winner's pages come back from the page cache when made

    // 3. The tensors still to make: the tie winner and every other stored key; identical views once.
    const std::set<std::string> tiedNames(tiedGroup.begin(), tiedGroup.end());
    std::unordered_map<std::string, const Source *> firstOfView;
    std::vector<const Source *> toMake;
    std::vector<const Source *> aliases;
    if (!(winner == last && lastTensor.defined()))
        toMake.push_back(winner);
    if (separateLmHead)
        toMake.push_back(separateLmHead);
    for (const ParameterSpec &p : specs) {
        const auto it = byName.find(p.name);
        if (it == byName.end() || tiedNames.count(p.name))
            continue;
        const Source *s = it->second;
        if (!s->viewId.empty() && !firstOfView.emplace(s->viewId, s).second)
            aliases.push_back(s);
        else
            toMake.push_back(s);
    }
    // Converted and realigned tensors share one pre-faulted block (see Arena), sized exactly.
    std::size_t arenaBytes = 0;
    std::size_t copiedAsIs = 0;
    for (const Source *s : toMake)
        if (scalarType(s->dtype) != runDtype || offBoundary(s->raw)) {
            copiedAsIs += scalarType(s->dtype) == runDtype;
            // Shapes equal the config's parameter shapes here; checked anyway (a config is input too).
            std::size_t n = c10::elementSize(runDtype);
            bool overflow = false;
            for (std::int64_t d : s->shape)
                overflow |= d < 0 || __builtin_mul_overflow(n, std::size_t(d), &n);
            overflow |= __builtin_add_overflow(arenaBytes, (n + 63) / 64 * 64, &arenaBytes) || n > SIZE_MAX - 63;
            if (overflow)
                formatError("checkpoint '" + s->file + "': tensor '" + s->name + "' with shape " + shapeToString(s->shape)
                            + " is too large to convert");
        }
    if (copiedAsIs)
        out.log.push_back(std::to_string(copiedAsIs) + " tensor(s) copied to 64-byte aligned memory (stored off a 64-byte "
                          "boundary, where vector loads straddle cache lines)");
    const auto arena = std::make_shared<Arena>(arenaBytes);
    const Allocator alloc = [arena](at::IntArrayRef sizes, at::ScalarType dtype) {
        void *p = arena->allocate(std::size_t(c10::multiply_integers(sizes)) * c10::elementSize(dtype));
        if (!p)
            return at::empty(sizes, dtype);
        return at::from_blob(p, sizes, [arena](void *) {}, at::TensorOptions().dtype(dtype));
    };
    for (const Source *s : toMake)
        if (s->announce)
            s->announce();
    for (const Source *s : toMake)
        out.tensors[s->name] = s->make(runDtype, alloc);
    const at::Tensor shared = lastTensor.defined() && winner == last ? lastTensor : out.tensors.at(winner->name);
    for (const std::string &k : tiedGroup) {
        if (separateLmHead && k == kLmHeadKey)
            continue; // made above as its own tensor
        if (!byName.count(k)) {
            if (k == kLmHeadKey && out.layout == CheckpointLayout::Native)
                out.log.push_back("lm_head.weight is not stored: tied to the shared embedding (tie_word_embeddings)");
            else if (k == kLmHeadKey)
                out.log.push_back(std::string("'") + kLmHeadKey + "' is not stored: tied to '" + winner->name
                                  + "' (the original code would leave it random)");
            else
                out.log.push_back("'" + k + "' is not stored: tied to '" + winner->name + "'");
        }
        out.tensors[k] = shared;
    }
    for (const Source *s : aliases)
        out.tensors[s->name] = out.tensors.at(firstOfView.at(s->viewId)->name);

    for (const auto &kv : conversions)
        out.log.push_back("converted " + std::to_string(kv.second) + " " + kv.first + " tensors to "
                          + dtypeName(runDtype));

    // 4. Buffers the reference model fills itself when the file lacks them.
    if (!tiedHead)
        out.log.push_back(std::string("'") + kLmHeadKey + "' is its own tensor (tie_word_embeddings false)");
    if (!byName.count(kFinalLogitsBiasKey)) {
        out.tensors[kFinalLogitsBiasKey] = at::zeros(specByName.at(kFinalLogitsBiasKey)->shape, runDtype);
        if (out.layout == CheckpointLayout::Native)
            out.log.push_back("no final_logits_bias in the native layout: logits are lm_head only");
        else
            out.log.push_back(std::string("'") + kFinalLogitsBiasKey + "' is not stored: zeros, as in the reference");
    }
    if (!byName.count(kTemporalEmbedKey)) {
        const auto &shape = specByName.at(kTemporalEmbedKey)->shape;
        std::vector<float> table = cosineTemporalTable(int(shape[0]), int(shape[1]));
        out.tensors[kTemporalEmbedKey] = at::from_blob(table.data(), {shape[0], shape[1]}, at::kFloat).clone().to(runDtype);
        out.log.push_back(std::string("'") + kTemporalEmbedKey
                          + "' is not stored: computed like PositionalEmbeddingCosine1D");
    }
    return out;
}

} // namespace florence::io
