// libFuzzer harness: the project file (florence-project.json), then write and read again.
#include "annotate/project.h"
#include "fuzz_util.h"

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    FLORENCE_FUZZ_EXPECT_ERRORS({
        const Project p = projectFromJson(text, "florence-project.json");
        (void)projectFromJson(projectToJson(p), "again.json");
    });
    return 0;
}
