// libFuzzer harness: a pytorch_model.bin as the loader reads it. The input is data.pkl; the harness
// wraps it in a valid torch.save zip (records data.pkl, data/0 .. data/3 of 4, 64, 1536 and 3072
// bytes) so mutations reach the unpickler and the storage views instead of dying in the zip
// reader, then reads every accepted tensor view element by element, as core/io/checkpoint.cpp
// does when it builds and converts the tensors (a view outside its record is an ASan report).
// The zip layer itself is libtorch's PyTorchStreamReader.
#include "fuzz_util.h"
#include "io/state_dict_pickle.h"

#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>

#include <sstream>

using namespace florence;

namespace {

/// An integer type of the storage's element size: the view then has the loader's strides in bytes.
at::ScalarType sameWidth(std::size_t bytes)
{
    return bytes == 8 ? at::kLong : bytes == 4 ? at::kInt : bytes == 2 ? at::kShort : at::kByte;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const std::size_t recordBytes[] = {4, 64, 1536, 3072};
    std::string archive;
    {
        caffe2::serialize::PyTorchStreamWriter writer([&](const void *buf, std::size_t n) -> std::size_t {
            archive.append(static_cast<const char *>(buf), n);
            return n;
        });
        writer.writeRecord("data.pkl", data, size);
        for (int k = 0; k < 4; ++k) {
            const std::string bytes(recordBytes[k], char(0x3c + k));
            writer.writeRecord("data/" + std::to_string(k), bytes.data(), bytes.size());
        }
        writer.writeEndOfFile();
    }
    std::istringstream in(archive);
    caffe2::serialize::PyTorchStreamReader reader(&in);
    auto rec = reader.getRecord("data.pkl");
    std::vector<io::PickledTensor> tensors;
    try {
        tensors = io::parseStateDictPickle(static_cast<const std::uint8_t *>(std::get<0>(rec).get()), std::get<1>(rec),
                                           "fuzz pytorch_model.bin, record data.pkl");
    } catch (const Error &) {
        return 0;
    }
    for (const io::PickledTensor &t : tensors) {
        const std::string record = "data/" + t.storageKey;
        if (!reader.hasRecord(record))
            continue; // the loader reports a missing record
        auto storage = reader.getRecord(record);
        const std::size_t es = io::elementSize(t.storageDtype);
        if (std::get<1>(storage) != std::size_t(t.storageNumel) * es)
            continue; // the loader reports a record of the wrong size
        auto *base = static_cast<std::uint8_t *>(std::get<0>(storage).get()) + std::size_t(t.storageOffset) * es;
        at::Tensor view = at::from_blob(base, t.sizes, t.strides, at::TensorOptions().dtype(sameWidth(es)));
        if (view.numel() > (1 << 22))
            continue;
        // Every element of the view, read through its strides (checkpoint.cpp converts it the same way).
        (void)view.contiguous().sum().item<std::int64_t>();
    }
    return 0;
}
