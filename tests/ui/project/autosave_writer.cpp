// Child process of test_ui_autosave_crash: the GUI's autosave path (Document + Autosaver::saveNow ->
// core saveProject -> writeFileAtomic) writing the large project of autosave_crash_project.h again
// and again, one caption changed per save, until it is killed.
// Usage: florence-autosave-writer FOLDER FIRST_VERSION — the project starts at FIRST_VERSION - 1 (what
// the file holds) and versions FIRST_VERSION, FIRST_VERSION + 1, ... are saved to
// FOLDER/florence-project.json; "saved N" is printed (flushed) after each save returned.
#include "autosave_crash_project.h"
#include "document/document.h"
#include "project/autosaver.h"
#include "project/project_io.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>

using namespace florence;
using namespace florence::ui;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s FOLDER FIRST_VERSION\n", argv[0]);
        return 2;
    }
    const QString folder = QDir(QString::fromLocal8Bit(argv[1])).absolutePath();
    const int first = std::atoi(argv[2]);
    Document document;
    document.reset(folder, test::crashImages(first - 1), {});
    Autosaver saver(&document);
    saver.setPath(defaultProjectPath(folder));
    for (int version = first;; ++version) {
        const int image = version % test::kCrashImages;
        document.setCaptions(image, {Caption{"version " + std::to_string(version), "manual"}});
        QString error;
        if (!saver.saveNow(&error, true)) {
            std::fprintf(stderr, "save failed: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("saved %d\n", version);
        std::fflush(stdout);
    }
}
