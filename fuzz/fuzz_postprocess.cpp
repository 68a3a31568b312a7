// libFuzzer harness: post-processing of generated text for every task (the reference's parsers),
// then turning the result into annotations. Byte 0 picks the task, bytes 1-2 the image size.
#include "fuzz_util.h"
#include "tasks/postprocess.h"
#include "tasks/result_annotations.h"
#include "tasks/task.h"

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 3)
        return 0;
    const auto &table = taskTable();
    const TaskInfo &task = table[data[0] % table.size()];
    const int width = 1 + data[1] * 8, height = 1 + data[2] * 8;
    const std::string text(reinterpret_cast<const char *>(data + 3), size - 3);
    FLORENCE_FUZZ_EXPECT_ERRORS({
        const PostprocessResult r = postprocessGeneration(text, task.token, width, height);
        (void)toReferenceJson(r);
        (void)annotationsFromResult(r, width, height, "fallback");
    });
    return 0;
}
