// Design note: the reference is transformers 4.40's slow BartTokenizer after
// Florence2Processor.__init__ added its 1024 tokens. Encoding = split the text on added tokens
// (leftmost-longest, as tokens_trie.split), strip the whitespace next to tokens with lstrip/rstrip
// (<mask> has lstrip), pre-tokenize each remaining piece with the GPT-2 pattern and BPE it.
// Decoding follows _decode with spaces_between_special_tokens=False: runs of ordinary tokens are
// byte-decoded with errors='replace', "legacy" added tokens (Florence's) are appended verbatim,
// and clean_up_tokenization runs last.
#include "text/tokenizer.h"

#include "common/error.h"
#include "common/file_io.h"
#include "text/bpe.h"
#include "text/byte_level.h"
#include "text/pretokenizer.h"
#include "text/tokenizer_files.h"
#include "text/utf8.h"

#include <unordered_map>

namespace florence {

using text::AddedTokenSpec;

namespace {

// Florence2Processor.__init__: tokens_to_add['additional_special_tokens'], in order.
std::vector<std::string> florenceTokens()
{
    std::vector<std::string> t = {"<od>", "</od>", "<ocr>", "</ocr>"};
    for (int i = 0; i < 1000; ++i)
        t.push_back("<loc_" + std::to_string(i) + ">");
    for (const char *s : {"<cap>", "</cap>", "<ncap>", "</ncap>", "<dcap>", "</dcap>", "<grounding>", "</grounding>",
                          "<seg>", "</seg>", "<sep>", "<region_cap>", "</region_cap>", "<region_to_desciption>",
                          "</region_to_desciption>", "<proposal>", "</proposal>", "<poly>", "</poly>", "<and>"})
        t.push_back(s);
    return t;
}

// transformers' tokenization_utils_base.clean_up_tokenization: sequential str.replace calls.
std::string cleanUpTokenization(std::string s)
{
    static const std::pair<const char *, const char *> rules[] = {
        {" .", "."}, {" ?", "?"}, {" !", "!"}, {" ,", ","}, {" ' ", "'"},
        {" n't", "n't"}, {" 'm", "'m"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"},
    };
    for (const auto &rule : rules)
        s = utf8::replace(s, rule.first, rule.second);
    return s;
}

} // namespace

struct Tokenizer::Impl
{
    struct AddedToken
    {
        AddedTokenSpec spec;
        bool legacy = false; // appended verbatim by decode (not byte-decoded with its neighbours)
    };

    std::unique_ptr<text::BpeModel> bpe;
    text::Gpt2PreTokenizer preTokenizer;
    std::vector<std::string> idToToken;
    std::vector<int> addedIndexOfId;   // index into `added`, -1 for vocabulary tokens
    std::vector<bool> special;
    std::unordered_map<std::string, std::int64_t> tokenIds;
    std::unordered_map<std::string, int> addedByContent;
    std::vector<AddedToken> added;
    std::int64_t baseVocabSize = 0;
    std::int64_t bos = -1, eos = -1, pad = -1;

    // Byte trie of the added tokens for leftmost-longest matching.
    std::unordered_map<std::uint64_t, int> trieEdges; // (node << 8 | byte) -> child node
    std::vector<int> trieToken;                       // node -> index into `added`, -1 if none
    bool firstByte[256] = {};

    void addToTrie(const std::string &content, int index)
    {
        if (trieToken.empty())
            trieToken.push_back(-1);
        int node = 0;
        for (unsigned char c : content) {
            const std::uint64_t key = (static_cast<std::uint64_t>(node) << 8) | c;
            auto it = trieEdges.find(key);
            if (it == trieEdges.end()) {
                trieToken.push_back(-1);
                it = trieEdges.emplace(key, static_cast<int>(trieToken.size() - 1)).first;
            }
            node = it->second;
        }
        trieToken[node] = index;
        firstByte[static_cast<unsigned char>(content[0])] = true;
    }

    // Length of the longest added token starting at `pos`, 0 when none; sets `index`.
    std::size_t matchAt(std::string_view s, std::size_t pos, int &index) const
    {
        int node = 0;
        std::size_t best = 0;
        for (std::size_t i = pos; i < s.size(); ++i) {
            const auto it = trieEdges.find((static_cast<std::uint64_t>(node) << 8) | static_cast<unsigned char>(s[i]));
            if (it == trieEdges.end())
                break;
            node = it->second;
            if (trieToken[node] >= 0) {
                best = i + 1 - pos;
                index = trieToken[node];
            }
        }
        return best;
    }

