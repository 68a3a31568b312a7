// libFuzzer harness: config.json, generation_config.json and preprocessor_config.json parsing.
#include "fuzz_util.h"
#include "image/preprocess.h"
#include "model/config.h"

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    FLORENCE_FUZZ_EXPECT_ERRORS(parseFlorenceConfig(text, "config.json"));
    FLORENCE_FUZZ_EXPECT_ERRORS(parsePreprocessorConfig(text, "preprocessor_config.json"));
    FLORENCE_FUZZ_EXPECT_ERRORS({
        FlorenceConfig cfg; // applied on defaults, as on a config.json that sets nothing generation-related
        applyGenerationConfig(cfg, text, "generation_config.json");
    });
    return 0;
}
