// libFuzzer harness for the YOLO label reader (core/annotate/formats/yolo.h): the first byte picks
// the variant, the rest is a label file of a 640 x 480 image with three classes. Any exception other
// than florence::Error, a crash or a sanitizer report is a bug.
#include "annotate/formats/yolo.h"
#include "common/error.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const florence::formats::YoloVariant variants[] = {florence::formats::YoloVariant::Auto, florence::formats::YoloVariant::Detect,
                                                        florence::formats::YoloVariant::Segment, florence::formats::YoloVariant::Obb};
    const std::string text(reinterpret_cast<const char *>(data) + 1, size - 1);
    try {
        const auto shapes = florence::formats::parseYoloLabels(text, "fuzz.txt", variants[data[0] & 3], {"a", "b", "c"}, 640, 480);
        for (const auto &s : shapes)
            (void)s.boundingBox();
    } catch (const florence::Error &) {
    }
    return 0;
}
