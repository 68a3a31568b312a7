#include "io/safetensors.h"

#include "common/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace florence::io {

namespace {

constexpr std::uint64_t kMaxHeaderBytes = 100u * 1024u * 1024u; // safetensors' own limit

std::optional<DType> dtypeFromString(const std::string &s)
{
    static const std::pair<const char *, DType> table[] = {
        {"F32", DType::F32}, {"F16", DType::F16}, {"BF16", DType::BF16}, {"F64", DType::F64}, {"I64", DType::I64},
        {"I32", DType::I32}, {"U8", DType::U8},   {"I8", DType::I8},     {"BOOL", DType::Bool}};
    for (const auto &e : table)
        if (s == e.first)
            return e.second;
    return std::nullopt;
}

[[noreturn]] void fail(const std::string &path, const std::string &what)
{
    throw Error(ErrorKind::ModelFormat, "safetensors file '" + path + "': " + what);
}

template <typename T> T loadLE(const std::uint8_t *p)
{
    T v;
    std::memcpy(&v, p, sizeof(T)); // x86/ARM little-endian hosts
    return v;
}

} // namespace

const char *toString(DType dtype)
{
    switch (dtype) {
    case DType::F32: return "F32";
    case DType::F16: return "F16";
    case DType::BF16: return "BF16";
    case DType::F64: return "F64";
    case DType::I64: return "I64";
    case DType::I32: return "I32";
    case DType::U8: return "U8";
    case DType::I8: return "I8";
    case DType::Bool: return "BOOL";
    }
    return "?";
}

std::size_t elementSize(DType dtype)
{
    switch (dtype) {
    case DType::F64:
    case DType::I64: return 8;
    case DType::F32:
    case DType::I32: return 4;
    case DType::F16:
    case DType::BF16: return 2;
    case DType::U8:
    case DType::I8:
    case DType::Bool: return 1;
    }
    return 1;
}

std::int64_t TensorInfo::numel() const
{
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        n *= d;
    return n;
}

SafetensorsFile::SafetensorsFile(const std::string &path)
    : m_path(path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorKind::Io, "cannot open '" + path + "': " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        throw Error(ErrorKind::Io, "cannot stat '" + path + "'");
    }
    m_mapSize = std::size_t(st.st_size);
    if (m_mapSize < 8) {
        ::close(fd);
        fail(path, "file is " + std::to_string(m_mapSize) + " bytes, too short for the 8-byte header length (truncated?)");
    }
    // Private copy-on-write mapping: the checkpoint loader hands out tensors aliasing it, and a
    // stray in-place write must change only this process's copy, never fault or touch the file.
    void *p = ::mmap(nullptr, m_mapSize, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED)
        throw Error(ErrorKind::Io, "cannot map '" + path + "': " + std::strerror(errno));
    m_map = static_cast<const std::uint8_t *>(p);

    try {
        const std::uint64_t headerLen = loadLE<std::uint64_t>(m_map);
        if (headerLen > kMaxHeaderBytes || headerLen > m_mapSize - 8)
            fail(path, "header length " + std::to_string(headerLen) + " points outside the file of "
                           + std::to_string(m_mapSize) + " bytes (truncated or not safetensors)");
        m_dataStart = 8 + std::size_t(headerLen);
        nlohmann::json header;
        try {
            header = nlohmann::json::parse(m_map + 8, m_map + m_dataStart);
        } catch (const nlohmann::json::exception &e) {
            fail(path, std::string("header is not valid JSON: ") + e.what());
        }
        if (!header.is_object())
            fail(path, "header is not a JSON object");
        const std::uint64_t dataSize = m_mapSize - m_dataStart;
        std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
        for (auto it = header.begin(); it != header.end(); ++it) {
            const std::string &name = it.key();
            if (name == "__metadata__") {
                if (!it->is_object())
                    fail(path, "__metadata__ is not an object");
                for (auto m = it->begin(); m != it->end(); ++m)
                    if (m->is_string())
                        m_metadata[m.key()] = m->get<std::string>();
                continue;
            }
            const nlohmann::json &e = *it;
            if (!e.is_object() || !e.contains("dtype") || !e.contains("shape") || !e.contains("data_offsets"))
                fail(path, "tensor '" + name + "': entry needs dtype, shape and data_offsets");
            if (!e["dtype"].is_string())
                fail(path, "tensor '" + name + "': dtype is not a string");
            const auto dtype = dtypeFromString(e["dtype"].get<std::string>());
            if (!dtype)
                fail(path, "tensor '" + name + "': unsupported dtype '" + e["dtype"].get<std::string>() + "'");
            TensorInfo info;
            info.dtype = *dtype;
            if (!e["shape"].is_array())
                fail(path, "tensor '" + name + "': shape is not an array");
            std::uint64_t numel = 1;
            for (const auto &d : e["shape"]) {
                if (!d.is_number_integer() || d.get<std::int64_t>() < 0)
                    fail(path, "tensor '" + name + "': shape has a negative or non-integer dimension");
                const auto dim = d.get<std::uint64_t>();
                // Checked: the element count (and below, the byte count) must not wrap around.
                if (__builtin_mul_overflow(numel, dim, &numel) || numel > (std::uint64_t(1) << 60))
                    fail(path, "tensor '" + name + "': shape is absurdly large (element count overflows)");
                info.shape.push_back(std::int64_t(dim));
            }
            const auto &off = e["data_offsets"];
            if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() || !off[1].is_number_unsigned())
                fail(path, "tensor '" + name + "': data_offsets must be two non-negative integers");
            info.begin = off[0].get<std::uint64_t>();
            info.end = off[1].get<std::uint64_t>();
            if (info.begin > dataSize || info.end < info.begin || info.end > dataSize)
                fail(path, "tensor '" + name + "': data_offsets [" + std::to_string(info.begin) + ", "
                               + std::to_string(info.end) + "] point outside the data section of "
                               + std::to_string(dataSize) + " bytes (truncated file?)");
            std::uint64_t expected = 0;
            if (__builtin_mul_overflow(numel, std::uint64_t(elementSize(info.dtype)), &expected))
                fail(path, "tensor '" + name + "': byte count of its shape overflows 64 bits");
            if (info.end - info.begin != expected)
                fail(path, "tensor '" + name + "': " + std::to_string(info.end - info.begin)
                               + " bytes of data, expected " + std::to_string(expected) + " for its shape and dtype");
            if (info.end > info.begin)
                ranges.emplace_back(info.begin, info.end);
            m_infos.emplace(name, std::move(info));
        }
        std::sort(ranges.begin(), ranges.end());
        for (size_t i = 1; i < ranges.size(); ++i)
            if (ranges[i].first < ranges[i - 1].second)
                fail(path, "two tensors overlap in the data section");
    } catch (...) {
        ::munmap(const_cast<std::uint8_t *>(m_map), m_mapSize);
        m_map = nullptr;
        throw;
    }
}

