// Parity tests of the tokenizer (core/text/tokenizer.h) against the reference fixtures:
// tokenizer_cases.json (encode, tokens, decodes) and the decodes of every generation in
// manifest.json. Both loading paths (tokenizer.json, and vocab.json + merges.txt derived from it
// as tests/data/README.md says) must give identical results.
#include "fixture_data.h"
#include "test_registry.h"

#include "common/error.h"
#include "common/file_io.h"
#include "text/bpe.h"
#include "text/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <memory>
#include <random>

using namespace florence;
using florence::test::fixtureJson;
using florence::test::qs;
using json = florence::test::FixtureJson;

namespace {

std::vector<std::int64_t> ids(const json &array)
{
    return array.get<std::vector<std::int64_t>>();
}

// Writes vocab.json + merges.txt derived from tokenizer.json into `dir` (tests/data/README.md).
void deriveVocabAndMerges(const std::string &dir)
{
    // Plain (sorted) json: ordered_json inserts keys in linear time, too slow for 50k entries.
    const nlohmann::json tok = nlohmann::json::parse(readTextFile(florence::test::fixturePath("model/tokenizer.json")));
    writeFileAtomic(dir + "/vocab.json", tok.at("model").at("vocab").dump());
    std::string merges = "#version: 0.2\n";
    for (const auto &m : tok.at("model").at("merges"))
        merges += (m.is_string() ? m.get<std::string>() : m[0].get<std::string>() + " " + m[1].get<std::string>()) + "\n";
    writeFileAtomic(dir + "/merges.txt", merges);
}

// The reference's BartTokenizer.bpe, written plainly (quadratic rounds), to check BpeModel.
std::vector<std::string> naiveBpe(const std::vector<std::string> &chars, const std::map<std::pair<std::string, std::string>, int> &ranks)
{
    std::vector<std::string> word = chars;
    while (word.size() > 1) {
        int best = -1;
        std::pair<std::string, std::string> bigram;
        for (std::size_t i = 0; i + 1 < word.size(); ++i) {
            const auto it = ranks.find({word[i], word[i + 1]});
            if (it != ranks.end() && (best < 0 || it->second < best)) {
                best = it->second;
                bigram = it->first;
            }
        }
        if (best < 0)
            break;
        std::vector<std::string> next;
        for (std::size_t i = 0; i < word.size();) {
            if (i + 1 < word.size() && word[i] == bigram.first && word[i + 1] == bigram.second) {
                next.push_back(word[i] + word[i + 1]);
                i += 2;
            } else {
                next.push_back(word[i++]);
            }
        }
        word.swap(next);
    }
    return word;
}

} // namespace

class TestTokenizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sizeAndAddedTokens();
    void fixtureCase_data();
    void fixtureCase();
    void generationDecodes_data();
    void generationDecodes();
    void tokenText();
    void maskAndAddedTokenEdges();
    void decodeInvalidUtf8();
    void bpeMatchesReferenceAlgorithm();
    void loadingPathsAgreeOnEveryToken();

private:
    std::unique_ptr<Tokenizer> m_json;   // from tokenizer.json
    std::unique_ptr<Tokenizer> m_files;  // from derived vocab.json + merges.txt
    QTemporaryDir m_dir;
};

void TestTokenizer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    deriveVocabAndMerges(m_dir.path().toStdString());
    m_json = std::make_unique<Tokenizer>(Tokenizer::fromModelDir(florence::test::fixturePath("model")));
    m_files = std::make_unique<Tokenizer>(Tokenizer::fromModelDir(m_dir.path().toStdString()));
}

void TestTokenizer::sizeAndAddedTokens()
{
    const json &meta = fixtureJson("tokenizer_cases.json").at("meta");
    for (const Tokenizer *t : {m_json.get(), m_files.get()}) {
        QCOMPARE(t->size(), meta.at("len_tokenizer").get<std::size_t>());
        for (auto it = meta.at("special_ids").begin(); it != meta.at("special_ids").end(); ++it) {
            QCOMPARE(t->tokenToId(it.key()), it.value().get<std::int64_t>());
            QVERIFY(t->isSpecial(it.value().get<std::int64_t>()));
        }
        std::int64_t id = meta.at("vocab_size_base").get<std::int64_t>();
        for (const json &token : meta.at("added_tokens_in_order")) {
            QCOMPARE(t->tokenToId(token.get<std::string>()), id);
            QCOMPARE(t->idsToTokens({id}).front(), token.get<std::string>());
            ++id;
        }
        QCOMPARE(t->bosId(), std::int64_t(0));
        QCOMPARE(t->eosId(), std::int64_t(2));
        QCOMPARE(t->padId(), std::int64_t(1));
        QVERIFY(!t->isSpecial(5901)); // "car"
        QVERIFY(!t->isSpecial(-1));
        QCOMPARE(t->tokenToId("no such token"), std::int64_t(-1));
    }
}

