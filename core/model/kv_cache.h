#pragma once
// The decoder's key/value cache for incremental decoding with beams. Internal header (libtorch).
//
// Design note: the self-attention cache is allocated once for the whole generation, shape
// (layers, 2, capacity, beams, heads, head_dim), so a step only writes its new rows; nothing is
// concatenated. After each beam-search step, beam i continues old beam parents[i]. Instead of
// moving cached rows (the reference's _reorder_cache, or index_select into a scratch buffer and a
// swap, which copies the whole prefix every step: ~57 MB per step at t = 512 for the base model),
// every position keeps a small slot table: slot(j, b) is the beam slot whose row j holds position j
// of beam b's history. Each step writes row `t` of slot b for beam b; reorder() permutes the int
// table only. Attention reads rows through the table (model/cpu_kernels.h on the CPU; a gather on
// other devices), and beams that share a prefix read the same rows. The cross-attention keys and
// values are computed once per layer from the encoder output (batch 1) and shared by all beams.

#include <ATen/ATen.h>

#include <cstdint>
#include <vector>

namespace florence {

/// Preallocated self-attention cache with a beam slot table, plus the shared cross-attention K/V.
class KvCache
{
public:
    /// Allocates (layers, 2, capacity, beams, heads, headDim) in `options` (dtype/device).
    KvCache(std::int64_t layers, std::int64_t beams, std::int64_t heads, std::int64_t headDim, std::int64_t capacity,
            at::TensorOptions options);

    std::int64_t layers() const { return m_layers; }
    std::int64_t beams() const { return m_beams; }
    std::int64_t capacity() const { return m_capacity; }
    /// Positions in use (decoder tokens processed so far).
    std::int64_t length() const { return m_length; }

    /// Reserves positions [length, length + count) for the step about to run: each beam's rows
    /// there live in its own slot. Returns the first new position. Throws Error(Internal) past
    /// the capacity.
    std::int64_t append(std::int64_t count);
    /// Beam i continues old beam parents[i] (0 <= parents[i] < beams). Moves no tensor data.
    void reorder(const std::vector<std::int64_t> &parents);

    /// Keys of `layer`: (capacity, beams, heads, headDim), contiguous.
    at::Tensor keys(std::int64_t layer) const { return m_kv[layer][0]; }
    /// Values of `layer`: (capacity, beams, heads, headDim), contiguous.
    at::Tensor values(std::int64_t layer) const { return m_kv[layer][1]; }
    /// Slot table, row-major (capacity, beams); rows < length() are valid.
    const std::int32_t *slots() const { return m_slots.data(); }
    /// Whether every valid row maps each beam to its own slot (no gather needed).
    bool isIdentity() const { return m_identity; }
    /// Keys or values of `layer` for positions [0, length) as each beam sees them:
    /// (length, beams, heads, headDim); a view when isIdentity(), else a gathered copy.
    at::Tensor history(std::int64_t layer, int which) const;

    /// Cross-attention keys (heads, headDim, encoder_len) and values (encoder_len, heads, headDim)
    /// per layer, shared by all beams.
    std::vector<at::Tensor> crossKeys;
    std::vector<at::Tensor> crossValues;

private:
    std::int64_t m_layers, m_beams, m_capacity, m_length = 0;
    at::Tensor m_kv; // (layers, 2, capacity, beams, heads, headDim)
    std::vector<std::int32_t> m_slots;
    bool m_identity = true;
};

} // namespace florence