SafetensorsFile::~SafetensorsFile()
{
    if (m_map)
        ::munmap(const_cast<std::uint8_t *>(m_map), m_mapSize);
}

std::vector<std::string> SafetensorsFile::names() const
{
    std::vector<std::string> out;
    for (const auto &kv : m_infos)
        out.push_back(kv.first);
    return out;
}

const TensorInfo &SafetensorsFile::info(const std::string &name) const
{
    auto it = m_infos.find(name);
    if (it == m_infos.end())
        fail(m_path, "no tensor named '" + name + "'");
    return it->second;
}

const std::uint8_t *SafetensorsFile::data(const std::string &name) const
{
    return m_map + m_dataStart + info(name).begin;
}

void SafetensorsFile::release(const std::string &name) const
{
    static const std::uintptr_t page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    const TensorInfo &ti = info(name);
    const auto begin = reinterpret_cast<std::uintptr_t>(m_map + m_dataStart + ti.begin);
    const auto end = reinterpret_cast<std::uintptr_t>(m_map + m_dataStart + ti.end);
    const std::uintptr_t first = (begin + page - 1) / page * page; // whole pages only
    const std::uintptr_t last = end / page * page;
    if (last > first)
        ::madvise(reinterpret_cast<void *>(first), last - first, MADV_DONTNEED);
}

std::vector<float> SafetensorsFile::toFloat(const std::string &name) const
{
    const TensorInfo &ti = info(name);
    const std::uint8_t *p = data(name);
    const std::size_t n = std::size_t(ti.numel());
    std::vector<float> out(n);
    const std::size_t es = elementSize(ti.dtype);
    for (std::size_t i = 0; i < n; ++i, p += es) {
        switch (ti.dtype) {
        case DType::F32: out[i] = loadLE<float>(p); break;
        case DType::F16: out[i] = halfToFloat(loadLE<std::uint16_t>(p)); break;
        case DType::BF16: out[i] = bf16ToFloat(loadLE<std::uint16_t>(p)); break;
        case DType::F64: out[i] = float(loadLE<double>(p)); break;
        case DType::I64: out[i] = float(loadLE<std::int64_t>(p)); break;
        case DType::I32: out[i] = float(loadLE<std::int32_t>(p)); break;
        case DType::U8:
        case DType::Bool: out[i] = float(*p); break;
        case DType::I8: out[i] = float(std::int8_t(*p)); break;
        }
    }
    return out;
}

std::vector<std::int64_t> SafetensorsFile::toInt64(const std::string &name) const
{
    const TensorInfo &ti = info(name);
    const std::uint8_t *p = data(name);
    const std::size_t n = std::size_t(ti.numel());
    std::vector<std::int64_t> out(n);
    const std::size_t es = elementSize(ti.dtype);
    for (std::size_t i = 0; i < n; ++i, p += es) {
        switch (ti.dtype) {
        case DType::I64: out[i] = loadLE<std::int64_t>(p); break;
        case DType::I32: out[i] = loadLE<std::int32_t>(p); break;
        case DType::U8:
        case DType::Bool: out[i] = *p; break;
        case DType::I8: out[i] = std::int8_t(*p); break;
        default: fail(m_path, "tensor '" + name + "' has dtype " + toString(ti.dtype) + ", expected an integer type");
        }
    }
    return out;
}

