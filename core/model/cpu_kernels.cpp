#include "model/cpu_kernels.h"

#include "common/cpu_features.h"
#include "common/error.h"
#include "model/cpu_kernel_table.h"

#include <ATen/Parallel.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace florence {

namespace {
std::atomic<bool> g_cpuKernels{true};
std::atomic<const kernels::KernelTable *> g_table{nullptr};
} // namespace

void setCpuKernelsEnabled(bool enabled)
{
    g_cpuKernels = enabled;
}

bool cpuKernelsEnabled()
{
    return g_cpuKernels;
}

// ---- path selection -------------------------------------------------------------------------
namespace {

const kernels::KernelTable *tableOf(CpuKernelPath path)
{
    switch (path) {
#if defined(FLORENCE_KERNELS_X86)
    case CpuKernelPath::Avx512: return &kernels::kAvx512Kernels;
    case CpuKernelPath::Avx2: return &kernels::kAvx2Kernels;
#else
    case CpuKernelPath::Avx512:
    case CpuKernelPath::Avx2: return nullptr;
#endif
    case CpuKernelPath::Portable: return &kernels::kPortableKernels;
    }
    return nullptr;
}

std::string lacksMessage(CpuKernelPath path)
{
    const CpuFeatures &f = cpuFeatures();
    std::string need = path == CpuKernelPath::Avx512 ? "AVX-512 F/BW/VL/DQ, AVX2 and FMA" : "AVX2 and FMA";
#if !defined(FLORENCE_KERNELS_X86)
    return std::string("the ") + toString(path) + " kernel path is not compiled into this build (not x86-64)";
#endif
    return std::string("this CPU lacks the ") + toString(path) + " kernel path (it needs " + need
           + "; CPU flags seen: " + f.flagList() + (f.model.empty() ? "" : "; CPU: " + f.model) + ")";
}

const kernels::KernelTable &table()
{
    const kernels::KernelTable *t = g_table.load(std::memory_order_acquire);
    if (t)
        return *t;
    const CpuKernelPath path = cpuKernelPathFromEnvironment(std::getenv("FLORENCE_CPU_KERNELS"));
    t = tableOf(path);
    g_table.store(t, std::memory_order_release);
    return *t;
}

} // namespace

const char *toString(CpuKernelPath path)
{
    switch (path) {
    case CpuKernelPath::Avx512: return "avx512";
    case CpuKernelPath::Avx2: return "avx2";
    case CpuKernelPath::Portable: return "portable";
    }
    return "?";
}

CpuKernelPath parseCpuKernelPath(const std::string &name, const std::string &what)
{
    for (CpuKernelPath p : {CpuKernelPath::Portable, CpuKernelPath::Avx2, CpuKernelPath::Avx512})
        if (name == toString(p))
            return p;
    throw Error(ErrorKind::BadInput,
                what + ": unknown kernel path '" + name.substr(0, 64) + "' (expected avx512, avx2 or portable)");
}

bool cpuKernelPathSupported(CpuKernelPath path)
{
    if (!tableOf(path))
        return false;
    const CpuFeatures &f = cpuFeatures();
    switch (path) {
    case CpuKernelPath::Avx512: return f.avx512f && f.avx512bw && f.avx512vl && f.avx512dq && f.avx2 && f.fma;
    case CpuKernelPath::Avx2: return f.avx2 && f.fma;
    case CpuKernelPath::Portable: return true;
    }
    return false;
}

std::vector<CpuKernelPath> supportedCpuKernelPaths()
{
    std::vector<CpuKernelPath> paths;
    for (CpuKernelPath p : {CpuKernelPath::Portable, CpuKernelPath::Avx2, CpuKernelPath::Avx512})
        if (cpuKernelPathSupported(p))
            paths.push_back(p);
    return paths;
}

CpuKernelPath cpuKernelPathFromEnvironment(const char *value)
{
    if (!value || !*value)
        return supportedCpuKernelPaths().back();
    const CpuKernelPath path = parseCpuKernelPath(value, "environment variable FLORENCE_CPU_KERNELS");
    if (!cpuKernelPathSupported(path))
        throw Error(ErrorKind::BadInput,
                    std::string("environment variable FLORENCE_CPU_KERNELS=") + value + ": " + lacksMessage(path));
    return path;
}

CpuKernelPath cpuKernelPath()
{
    return parseCpuKernelPath(table().name, "kernel table");
}

