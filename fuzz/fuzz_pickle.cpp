// libFuzzer harness: the strict state-dict unpickler (data.pkl of pytorch_model.bin) on its own.
// Use with fuzz/pickle.dict (opcodes and the allowed globals).
#include "fuzz_util.h"
#include "io/state_dict_pickle.h"

using namespace florence;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FLORENCE_FUZZ_EXPECT_ERRORS({
        const auto tensors = io::parseStateDictPickle(data, size, "fuzz data.pkl");
        // Accepted views must stay inside their storage, whatever the arithmetic.
        for (const io::PickledTensor &t : tensors) {
            if (t.storageOffset < 0 || t.storageOffset > t.storageNumel || t.sizes.size() != t.strides.size())
                __builtin_trap();
            bool empty = false;
            __int128 last = t.storageOffset;
            for (std::size_t d = 0; d < t.sizes.size(); ++d) {
                empty |= t.sizes[d] == 0;
                if (t.sizes[d] > 0)
                    last += __int128(t.sizes[d] - 1) * t.strides[d];
            }
            if (!empty && last >= t.storageNumel)
                __builtin_trap();
        }
    });
    return 0;
}