void TestTokenizer::fixtureCase_data()
{
    QTest::addColumn<int>("index");
    const json &cases = fixtureJson("tokenizer_cases.json").at("cases");
    for (std::size_t i = 0; i < cases.size(); ++i)
        QTest::newRow(cases[i].at("id").get<std::string>().c_str()) << int(i);
}

void TestTokenizer::fixtureCase()
{
    QFETCH(int, index);
    const json &c = fixtureJson("tokenizer_cases.json").at("cases").at(index);
    const std::string text = c.at("text").get<std::string>();
    for (const Tokenizer *t : {m_json.get(), m_files.get()}) {
        const std::vector<std::int64_t> got = t->encode(text);
        QCOMPARE(got, ids(c.at("input_ids")));
        QCOMPARE(t->encodeNoSpecial(text), ids(c.at("input_ids_no_special")));
        QCOMPARE(t->idsToTokens(got), c.at("tokens").get<std::vector<std::string>>());
        QCOMPARE(qs(t->decode(got, false)), qs(c.at("decode_skip_special_false").get<std::string>()));
        QCOMPARE(qs(t->decode(got, true)), qs(c.at("decode_skip_special_true").get<std::string>()));
        QCOMPARE(qs(t->decode(got, false, false)), qs(c.at("decode_skip_special_false_no_cleanup").get<std::string>()));
        QCOMPARE(t->encode(c.at("processor_constructed_prompt").get<std::string>()), ids(c.at("processor_input_ids")));
    }
}

void TestTokenizer::generationDecodes_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("caseId");
    QTest::addColumn<QString>("beams");
    florence::test::forEachGeneration([](const std::string &list, const json &c, const std::string &beams, const json &) {
        const std::string name = c.at("id").get<std::string>() + "/" + beams;
        QTest::newRow(name.c_str()) << qs(list) << qs(c.at("id").get<std::string>()) << qs(beams);
    });
}

void TestTokenizer::generationDecodes()
{
    QFETCH(QString, list);
    QFETCH(QString, caseId);
    QFETCH(QString, beams);
    florence::test::forEachGeneration([&](const std::string &l, const json &c, const std::string &b, const json &r) {
        if (qs(l) != list || qs(c.at("id").get<std::string>()) != caseId || qs(b) != beams)
            return;
        const std::vector<std::int64_t> sequence = ids(r.at("sequence"));
        QCOMPARE(qs(m_json->decode(sequence, false)), qs(r.at("decoded_skip_special_false").get<std::string>()));
        QCOMPARE(qs(m_json->decode(sequence, true)), qs(r.at("decoded_skip_special_true").get<std::string>()));
        // The prompt ids of the case too: the model input the reference built.
        QCOMPARE(m_json->encode(c.at("constructed_prompt").get<std::string>()), ids(c.at("input_ids")));
    });
}

void TestTokenizer::tokenText()
{
    const Tokenizer &t = *m_json;
    QCOMPARE(t.tokenText(0), std::string("<s>"));
    QCOMPARE(t.tokenText(2), std::string("</s>"));
    QCOMPARE(t.tokenText(t.tokenToId("<loc_52>")), std::string("<loc_52>"));
    QCOMPARE(t.tokenText(t.tokenToId("Ġworld")), std::string(" world"));
    // "ï" "¬" "ģ" are the three bytes of U+FB01 'ﬁ' (tok062): alone each is invalid UTF-8 -> U+FFFD.
    const std::vector<std::int64_t> fi = t.encodeNoSpecial("\xEF\xAC\x81");
    QCOMPARE(int(fi.size()), 3);
    for (std::int64_t id : fi)
        QCOMPARE(t.tokenText(id), std::string("\xEF\xBF\xBD"));
    QCOMPARE(t.decode(fi, false), std::string("\xEF\xAC\x81"));
}