void setCpuKernelPath(CpuKernelPath path)
{
    if (!cpuKernelPathSupported(path))
        throw Error(ErrorKind::BadInput, std::string("cannot use the ") + toString(path) + " kernels: " + lacksMessage(path));
    g_table.store(tableOf(path), std::memory_order_release);
}

double streamSum(const float *x, std::int64_t n)
{
    const kernels::KernelTable &k = table();
    const int threads = at::get_num_threads();
    std::vector<double> partial(std::size_t(threads), 0.0);
    const std::int64_t part = (n + threads - 1) / threads;
    at::parallel_for(0, threads, 1, [&](std::int64_t t0, std::int64_t t1) {
        for (std::int64_t t = t0; t < t1; ++t) {
            const std::int64_t b = t * part, e = std::min(n, b + part);
            if (b < e)
                partial[std::size_t(t)] = k.sumF32(x + b, e - b);
        }
    });
    double s = 0;
    for (double p : partial)
        s += p;
    return s;
}

// ---- smallRowsLinear ------------------------------------------------------------------------
namespace {

// The raw 16 bits of a bfloat16 tensor (c10::BFloat16 is a struct around one uint16_t).
const kernels::Bf16 *bits(const at::Tensor &t)
{
    static_assert(sizeof(c10::BFloat16) == sizeof(kernels::Bf16), "bfloat16 is 16 bits");
    return reinterpret_cast<const kernels::Bf16 *>(t.data_ptr<c10::BFloat16>());
}

// Heads per parallel chunk (1: parallel; for attendOneQuery: whether its position chunks run in
// parallel): small attentions run on the calling thread, since an OpenMP region per call costs
// more than it saves whenever the other core is busy. The threshold (2^19 multiply-adds, base's
// self-attention from t~110 on) keeps early decoder steps on one thread and splits the long ones,
// which are bound by reading the cache (2^22 kept base single-threaded up to t~900).
std::int64_t headGrain(std::int64_t beams, std::int64_t heads, std::int64_t length, std::int64_t d)
{
    constexpr std::int64_t kParallelWork = std::int64_t(1) << 19; // multiply-adds of scores + mixing
    return 2 * beams * heads * length * d < kParallelWork ? heads : 1;
}

} // namespace

namespace {

// y (rows, N) = x W^T + b for any number of rows: every weight row is read from memory once, the
// weight rows split over the threads (each output's bits do not depend on the split).
at::Tensor rowsLinear(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias)
{
    const kernels::KernelTable &k = table();
    const int M = int(x.size(0));
    const std::int64_t K = x.size(1), N = weight.size(0);
    at::Tensor y = at::empty({M, N}, x.options());
    const float *xp = x.data_ptr<float>();
    float *yp = y.data_ptr<float>();
    const std::int64_t grain = std::max<std::int64_t>(16, 32768 / std::max<std::int64_t>(K, 1));
    if (weight.scalar_type() == at::kFloat) {
        const at::Tensor b = bias.defined() ? bias.to(at::kFloat).contiguous() : at::Tensor();
        const float *wp = weight.data_ptr<float>();
        const float *bp = b.defined() ? b.data_ptr<float>() : nullptr;
        at::parallel_for(0, N, grain, [&](std::int64_t n0, std::int64_t n1) {
            k.dotRowsF32(M, xp, K, wp, bp, yp, N, n0, n1);
        });
    } else {
        TORCH_CHECK(weight.scalar_type() == at::kBFloat16, "rowsLinear: weight must be float32 or bfloat16");
        const at::Tensor b = bias.defined() ? bias.to(at::kBFloat16).contiguous() : at::Tensor();
        const kernels::Bf16 *wp = bits(weight);
        const kernels::Bf16 *bp = b.defined() ? bits(b) : nullptr;
        at::parallel_for(0, N, grain, [&](std::int64_t n0, std::int64_t n1) {
            k.dotRowsBF16(M, xp, K, wp, bp, yp, N, n0, n1);
        });
    }
    return y;
}

} // namespace

at::Tensor smallRowsLinear(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias)
{
    TORCH_CHECK(x.dim() == 2 && x.scalar_type() == at::kFloat && x.is_contiguous(), "smallRowsLinear: bad x");
    TORCH_CHECK(weight.dim() == 2 && weight.is_contiguous() && weight.size(1) == x.size(1), "smallRowsLinear: bad W");
    TORCH_CHECK(x.size(0) >= 1 && x.size(0) <= kSmallRows, "smallRowsLinear: too many rows");
    return rowsLinear(x, weight, bias);
}

