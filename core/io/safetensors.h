#pragma once
// Reading and writing the safetensors format without libtorch: raw little-endian bytes plus
// dtype and shape. Used for test fixtures, `florence-cli preprocess` and as the base of the
// weights loader (core/io/checkpoint.h), which memory-maps the same layout.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace florence::io {

/// Element types of safetensors that Florence Studio handles.
enum class DType { F32, F16, BF16, F64, I64, I32, U8, I8, Bool };

/// Safetensors name of a dtype ("F32", "BF16", ...).
const char *toString(DType dtype);
/// Size of one element in bytes.
std::size_t elementSize(DType dtype);

/// One tensor's header entry: dtype, shape, byte range inside the data section.
struct TensorInfo
{
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0; ///< offset from the start of the data section
    std::uint64_t end = 0;

    std::int64_t numel() const;
};

/// A safetensors file opened for reading (memory-mapped privately, copy-on-write; the file is never written).
///
/// The constructor validates the whole header before anything is read: the 8-byte length, the
/// JSON, every entry's dtype/shape/offsets, offsets inside the file, byte count = numel * element
/// size, no overlaps. Errors are Error(ModelFormat) naming the file and the tensor, or Error(Io).
class SafetensorsFile
{
public:
    explicit SafetensorsFile(const std::string &path);
    ~SafetensorsFile();
    SafetensorsFile(const SafetensorsFile &) = delete;
    SafetensorsFile &operator=(const SafetensorsFile &) = delete;

    const std::string &path() const { return m_path; }
    /// Tensor names in header order (sorted, as safetensors writes them).
    std::vector<std::string> names() const;
    bool contains(const std::string &name) const { return m_infos.count(name) != 0; }
    /// Header entry of a tensor; throws Error(ModelFormat) naming the tensor when absent.
    const TensorInfo &info(const std::string &name) const;
    /// Pointer to the tensor's raw bytes inside the mapping (valid while this object lives).
    const std::uint8_t *data(const std::string &name) const;
    /// Drops the whole memory pages inside tensor `name`'s bytes from this process's resident set
    /// (madvise DONTNEED); a later read maps them from the file again. For callers that copied the
    /// tensor out and will not read it again; never call it on bytes that were written to.
    void release(const std::string &name) const;
    /// The `__metadata__` string map (may be empty).
    const std::map<std::string, std::string> &metadata() const { return m_metadata; }

    /// Copies a tensor's elements converted to float (F32, F16, BF16, F64, integer types).
    std::vector<float> toFloat(const std::string &name) const;
    /// Copies a tensor's elements converted to int64 (integer and bool types only).
    std::vector<std::int64_t> toInt64(const std::string &name) const;
    /// Copies a U8 tensor's bytes; throws when the dtype is not U8.
    std::vector<std::uint8_t> toU8(const std::string &name) const;

private:
    std::string m_path;
    std::map<std::string, TensorInfo> m_infos;
    std::map<std::string, std::string> m_metadata;
    const std::uint8_t *m_map = nullptr;
    std::size_t m_mapSize = 0;
    std::size_t m_dataStart = 0;
};

/// One tensor to write: raw little-endian bytes of `dtype` with `shape`.
struct TensorBlob
{
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::string bytes;
};

/// Serializes tensors into safetensors bytes (header sorted by name, 8-byte aligned).
std::string writeSafetensors(const std::vector<TensorBlob> &tensors,
                             const std::map<std::string, std::string> &metadata = {});

/// Converts IEEE half / bfloat16 bit patterns to float.
float halfToFloat(std::uint16_t h);
float bf16ToFloat(std::uint16_t b);
/// Rounds float to IEEE half / bfloat16 bit patterns (round to nearest even).
std::uint16_t floatToHalf(float f);
std::uint16_t floatToBf16(float f);

} // namespace florence::io
