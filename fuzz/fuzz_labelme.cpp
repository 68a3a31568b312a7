// libFuzzer harness: labelme / X-AnyLabeling JSON import, then export and import again.
#include "annotate/labelme.h"
#include "fuzz_util.h"

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    FLORENCE_FUZZ_EXPECT_ERRORS({
        const ImageRecord r = importLabelme(text, "fuzz.json");
        (void)importLabelme(exportLabelme(r), "again.json");
    });
    return 0;
}
