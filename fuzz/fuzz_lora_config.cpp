// libFuzzer harness: adapter_config.json of a LoRA adapter (downloaded from strangers like models).
#include "fuzz_util.h"
#include "io/lora_config.h"

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    FLORENCE_FUZZ_EXPECT_ERRORS({
        const io::LoraConfig c = io::parseLoraConfig(text, "adapter_config.json");
        if (c.rank < 1 || c.rank > 65536)
            __builtin_trap(); // an accepted rank the merge would divide by or allocate with
        for (const auto &kv : c.rankPattern)
            if (kv.second < 1 || kv.second > 65536)
                __builtin_trap();
    });
    return 0;
}
