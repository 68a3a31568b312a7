// Bad-input tests of the tokenizer: garbled or incomplete tokenizer files, non-UTF-8 text and
// unknown token ids must throw florence::Error naming the culprit.
#include "fixture_data.h"
#include "test_registry.h"

#include "common/error.h"
#include "common/file_io.h"
#include "text/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace florence;
using florence::test::qs;

namespace {

// Runs `fn`, expecting Error of `kind` whose message contains every string of `parts`.
template <typename Fn>
void expectError(Fn &&fn, ErrorKind kind, const QStringList &parts)
{
    try {
        fn();
    } catch (const Error &e) {
        QCOMPARE(int(e.kind()), int(kind));
        const QString message = QString::fromUtf8(e.what());
        for (const QString &part : parts)
            QVERIFY2(message.contains(part), qPrintable("'" + part + "' not in: " + message));
        return;
    }
    QFAIL("no florence::Error thrown");
}

const char *kSmallTokenizerJson = R"({"model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}})";

} // namespace

class TestTokenizerErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void nonUtf8Text_data();
    void nonUtf8Text();
    void unknownIds();
    void badFiles_data();
    void badFiles();
    void smallVocabularyWorks();

private:
    std::unique_ptr<Tokenizer> m_tok;
};

void TestTokenizerErrors::initTestCase()
{
    m_tok = std::make_unique<Tokenizer>(Tokenizer::fromModelDir(florence::test::fixturePath("model")));
}

void TestTokenizerErrors::nonUtf8Text_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("offset");
    QTest::newRow("lone continuation") << QByteArray("\x80") << "byte offset 0 (byte 0x80)";
    QTest::newRow("truncated 3-byte") << QByteArray("ab\xE6\x97") << "byte offset 2 (byte 0xE6)";
    QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << "byte offset 0 (byte 0xC0)";
    QTest::newRow("surrogate") << QByteArray("x\xED\xA0\x80") << "byte offset 1 (byte 0xED)";
    QTest::newRow("above U+10FFFF") << QByteArray("ok \xF4\x90\x80\x80") << "byte offset 3 (byte 0xF4)";
    QTest::newRow("latin-1 text") << QByteArray("caf\xE9") << "byte offset 3 (byte 0xE9)";
}

void TestTokenizerErrors::nonUtf8Text()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, offset);
    const std::string s = text.toStdString();
    expectError([&] { m_tok->encode(s); }, ErrorKind::BadInput, {"invalid UTF-8", offset});
    expectError([&] { m_tok->encodeNoSpecial(s); }, ErrorKind::BadInput, {"invalid UTF-8", offset});
}

void TestTokenizerErrors::unknownIds()
{
    expectError([&] { m_tok->idsToTokens({0, 51289}); }, ErrorKind::BadInput, {"51289", "[0, 51289)"});
    expectError([&] { m_tok->decode({0, -1, 2}, false); }, ErrorKind::BadInput, {"token id -1"});
    expectError([&] { m_tok->decode({60000}, true); }, ErrorKind::BadInput, {"token id 60000"});
    expectError([&] { m_tok->tokenText(99999); }, ErrorKind::BadInput, {"99999"});
}