void TestTokenizer::maskAndAddedTokenEdges()
{
    const Tokenizer &t = *m_json;
    // <mask> swallows the whitespace on its left (lstrip), Florence tokens do not.
    QCOMPARE(t.encodeNoSpecial("a \t <mask>"), (std::vector<std::int64_t>{102, 50264}));
    QCOMPARE(t.encodeNoSpecial("a <loc_1>"), (std::vector<std::int64_t>{102, 1437, 50270}));
    // Adjacent tokens, a token glued to text on both sides, and an unfinished token.
    std::vector<std::int64_t> expected = {50270, 50271};
    for (const char *part : {"x", "<loc_3"})
        for (std::int64_t id : t.encodeNoSpecial(part))
            expected.push_back(id);
    QCOMPARE(t.encodeNoSpecial("<loc_1><loc_2>x<loc_3"), expected);
    QCOMPARE(t.encodeNoSpecial("<loc_3").front(), std::int64_t(41552)); // "<": not an added token
    for (std::int64_t id : t.encodeNoSpecial("<loc_3"))
        QVERIFY(id < 50265);
    QCOMPARE(t.decode(t.encode("x <poly> y"), false), std::string("<s>x <poly> y</s>"));
}

void TestTokenizer::decodeInvalidUtf8()
{
    const Tokenizer &t = *m_json;
    // Bytes 0xE6 0x97 (start of 日) then an added token: one U+FFFD, like errors='replace'.
    const std::int64_t e6 = t.tokenToId("æ");
    const std::int64_t b97 = t.tokenToId("Ĺ");
    QVERIFY(e6 >= 0 && b97 >= 0);
    QCOMPARE(t.decode({e6, b97, t.tokenToId("<loc_1>"), b97}, false), std::string("\xEF\xBF\xBD<loc_1>\xEF\xBF\xBD"));
}

void TestTokenizer::bpeMatchesReferenceAlgorithm()
{
    // Plain (sorted) json: ordered_json inserts keys in linear time, too slow for 50k entries.
    const nlohmann::json tok = nlohmann::json::parse(readTextFile(florence::test::fixturePath("model/tokenizer.json")));
    std::unordered_map<std::string, std::int64_t> vocab;
    for (auto it = tok.at("model").at("vocab").begin(); it != tok.at("model").at("vocab").end(); ++it)
        vocab.emplace(it.key(), it.value().get<std::int64_t>());
    std::vector<std::pair<std::string, std::string>> merges;
    std::map<std::pair<std::string, std::string>, int> ranks;
    for (const auto &m : tok.at("model").at("merges")) {
        const std::string s = m.get<std::string>();
        const auto space = s.find(' ');
        merges.emplace_back(s.substr(0, space), s.substr(space + 1));
        ranks[merges.back()] = int(merges.size() - 1);
    }
    text::BpeModel bpe(vocab, merges, 3);
    std::mt19937 rng(7);
    // Words from a small alphabet repeat pairs a lot ("aaaa", "ababab"), the hard case for merging.
    const std::vector<std::string> alphabet = {"a", "b", "e", "l", "s", "t", " ", "\xC3\xA9", "\xE6\x97\xA5"};
    for (int n = 0; n < 3000; ++n) {
        std::string word;
        const int len = 1 + int(rng() % 40);
        for (int k = 0; k < len; ++k)
            word += alphabet[rng() % (n % 2 ? 3 : alphabet.size())];
        std::vector<std::string> chars;
        for (unsigned char c : word)
            chars.push_back(bpe.split(std::string(1, char(c))).front());
        QCOMPARE(bpe.split(word), naiveBpe(chars, ranks));
    }
}

void TestTokenizer::loadingPathsAgreeOnEveryToken()
{
    QCOMPARE(m_json->size(), m_files->size());
    std::vector<std::int64_t> all(m_json->size());
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = std::int64_t(i);
    const std::vector<std::string> a = m_json->idsToTokens(all);
    QCOMPARE(a, m_files->idsToTokens(all));
    for (std::size_t i = 0; i < all.size(); ++i) {
        QCOMPARE(m_json->isSpecial(all[i]), m_files->isSpecial(all[i]));
        QCOMPARE(m_json->tokenToId(a[i]), all[i]);
    }
    QCOMPARE(m_json->decode(all, false), m_files->decode(all, false));
}

FLORENCE_TEST_CLASS(TestTokenizer)
#include "test_tokenizer.moc"
