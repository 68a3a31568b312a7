#pragma once
// Readers of the tokenizer files of a model folder: tokenizer.json (HF fast format) or
// vocab.json + merges.txt (the files BartTokenizer reads). Internal to core/text.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace florence::text {

/// One entry of tokenizer.json's added_tokens (or a token the loader adds).
struct AddedTokenSpec
{
    std::string content;
    std::int64_t id = -1;   ///< -1: the next free id
    bool special = true;
    bool lstrip = false;    ///< swallows the whitespace on its left
    bool rstrip = false;    ///< swallows the whitespace on its right
    bool singleWord = false;
};

/// The raw content of the tokenizer files, checked for shape.
struct TokenizerFiles
{
    std::string source;                                        ///< file name(s), for messages
    std::unordered_map<std::string, std::int64_t> vocab;       ///< byte-level token -> id, ids 0..N-1
    std::vector<std::pair<std::string, std::string>> merges;   ///< in rank order
    std::vector<AddedTokenSpec> added;                         ///< tokenizer.json added_tokens, in file order
};

/// Reads tokenizer.json. Throws Error(ModelFormat) naming the file and field (model.vocab,
/// model.merges, added_tokens[i].content, ...) when it is not valid JSON, lacks a field, has a
/// field of the wrong type, or describes something other than a byte-level BPE; Error(Io) when
/// it cannot be read.
TokenizerFiles readTokenizerJson(const std::string &path);

/// Reads vocab.json and merges.txt as BartTokenizer does (merges.txt: the first line is the
/// "#version" header, one "left right" pair per line). Same errors as readTokenizerJson.
TokenizerFiles readVocabAndMerges(const std::string &vocabPath, const std::string &mergesPath);

} // namespace florence::text
