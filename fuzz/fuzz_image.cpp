// libFuzzer harness: image bytes (OpenCV decode with the header probe in front, EXIF orientation).
#include "fuzz_util.h"
#include "image/decode.h"
#include "image/image_header.h"

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FLORENCE_FUZZ_EXPECT_ERRORS((void)probeImageHeader(data, size, "fuzz image"));
    FLORENCE_FUZZ_EXPECT_ERRORS((void)decodeImageBytes(data, size, "fuzz image"));
    return 0;
}
