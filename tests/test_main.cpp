// The one main() of every Qt Test executable (florence_add_test adds it): runs each class that
// registered itself with FLORENCE_TEST_CLASS (test_registry.h). Core and CLI suites get a
// QCoreApplication; UI suites (FLORENCE_TEST_GUI) get the application object of Florence Studio and
// a fresh settings folder, so tests never read or write the user's QSettings.
#include "common/threads.h"
#include "test_registry.h"

#ifdef FLORENCE_TEST_GUI
#include "application.h"

#include <QTemporaryDir>
#else
#include <QCoreApplication>
#endif

int main(int argc, char **argv)
{
#ifdef FLORENCE_TEST_GUI
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    florence::ui::Application app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FlorenceStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral(FLORENCE_TEST_NAME));
#else
    QCoreApplication app(argc, argv);
#endif
    // libtorch's thread count, set explicitly: OMP_NUM_THREADS (CTest sets 1, as two suites run at
    // once on CI's two cores) or every core.
    florence::setThreadCount(0);
    return florence::test::runAll(argc, argv);
}
