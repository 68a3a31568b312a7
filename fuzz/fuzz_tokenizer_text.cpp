// libFuzzer harness: encoding and decoding arbitrary text with the fixture's Florence-2 tokenizer
// (pre-tokenizer regex, byte-level BPE, added tokens), and decoding arbitrary ids.
#include "fuzz_util.h"
#include "text/tokenizer.h"

#include <cstring>

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const Tokenizer tok = Tokenizer::fromModelDir(fuzz::testData() + "/fixtures/model");
    const std::string text(reinterpret_cast<const char *>(data), size);
    FLORENCE_FUZZ_EXPECT_ERRORS({
        const auto ids = tok.encode(text);
        (void)tok.decode(ids, false);
    });
    std::vector<std::int64_t> ids(size / 4);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        std::int32_t v;
        std::memcpy(&v, data + 4 * i, 4);
        ids[i] = v;
    }
    FLORENCE_FUZZ_EXPECT_ERRORS((void)tok.decode(ids, true));
    return 0;
}
