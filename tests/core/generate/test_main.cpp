// Runs every Qt Test class of the generate suite (one executable, several classes).
#include "common/threads.h"
#include "test_registry.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // One thread: the tiny model's decoder steps are too small to gain from two, and on the shared
    // build machine OpenMP barriers stall under load. test_model covers the multi-threaded paths.
    florence::setThreadCount(1);
    return florence::test::runAll(argc, argv);
}
