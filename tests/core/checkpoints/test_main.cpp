// Runs every Qt Test class of the checkpoints suite (native layout, fine-tunes, LoRA, HF cache).
#include "test_registry.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return florence::test::runAll(argc, argv);
}
