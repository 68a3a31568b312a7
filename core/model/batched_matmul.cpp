#include "model/batched_matmul.h"

#include <ATen/Parallel.h>

namespace florence {

at::Tensor parallelBmm(const at::Tensor &a, const at::Tensor &b)
{
    const std::int64_t n = a.size(0);
    const int threads = at::get_num_threads();
    if (!a.is_cpu() || threads <= 1 || n < 2 * threads || at::in_parallel_region())
        return at::bmm(a, b);
    const bool inference = c10::InferenceMode::is_enabled();
    at::Tensor out = at::empty({n, a.size(1), b.size(2)}, a.options());
    at::parallel_for(0, n, 1, [&](std::int64_t b0, std::int64_t b1) {
        c10::InferenceMode guard(inference); // thread-local: repeat the caller's mode
        at::Tensor o = out.slice(0, b0, b1);
        at::bmm_out(o, a.slice(0, b0, b1), b.slice(0, b0, b1));
    });
    return out;
}

} // namespace florence
