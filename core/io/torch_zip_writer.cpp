#include "io/torch_zip_writer.h"

#include "common/error.h"
#include "common/file_io.h"

#include <caffe2/serialize/inline_container.h>

namespace florence::io {

struct TorchZipWriter::Impl
{
    std::string path;
    AtomicFileWriter file;
    std::string failure; ///< first write error; later writes are dropped
    std::unique_ptr<caffe2::serialize::PyTorchStreamWriter> zip;

    explicit Impl(const std::string &p)
        : path(p)
        , file(p)
    {
        // The writer-function form names the archive "archive", as torch.save does for file
        // objects. The function never throws (it is called from miniz's C code, and from
        // PyTorchStreamWriter's destructor when finish() was not reached): errors are kept and
        // reported by writeRecord()/finish().
        zip = std::make_unique<caffe2::serialize::PyTorchStreamWriter>([this](const void *data, std::size_t size) {
            if (failure.empty()) {
                try {
                    file.write(data, size);
                } catch (const Error &e) {
                    failure = e.what();
                }
            }
            return size;
        });
    }

    void check()
    {
        if (!failure.empty())
            throw Error(ErrorKind::Io, failure);
    }
};

TorchZipWriter::TorchZipWriter(const std::string &path)
    : m_impl(std::make_unique<Impl>(path))
{
}

TorchZipWriter::~TorchZipWriter() = default;

void TorchZipWriter::writeRecord(const std::string &name, const void *data, std::size_t size)
{
    try {
        m_impl->zip->writeRecord(name, data, size);
    } catch (const c10::Error &e) {
        throw Error(ErrorKind::Io, "cannot write record '" + name + "' of '" + m_impl->path
                                       + "': " + e.what_without_backtrace());
    }
    m_impl->check();
}

void TorchZipWriter::finish()
{
    try {
        m_impl->zip->writeEndOfFile();
    } catch (const c10::Error &e) {
        throw Error(ErrorKind::Io, "cannot finish '" + m_impl->path + "': " + e.what_without_backtrace());
    }
    m_impl->check();
    m_impl->file.commit();
}

} // namespace florence::io
