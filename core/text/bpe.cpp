#include "text/bpe.h"

#include "common/error.h"
#include "text/byte_level.h"

#include <algorithm>
#include <queue>

namespace florence::text {
namespace {

constexpr std::size_t kMaxCacheEntries = 1 << 18; // the reference's cache is unbounded; keep memory bounded

std::uint64_t pairKey(std::int32_t left, std::int32_t right)
{
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(left)) << 32) | static_cast<std::uint32_t>(right);
}

} // namespace

BpeModel::BpeModel(const std::unordered_map<std::string, std::int64_t> &vocab,
                   const std::vector<std::pair<std::string, std::string>> &merges, std::int64_t unkId)
    : m_unkId(unkId)
{
    m_symbols.reserve(vocab.size() + 256);
    for (const auto &entry : vocab) {
        const std::int32_t symbol = intern(entry.first);
        m_symbolToken[symbol] = entry.second;
    }
    const ByteLevel &bytes = ByteLevel::instance();
    for (int b = 0; b < 256; ++b)
        m_byteSymbol[b] = intern(bytes.charOf(static_cast<std::uint8_t>(b)));
    m_merges.reserve(merges.size());
    for (std::size_t rank = 0; rank < merges.size(); ++rank) {
        const std::int32_t left = intern(merges[rank].first);
        const std::int32_t right = intern(merges[rank].second);
        const std::int32_t result = intern(merges[rank].first + merges[rank].second);
        m_merges[pairKey(left, right)] = Merge{static_cast<std::int32_t>(rank), result};
    }
}

std::int32_t BpeModel::intern(const std::string &symbol)
{
    auto it = m_symbolIds.find(symbol);
    if (it != m_symbolIds.end())
        return it->second;
    const auto id = static_cast<std::int32_t>(m_symbols.size());
    m_symbolIds.emplace(symbol, id);
    m_symbols.push_back(symbol);
    m_symbolToken.push_back(-1);
    return id;
}

std::vector<std::int32_t> BpeModel::mergeSymbols(std::string_view piece) const
{
    struct Node
    {
        std::int32_t symbol;
        int prev;
        int next;
    };
    struct Candidate
    {
        std::int32_t rank;
        int pos;
        std::int32_t left;
        std::int32_t right;
        bool operator>(const Candidate &o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };

    const int n = static_cast<int>(piece.size());
    std::vector<Node> nodes(n);
    for (int i = 0; i < n; ++i)
        nodes[i] = Node{m_byteSymbol[static_cast<std::uint8_t>(piece[i])], i - 1, i + 1 < n ? i + 1 : -1};

    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> heap;
    auto push = [&](int pos) {
        if (pos < 0 || nodes[pos].next < 0)
            return;
        const std::int32_t left = nodes[pos].symbol;
        const std::int32_t right = nodes[nodes[pos].next].symbol;
        const auto it = m_merges.find(pairKey(left, right));
        if (it != m_merges.end())
            heap.push(Candidate{it->second.rank, pos, left, right});
    };
    for (int i = 0; i + 1 < n; ++i)
        push(i);

    std::vector<Candidate> round;
    std::vector<int> touched;
    while (!heap.empty()) {
        // One round of the reference: the lowest-ranked pair, every occurrence, left to right.
        const std::int32_t rank = heap.top().rank;
        round.clear();
        while (!heap.empty() && heap.top().rank == rank) {
            round.push_back(heap.top());
            heap.pop();
        }
        touched.clear();
        for (const Candidate &c : round) { // already sorted by position
            Node &left = nodes[c.pos];
            if (left.symbol != c.left || left.next < 0 || nodes[left.next].symbol != c.right)
                continue; // stale: an earlier merge consumed one side
            const int gone = left.next;
            left.symbol = m_merges.at(pairKey(c.left, c.right)).result;
            left.next = nodes[gone].next;
            if (left.next >= 0)
                nodes[left.next].prev = c.pos;
            nodes[gone].symbol = -1;
            nodes[gone].next = -1;
            touched.push_back(c.pos);
        }
        // New pairs around merged symbols enter the heap only after the round, as the reference
        // recomputes pairs once per round.
        for (int pos : touched) {
            if (nodes[pos].symbol < 0)
                continue;
            push(nodes[pos].prev);
            push(pos);
        }
    }
    std::vector<std::int32_t> symbols;
    for (int i = n > 0 ? 0 : -1; i >= 0; i = nodes[i].next)
        symbols.push_back(nodes[i].symbol);
    return symbols;
}

std::vector<std::string> BpeModel::split(std::string_view piece) const
{
    std::vector<std::string> out;
    for (std::int32_t s : mergeSymbols(piece))
        out.push_back(m_symbols[s]);
    return out;
}

void BpeModel::encode(std::string_view piece, std::vector<std::int64_t> &out) const
{
    if (piece.empty())
        return;
    {
        std::lock_guard<std::mutex> lock(m_cacheMutex);
        thread_local std::string key;
        key.assign(piece.data(), piece.size());
        const auto it = m_cache.find(key);
        if (it != m_cache.end()) {
            for (std::int32_t s : it->second)
                out.push_back(m_symbolToken[s] >= 0 ? m_symbolToken[s] : m_unkId);
            return;
        }
    }
    std::vector<std::int32_t> symbols = mergeSymbols(piece);
    for (std::int32_t s : symbols) {
        if (m_symbolToken[s] >= 0) {
            out.push_back(m_symbolToken[s]);
        } else if (m_unkId >= 0) {
            out.push_back(m_unkId);
        } else {
            throw Error(ErrorKind::ModelFormat, "tokenizer: BPE produced the token '" + m_symbols[s]
                                                    + "', which is not in the vocabulary, and there is no <unk> token");
        }
    }
    std::lock_guard<std::mutex> lock(m_cacheMutex);
    if (m_cache.size() >= kMaxCacheEntries)
        m_cache.clear();
    m_cache.emplace(std::string(piece), std::move(symbols));
}

} // namespace florence::text
