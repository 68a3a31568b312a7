// Crash safety of `florence-cli annotate` (issue 17): the process is killed with SIGKILL at many
// points (random delays, right after a checkpoint line was written, and with the checkpoint's last
// line torn as by a kill in the middle of write()) and resumed each time; no resume may fail and
// the final COCO file must equal an uninterrupted run's, every image exactly once.
#include "cli_runner.h"
#include "coco_compare.h"
#include "common/file_io.h"
#include "test_registry.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <random>
#include <set>

using namespace florence;
using namespace florence::test;

class TestCliCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void killAndResumeRepeatedly();

private:
    QStringList annotateArgs(const QString &out) const;

    QTemporaryDir m_tmp;
    QString m_model;
    QString m_input;
    int m_images = 0;
};

void TestCliCrash::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_model = m_tmp.filePath("model");
    const CliRun made = runCli({"make-random-model", "--out", m_model, "--like", "tiny", "--seed", "7"});
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    m_input = m_tmp.filePath("in");
    QVERIFY(QDir().mkpath(m_input + "/sub"));
    const char *fixtures[] = {"img0_photo_640x480.jpg", "img1_tall_300x900.png", "img2_rgba_256x200.png"};
    for (int i = 0; i < 8; ++i) {
        const QString name = QString("%1%2_%3").arg(i % 4 == 3 ? "sub/" : "").arg(i, 2, 10, QChar('0')).arg(fixtures[i % 3]);
        QVERIFY(QFile::copy(QString(FLORENCE_TEST_DATA "/fixtures/images/") + fixtures[i % 3], m_input + "/" + name));
        ++m_images;
    }
}

QStringList TestCliCrash::annotateArgs(const QString &out) const
{
    // One thread: the kill points spread over the run the same way on any machine. One image per
    // model batch: the kill points are placed per image (with --batch-size N the checkpoint grows N
    // images at a time; a kill then loses the batch in flight, which resumes the same way).
    return {"annotate", "--model", m_model, "--task", "<OD>", "--max-new-tokens", "12", "--threads", "1",
            "--batch-size", "1", m_input, "--out", out};
}

namespace {

/// Images recorded in the checkpoint's intact lines (header excluded).
int checkpointedImages(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    int n = 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        n += line.startsWith("{\"image\"") && nlohmann::json::accept(line.toStdString());
    return n;
}

} // namespace

void TestCliCrash::killAndResumeRepeatedly()
{
    QElapsedTimer clock;
    clock.start();
    // Reference run, timed: start-up until the first progress line, then per image.
    const QString reference = m_tmp.filePath("ref/out.json");
    qint64 startupMs = 0;
    {
        QProcess p;
        p.start(QStringLiteral(FLORENCE_BINARY_DIR "/app/cli/florence-cli"), annotateArgs(reference));
        QVERIFY(p.waitForStarted());
        while (startupMs == 0 && p.waitForReadyRead(120000))
            startupMs = clock.elapsed();
        QVERIFY(p.waitForFinished(600000));
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                 qPrintable(QString::fromUtf8(p.readAllStandardError())));
    }
    const qint64 perImageMs = std::max<qint64>(1, (clock.elapsed() - startupMs) / m_images);
    qInfo("uninterrupted run of %d images: start-up %lld ms, %lld ms per image", m_images, startupMs, perImageMs);

    const QString out = m_tmp.filePath("crash/new/out.json"); // the folder does not exist yet
    const std::string checkpoint = out.toStdString() + ".checkpoint.jsonl";
    std::mt19937 rng(17);
    int kills = 0, torn = 0, rounds = 0;
    QElapsedTimer crashClock;
    crashClock.start();
    // Until every image is in the checkpoint, or 40 s (then the final resume finishes the rest).
    for (; rounds < 60 && crashClock.elapsed() < 40000; ++rounds) {
        const int remaining = m_images - checkpointedImages(checkpoint);
        if (remaining == 0)
            break;
        const int mode = rounds % 3;
        QProcess p;
        p.start(QStringLiteral(FLORENCE_BINARY_DIR "/app/cli/florence-cli"), annotateArgs(out));
        QVERIFY(p.waitForStarted());
        bool killed = false;
        if (mode == 1) {
            // Kill right after the k-th progress line: that image's checkpoint line was just written.
            const int k = std::uniform_int_distribution<int>(1, remaining)(rng);
            QByteArray seen;
            QElapsedTimer waited;
            waited.start();
            while (!killed && p.state() == QProcess::Running && waited.elapsed() < 4 * (startupMs + perImageMs * k)) {
                p.waitForReadyRead(200);
                seen += p.readAllStandardOutput();
                if (seen.count('\n') >= k + 1 && p.state() == QProcess::Running) { // line 1 is the header
                    p.kill(); // SIGKILL
                    killed = true;
                }
            }
        }
        if (!killed && mode != 1) {
            // A random moment of the run: start-up, inference, a checkpoint write or the COCO write.
            const int limit = int(startupMs + perImageMs * remaining);
            const int delay = std::uniform_int_distribution<int>(0, limit)(rng);
            if (!p.waitForFinished(delay) && p.state() == QProcess::Running) {
                p.kill(); // SIGKILL
                killed = true;
            }
        }
        if (p.state() != QProcess::NotRunning)
            QVERIFY(p.waitForFinished(120000));
        if (killed && p.exitStatus() == QProcess::CrashExit) {
            ++kills;
            if (mode == 2 && QFile::exists(QString::fromStdString(checkpoint))) {
                // As if killed inside write(): cut the last line at a random byte (or only its newline).
                std::string text = readTextFile(checkpoint);
                const std::size_t last = text.size() < 2 ? 0 : text.rfind('\n', text.size() - 2) + 1;
                if (text.size() > last + 1) {
                    text.resize(std::uniform_int_distribution<std::size_t>(last + 1, text.size() - 1)(rng));
                    writeFileAtomic(checkpoint, text);
                    ++torn;
                }
            }
        } else {
            // Not killed in time: the run must have finished cleanly, never failed.
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                     qPrintable(QString("round %1: exit %2: %3").arg(rounds).arg(p.exitCode())
                                    .arg(QString::fromUtf8(p.readAllStandardError()))));
        }
    }
    // The final resume finishes every image left (and writes the COCO file).
    const CliRun last = runCli(annotateArgs(out), 600000);
    QVERIFY2(last.exitCode == 0, qPrintable(last.err));
    qInfo("%d rounds, %d kills (%d with a torn checkpoint line), %lld ms in all", rounds, kills, torn, clock.elapsed());
    QVERIFY(kills >= 6);

    const nlohmann::json coco = nlohmann::json::parse(readTextFile(out.toStdString()));
    std::multiset<std::string> names;
    for (const auto &img : coco.at("images"))
        names.insert(img.at("file_name").get<std::string>());
    QCOMPARE(int(names.size()), m_images);
    QCOMPARE(int(std::set<std::string>(names.begin(), names.end()).size()), m_images); // each exactly once
    QCOMPARE(cocoByFileName(out.toStdString()).dump(1), cocoByFileName(reference.toStdString()).dump(1));
    // No temporary files left by the kills (finding 10).
    QCOMPARE(QDir(m_tmp.filePath("crash/new")).entryList({"*.tmp-*"}, QDir::Files), QStringList());
}

FLORENCE_TEST_CLASS(TestCliCrash)
#include "test_cli_crash.moc"
