// libFuzzer harness: a prompt -> label table (florence-cli annotate --prompts), then write and read again.
#include "annotate/prompt_table.h"
#include "fuzz_util.h"

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    FLORENCE_FUZZ_EXPECT_ERRORS({
        const PromptTable t = promptTableFromJson(text, "prompts.json");
        if (promptTableFromJson(promptTableToJson(t), "again.json") != t)
            __builtin_trap(); // a table that reads back differently
    });
    return 0;
}
