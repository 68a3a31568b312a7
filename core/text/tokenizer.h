#pragma once
// Florence-2's text tokenizer: BART's byte-level BPE plus the 1024 tokens Florence2Processor adds
// (<od> ... <loc_0> ... <loc_999> ... <and>), with the reference's exact behaviour for added
// tokens, decoding and clean-up of tokenization spaces.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace florence {

/// Byte-level BPE tokenizer reproducing transformers' BartTokenizer after
/// Florence2Processor.__init__ (ids, tokens, decode). Immutable after loading; thread-safe.
class Tokenizer
{
public:
    /// Loads `dir`/tokenizer.json (HF fast format: model.vocab, model.merges as "a b" strings or
    /// [a, b] pairs, added_tokens) when present, else `dir`/vocab.json + `dir`/merges.txt, and adds
    /// Florence's tokens after the existing ones (a token already known keeps its id).
    /// Throws Error(ModelFormat) naming the file and field when a file is garbled or incomplete
    /// (e.g. a vocabulary without merges), Error(Io) when a file cannot be read.
    static Tokenizer fromModelDir(const std::string &dir);
    /// Loads a tokenizer.json file (same rules as fromModelDir).
    static Tokenizer fromTokenizerJson(const std::string &path);
    /// Loads vocab.json + merges.txt (same rules as fromModelDir).
    static Tokenizer fromVocabAndMerges(const std::string &vocabPath, const std::string &mergesPath);

    Tokenizer(Tokenizer &&) noexcept;
    Tokenizer &operator=(Tokenizer &&) noexcept;
    ~Tokenizer();

    /// Ids of `<s>` + text + `</s>`, as tokenizer(text)["input_ids"]. Added tokens (<loc_12>,
    /// </s>, ...) in the text become their ids; <mask> swallows the whitespace before it.
    /// Throws Error(BadInput) naming the byte offset when `utf8Text` is not valid UTF-8.
    std::vector<std::int64_t> encode(const std::string &utf8Text) const;
    /// The same without the surrounding <s> and </s>.
    std::vector<std::int64_t> encodeNoSpecial(const std::string &utf8Text) const;

    /// Token strings of ids, byte-level as in tokenizer.json (e.g. "Ġdoes"), added tokens verbatim.
    /// Throws Error(BadInput) naming the first id outside [0, size()).
    std::vector<std::string> idsToTokens(const std::vector<std::int64_t> &ids) const;
    /// Text of ids as the reference's decode(ids, skip_special_tokens, spaces_between_special_tokens
    /// = False): no spaces around added tokens, invalid UTF-8 bytes become U+FFFD, then
    /// clean_up_tokenization (on by default) removes the space before . , ! ? 's n't 'm 've 're.
    /// Throws Error(BadInput) naming an unknown id.
    std::string decode(const std::vector<std::int64_t> &ids, bool skipSpecialTokens,
                       bool cleanUpTokenizationSpaces = true) const;
    /// The text decode_with_spans (processing_florence2.py) appends for one token: special tokens
    /// verbatim, any other token through convert_tokens_to_string([token]) (U+FFFD for a partial
    /// UTF-8 character). Throws Error(BadInput) naming an unknown id.
    std::string tokenText(std::int64_t id) const;
    /// True when the id's token is in all_special_tokens (<s>, </s>, <unk>, <pad>, <mask> and the
    /// Florence tokens). False for unknown ids.
    bool isSpecial(std::int64_t id) const;
    /// Id of a token string (byte-level or added token), -1 when unknown.
    std::int64_t tokenToId(const std::string &token) const;
    /// Number of tokens, len(tokenizer): 51289 for Florence-2.
    std::size_t size() const;
    /// Ids of <s> (bos) and </s> (eos).
    std::int64_t bosId() const;
    std::int64_t eosId() const;
    std::int64_t padId() const;

private:
    struct Impl;
    explicit Tokenizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace florence
