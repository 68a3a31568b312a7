// Runs every Qt Test class of the image suite (decode, resize, preprocess, model folder, CLI).
#include "test_registry.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return florence::test::runAll(argc, argv);
}