at::Tensor groupedRowsLinear(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias,
                             const std::vector<std::int64_t> &groupRows)
{
    TORCH_CHECK(x.dim() == 2 && x.scalar_type() == at::kFloat && x.is_contiguous(), "groupedRowsLinear: bad x");
    TORCH_CHECK(weight.dim() == 2 && weight.is_contiguous() && weight.size(1) == x.size(1), "groupedRowsLinear: bad W");
    std::int64_t total = 0;
    for (std::int64_t r : groupRows) {
        TORCH_CHECK(r >= 1 && r <= kSmallRows, "groupedRowsLinear: a group has too many rows");
        total += r;
    }
    TORCH_CHECK(total == x.size(0), "groupedRowsLinear: groups do not cover the rows");
    TORCH_CHECK(total <= std::int64_t(1) << 20, "groupedRowsLinear: too many rows");
    // Each output's bits depend on its own row only, so all groups share one pass over the weights.
    return rowsLinear(x, weight, bias);
}


// ---- attendOneQuery -----------------------------------------------------------------------

at::Tensor attendOneQuery(const at::Tensor &q, const at::Tensor &keys, const at::Tensor &values, std::int64_t length,
                          std::int64_t posStride, std::int64_t slotStride, const std::int32_t *slots)
{
    const kernels::KernelTable &k = table();
    TORCH_CHECK(q.dim() == 3 && q.scalar_type() == at::kFloat && q.is_contiguous(), "attendOneQuery: bad q");
    TORCH_CHECK(keys.scalar_type() == values.scalar_type() && keys.is_contiguous() && values.is_contiguous(),
                "attendOneQuery: bad keys/values");
    TORCH_CHECK(length >= 1, "attendOneQuery: empty history");
    const kernels::AttendArgs a{q.data_ptr<float>(), q.size(0), q.size(1), q.size(2), length, posStride, slotStride, slots};
    at::Tensor scores = at::empty({a.beams, a.heads, length}, q.options());
    float *sp = scores.data_ptr<float>();
    const bool f32 = keys.scalar_type() == at::kFloat;
    TORCH_CHECK(f32 || keys.scalar_type() == at::kBFloat16, "attendOneQuery: keys must be float32 or bfloat16");
    // Positions in fixed chunks: each chunk's mixing sums into its own partial, and the partials
    // are added in chunk order, so the result does not depend on the thread count.
    constexpr std::int64_t kChunk = 64;
    const std::int64_t chunks = (length + kChunk - 1) / kChunk;
    const bool parallel = headGrain(a.beams, a.heads, length, a.d) == 1;
    at::parallel_for(0, chunks, parallel ? 1 : chunks, [&](std::int64_t c0, std::int64_t c1) {
        const std::int64_t j0 = c0 * kChunk, j1 = std::min(length, c1 * kChunk);
        if (f32)
            k.scorePositionsF32(a, keys.data_ptr<float>(), sp, j0, j1);
        else
            k.scorePositionsBF16(a, bits(keys), sp, j0, j1);
    });
    const at::Tensor probs = at::_softmax(scores, -1, false); // (beams, heads, length)
    const float *pp = probs.data_ptr<float>();
    const std::int64_t outSize = a.beams * a.heads * a.d;
    at::Tensor partials = at::zeros({chunks, outSize}, q.options());
    float *pa = partials.data_ptr<float>();
    at::parallel_for(0, chunks, parallel ? 1 : chunks, [&](std::int64_t c0, std::int64_t c1) {
        for (std::int64_t c = c0; c < c1; ++c) {
            const std::int64_t j0 = c * kChunk, j1 = std::min(length, j0 + kChunk);
            if (f32)
                k.mixPositionsF32(a, values.data_ptr<float>(), pp, pa + c * outSize, j0, j1);
            else
                k.mixPositionsBF16(a, bits(values), pp, pa + c * outSize, j0, j1);
        }
    });
    at::Tensor out = partials.narrow(0, 0, 1).view_as(q).clone();
    float *op = out.data_ptr<float>();
    for (std::int64_t c = 1; c < chunks; ++c)
        for (std::int64_t i = 0; i < outSize; ++i)
            op[i] += pa[c * outSize + i];
    return out;
}

