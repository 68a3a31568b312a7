// Tests of whole-file reading and atomic writing (core/common/file_io.h), including what a writer
// killed with SIGKILL leaves behind.
#include "common/file_io.h"

#include "common/error.h"
#include "test_registry.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace florence;

namespace {

/// Names in `dir` containing ".tmp-".
QStringList tempFiles(const QString &dir)
{
    return QDir(dir).entryList({"*.tmp-*"}, QDir::Files | QDir::Hidden);
}

/// A process id that is not running: a child that has exited and been reaped.
pid_t deadPid()
{
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    ::waitpid(child, nullptr, 0);
    return child;
}

} // namespace

class TestFileIo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesAtomically();
    void killedWriterLeavesNoTempFile();
    void removesStaleTempFiles();
};

void TestFileIo::writesAtomically()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("out.json").toStdString();
    writeFileAtomic(path, "one");
    writeFileAtomic(path, "two");
    QCOMPARE(readTextFile(path), std::string("two"));
    {
        AtomicFileWriter w(path);
        w.write("three", 5);
        QVERIFY(tempFiles(dir.path()).isEmpty()); // unnamed until commit (O_TMPFILE)
    } // abandoned
    QCOMPARE(readTextFile(path), std::string("two"));
    QVERIFY(tempFiles(dir.path()).isEmpty());
    try {
        writeFileAtomic(dir.filePath("missing/out.json").toStdString(), "x");
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Io);
        QVERIFY2(QString(e.what()).contains("missing/out.json"), e.what());
    }
}

void TestFileIo::killedWriterLeavesNoTempFile()
{
    // Issue 17, finding 10: each kill -9 of `annotate` left an `out.json.tmp-PID` file behind.
    QTemporaryDir dir;
    const std::string path = dir.filePath("out.json").toStdString();
    writeFileAtomic(path, "previous");
    for (int k = 0; k < 3; ++k) {
        const pid_t child = ::fork();
        if (child == 0) {
            AtomicFileWriter w(path);
            w.write("partial", 7);
            ::raise(SIGKILL); // killed before commit
            ::_exit(1);
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    }
    QCOMPARE(tempFiles(dir.path()), QStringList());
    QCOMPARE(readTextFile(path), std::string("previous"));
}

void TestFileIo::removesStaleTempFiles()
{
    // Litter of an earlier kill (or of an older version that always used named temporaries) goes
    // at the next write of the same target; temporaries of live processes and of other targets stay.
    QTemporaryDir dir;
    const QString target = dir.filePath("out.json");
    const auto touch = [](const QString &p) {
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
    };
    const QString stale = target + ".tmp-" + QString::number(deadPid());
    const QString live = target + ".tmp-" + QString::number(::getppid());
    const QString other = dir.filePath("other.json.tmp-") + QString::number(deadPid());
    const QString notOurs = target + ".tmp-backup";
    for (const QString &p : {stale, live, other, notOurs})
        touch(p);
    writeFileAtomic(target.toStdString(), "x");
    QVERIFY(!QFile::exists(stale));
    QVERIFY(QFile::exists(live));
    QVERIFY(QFile::exists(other));
    QVERIFY(QFile::exists(notOurs));
    QCOMPARE(removeStaleTempFiles(target.toStdString()), 0);
}

FLORENCE_TEST_CLASS(TestFileIo)
#include "test_file_io.moc"
