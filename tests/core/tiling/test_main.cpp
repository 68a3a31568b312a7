// Runs every Qt Test class of the tiling suite (one executable, several classes).
#include "test_registry.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return florence::test::runAll(argc, argv);
}
