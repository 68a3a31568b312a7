#include "model/kv_cache.h"

#include "common/error.h"

namespace florence {

KvCache::KvCache(std::int64_t layers, std::int64_t beams, std::int64_t heads, std::int64_t headDim,
                 std::int64_t capacity, at::TensorOptions options)
    : m_layers(layers)
    , m_beams(beams)
    , m_capacity(capacity)
    , m_kv(at::empty({layers, 2, capacity, beams, heads, headDim}, options))
    , m_slots(std::size_t(capacity * beams), 0)
{
}

std::int64_t KvCache::append(std::int64_t count)
{
    if (count < 1 || m_length + count > m_capacity)
        throw Error(ErrorKind::Internal, "decoder cache overflow: " + std::to_string(m_length) + " + "
                                             + std::to_string(count) + " positions, capacity "
                                             + std::to_string(m_capacity));
    const std::int64_t first = m_length;
    for (std::int64_t j = first; j < first + count; ++j)
        for (std::int64_t b = 0; b < m_beams; ++b)
            m_slots[std::size_t(j * m_beams + b)] = std::int32_t(b);
    m_length += count;
    return first;
}

void KvCache::reorder(const std::vector<std::int64_t> &parents)
{
    TORCH_CHECK(std::int64_t(parents.size()) == m_beams, "KvCache::reorder: one parent per beam expected");
    bool identity = true;
    for (std::int64_t i = 0; i < m_beams; ++i) {
        TORCH_CHECK(parents[i] >= 0 && parents[i] < m_beams, "KvCache::reorder: parent out of range");
        identity = identity && parents[i] == i;
    }
    if (identity)
        return;
    std::vector<std::int32_t> row(static_cast<std::size_t>(m_beams));
    for (std::int64_t j = 0; j < m_length; ++j) {
        std::int32_t *r = m_slots.data() + j * m_beams;
        for (std::int64_t i = 0; i < m_beams; ++i)
            row[i] = r[parents[i]];
        std::copy(row.begin(), row.end(), r);
    }
    m_identity = false;
}

at::Tensor KvCache::history(std::int64_t layer, int which) const
{
    const at::Tensor all = m_kv[layer][which]; // (capacity, beams, heads, headDim)
    if (m_identity)
        return all.narrow(0, 0, m_length);
    // flat row index j * beams + slot(j, b) into (capacity * beams, heads, headDim)
    std::vector<std::int64_t> idx(std::size_t(m_length * m_beams));
    for (std::int64_t j = 0; j < m_length; ++j)
        for (std::int64_t b = 0; b < m_beams; ++b)
            idx[j * m_beams + b] = j * m_beams + m_slots[j * m_beams + b];
    const at::Tensor index = at::tensor(idx, at::kLong).to(all.device());
    return all.view({m_capacity * m_beams, all.size(2), all.size(3)})
        .index_select(0, index)
        .view({m_length, m_beams, all.size(2), all.size(3)});
}

} // namespace florence
