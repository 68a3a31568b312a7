// libFuzzer harness: batch checkpoint files (FILE.checkpoint.jsonl): header, records, torn lines.
#include "batch/checkpoint.h"
#include "fuzz_util.h"

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    FLORENCE_FUZZ_EXPECT_ERRORS({
        const CheckpointState s = parseCheckpoint(text, "out.json.checkpoint.jsonl", "<OD>", "1/1");
        if (s.keepBytes > text.size() + 1 || (s.exists && s.keepBytes == 0))
            __builtin_trap(); // the writer would cut at a length the file does not have
    });
    return 0;
}