at::Tensor blockCrossKeys(const at::Tensor &keys)
{
    TORCH_CHECK(keys.dim() == 3, "blockCrossKeys: keys (length, heads, headDim) expected");
    const std::int64_t S = keys.size(0), H = keys.size(1), d = keys.size(2), KB = kernels::kKeyBlock;
    const std::int64_t blocks = (S + KB - 1) / KB;
    // (S, H, d) -> (H, d, S), zero-padded to (H, d, blocks * KB) -> (H, blocks, d, KB)
    at::Tensor padded = at::zeros({H, d, blocks * KB}, keys.options());
    padded.narrow(2, 0, S).copy_(keys.permute({1, 2, 0}));
    return padded.view({H, d, blocks, KB}).permute({0, 2, 1, 3}).contiguous();
}

at::Tensor unblockCrossKeys(const at::Tensor &blocked, std::int64_t length)
{
    TORCH_CHECK(blocked.dim() == 4 && blocked.size(3) == kernels::kKeyBlock, "unblockCrossKeys: blocked keys expected");
    const std::int64_t H = blocked.size(0), blocks = blocked.size(1), d = blocked.size(2);
    TORCH_CHECK(length >= 0 && length <= blocks * kernels::kKeyBlock, "unblockCrossKeys: bad length");
    return blocked.permute({0, 2, 1, 3}).reshape({H, d, blocks * kernels::kKeyBlock}).narrow(2, 0, length);
}

at::Tensor attendOneQuerySharedGroups(const at::Tensor &q, const std::vector<at::Tensor> &keyBlocks,
                                      const std::vector<at::Tensor> &values, const std::vector<std::int64_t> &groupRows)
{
    const kernels::KernelTable &k = table();
    TORCH_CHECK(q.dim() == 3 && q.scalar_type() == at::kFloat && q.is_contiguous(), "attendOneQueryShared: bad q");
    const std::int64_t G = std::int64_t(groupRows.size()), H = q.size(1), d = q.size(2);
    TORCH_CHECK(G >= 1 && std::int64_t(keyBlocks.size()) == G && std::int64_t(values.size()) == G,
                "attendOneQueryShared: one key/value pair per group expected");
    std::vector<std::int64_t> first(std::size_t(G) + 1, 0);
    std::int64_t scratch = 0, work = 0;
    const at::ScalarType type = values.front().scalar_type();
    TORCH_CHECK(type == at::kFloat || type == at::kBFloat16, "attendOneQueryShared: keys must be float32 or bfloat16");
    for (std::int64_t g = 0; g < G; ++g) {
        const at::Tensor &kb = keyBlocks[std::size_t(g)], &v = values[std::size_t(g)];
        TORCH_CHECK(v.dim() == 3 && kb.dim() == 4 && kb.scalar_type() == type && v.scalar_type() == type
                        && kb.is_contiguous() && v.is_contiguous(),
                    "attendOneQueryShared: bad keys/values");
        const std::int64_t L = v.size(1), rows = groupRows[std::size_t(g)];
        TORCH_CHECK(rows >= 1 && L >= 1 && v.size(0) == H && v.size(2) == d && kb.size(0) == H && kb.size(2) == d
                        && kb.size(3) == kernels::kKeyBlock && kb.size(1) == (L + kernels::kKeyBlock - 1) / kernels::kKeyBlock,
                    "attendOneQueryShared: keys/values do not match the query");
        first[std::size_t(g) + 1] = first[std::size_t(g)] + rows;
        scratch = std::max(scratch, rows * H * L);
        work += 2 * rows * H * L * d;
    }
    TORCH_CHECK(first.back() == q.size(0), "attendOneQueryShared: groups do not cover the rows");
    at::Tensor out = at::empty_like(q);
    const float *qp = q.data_ptr<float>();
    float *op = out.data_ptr<float>();
    // One task per (group, head), each whole on one thread (scores, softmax, mixing), so the result
    // does not depend on the thread count; small attentions stay on the calling thread.
    constexpr std::int64_t kParallelWork = std::int64_t(1) << 19; // multiply-adds, as headGrain
    const std::int64_t tasks = G * H;
    at::parallel_for(0, tasks, work < kParallelWork ? tasks : 1, [&](std::int64_t t0, std::int64_t t1) {
        std::unique_ptr<float[]> buffer(new float[std::size_t(scratch)]);
        for (std::int64_t t = t0; t < t1; ++t) {
            const std::size_t g = std::size_t(t / H);
            const std::int64_t h = t % H;
            const at::Tensor &kb = keyBlocks[g], &v = values[g];
            const kernels::AttendArgs a{qp + first[g] * H * d, groupRows[g], H, d, v.size(1), H * d, 0, nullptr};
            float *o = op + first[g] * H * d;
            if (type == at::kFloat)
                k.attendSharedHeadF32(a, kb.data_ptr<float>(), v.data_ptr<float>(), buffer.get(), o, h);
            else
                k.attendSharedHeadBF16(a, bits(kb), bits(v), buffer.get(), o, h);
        }
    });
    return out;
}

