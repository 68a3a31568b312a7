// libFuzzer harness for the PaddleOCR Label.txt reader (core/annotate/formats/paddleocr.h). Any
// exception other than florence::Error, a crash or a sanitizer report is a bug.
#include "annotate/formats/paddleocr.h"
#include "common/error.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    try {
        std::size_t difficult = 0;
        (void)florence::formats::parsePaddleLabels(text, "Label.txt", &difficult);
    } catch (const florence::Error &) {
    }
    return 0;
}
