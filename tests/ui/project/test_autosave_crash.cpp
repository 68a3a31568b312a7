// Crash safety of the GUI's project autosave (issue 17): a child process (florence-autosave-writer)
// saves a large project again and again through Document + Autosaver, the very path of the app, and
// is killed with SIGKILL at random moments, most of them inside a save. After each kill the project
// file must parse and equal one of the versions written (the last one the child reported, or the one
// it was writing when it died, if the rename had happened), and the next save must leave no
// `*.tmp-*` file behind.
#include "autosave_crash_project.h"
#include "annotate/project.h"
#include "document/document.h"
#include "project/autosaver.h"
#include "project/project_io.h"
#include "test_registry.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <random>

using namespace florence;
using namespace florence::ui;
using namespace florence::test;

class TestAutosaveCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killDuringSaveKeepsThePreviousFile();
};

namespace {

/// Saves version `version` as the app would (Document + Autosaver); false with `error` on failure.
bool saveVersion(const QString &folder, int version, QString *error)
{
    Document document;
    document.reset(folder, crashImages(version), {});
    Autosaver saver(&document);
    saver.setPath(defaultProjectPath(folder));
    return saver.saveNow(error, true);
}

QStringList litter(const QString &folder)
{
    return QDir(folder).entryList({QStringLiteral("*.tmp-*")}, QDir::Files | QDir::Hidden);
}

} // namespace

void TestAutosaveCrash::killDuringSaveKeepsThePreviousFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.path();
    const QString path = defaultProjectPath(folder);
    QString error;
    QVERIFY2(saveVersion(folder, 0, &error), qPrintable(error));
    const qint64 fileBytes = QFileInfo(path).size();
    QVERIFY(fileBytes > 1000000); // large enough that a save takes a while and kills land inside it

    std::mt19937 random(17);
    constexpr int kKills = 25;
    int version = 0;         // what the file holds
    double periodMs = 100.0; // time per save in the child, measured as we go
    int landedAfterRename = 0, litterAfterKill = 0, saves = 0;
    for (int kill = 0; kill < kKills; ++kill) {
        QProcess child;
        child.start(QStringLiteral(FLORENCE_AUTOSAVE_WRITER), {folder, QString::number(version + 1)});
        QVERIFY2(child.waitForStarted(30000), qPrintable(child.errorString()));
        int acknowledged = version; // the last version the child reported saved
        int firstAck = -1;
        QByteArray pending;
        auto readAcks = [&] {
            pending += child.readAllStandardOutput();
            int end;
            while ((end = pending.indexOf('\n')) >= 0) {
                const QByteArray line = pending.left(end);
                pending.remove(0, end + 1);
                if (line.startsWith("saved "))
                    acknowledged = line.mid(6).toInt();
            }
        };
        // Wait for the first save of this run, so the kill falls into the save loop, not the start-up.
        QElapsedTimer sinceFirst;
        while (acknowledged == version) {
            QVERIFY2(child.state() == QProcess::Running || child.bytesAvailable() > 0,
                     qPrintable(QString::fromLocal8Bit(child.readAllStandardError())));
            child.waitForReadyRead(1000);
            readAcks();
        }
        firstAck = acknowledged;
        sinceFirst.start();
        std::uniform_real_distribution<double> delay(0.0, 3.0 * periodMs);
        QThread::usleep(static_cast<unsigned long>(delay(random) * 1000.0));
        QCOMPARE(::kill(pid_t(child.processId()), SIGKILL), 0);
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        readAcks();
        if (acknowledged > firstAck)
            periodMs = double(sinceFirst.elapsed()) / double(acknowledged - firstAck);
        saves += acknowledged - version;

        // The file is whole and is one of the versions written.
        Project project;
        try {
            project = loadProject(path.toStdString());
        } catch (const std::exception &e) {
            QFAIL(qPrintable(QStringLiteral("kill %1: the project file does not load: %2").arg(kill).arg(e.what())));
        }
        const int found = crashVersion(project.images);
        QVERIFY2(found == acknowledged || found == acknowledged + 1,
                 qPrintable(QStringLiteral("kill %1: file holds version %2, last saved %3").arg(kill).arg(found).arg(acknowledged)));
        QVERIFY2(project.images == crashImages(found), qPrintable(QStringLiteral("kill %1: version %2 differs").arg(kill).arg(found)));
        landedAfterRename += found == acknowledged + 1;
        litterAfterKill += !litter(folder).isEmpty();

        // The next save (the app's, after a restart) leaves no temporary file behind.
        QVERIFY2(saveVersion(folder, found, &error), qPrintable(error));
        QVERIFY2(litter(folder).isEmpty(), qPrintable(litter(folder).join(QLatin1Char(' '))));
        version = found;
    }
    qInfo("%d kills, %d saves of a %.1f MB project (%.0f ms each); %d kills came after the rename of a save the "
          "child had not reported yet, %d left a temporary file that the next save removed",
          kKills, saves, double(fileBytes) / 1e6, periodMs, landedAfterRename, litterAfterKill);
}

FLORENCE_TEST_CLASS(TestAutosaveCrash)

#include "test_autosave_crash.moc"