at::Tensor attendOneQueryShared(const at::Tensor &q, const at::Tensor &keyBlocks, const at::Tensor &values)
{
    return attendOneQuerySharedGroups(q, {keyBlocks}, {values}, {q.size(0)});
}

at::Tensor windowAttention(const at::Tensor &qkv, std::int64_t heads, std::int64_t windowSize, double scale)
{
    const std::int64_t ws = windowSize;
    if (qkv.dim() != 4 || qkv.scalar_type() != at::kFloat || !qkv.is_cpu() || heads < 1 || ws < 1
        || qkv.size(3) % (3 * heads) != 0 || qkv.size(1) % ws != 0 || qkv.size(2) % ws != 0)
        throw Error(ErrorKind::Internal, "windowAttention: expected float32 CPU qkv (B, Hp, Wp, 3C) with Hp, Wp "
                                         "multiples of the window and 3C a multiple of 3 * heads");
    const at::Tensor x = qkv.contiguous();
    const std::int64_t B = x.size(0), Hp = x.size(1), Wp = x.size(2), C3 = x.size(3), C = C3 / 3, d = C / heads;
    const std::int64_t nH = Hp / ws, nW = Wp / ws, n = ws * ws;
    at::Tensor out = at::empty({B, Hp, Wp, C}, x.options());
    std::vector<std::int64_t> rows(static_cast<std::size_t>(n)); // token i of a window: rows below its first
    for (std::int64_t i = 0; i < n; ++i)
        rows[std::size_t(i)] = (i / ws) * Wp + i % ws;
    const kernels::KernelTable &k = table();
    const float *xp = x.data_ptr<float>();
    float *op = out.data_ptr<float>();
    const float s = float(scale); // q * scale in float32, as the reference's float tensor times a Python float
    // Items in (image, window row, window column, head) order: a thread's range covers neighbouring
    // windows, whose qkv rows it reads once.
    at::parallel_for(0, B * nH * nW * heads, 1, [&](std::int64_t t0, std::int64_t t1) {
        std::vector<float> scratch(static_cast<std::size_t>(kernels::windowScratchFloats(n, d)));
        for (std::int64_t t = t0; t < t1; ++t) {
            const std::int64_t h = t % heads, w = t / heads;
            const std::int64_t wc = w % nW, wr = (w / nW) % nH, b = w / (nW * nH);
            const std::int64_t token0 = (b * Hp + wr * ws) * Wp + wc * ws;
            const float *q = xp + token0 * C3 + h * d;
            const kernels::WindowArgs a{n, d, rows.data(), q, q + C, q + 2 * C, C3, s, op + token0 * C + h * d, C,
                                        scratch.data()};
            k.windowAttentionF32(a);
        }
    });
    return out;
}

void channelAttentionScores(const at::Tensor &qkv, std::int64_t groups, at::Tensor &scores, at::Tensor v)
{
    const std::int64_t n = qkv.size(0), C = qkv.size(1) / 3, G = groups, cg = C / std::max<std::int64_t>(1, G);
    if (qkv.dim() != 2 || qkv.scalar_type() != at::kFloat || !qkv.is_contiguous() || G < 1 || qkv.size(1) != 3 * G * cg
        || scores.scalar_type() != at::kDouble || !scores.is_contiguous()
        || scores.sizes() != at::IntArrayRef{G, cg, kernels::padTo16(cg)} || v.scalar_type() != at::kFloat
        || !v.is_contiguous() || v.sizes() != at::IntArrayRef{n, C})
        throw Error(ErrorKind::Internal, "channelAttentionScores: expected qkv (n, 3C) float32, scores (G, Cg, "
                                         "padTo16(Cg)) float64 and v (n, C) float32, all contiguous");
    const kernels::KernelTable &k = table();
    const float *xp = qkv.data_ptr<float>();
    double *sp = scores.data_ptr<double>();
    const std::int64_t cgp = kernels::padTo16(cg);
    at::parallel_for(0, G, 1, [&](std::int64_t g0, std::int64_t g1) {
        std::vector<double> scratch(static_cast<std::size_t>(kernels::kChannelBlock * cgp));
        for (std::int64_t g = g0; g < g1; ++g)
            k.channelScoresF32(xp + g * cg, xp + C + g * cg, 3 * C, n, cg, sp + g * cg * cgp, scratch.data());
    });
    float *vp = v.data_ptr<float>();
    at::parallel_for(0, n, 256, [&](std::int64_t t0, std::int64_t t1) {
        for (std::int64_t t = t0; t < t1; ++t)
            std::memcpy(vp + t * C, xp + t * 3 * C + 2 * C, sizeof(float) * std::size_t(C));
    });
}