std::vector<std::uint8_t> SafetensorsFile::toU8(const std::string &name) const
{
    const TensorInfo &ti = info(name);
    if (ti.dtype != DType::U8)
        fail(m_path, "tensor '" + name + "' has dtype " + toString(ti.dtype) + ", expected U8");
    const std::uint8_t *p = data(name);
    return std::vector<std::uint8_t>(p, p + ti.numel());
}

std::string writeSafetensors(const std::vector<TensorBlob> &tensors, const std::map<std::string, std::string> &metadata)
{
    std::vector<const TensorBlob *> sorted;
    for (const TensorBlob &t : tensors)
        sorted.push_back(&t);
    std::sort(sorted.begin(), sorted.end(), [](const TensorBlob *a, const TensorBlob *b) { return a->name < b->name; });
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::uint64_t offset = 0;
    for (const TensorBlob *t : sorted) {
        std::int64_t numel = 1;
        for (auto d : t->shape)
            numel *= d;
        if (t->bytes.size() != std::size_t(numel) * elementSize(t->dtype))
            throw Error(ErrorKind::Internal, "writeSafetensors: tensor '" + t->name + "' has "
                                                 + std::to_string(t->bytes.size()) + " bytes, expected "
                                                 + std::to_string(std::size_t(numel) * elementSize(t->dtype)));
        header[t->name] = {{"dtype", toString(t->dtype)}, {"shape", t->shape}, {"data_offsets", {offset, offset + t->bytes.size()}}};
        offset += t->bytes.size();
    }
    std::string h = header.dump();
    h.append((8 - h.size() % 8) % 8, ' ');
    std::string out;
    out.reserve(8 + h.size() + offset);
    const std::uint64_t len = h.size();
    out.append(reinterpret_cast<const char *>(&len), 8);
    out += h;
    for (const TensorBlob *t : sorted)
        out += t->bytes;
    return out;
}

float halfToFloat(std::uint16_t h)
{
    const std::uint32_t sign = std::uint32_t(h & 0x8000u) << 16;
    std::uint32_t exp = (h >> 10) & 0x1fu;
    std::uint32_t mant = h & 0x3ffu;
    std::uint32_t bits;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else { // subnormal: normalize
            exp = 127 - 15 + 1;
            while ((mant & 0x400u) == 0) {
                mant <<= 1;
                --exp;
            }
            mant &= 0x3ffu;
            bits = sign | (exp << 23) | (mant << 13);
        }
    } else if (exp == 0x1f) {
        bits = sign | 0x7f800000u | (mant << 13);
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

float bf16ToFloat(std::uint16_t b)
{
    const std::uint32_t bits = std::uint32_t(b) << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

std::uint16_t floatToHalf(float f)
{
    std::uint32_t x;
    std::memcpy(&x, &f, 4);
    const std::uint32_t sign = (x >> 16) & 0x8000u;
    const std::uint32_t absx = x & 0x7fffffffu;
    if (absx >= 0x7f800000u) // inf or nan
        return std::uint16_t(sign | 0x7c00u | (absx > 0x7f800000u ? 0x200u : 0u));
    if (absx >= 0x477ff000u) // rounds to >= 65520: overflow to inf
        return std::uint16_t(sign | 0x7c00u);
    if (absx < 0x38800000u) { // below the smallest normal half: subnormal or zero
        const float af = [&] { float v; std::memcpy(&v, &absx, 4); return v; }();
        // value / 2^-24, rounded to nearest even by the FPU
        const float scaled = af * 16777216.0f;
        const float r = std::nearbyint(scaled);
        return std::uint16_t(sign | std::uint32_t(r));
    }
    std::uint32_t mant = absx & 0x7fffffu;
    std::uint32_t exp = (absx >> 23) - 127 + 15;
    std::uint32_t h = (exp << 10) | (mant >> 13);
    const std::uint32_t rest = mant & 0x1fffu;
    if (rest > 0x1000u || (rest == 0x1000u && (h & 1u)))
        ++h; // may carry into the exponent, which is correct
    return std::uint16_t(sign | h);
}

std::uint16_t floatToBf16(float f)
{
    std::uint32_t x;
    std::memcpy(&x, &f, 4);
    if ((x & 0x7fffffffu) > 0x7f800000u)
        return std::uint16_t((x >> 16) | 0x40u); // quiet nan
    const std::uint32_t rounding = 0x7fffu + ((x >> 16) & 1u);
    return std::uint16_t((x + rounding) >> 16);
}

} // namespace florence::io
