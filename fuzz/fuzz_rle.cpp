// libFuzzer harness: COCO RLE (compressed counts string, mask checks, tracing into polygons) and the
// polygon rasterization of COCO `area`. Bytes 0-1: mask height and width (1..64); the rest is the
// counts string; its bytes also give a polygon for polygonPixelArea.
#include "annotate/rle.h"
#include "fuzz_util.h"

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    RleMask rle;
    rle.height = 1 + data[0] % 64;
    rle.width = 1 + data[1] % 64;
    const std::string counts(reinterpret_cast<const char *>(data + 2), size - 2);
    FLORENCE_FUZZ_EXPECT_ERRORS({
        rle.counts = decodeRleCounts(counts);
        if (rleProblem(rle).empty())
            for (const Ring &ring : rleToRings(rle))
                (void)polygonPixelArea({ring}, rle.height, rle.width);
    });
    Ring ring;
    for (std::size_t i = 2; i + 1 < size; i += 2)
        ring.push_back({double(std::int8_t(data[i])) * 1.5, double(std::int8_t(data[i + 1])) * 1.5});
    const double area = polygonPixelArea({ring}, rle.height, rle.width);
    if (area < 0 || area > double(rle.height) * rle.width)
        __builtin_trap(); // covered pixels can never exceed the image
    return 0;
}
