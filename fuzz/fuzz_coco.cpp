// libFuzzer harness: COCO instances import (and captions, split at the first NUL byte), then the
// export of what was imported must import again.
#include "annotate/coco.h"
#include "fuzz_util.h"

#include <cstring>

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto *nul = static_cast<const std::uint8_t *>(std::memchr(data, 0, size));
    const std::string instances(reinterpret_cast<const char *>(data), nul ? std::size_t(nul - data) : size);
    const std::string captions = nul ? std::string(reinterpret_cast<const char *>(nul + 1), size - instances.size() - 1)
                                     : std::string();
    FLORENCE_FUZZ_EXPECT_ERRORS((void)cocoCategoryNames(instances, "fuzz.json"));
    std::vector<ImageRecord> records;
    try {
        records = importCoco(instances, "fuzz.json", nul ? &captions : nullptr, "fuzz.captions.json");
    } catch (const Error &) {
        return 0;
    }
    FLORENCE_FUZZ_EXPECT_ERRORS({
        const CocoFiles files = exportCoco(records);
        (void)importCoco(files.instances, "again.json", &files.captions, "again.captions.json");
    });
    return 0;
}
