// libFuzzer harness for the data.yaml subset reader of YOLO datasets (core/annotate/formats/yolo.h).
// Any exception other than florence::Error, a crash or a sanitizer report is a bug.
#include "annotate/formats/yolo.h"
#include "common/error.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    try {
        (void)florence::formats::parseYoloDataYaml(text, "fuzz.yaml");
    } catch (const florence::Error &) {
    }
    return 0;
}
