// Runs every Qt Test class of the model suite (one executable, several classes).
#include "common/threads.h"
#include "test_registry.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    florence::setThreadCount(0);
    return florence::test::runAll(argc, argv);
}