    void registerAdded(AddedTokenSpec spec, const std::string &source)
    {
        const auto existing = tokenIds.find(spec.content);
        if (existing != tokenIds.end()) {
            if (spec.id >= 0 && spec.id != existing->second)
                throw Error(ErrorKind::ModelFormat, source + ": added token '" + spec.content + "' has id "
                                                        + std::to_string(spec.id) + " but the vocabulary gives it id "
                                                        + std::to_string(existing->second));
            spec.id = existing->second;
            const auto known = addedByContent.find(spec.content);
            if (known != addedByContent.end()) {
                // Already an added token: the special flag accumulates, the rest stays.
                added[known->second].spec.special = added[known->second].spec.special || spec.special;
                special[spec.id] = special[spec.id] || spec.special;
                return;
            }
        } else {
            const auto next = static_cast<std::int64_t>(idToToken.size());
            if (spec.id >= 0 && spec.id != next)
                throw Error(ErrorKind::ModelFormat, source + ": added token '" + spec.content + "' has id "
                                                        + std::to_string(spec.id) + ", expected the next free id "
                                                        + std::to_string(next));
            spec.id = next;
            idToToken.push_back(spec.content);
            addedIndexOfId.push_back(-1);
            special.push_back(false);
            tokenIds.emplace(spec.content, spec.id);
        }
        const int index = static_cast<int>(added.size());
        special[spec.id] = special[spec.id] || spec.special;
        addedIndexOfId[spec.id] = index;
        addedByContent.emplace(spec.content, index);
        addToTrie(spec.content, index);
        added.push_back(AddedToken{std::move(spec), false});
    }

    void build(text::TokenizerFiles files)
    {
        baseVocabSize = static_cast<std::int64_t>(files.vocab.size());
        idToToken.resize(files.vocab.size());
        for (const auto &entry : files.vocab)
            idToToken[entry.second] = entry.first;
        addedIndexOfId.assign(idToToken.size(), -1);
        special.assign(idToToken.size(), false);
        tokenIds = files.vocab;

        for (AddedTokenSpec &spec : files.added)
            registerAdded(std::move(spec), files.source);
        // BartTokenizer's own special tokens (bos, pad, eos, unk, mask); <mask> has lstrip.
        for (const char *name : {"<s>", "<pad>", "</s>", "<unk>", "<mask>"}) {
            AddedTokenSpec spec;
            spec.content = name;
            spec.special = true;
            spec.lstrip = std::string(name) == "<mask>";
            registerAdded(spec, files.source); // a token already added keeps its flags, becomes special
        }
        // Florence2Processor.__init__: tokenizer.add_special_tokens({'additional_special_tokens': ...}).
        for (const std::string &token : florenceTokens()) {
            AddedTokenSpec spec;
            spec.content = token;
            spec.special = true;
            registerAdded(spec, files.source);
        }
        // _decode's legacy_added_tokens: added tokens that are not special, plus additional special
        // tokens beyond the base vocabulary.
        for (AddedToken &token : added)
            token.legacy = !token.spec.special || token.spec.id >= baseVocabSize;

        const auto unk = tokenIds.find("<unk>");
        bpe = std::make_unique<text::BpeModel>(files.vocab, files.merges, unk == tokenIds.end() ? -1 : unk->second);
        bos = tokenIds.at("<s>");
        eos = tokenIds.at("</s>");
        pad = tokenIds.at("<pad>");
    }

    void checkId(std::int64_t id) const
    {
        if (id < 0 || id >= static_cast<std::int64_t>(idToToken.size()))
            throw Error(ErrorKind::BadInput, "token id " + std::to_string(id) + " is outside the vocabulary [0, "
                                                 + std::to_string(idToToken.size()) + ")");
    }

    // PreTrainedTokenizer.tokenize + convert_tokens_to_ids for valid UTF-8 text.
    void encodeText(const std::string &input, std::vector<std::int64_t> &ids) const
    {
        // tokens_trie.split: cut at every added token, leftmost-longest.
        std::vector<std::string> pieces;
        std::size_t pieceStart = 0;
        const std::string_view s(input);
        for (std::size_t pos = 0; pos < s.size();) {
            int index = -1;
            const std::size_t len = firstByte[static_cast<unsigned char>(s[pos])] ? matchAt(s, pos, index) : 0;
            if (len == 0) {
                ++pos;
                continue;
            }
            if (pos > pieceStart)
                pieces.emplace_back(s.substr(pieceStart, pos - pieceStart));
            pieces.emplace_back(s.substr(pos, len));
            pos += len;
            pieceStart = pos;
        }
        if (pieceStart < s.size())
            pieces.emplace_back(s.substr(pieceStart));

        // lstrip / rstrip / single_word of the added tokens, in place as the reference does.
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            const auto found = addedByContent.find(pieces[i]);
            if (found == addedByContent.end())
                continue;
            const AddedTokenSpec &tok = added[found->second].spec;
            std::string *left = i > 0 ? &pieces[i - 1] : nullptr;
            std::string *right = i + 1 < pieces.size() ? &pieces[i + 1] : nullptr;
            if (tok.rstrip && right && !right->empty())
                *right = std::string(utf8::lstrip(*right));
            if (tok.lstrip && left && !left->empty())
                *left = std::string(utf8::rstrip(*left));
            if (tok.singleWord && left && !left->empty() && left->back() != ' ') {
                *left += pieces[i];
                pieces[i].clear();
            } else if (tok.singleWord && right && !right->empty() && right->front() != ' ') {
                pieces[i] += *right;
                right->clear();
            }
        }

