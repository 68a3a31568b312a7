#include "model/kv_cache.h"

#include "common/error.h"

#include <numeric>

namespace florence {

KvCache::KvCache(std::int64_t layers, std::int64_t beams, std::int64_t heads, std::int64_t headDim,
                 std::int64_t capacity, at::TensorOptions options)
    : KvCache(layers, std::vector<std::int64_t>{beams}, heads, headDim, capacity, options)
{
}

KvCache::KvCache(std::int64_t layers, const std::vector<std::int64_t> &groupRows, std::int64_t heads,
                 std::int64_t headDim, std::int64_t capacity, at::TensorOptions options)
    : m_layers(layers)
    , m_beams(std::accumulate(groupRows.begin(), groupRows.end(), std::int64_t(0)))
    , m_physical(m_beams)
    , m_capacity(capacity)
{
    TORCH_CHECK(!groupRows.empty() && m_beams >= 1, "KvCache: at least one row expected");
    for (std::int64_t r : groupRows) {
        TORCH_CHECK(r >= 1, "KvCache: every group needs at least one row");
        KvGroup g;
        g.rows = r;
        m_groups.push_back(std::move(g));
    }
    m_kv = at::empty({layers, 2, capacity, m_physical, heads, headDim}, options);
    m_slots.assign(std::size_t(capacity * m_beams), 0);
    m_home.resize(std::size_t(m_beams));
    std::iota(m_home.begin(), m_home.end(), 0);
}

std::vector<std::int64_t> KvCache::groupRows() const
{
    std::vector<std::int64_t> rows;
    for (const KvGroup &g : m_groups)
        rows.push_back(g.rows);
    return rows;
}

std::int64_t KvCache::groupOffset(std::size_t g) const
{
    std::int64_t r = 0;
    for (std::size_t i = 0; i < g; ++i)
        r += m_groups[i].rows;
    return r;
}

void KvCache::removeGroup(std::size_t g)
{
    TORCH_CHECK(g < m_groups.size(), "KvCache::removeGroup: no such group");
    const std::int64_t r0 = groupOffset(g), n = m_groups[g].rows, newBeams = m_beams - n;
    std::vector<std::int32_t> slots(std::size_t(m_capacity * std::max<std::int64_t>(newBeams, 1)), 0);
    for (std::int64_t j = 0; j < m_length; ++j) {
        const std::int32_t *src = m_slots.data() + j * m_beams;
        std::int32_t *dst = slots.data() + j * newBeams;
        std::copy(src, src + r0, dst);
        std::copy(src + r0 + n, src + m_beams, dst + r0);
    }
    m_slots.swap(slots);
    m_home.erase(m_home.begin() + r0, m_home.begin() + r0 + n);
    m_groups.erase(m_groups.begin() + std::ptrdiff_t(g));
    m_beams = newBeams;
    m_identity = false;
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
            m_slots[std::size_t(j * m_beams + b)] = m_home[std::size_t(b)];
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

void KvCache::write(std::int64_t layer, int which, std::int64_t first, const at::Tensor &rows)
{
    const std::int64_t T = rows.size(0);
    at::Tensor dst = m_kv[layer][which].narrow(0, first, T); // (T, physical, heads, headDim)
    if (m_beams == m_physical) { // every slot is its own row's home (rows never reorder homes)
        dst.copy_(rows);
        return;
    }
    const at::Tensor index = at::tensor(std::vector<std::int64_t>(m_home.begin(), m_home.end()), at::kLong)
                                 .to(dst.device());
    dst.index_copy_(1, index, rows.to(dst.scalar_type()));
}

at::Tensor KvCache::history(std::int64_t layer, int which) const
{
    const at::Tensor all = m_kv[layer][which]; // (capacity, physical, heads, headDim)
    if (m_identity)
        return all.narrow(0, 0, m_length);
    // flat row index j * physical + slot(j, b) into (capacity * physical, heads, headDim)
    std::vector<std::int64_t> idx(std::size_t(m_length * m_beams));
    for (std::int64_t j = 0; j < m_length; ++j)
        for (std::int64_t b = 0; b < m_beams; ++b)
            idx[j * m_beams + b] = j * m_physical + m_slots[j * m_beams + b];
    const at::Tensor index = at::tensor(idx, at::kLong).to(all.device());
    return all.view({m_capacity * m_physical, all.size(2), all.size(3)})
        .index_select(0, index)
        .view({m_length, m_beams, all.size(2), all.size(3)});
}

} // namespace florence