void TestTokenizerErrors::badFiles_data()
{
    QTest::addColumn<QString>("tokenizerJson"); // content of tokenizer.json ("" = no file)
    QTest::addColumn<QString>("vocabJson");     // content of vocab.json ("" = no file)
    QTest::addColumn<QString>("mergesTxt");     // content of merges.txt ("" = no file)
    QTest::addColumn<QStringList>("expected");  // parts of the message

    const std::string real = readTextFile(florence::test::fixturePath("model/tokenizer.json"));
    QTest::newRow("truncated tokenizer.json") << qs(real.substr(0, real.size() / 2)) << "" << ""
                                              << QStringList{"tokenizer.json", "not valid JSON"};
    QTest::newRow("garbled tokenizer.json") << "\x01\x02 PK garbage" << "" << ""
                                            << QStringList{"tokenizer.json", "not valid JSON"};
    QTest::newRow("no model") << R"({"added_tokens": []})" << "" << "" << QStringList{"tokenizer.json", "'model'"};
    QTest::newRow("not BPE") << R"({"model": {"type": "WordPiece", "vocab": {"a": 0}}})" << "" << ""
                             << QStringList{"model.type", "WordPiece"};
    QTest::newRow("vocab is a list") << R"({"model": {"vocab": ["a"], "merges": ["a b"]}})" << "" << ""
                                     << QStringList{"model.vocab", "array"};
    QTest::newRow("vocab id not integer") << R"({"model": {"vocab": {"a": "0"}, "merges": ["a b"]}})" << "" << ""
                                          << QStringList{"model.vocab", "token 'a'", "integer"};
    QTest::newRow("vocab id out of range") << R"({"model": {"vocab": {"a": 0, "b": 7}, "merges": ["a b"]}})" << ""
                                           << "" << QStringList{"model.vocab", "id 7", "'b'", "[0, 2)"};
    QTest::newRow("vocab without merges") << R"({"model": {"type": "BPE", "vocab": {"a": 0, "b": 1}}})" << "" << ""
                                          << QStringList{"model.merges", "missing", "needs its merges"};
    QTest::newRow("empty merges") << R"({"model": {"vocab": {"a": 0}, "merges": []}})" << "" << ""
                                  << QStringList{"model.merges", "empty"};
    QTest::newRow("merge without space") << R"({"model": {"vocab": {"a": 0}, "merges": ["a b", "ab"]}})" << "" << ""
                                         << QStringList{"model.merges[1]", "\"ab\""};
    QTest::newRow("merge of wrong type") << R"({"model": {"vocab": {"a": 0}, "merges": [["a"]]}})" << "" << ""
                                         << QStringList{"model.merges[0]", "pair"};
    QTest::newRow("added token without content")
        << R"({"model": {"vocab": {"a": 0}, "merges": ["a b"]}, "added_tokens": [{"id": 1}]})" << "" << ""
        << QStringList{"added_tokens[0].content"};
    QTest::newRow("added token with clashing id")
        << R"({"model": {"vocab": {"a": 0, "<s>": 1}, "merges": ["a b"]}, "added_tokens": [{"id": 0, "content": "<s>"}]})"
        << "" << "" << QStringList{"'<s>'", "id 0", "id 1"};
    QTest::newRow("prefix space") << R"({"pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": true}, "model": {"vocab": {"a": 0}, "merges": ["a b"]}})"
                                  << "" << "" << QStringList{"pre_tokenizer.add_prefix_space"};
    QTest::newRow("vocab.json without merges.txt") << "" << R"({"a": 0, "b": 1})" << ""
                                                   << QStringList{"merges.txt", "missing", "vocab.json"};
    QTest::newRow("garbled vocab.json") << "" << "{\"a\": 0," << "#version: 0.2\na b\n"
                                        << QStringList{"vocab.json", "not valid JSON"};
    // A number too large for a double is not a parse_error but an out_of_range exception of the JSON
    // library; the reader used to let it escape (fuzz_tokenizer_files finding, process aborted).
    QTest::newRow("vocab.json number overflow") << "" << R"({"<s>": 0, "<s>": 28888888888888e88888})"
                                                << "#version: 0.2\na b\n" << QStringList{"vocab.json", "not valid JSON"};
    QTest::newRow("tokenizer.json number overflow") << R"({"model": {"vocab": {"a": 1e999999}, "merges": ["a b"]}})"
                                                    << "" << "" << QStringList{"tokenizer.json", "not valid JSON"};
    QTest::newRow("merges.txt line of three") << "" << R"({"a": 0, "b": 1})" << "#version: 0.2\na b\na b c\n"
                                              << QStringList{"merges.txt", "line 3", "a b c"};
    QTest::newRow("merges.txt only header") << "" << R"({"a": 0, "b": 1})" << "#version: 0.2\n"
                                            << QStringList{"merges.txt", "no merges"};
    QTest::newRow("no tokenizer files") << "" << "" << "" << QStringList{"no tokenizer files", "tokenizer.json"};
}

void TestTokenizerErrors::badFiles()
{
    QFETCH(QString, tokenizerJson);
    QFETCH(QString, vocabJson);
    QFETCH(QString, mergesTxt);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string d = dir.path().toStdString();
    if (!tokenizerJson.isEmpty())
        writeFileAtomic(d + "/tokenizer.json", tokenizerJson.toStdString());
    if (!vocabJson.isEmpty())
        writeFileAtomic(d + "/vocab.json", vocabJson.toStdString());
    if (!mergesTxt.isEmpty())
        writeFileAtomic(d + "/merges.txt", mergesTxt.toStdString());
    expectError([&] { Tokenizer::fromModelDir(d); }, ErrorKind::ModelFormat, expected);
}

void TestTokenizerErrors::smallVocabularyWorks()
{
    // A three-token vocabulary: BART's specials and Florence's tokens come after it.
    QTemporaryDir dir;
    const std::string d = dir.path().toStdString();
    writeFileAtomic(d + "/tokenizer.json", kSmallTokenizerJson);
    const Tokenizer t = Tokenizer::fromModelDir(d);
    QCOMPARE(t.size(), std::size_t(3 + 5 + 1024));
    QCOMPARE(t.tokenToId("<s>"), std::int64_t(3));
    QCOMPARE(t.tokenToId("<od>"), std::int64_t(8));
    QCOMPARE(t.encodeNoSpecial("ab"), (std::vector<std::int64_t>{2}));
    // "c" is not in the vocabulary: <unk>, like BartTokenizer's encoder.get(token, unk).
    QCOMPARE(t.encodeNoSpecial("abc<od>"), (std::vector<std::int64_t>{2, t.tokenToId("<unk>"), 8}));
}

FLORENCE_TEST_CLASS(TestTokenizerErrors)
#include "test_text_errors.moc"
