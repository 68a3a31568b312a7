#pragma once
// Writes zip archives in the torch.save format (records "archive/<name>", 64-byte aligned,
// uncompressed, plus the "version" record), through libtorch's PyTorchStreamWriter. Torch-free
// header: the random-model writer uses it to produce pytorch_model.bin files like the microsoft
// checkpoints.

#include <cstddef>
#include <memory>
#include <string>

namespace florence::io {

/// A torch.save-style zip archive written record by record; it appears at its path only when
/// finish() succeeds (see AtomicFileWriter). Every method throws Error(Io) naming the path.
class TorchZipWriter
{
public:
    explicit TorchZipWriter(const std::string &path);
    ~TorchZipWriter();
    TorchZipWriter(const TorchZipWriter &) = delete;
    TorchZipWriter &operator=(const TorchZipWriter &) = delete;

    /// Adds record `name` (e.g. "data.pkl", "data/0") holding `size` bytes.
    void writeRecord(const std::string &name, const void *data, std::size_t size);
    /// Writes the "version" record and the zip directory, then commits the file.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace florence::io
