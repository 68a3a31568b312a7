// florence-studio: the GUI. Wires QApplication, translators, the thread count and the main window together.
#include "application.h"
#include "common/process_setup.h"
#include "common/threads.h"
#include "inference/model_session.h"
#include "inference/model_settings.h"
#include "main_window.h"
#include "resources.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char *argv[])
{
    florence::setUpInferenceProcess(argv); // OpenBLAS kernels for this CPU, allocator (common/process_setup.h)
    florence::ui::Application app(argc, argv); // catches what a slot lets escape
    QApplication::setApplicationName(QStringLiteral("Florence Studio"));
    QApplication::setOrganizationName(QStringLiteral("FlorenceStudio"));
    QApplication::setApplicationVersion(QString::fromLatin1(florence::versionString()));
    florence::ui::installTranslators(app); // system locale, or View ▸ Language (applied on restart)
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/florence-studio.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Florence-2 annotation studio"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption threadsOption(QStringLiteral("threads"),
                                     QApplication::translate("main", "CPU threads for inference (default: OMP_NUM_THREADS or all cores)."),
                                     QStringLiteral("N"));
    parser.addOption(threadsOption);
    QCommandLineOption modelOption(QStringLiteral("model"),
                                   QApplication::translate("main", "Florence-2 model folder to load (default: FLORENCE_MODEL_DIR, "
                                                                   "else the folder chosen last time)."),
                                   QStringLiteral("DIR"));
    parser.addOption(modelOption);
    parser.addPositionalArgument(QStringLiteral("paths"),
                                 QApplication::translate("main", "Image files or folders to open."));
    parser.process(app);

    florence::setThreadCount(parser.value(threadsOption).toInt());

    florence::ui::MainWindow window;
    QObject::connect(&app, &florence::ui::Application::unexpectedError, &window, &florence::ui::MainWindow::reportError);
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openPaths(parser.positionalArguments());
    if (parser.isSet(threadsOption))
        window.modelSession()->setThreads(parser.value(threadsOption).toInt()); // the inference thread's count
    const QString modelDir = florence::ui::ModelSettings::startupModelDir(parser.value(modelOption));
    if (!modelDir.isEmpty())
        window.modelSession()->loadModel(modelDir, parser.isSet(modelOption)); // loads on the worker thread
    return app.exec();
}
