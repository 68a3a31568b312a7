// libFuzzer harness: tokenizer files. First byte even: the input is tokenizer.json; odd: vocab.json
// and merges.txt separated by the first NUL byte. A tokenizer that loads then encodes and decodes
// a fixed text with special tokens.
#include "fuzz_util.h"
#include "text/tokenizer.h"
#include "text/tokenizer_files.h"

#include <cstring>

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const bool json = (data[0] & 1) == 0;
    ++data;
    --size;
    FLORENCE_FUZZ_EXPECT_ERRORS({
        Tokenizer tok = [&] {
            if (json)
                return Tokenizer::fromTokenizerJson(fuzz::writeTemp("tokenizer.json", data, size));
            const auto *nul = static_cast<const std::uint8_t *>(std::memchr(data, 0, size));
            const std::size_t split = nul ? std::size_t(nul - data) : size;
            const std::string vocab = fuzz::writeTemp("vocab.json", data, split);
            const std::size_t rest = split < size ? size - split - 1 : 0;
            const std::string merges = fuzz::writeTemp("merges.txt", data + size - rest, rest);
            return Tokenizer::fromVocabAndMerges(vocab, merges);
        }();
        const auto ids = tok.encode("<s>What does the image describe? a red car <loc_1></s> \xc3\xa9\xe4\xb8\xad");
        (void)tok.decode(ids, false);
        (void)tok.decode(ids, true);
    });
    return 0;
}
