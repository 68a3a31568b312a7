#pragma once
// Runs florence-cli as a child process for the CLI tests: exit status, stdout, stderr.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace florence::test {

/// Result of one florence-cli run; exitCode is -1 when it crashed or timed out.
struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

/// Runs build/app/cli/florence-cli with `args`, waiting up to `timeoutMs`, in `env` (default: the
/// test's environment, where CTest sets FLORENCE_BLAS_CORE=keep: children do not re-execute for
/// OpenBLAS, see core/common/blas_core.h).
inline CliRun runCli(const QStringList &args, int timeoutMs = 120000,
                     const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(FLORENCE_BINARY_DIR "/app/cli/florence-cli"), args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace florence::test
