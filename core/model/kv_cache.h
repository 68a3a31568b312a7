#pragma once
// The decoder's key/value cache for incremental decoding with beams. Internal header (libtorch).
//
// Design note: the self-attention cache is allocated once for the whole generation, shape
// (layers, 2, capacity, slots, heads, head_dim), so a step only writes its new rows; nothing is
// concatenated. After each beam-search step, beam i continues old beam parents[i]. Instead of
// moving cached rows (the reference's _reorder_cache, or index_select into a scratch buffer and a
// swap, which copies the whole prefix every step: ~57 MB per step at t = 512 for the base model),
// every position keeps a small slot table: slot(j, b) is the physical slot whose row j holds
// position j of beam b's history. Each step writes row `t` of beam b's own ("home") slot;
// reorder() permutes the int table only. Attention reads rows through the table
// (model/cpu_kernels.h on the CPU; a gather on other devices), and beams that share a prefix read
// the same rows.
//
// Batched decoding (several requests in one loop, core/generate/batch_generate.h): the rows are
// split into groups, one per request (its beams, consecutive), and every group has its own
// cross-attention keys/values (its encoder output without padding, so padded encoder positions
// are never attended). A request that finishes leaves with removeGroup(): its rows disappear from
// the slot table and from every later step (the rows still running keep their home slots, so no
// cached data moves; memory of a finished request's slots is no longer touched). A single request
// is one group whose rows are all the slots.

#include <ATen/ATen.h>

#include <cstdint>
#include <vector>

namespace florence {

/// The rows (beams) of one request in the cache and its cross-attention memory.
struct KvGroup
{
    std::int64_t rows = 0;              ///< beams of the request (its rows are consecutive)
    /// Cross-attention keys (heads, headDim, encoder_len) and values (encoder_len, heads, headDim)
    /// per layer, shared by the group's beams.
    std::vector<at::Tensor> crossKeys;
    std::vector<at::Tensor> crossValues;
};

/// Preallocated self-attention cache with a beam slot table, plus cross-attention K/V per group.
class KvCache
{
public:
    /// One group of `beams` rows: allocates (layers, 2, capacity, beams, heads, headDim) in
    /// `options` (dtype/device).
    KvCache(std::int64_t layers, std::int64_t beams, std::int64_t heads, std::int64_t headDim, std::int64_t capacity,
            at::TensorOptions options);
    /// One group per entry of groupRows (each >= 1), rows in that order.
    KvCache(std::int64_t layers, const std::vector<std::int64_t> &groupRows, std::int64_t heads, std::int64_t headDim,
            std::int64_t capacity, at::TensorOptions options);

    std::int64_t layers() const { return m_layers; }
    /// Rows (beams of every group still in the cache) the next step runs.
    std::int64_t beams() const { return m_beams; }
    /// Physical slots per position (rows the cache was created with).
    std::int64_t physicalSlots() const { return m_physical; }
    std::int64_t capacity() const { return m_capacity; }
    /// Positions in use (decoder tokens processed so far).
    std::int64_t length() const { return m_length; }

    /// Groups still in the cache, in row order.
    const std::vector<KvGroup> &groups() const { return m_groups; }
    std::vector<KvGroup> &groups() { return m_groups; }
    /// Rows of every group, in order.
    std::vector<std::int64_t> groupRows() const;
    /// First row of group g.
    std::int64_t groupOffset(std::size_t g) const;
    /// Removes group g: its rows leave the slot table and every later step. Moves no tensor data.
    void removeGroup(std::size_t g);

    /// Reserves positions [length, length + count) for the step about to run: each row's entries
    /// there live in its home slot. Returns the first new position. Throws Error(Internal) past
    /// the capacity.
    std::int64_t append(std::int64_t count);
    /// Row i continues old row parents[i] (0 <= parents[i] < beams; parents stay within a group).
    /// Moves no tensor data.
    void reorder(const std::vector<std::int64_t> &parents);

    /// Keys of `layer`: (capacity, physicalSlots, heads, headDim), contiguous.
    at::Tensor keys(std::int64_t layer) const { return m_kv[layer][0]; }
    /// Values of `layer`: (capacity, physicalSlots, heads, headDim), contiguous.
    at::Tensor values(std::int64_t layer) const { return m_kv[layer][1]; }
    /// Writes new keys (which = 0) or values (1) `rows` (T, beams, heads, headDim) at positions
    /// [first, first + T) into each row's home slot.
    void write(std::int64_t layer, int which, std::int64_t first, const at::Tensor &rows);
    /// Slot table, row-major (capacity, beams) of physical slot indices; rows < length() are valid.
    const std::int32_t *slots() const { return m_slots.data(); }
    /// Whether every valid row maps each beam to its own slot (no gather needed).
    bool isIdentity() const { return m_identity; }
    /// Keys or values of `layer` for positions [0, length) as each beam sees them:
    /// (length, beams, heads, headDim); a view when isIdentity(), else a gathered copy.
    at::Tensor history(std::int64_t layer, int which) const;

private:
    std::int64_t m_layers, m_beams, m_physical, m_capacity, m_length = 0;
    at::Tensor m_kv; // (layers, 2, capacity, physical, heads, headDim)
    std::vector<std::int32_t> m_slots; // (capacity, m_beams) while m_beams is unchanged; rebuilt on removal
    std::vector<std::int32_t> m_home;  // home slot of each row
    std::vector<KvGroup> m_groups;
    bool m_identity = true;
};

} // namespace florence
