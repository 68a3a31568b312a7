// florence-studio: the GUI. Wires QApplication, the thread count and the main window together.
#include "common/threads.h"
#include "main_window.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

using florence::ui::MainWindow;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Florence Studio"));
    QApplication::setOrganizationName(QStringLiteral("FlorenceStudio"));
    QApplication::setApplicationVersion(QString::fromLatin1(florence::versionString()));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Florence-2 annotation studio"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption threadsOption(QStringLiteral("threads"),
                                     QStringLiteral("CPU threads for inference (default: OMP_NUM_THREADS or all cores)."),
                                     QStringLiteral("N"));
    parser.addOption(threadsOption);
    parser.addPositionalArgument(QStringLiteral("images"), QStringLiteral("Image files or folders to open."));
    parser.process(app);

    florence::setThreadCount(parser.value(threadsOption).toInt());

    MainWindow window;
    window.show();
    for (const QString &arg : parser.positionalArguments()) {
        const QFileInfo info(arg);
        if (info.isDir()) {
            QDirIterator it(arg, {QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg")},
                            QDir::Files);
            if (it.hasNext()) {
                window.openImage(it.next());
                break;
            }
        } else if (window.openImage(arg)) {
            break;
        }
    }
    return app.exec();
}
