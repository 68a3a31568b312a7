// Runs every Qt Test class of the inference suite (worker, model session, batch) in one executable.
#include "application.h"
#include "test_registry.h"

#include <QTemporaryDir>

int main(int argc, char **argv)
{
    QTemporaryDir config; // fresh QSettings for every run
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    florence::ui::Application app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FlorenceStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_ui_worker"));
    return florence::test::runAll(argc, argv);
}