        std::vector<std::string_view> words;
        for (const std::string &piece : pieces) {
            if (piece.empty())
                continue;
            const auto found = addedByContent.find(piece);
            if (found != addedByContent.end()) {
                ids.push_back(added[found->second].spec.id);
                continue;
            }
            words.clear();
            preTokenizer.split(piece, words);
            for (std::string_view word : words)
                bpe->encode(word, ids);
        }
    }

    // convert_tokens_to_string([token]) for an ordinary token; the raw text when a character is
    // outside the byte-level alphabet.
    std::string byteDecode(const std::string &token) const
    {
        std::string bytes;
        if (!text::ByteLevel::instance().decode(token, bytes))
            return token;
        return utf8::decodeReplace(bytes);
    }
};

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer &&) noexcept = default;
Tokenizer &Tokenizer::operator=(Tokenizer &&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::fromModelDir(const std::string &dir)
{
    const std::string json = dir + "/tokenizer.json";
    if (isRegularFile(json))
        return fromTokenizerJson(json);
    const std::string vocab = dir + "/vocab.json";
    const std::string merges = dir + "/merges.txt";
    if (!isRegularFile(vocab))
        throw Error(ErrorKind::ModelFormat, dir + ": no tokenizer files (expected tokenizer.json, or vocab.json + merges.txt)");
    return fromVocabAndMerges(vocab, merges);
}

Tokenizer Tokenizer::fromTokenizerJson(const std::string &path)
{
    auto impl = std::make_unique<Impl>();
    impl->build(text::readTokenizerJson(path));
    return Tokenizer(std::move(impl));
}

Tokenizer Tokenizer::fromVocabAndMerges(const std::string &vocabPath, const std::string &mergesPath)
{
    auto impl = std::make_unique<Impl>();
    impl->build(text::readVocabAndMerges(vocabPath, mergesPath));
    return Tokenizer(std::move(impl));
}

std::vector<std::int64_t> Tokenizer::encode(const std::string &utf8Text) const
{
    utf8::validate(utf8Text, "text to tokenize");
    std::vector<std::int64_t> ids;
    ids.reserve(utf8Text.size() / 3 + 2);
    ids.push_back(m_impl->bos);
    m_impl->encodeText(utf8Text, ids);
    ids.push_back(m_impl->eos);
    return ids;
}

std::vector<std::int64_t> Tokenizer::encodeNoSpecial(const std::string &utf8Text) const
{
    utf8::validate(utf8Text, "text to tokenize");
    std::vector<std::int64_t> ids;
    ids.reserve(utf8Text.size() / 3);
    m_impl->encodeText(utf8Text, ids);
    return ids;
}

std::vector<std::string> Tokenizer::idsToTokens(const std::vector<std::int64_t> &ids) const
{
    std::vector<std::string> out;
    out.reserve(ids.size());
    for (std::int64_t id : ids) {
        m_impl->checkId(id);
        out.push_back(m_impl->idToToken[id]);
    }
    return out;
}

std::string Tokenizer::decode(const std::vector<std::int64_t> &ids, bool skipSpecialTokens,
                              bool cleanUpTokenizationSpaces) const
{
    const Impl &d = *m_impl;
    std::string text;
    std::string run; // raw bytes of consecutive ordinary tokens
    auto flush = [&] {
        if (!run.empty())
            text += utf8::decodeReplace(run);
        run.clear();
    };
    const text::ByteLevel &bytes = text::ByteLevel::instance();
    for (std::int64_t id : ids) {
        d.checkId(id);
        if (skipSpecialTokens && d.special[id])
            continue;
        const std::string &token = d.idToToken[id];
        const int addedIndex = d.addedIndexOfId[id];
        if (addedIndex >= 0 && d.added[addedIndex].legacy) {
            flush();
            text += token;
            continue;
        }
        std::string decoded;
        if (bytes.decode(token, decoded)) {
            run += decoded;
        } else {
            flush();
            text += token;
        }
    }
    flush();
    return cleanUpTokenizationSpaces ? cleanUpTokenization(std::move(text)) : text;
}

std::string Tokenizer::tokenText(std::int64_t id) const
{
    m_impl->checkId(id);
    if (m_impl->special[id])
        return m_impl->idToToken[id];
    return m_impl->byteDecode(m_impl->idToToken[id]);
}

bool Tokenizer::isSpecial(std::int64_t id) const
{
    return id >= 0 && id < static_cast<std::int64_t>(m_impl->special.size()) && m_impl->special[id];
}

std::int64_t Tokenizer::tokenToId(const std::string &token) const
{
    const auto it = m_impl->tokenIds.find(token);
    return it == m_impl->tokenIds.end() ? -1 : it->second;
}

std::size_t Tokenizer::size() const
{
    return m_impl->idToToken.size();
}

std::int64_t Tokenizer::bosId() const { return m_impl->bos; }
std::int64_t Tokenizer::eosId() const { return m_impl->eos; }
std::int64_t Tokenizer::padId() const { return m_impl->pad; }

} // namespace florence
