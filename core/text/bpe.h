#pragma once
// Byte-level BPE model: merges by rank over the characters of one pre-token, with a per-word
// cache (BartTokenizer.bpe in transformers' tokenization_bart.py).
//
// Design note: the reference merges, in each round, every occurrence of the lowest-ranked pair
// left to right and then recomputes the pairs, which is quadratic in the word length. This port
// keeps the same rounds but finds the pairs with a heap over a linked list of symbols, so long
// words (a line of CJK text is one pre-token) stay fast; a test checks both give the same result.
// Symbols are interned strings, so merges whose parts or result are not in the vocabulary work
// exactly as in the reference (the result maps to <unk> at the end).

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace florence::text {

/// The BPE vocabulary and merge table of a byte-level tokenizer; thread-safe.
class BpeModel
{
public:
    /// `vocab` maps byte-level token strings to ids; `merges` lists pairs in rank order (a pair
    /// listed twice keeps its last rank, as the reference's dict does); `unkId` is used for a
    /// final symbol missing from the vocabulary (-1: none, then such a symbol throws
    /// Error(ModelFormat)).
    BpeModel(const std::unordered_map<std::string, std::int64_t> &vocab,
             const std::vector<std::pair<std::string, std::string>> &merges, std::int64_t unkId);

    /// Appends the ids of one pre-token given as raw UTF-8 bytes (not yet byte-level mapped).
    void encode(std::string_view piece, std::vector<std::int64_t> &out) const;
    /// The BPE symbols (byte-level strings) of one raw pre-token, uncached (for tests).
    std::vector<std::string> split(std::string_view piece) const;
    /// Number of merges (distinct pairs).
    std::size_t mergeCount() const { return m_merges.size(); }

private:
    struct Merge
    {
        std::int32_t rank;
        std::int32_t result;
    };
    std::int32_t intern(const std::string &symbol);
    std::vector<std::int32_t> mergeSymbols(std::string_view piece) const;

    std::unordered_map<std::string, std::int32_t> m_symbolIds;
    std::vector<std::string> m_symbols;       // symbol id -> byte-level string
    std::vector<std::int64_t> m_symbolToken;  // symbol id -> vocabulary id, -1 when absent
    std::int32_t m_byteSymbol[256];
    std::unordered_map<std::uint64_t, Merge> m_merges; // (left << 32 | right) -> merge
    std::int64_t m_unkId;

    mutable std::mutex m_cacheMutex;
    mutable std::unordered_map<std::string, std::vector<std::int32_t>> m_cache;
};

} // namespace florence::text
