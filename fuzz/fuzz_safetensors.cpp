// libFuzzer harness: the safetensors reader (header JSON, offsets, shapes) and element conversion.
#include "fuzz_util.h"
#include "io/safetensors.h"

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string path = fuzz::writeTemp("model.safetensors", data, size);
    FLORENCE_FUZZ_EXPECT_ERRORS({
        io::SafetensorsFile f(path);
        for (const std::string &name : f.names()) {
            const io::TensorInfo &info = f.info(name);
            if (info.numel() > (1 << 20))
                continue;
            volatile float sink = 0;
            for (float v : f.toFloat(name)) // reads every element: out-of-range offsets show here
                sink = sink + v;
            if (info.dtype == io::DType::I64 || info.dtype == io::DType::I32 || info.dtype == io::DType::U8)
                (void)f.toInt64(name);
            f.release(name);
        }
    });
    return 0;
}
