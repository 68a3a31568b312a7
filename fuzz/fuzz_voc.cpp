// libFuzzer harness for the Pascal VOC reader and its XML parser (core/annotate/formats/voc.h,
// xml_reader.h). Any exception other than florence::Error, a crash, a stack overflow or a sanitizer
// report is a bug.
#include "annotate/formats/voc.h"
#include "common/error.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    try {
        (void)florence::formats::parseVocXml(text, "fuzz.xml");
    } catch (const florence::Error &) {
    }
    return 0;
}
