// Tests of the one place where core failures become text for the user (ui/common/error_text.h): a
// sentence per context and kind, core's English detail on its own line, the kind kept from a
// florence::Error and a default for other exceptions, and German / Chinese sentences with no English.
#include "common/error_text.h"

#include "test_registry.h"

#include <QRegularExpression>
#include <QSet>
#include <QTranslator>
#include <QtTest>

#include <stdexcept>

using namespace florence;
using namespace florence::ui;

namespace {

const QList<ErrorContext> kContexts = {ErrorContext::Image, ErrorContext::ModelLoad, ErrorContext::Run,
                                       ErrorContext::Read,  ErrorContext::Write,     ErrorContext::Training,
                                       ErrorContext::Download};
const QList<ErrorKind> kKinds = {ErrorKind::BadInput, ErrorKind::ModelFormat, ErrorKind::Io, ErrorKind::Cancelled,
                                 ErrorKind::Internal};

} // namespace

class TestErrorText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sentencePerContextAndKind_data();
    void sentencePerContextAndKind();
    void everySentenceIsOneLineAndDiffersByContext();
    void detailGoesOnTheSecondLine();
    void kindComesFromCoreOrTheDefault();
    void translatedSentencesHaveNoEnglish_data();
    void translatedSentencesHaveNoEnglish();
};

void TestErrorText::sentencePerContextAndKind_data()
{
    QTest::addColumn<ErrorContext>("context");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("image damaged") << ErrorContext::Image << ErrorKind::BadInput
                                   << "This image cannot be read.";
    QTest::newRow("image io") << ErrorContext::Image << ErrorKind::Io << "This image file cannot be opened.";
    QTest::newRow("model format") << ErrorContext::ModelLoad << ErrorKind::ModelFormat
                                  << "The model folder cannot be loaded: its files are incomplete or not a Florence-2 model.";
    QTest::newRow("model bad input") << ErrorContext::ModelLoad << ErrorKind::BadInput << "The model folder cannot be loaded.";
    QTest::newRow("run internal") << ErrorContext::Run << ErrorKind::Internal << "The run failed because of an internal error.";
    QTest::newRow("run cancelled") << ErrorContext::Run << ErrorKind::Cancelled << "The run was stopped.";
    QTest::newRow("read bad") << ErrorContext::Read << ErrorKind::BadInput << "The file cannot be read: its contents are not valid.";
    QTest::newRow("write io") << ErrorContext::Write << ErrorKind::Io << "The file cannot be written.";
    QTest::newRow("training examples") << ErrorContext::Training << ErrorKind::BadInput
                                       << "The training failed: the examples cannot be used.";
    QTest::newRow("download io") << ErrorContext::Download << ErrorKind::Io
                                 << "The download failed: a file could not be fetched, checked or stored.";
}

void TestErrorText::sentencePerContextAndKind()
{
    QFETCH(ErrorContext, context);
    QFETCH(ErrorKind, kind);
    QFETCH(QString, expected);
    QCOMPARE(ErrorText::summary(context, kind), expected);
}

void TestErrorText::everySentenceIsOneLineAndDiffersByContext()
{
    // The same kind reads differently in each context: the user learns what failed, not only how.
    for (ErrorKind kind : kKinds) {
        QSet<QString> seen;
        for (ErrorContext context : kContexts) {
            const QString text = ErrorText::summary(context, kind);
            QVERIFY2(!text.isEmpty() && !text.contains(QLatin1Char('\n')) && text.endsWith(QLatin1Char('.')),
                     qPrintable(text));
            QVERIFY2(!seen.contains(text), qPrintable(text));
            seen.insert(text);
        }
    }
}

void TestErrorText::detailGoesOnTheSecondLine()
{
    const QString detail = QStringLiteral("cannot decode /tmp/x.png: not an image");
    const QString text = userMessage(ErrorContext::Image, ErrorKind::BadInput, detail);
    QCOMPARE(text.section(QLatin1Char('\n'), 0, 0), ErrorText::summary(ErrorContext::Image, ErrorKind::BadInput));
    QCOMPARE(text.section(QLatin1Char('\n'), 1), detail);
    QCOMPARE(userMessage(ErrorContext::Write, ErrorKind::Io, QString()), ErrorText::summary(ErrorContext::Write, ErrorKind::Io));
    QCOMPARE(userMessage(ErrorContext::Run, ErrorInfo{ErrorKind::Cancelled, QStringLiteral("run cancelled")}),
             ErrorText::summary(ErrorContext::Run, ErrorKind::Cancelled) + QStringLiteral("\nrun cancelled"));
}

void TestErrorText::kindComesFromCoreOrTheDefault()
{
    const ErrorInfo core = errorInfo(Error(ErrorKind::ModelFormat, "missing key encoder.layers.0.fc1.weight"), ErrorKind::Io);
    QCOMPARE(core.kind, ErrorKind::ModelFormat); // a core Error keeps its own kind
    QCOMPARE(core.detail, QStringLiteral("missing key encoder.layers.0.fc1.weight"));
    const ErrorInfo other = errorInfo(std::runtime_error("std::bad_alloc"), ErrorKind::Io);
    QCOMPARE(other.kind, ErrorKind::Io); // anything else: the caller's default
    QCOMPARE(other.detail, QStringLiteral("std::bad_alloc"));
    QCOMPARE(errorInfo(std::logic_error("x")).kind, ErrorKind::Internal);
}

void TestErrorText::translatedSentencesHaveNoEnglish_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("imageDamaged");
    QTest::addColumn<QString>("writeIo");
    QTest::newRow("de") << "de" << "Dieses Bild kann nicht gelesen werden."
                        << "Die Datei kann nicht geschrieben werden.";
    QTest::newRow("zh_CN") << "zh_CN" << "无法读取此图像。" << "无法写入该文件。";
}

void TestErrorText::translatedSentencesHaveNoEnglish()
{
    QFETCH(QString, language);
    QFETCH(QString, imageDamaged);
    QFETCH(QString, writeIo);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(FLORENCE_BINARY_DIR "/app/florence_studio_%1.qm").arg(language)));
    QCoreApplication::installTranslator(&translator);
    QCOMPARE(ErrorText::summary(ErrorContext::Image, ErrorKind::BadInput), imageDamaged);
    QCOMPARE(ErrorText::summary(ErrorContext::Write, ErrorKind::Io), writeIo);
    // Every sentence is translated: none equals its English source, and the Chinese ones hold no Latin
    // words but the model's name.
    QStringList english;
    QCoreApplication::removeTranslator(&translator);
    for (ErrorContext context : kContexts)
        for (ErrorKind kind : kKinds)
            english << ErrorText::summary(context, kind);
    QCoreApplication::installTranslator(&translator);
    int i = 0;
    for (ErrorContext context : kContexts)
        for (ErrorKind kind : kKinds) {
            const QString text = ErrorText::summary(context, kind);
            QVERIFY2(text != english.at(i++), qPrintable(text));
            if (language == QLatin1String("zh_CN"))
                QVERIFY2(!QString(text).remove(QStringLiteral("Florence-2")).contains(QRegularExpression(QStringLiteral("[A-Za-z]"))),
                         qPrintable(text));
        }
    // The detail stays core's English, below the translated sentence.
    const QString message = userMessage(ErrorContext::Image, ErrorKind::BadInput, QStringLiteral("truncated PNG"));
    QCOMPARE(message, imageDamaged + QStringLiteral("\ntruncated PNG"));
    QCoreApplication::removeTranslator(&translator);
}

FLORENCE_TEST_CLASS(TestErrorText)

#include "test_error_text.moc"