at::Tensor channelAttentionMix(const at::Tensor &attn, const at::Tensor &v)
{
    const std::int64_t G = attn.size(0), cg = attn.size(1), n = v.size(0), C = v.size(1);
    if (attn.dim() != 3 || attn.scalar_type() != at::kFloat || attn.size(2) != cg || v.dim() != 2
        || v.scalar_type() != at::kFloat || v.stride(1) != 1 || C != G * cg)
        throw Error(ErrorKind::Internal, "channelAttentionMix: expected attn (G, Cg, Cg) and v (n, G * Cg) float32");
    const std::int64_t cgp = kernels::padTo16(cg);
    // attnT[g, j, i] = attn[g, i, j], columns zero-padded to whole vectors
    at::Tensor attnT = at::zeros({G, cg, cgp}, attn.options());
    attnT.narrow(2, 0, cg).copy_(attn.transpose(1, 2));
    at::Tensor out = at::empty({n, C}, v.options());
    const kernels::KernelTable &k = table();
    const float *ap = attnT.data_ptr<float>(), *vp = v.data_ptr<float>();
    float *op = out.data_ptr<float>();
    const std::int64_t vStride = v.stride(0);
    constexpr std::int64_t kTokens = 64; // tokens per parallel item
    at::parallel_for(0, (n + kTokens - 1) / kTokens, 1, [&](std::int64_t b0, std::int64_t b1) {
        for (std::int64_t b = b0; b < b1; ++b) {
            const std::int64_t t0 = b * kTokens, nt = std::min(kTokens, n - t0);
            for (std::int64_t g = 0; g < G; ++g)
                k.channelMixF32(ap + g * cg * cgp, cg, vp + t0 * vStride + g * cg, vStride, nt, op + t0 * C + g * cg, C);
        }
    });
    return out;
}

void geluInPlace(at::Tensor &x)
{
    if (x.scalar_type() != at::kFloat || !x.is_cpu() || !x.is_contiguous())
        throw Error(ErrorKind::Internal, "geluInPlace: expected a contiguous float32 CPU tensor");
    const kernels::KernelTable &k = table();
    float *p = x.data_ptr<float>();
    constexpr std::int64_t kGrain = 1 << 14; // floats per parallel item (64 KB)
    at::parallel_for(0, x.numel(), kGrain, [&](std::int64_t i0, std::int64_t i1) { k.geluF32(p + i0, i1 - i0); });
}

at::Tensor depthwise3x3PlusInput(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias)
{
    if (x.dim() != 4 || x.scalar_type() != at::kFloat || !x.is_cpu() || weight.scalar_type() != at::kFloat
        || weight.sizes() != at::IntArrayRef{x.size(3), 1, 3, 3} || bias.scalar_type() != at::kFloat
        || bias.numel() != x.size(3))
        throw Error(ErrorKind::Internal, "depthwise3x3PlusInput: expected float32 x (B, H, W, C), weights (C, 1, 3, 3) "
                                         "and bias (C)");
    const at::Tensor xc = x.contiguous();
    const std::int64_t B = x.size(0), H = x.size(1), W = x.size(2), C = x.size(3);
    const at::Tensor wt = weight.reshape({C, 9}).t().contiguous(); // (9, C): tap (dy, dx) at row 3 dy + dx
    const at::Tensor b = bias.contiguous();
    at::Tensor out = at::empty_like(xc);
    const kernels::KernelTable &k = table();
    const float *xp = xc.data_ptr<float>(), *wp = wt.data_ptr<float>(), *bp = b.data_ptr<float>();
    float *op = out.data_ptr<float>();
    at::parallel_for(0, B * H, 1, [&](std::int64_t r0, std::int64_t r1) {
        for (std::int64_t r = r0; r < r1;) {
            const std::int64_t img = r / H, h0 = r % H, h1 = std::min(H, h0 + (r1 - r));
            k.depthwise3x3ResidualF32(xp + img * H * W * C, H, W, C, wp, bp, op + img * H * W * C, h0, h1);
            r += h1 - h0;
        }
    });
    return out;
}

} // namespace florence

