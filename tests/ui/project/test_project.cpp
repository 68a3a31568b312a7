// Tests of persistence and exchange through the UI layer (ProjectController, the code behind the
// File menu): autosave and reload, read-only and unreadable project files, COCO/labelme export then
// import equality, and bad input that must never destroy annotations.
#include "batch/batch_annotate.h"
#include "convert.h"
#include "document/commands/image_commands.h"
#include "document/document.h"
#include "fixture_data.h"
#include "project/project_controller.h"
#include "project/project_io.h"
#include "test_registry.h"
#include "ui/ui_test_support.h"

#include <QFile>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace florence;
using namespace florence::ui;
using florence::test::FakePrompts;
using florence::test::writeBytes;
using florence::test::writeImage;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Shape box(double x1, double y1, double x2, double y2, const std::string &label)
{
    Shape s;
    s.box = Box{x1, y1, x2, y2};
    s.label = label;
    return s;
}

Shape quad(const std::string &text)
{
    Shape s;
    s.kind = ShapeKind::Quad;
    s.rings = {{{10.5, 10}, {90.25, 12}, {89, 30.125}, {11, 28}}};
    s.label = "text";
    s.text = text;
    s.origin = "<OCR_WITH_REGION>";
    s.score = 0.875;
    return s;
}

Shape twoRingPolygon()
{
    Shape s;
    s.kind = ShapeKind::Polygon;
    s.rings = {{{1, 1}, {40, 2}, {30, 35}}, {{50, 50}, {60, 50}, {55, 59.5}}};
    s.label = "blob";
    return s;
}

/// A folder with three images (one in a subfolder) and a controller on a fresh document.
struct Workspace
{
    QTemporaryDir dir;
    Document doc;
    FakePrompts prompts;
    ProjectController controller{&doc, &prompts};

    Workspace()
    {
        writeImage(dir.filePath(QStringLiteral("a.png")), 120, 80);
        writeImage(dir.filePath(QStringLiteral("b10.png")), 64, 64, Qt::red);
        writeImage(dir.filePath(QStringLiteral("b2.jpg")), 100, 60, Qt::blue);
        QDir(dir.path()).mkdir(QStringLiteral("sub"));
        writeImage(dir.filePath(QStringLiteral("sub/c.png")), 50, 40);
        controller.autosaver()->setDelay(50);
    }
    QString path(const QString &name) const { return dir.filePath(name); }
    int index(const QString &name) const { return doc.indexOfPath(path(name)); }
    /// Annotates a.png and b2.jpg with every kind of annotation.
    void annotate()
    {
        doc.addAnnotations(index(QStringLiteral("a.png")), {box(5.5, 6.25, 50, 70.75, "cat"), quad("EXIT 12"), twoRingPolygon()},
                           {Caption{"A green square.", "<CAPTION>"}, Caption{"Zweite Zeile – 中文", "manual"}});
        doc.addAnnotations(index(QStringLiteral("b2.jpg")), {box(0, 0, 10, 10, "")});
    }
};

/// Shapes and captions of every image, by path (what export/import must keep).
QMap<QString, std::pair<std::vector<Shape>, std::vector<Caption>>> annotations(const Document &doc)
{
    QMap<QString, std::pair<std::vector<Shape>, std::vector<Caption>>> out;
    for (int i = 0; i < doc.imageCount(); ++i)
        out.insert(doc.absolutePath(i), {doc.image(i).shapes, doc.image(i).captions});
    return out;
}

} // namespace

class TestProject : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void findsImagesInNaturalOrder();
    void openingWritesNothing();
    void autosaveThenReload();
    void newImagesJoinOnReopen();
    void saveLocationIsRemembered();
    void unwritableLocationOffersAnother();
    void unreadableProjectIsLeftUntouched_data();
    void unreadableProjectIsLeftUntouched();
    void openFilesAndProjectFile();
    void exportImportCoco();
    void cliCocoPairImportsWithCaptions();
    void exportNamesUnreadableImages();
    void exportImportLabelmeNextToImages();
    void exportImportLabelmeIntoFolder();
    void importReplaceAndUndo();
    void badImports_data();
    void badImports();
    void labelmeSkipsBadFiles();
    void exportToUnwritableLocation();
    void exportRefusesInvalidShape();
};

void TestProject::init()
{
    QSettings().clear();
}

void TestProject::findsImagesInNaturalOrder()
{
    Workspace w;
    writeBytes(w.path(QStringLiteral("notes.txt")), "x");
    QCOMPARE(findImages(w.dir.path(), false), (QStringList{"a.png", "b2.jpg", "b10.png"}));
    QCOMPARE(findImages(w.dir.path(), true), (QStringList{"a.png", "b2.jpg", "b10.png", "sub/c.png"}));
}

void TestProject::openingWritesNothing()
{
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    QCOMPARE(w.doc.imageCount(), 4);
    w.doc.setImageSize(0, 120, 80); // learning a size is not an edit
    QTest::qWait(150);
    QVERIFY(!QFileInfo::exists(defaultProjectPath(w.dir.path())));
    QVERIFY(w.prompts.warnings.isEmpty());
}

void TestProject::autosaveThenReload()
{
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    QSignalSpy saved(w.controller.autosaver(), &Autosaver::saved);
    w.annotate();
    w.doc.setLabelVisible(QStringLiteral("cat"), false); // view state, not saved
    QVERIFY(saved.wait(3000));
    const QString file = defaultProjectPath(w.dir.path());
    QCOMPARE(saved.first().first().toString(), file);
    QVERIFY(QFileInfo::exists(file));
    QVERIFY(!w.controller.autosaver()->hasUnsavedChanges());

    Document again;
    FakePrompts prompts;
    ProjectController reopened(&again, &prompts);
    QVERIFY(reopened.openFolder(w.dir.path(), true));
    QCOMPARE(again.imageCount(), w.doc.imageCount());
    for (int i = 0; i < again.imageCount(); ++i)
        QVERIFY2(again.image(i) == w.doc.image(i), qPrintable(again.absolutePath(i)));
    QCOMPARE(again.labels(), w.doc.labels());
    QCOMPARE(again.undoStack()->count(), 0);
    QVERIFY(prompts.warnings.isEmpty());
}

void TestProject::newImagesJoinOnReopen()
{
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), false));
    w.annotate();
    QVERIFY(w.controller.save());
    writeImage(w.path(QStringLiteral("d.png")), 10, 10);
    Document again;
    FakePrompts prompts;
    ProjectController reopened(&again, &prompts);
    QSignalSpy messages(&reopened, &ProjectController::message);
    QVERIFY(reopened.openFolder(w.dir.path(), false));
    QCOMPARE(again.imageCount(), 4);
    QVERIFY(again.indexOfPath(w.path(QStringLiteral("d.png"))) >= 0);
    QVERIFY(again.image(again.indexOfPath(w.path(QStringLiteral("a.png")))).shapes.size() == 3);
    QVERIFY(!messages.isEmpty());
}

void TestProject::saveLocationIsRemembered()
{
    Workspace w;
    QTemporaryDir elsewhere;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    w.annotate();
    const QString other = elsewhere.filePath(QStringLiteral("my.florence.json"));
    QVERIFY(w.controller.saveAs(other));
    QVERIFY(QFileInfo::exists(other));
    QVERIFY(!QFileInfo::exists(defaultProjectPath(w.dir.path())));
    Document again;
    FakePrompts prompts;
    ProjectController reopened(&again, &prompts);
    QVERIFY(reopened.openFolder(w.dir.path(), true));
    QCOMPARE(reopened.projectPath(), other);
    for (int i = 0; i < again.imageCount(); ++i)
        QVERIFY(again.image(i) == w.doc.image(i));
    // The same project opened as a file resolves its images relative to the file.
    Document third;
    ProjectController byFile(&third, &prompts);
    QVERIFY(byFile.openProjectFile(other));
    QCOMPARE(third.absolutePath(0), w.doc.absolutePath(0));
}

void TestProject::unwritableLocationOffersAnother()
{
    Workspace w;
    QTemporaryDir elsewhere;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    // A "folder" that is a regular file: nothing can be written below it (the tests run as root,
    // so permissions cannot make a folder read-only).
    writeBytes(elsewhere.filePath(QStringLiteral("blocker")), "file");
    const QString unwritable = elsewhere.filePath(QStringLiteral("blocker/florence-project.json"));
    w.controller.autosaver()->setPath(unwritable);
    w.prompts.location = elsewhere.filePath(QStringLiteral("rescued.json"));
    w.annotate();
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(w.prompts.location), 3000);
    QCOMPARE(w.prompts.locationReasons.size(), 1);
    QVERIFY2(w.prompts.locationReasons.first().contains(unwritable), qPrintable(w.prompts.locationReasons.first()));
    QCOMPARE(w.controller.projectPath(), w.prompts.location);
    QVERIFY(!w.controller.autosaver()->hasUnsavedChanges());
    // Declining keeps the work in memory and asks only once per location.
    w.controller.autosaver()->setPath(unwritable);
    w.prompts.location.clear();
    w.doc.addAnnotations(0, {box(1, 1, 2, 2, "x")});
    QTRY_COMPARE_WITH_TIMEOUT(w.prompts.locationReasons.size(), 2, 3000);
    w.doc.addAnnotations(0, {box(1, 1, 3, 3, "x")});
    QTest::qWait(200);
    QCOMPARE(w.prompts.locationReasons.size(), 2);
    QVERIFY(w.controller.autosaver()->hasUnsavedChanges());
    QCOMPARE(w.doc.image(0).shapes.size(), std::size_t(5));
}

void TestProject::unreadableProjectIsLeftUntouched_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("problem");
    QTest::newRow("newer version") << QByteArray(R"({"format":"florence-studio-project","version":99,"labels":[],"images":[]})")
                                   << "newer version (99)";
    QTest::newRow("truncated") << QByteArray(R"({"format":"florence-studio-project","version":1,"labels":[)") << "florence-project.json";
    QTest::newRow("not a project") << QByteArray(R"({"images":[]})") << "not a Florence Studio project";
    QTest::newRow("hostile numbers") << QByteArray(R"({"format":"florence-studio-project","version":1,"labels":[],"images":[{"path":"a.png","width":1e300,"height":1,"status":"none","shapes":[],"captions":[],"doneTasks":[]}]})")
                                     << "width";
    QTest::newRow("empty file") << QByteArray() << "florence-project.json";
}

void TestProject::unreadableProjectIsLeftUntouched()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, problem);
    Workspace w;
    const QString file = defaultProjectPath(w.dir.path());
    writeBytes(file, content);
    QVERIFY(w.controller.openFolder(w.dir.path(), false));
    QCOMPARE(w.doc.imageCount(), 3); // the images are there, without annotations
    QCOMPARE(w.prompts.warnings.size(), 1);
    QVERIFY2(w.prompts.warnings.first().contains(file), qPrintable(w.prompts.warnings.first()));
    QVERIFY2(w.prompts.warnings.first().contains(problem), qPrintable(w.prompts.warnings.first()));
    QVERIFY(w.controller.projectPath().isEmpty());
    w.annotate();
    QTest::qWait(200);
    QCOMPARE(readAll(file), content); // never overwritten
    // An explicit save asks where to put the project instead.
    QTemporaryDir elsewhere;
    w.prompts.location = elsewhere.filePath(QStringLiteral("new.json"));
    QVERIFY(w.controller.save());
    QVERIFY(QFileInfo::exists(w.prompts.location));
    QCOMPARE(readAll(file), content);
}

void TestProject::openFilesAndProjectFile()
{
    Workspace w;
    QVERIFY(w.controller.openFiles({w.path(QStringLiteral("sub/c.png"))}));
    QCOMPARE(w.controller.folder(), w.path(QStringLiteral("sub")));
    QCOMPARE(w.doc.imageCount(), 1);
    QVERIFY(!w.controller.openFolder(w.path(QStringLiteral("missing")), false));
    QVERIFY(w.prompts.warnings.last().contains(QStringLiteral("missing")));
    QVERIFY(!w.controller.openProjectFile(w.path(QStringLiteral("a.png"))));
    QVERIFY(w.prompts.warnings.last().contains(w.path(QStringLiteral("a.png"))));
    QCOMPARE(w.doc.imageCount(), 1); // the open project is kept
}

void TestProject::exportImportCoco()
{
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    w.annotate();
    const QString instances = w.path(QStringLiteral("export/instances.json"));
    QDir().mkpath(w.path(QStringLiteral("export")));
    QVERIFY(w.controller.exportCoco(instances));
    // The GUI writes the captions where the CLI does (core's captionsPathFor).
    QVERIFY(QFileInfo::exists(w.path(QStringLiteral("export/instances.captions.json"))));
    QCOMPARE(w.doc.image(w.index(QStringLiteral("a.png"))).width, 120); // sizes filled for the export

    Document fresh;
    FakePrompts prompts;
    ProjectController other(&fresh, &prompts);
    QFile::remove(defaultProjectPath(w.dir.path()));
    QVERIFY(other.openFolder(w.dir.path(), true));
    QVERIFY(other.importCoco(instances, ProjectController::existingCaptionsFileFor(instances)));
    QCOMPARE(fresh.undoStack()->count(), 1);
    QCOMPARE(annotations(fresh), annotations(w.doc));
    QVERIFY2(prompts.warnings.isEmpty(), qPrintable(prompts.warnings.join('\n')));
    fresh.undoStack()->undo();
    for (int i = 0; i < fresh.imageCount(); ++i)
        QVERIFY(fresh.image(i).shapes.empty() && fresh.image(i).captions.empty());
}

void TestProject::cliCocoPairImportsWithCaptions()
{
    // What `florence-cli annotate --out cli/out.json` writes (core's runBatch, the command's code) for a
    // captioning job: out.json and out.captions.json. The GUI's import finds the captions file.
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    QVERIFY(QDir().mkpath(w.path(QStringLiteral("cli"))));
    Pipeline pipeline(florence::test::fixturePath("model"));
    BatchOptions options;
    options.inputDir = w.dir.path().toStdString();
    options.outPath = w.path(QStringLiteral("cli/out.json")).toStdString();
    options.job.task = Task::Caption;
    options.job.maxNewTokens = 6;
    const BatchSummary summary = runBatch(pipeline, options);
    QCOMPARE(summary.processed, 4);
    const QString instances = w.path(QStringLiteral("cli/out.json"));
    const QString captions = w.path(QStringLiteral("cli/out.captions.json"));
    QCOMPARE(QString::fromStdString(summary.captionsPath), captions);
    QCOMPARE(ProjectController::existingCaptionsFileFor(instances), captions);
    QVERIFY(w.controller.importCoco(instances, ProjectController::existingCaptionsFileFor(instances)));
    for (int i = 0; i < w.doc.imageCount(); ++i) {
        QCOMPARE(w.doc.image(i).captions.size(), std::size_t(1));
        QCOMPARE(w.doc.image(i).captions[0].origin, std::string("<CAPTION>"));
    }
    // A captions file named as older versions' GUI named it is found as well.
    QVERIFY(QFile::rename(captions, w.path(QStringLiteral("cli/out_captions.json"))));
    QCOMPARE(ProjectController::existingCaptionsFileFor(instances), w.path(QStringLiteral("cli/out_captions.json")));
    QVERIFY(QFile::remove(w.path(QStringLiteral("cli/out_captions.json"))));
    QCOMPARE(ProjectController::existingCaptionsFileFor(instances), QString());
}

void TestProject::exportNamesUnreadableImages()
{
    // Sizes come from the file headers; an annotated image that cannot be read is exported with size
    // 0 and named in a warning instead of being passed over in silence.
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    w.annotate();
    writeBytes(w.path(QStringLiteral("a.png")), QByteArray("\x89PNG\r\n\x1a\n truncated"));
    QVERIFY(w.controller.exportCoco(w.path(QStringLiteral("out.json"))));
    QCOMPARE(w.doc.image(w.index(QStringLiteral("b2.jpg"))).width, 100);
    QCOMPARE(w.doc.image(w.index(QStringLiteral("a.png"))).width, 0);
    QCOMPARE(w.prompts.warnings.size(), 1);
    QVERIFY2(w.prompts.warnings.last().contains(QStringLiteral("a.png")), qPrintable(w.prompts.warnings.last()));
    QVERIFY(QFileInfo::exists(w.path(QStringLiteral("out.json"))));
}

void TestProject::exportImportLabelmeNextToImages()
{
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    w.annotate();
    QCOMPARE(w.controller.exportLabelme(QString()), 2);
    QVERIFY(QFileInfo::exists(w.path(QStringLiteral("a.json"))));
    QVERIFY(QFileInfo::exists(w.path(QStringLiteral("b2.json"))));
    QVERIFY(!QFileInfo::exists(w.path(QStringLiteral("b10.json"))));

    Document fresh;
    FakePrompts prompts;
    ProjectController other(&fresh, &prompts);
    QFile::remove(defaultProjectPath(w.dir.path()));
    QVERIFY(other.openFolder(w.dir.path(), true));
    QVERIFY(other.importLabelme({w.path(QStringLiteral("a.json")), w.path(QStringLiteral("b2.json"))}));
    QCOMPARE(annotations(fresh), annotations(w.doc));
    QCOMPARE(fresh.undoStack()->count(), 1);
    // Deleting every annotation of an image and exporting again empties its file.
    w.doc.undoStack()->push(new ReplaceAnnotations(&w.doc, w.index(QStringLiteral("b2.jpg")), {}, {}));
    QCOMPARE(w.controller.exportLabelme(QString()), 2);
    Document third;
    ProjectController another(&third, &prompts);
    QVERIFY(another.openFolder(w.dir.path(), true));
    QVERIFY(another.importLabelme({w.path(QStringLiteral("a.json")), w.path(QStringLiteral("b2.json"))}));
    QVERIFY(third.image(third.indexOfPath(w.path(QStringLiteral("b2.jpg")))).shapes.empty());
}

void TestProject::exportImportLabelmeIntoFolder()
{
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    w.annotate();
    w.doc.addAnnotations(w.index(QStringLiteral("sub/c.png")), {box(1, 2, 3, 4, "cat")});
    QTemporaryDir out;
    QCOMPARE(w.controller.exportLabelme(out.path()), 3);
    QVERIFY(QFileInfo::exists(out.filePath(QStringLiteral("sub/c.json"))));
    QVERIFY(!QFileInfo::exists(w.path(QStringLiteral("a.json"))));

    Document fresh;
    FakePrompts prompts;
    ProjectController other(&fresh, &prompts);
    QFile::remove(defaultProjectPath(w.dir.path()));
    QVERIFY(other.openFolder(w.dir.path(), true));
    QVERIFY(other.importLabelme({out.filePath(QStringLiteral("a.json")), out.filePath(QStringLiteral("b2.json")),
                                 out.filePath(QStringLiteral("sub/c.json"))}));
    QCOMPARE(annotations(fresh), annotations(w.doc));
}

void TestProject::importReplaceAndUndo()
{
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    w.annotate();
    QCOMPARE(w.controller.exportLabelme(QString()), 2);
    const auto before = annotations(w.doc);
    // Importing the same files again: asked, "Add" doubles, "Replace" keeps one copy, "Cancel" nothing.
    const QStringList files{w.path(QStringLiteral("a.json")), w.path(QStringLiteral("b2.json"))};
    w.prompts.importMode = ImportMode::Cancel;
    QVERIFY(!w.controller.importLabelme(files));
    QCOMPARE(annotations(w.doc), before);
    w.prompts.importMode = ImportMode::Replace;
    QVERIFY(w.controller.importLabelme(files));
    QCOMPARE(annotations(w.doc), before);
    w.prompts.importMode = ImportMode::Add;
    QVERIFY(w.controller.importLabelme(files));
    QCOMPARE(w.doc.image(w.index(QStringLiteral("a.png"))).shapes.size(), std::size_t(6));
    QCOMPARE(w.prompts.importQuestions, 3);
    w.doc.undoStack()->undo();
    QCOMPARE(annotations(w.doc), before);
}

void TestProject::badImports_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("problem");
    QTest::newRow("coco malformed") << "coco" << QByteArray("{\"images\": [") << "bad.json";
    QTest::newRow("coco zero bytes") << "coco" << QByteArray() << "bad.json";
    QTest::newRow("coco wrong type") << "coco"
                                     << QByteArray(R"({"images":"no","annotations":[],"categories":[]})") << "images";
    QTest::newRow("coco dangling id") << "coco"
                                      << QByteArray(R"({"images":[{"id":1,"file_name":"a.png","width":120,"height":80}],"categories":[{"id":1,"name":"x"}],"annotations":[{"id":1,"image_id":7,"category_id":1,"bbox":[0,0,1,1],"segmentation":[],"iscrowd":0,"area":1}]})")
                                      << "image_id";
    QTest::newRow("coco absurd numbers") << "coco"
                                         << QByteArray(R"({"images":[{"id":1,"file_name":"a.png","width":120,"height":80}],"categories":[{"id":1,"name":"x"}],"annotations":[{"id":1,"image_id":1,"category_id":1,"bbox":[0,0,1e308,1],"segmentation":[],"iscrowd":0,"area":1}]})")
                                         << "bbox";
    QTest::newRow("coco nothing matches") << "coco"
                                          << QByteArray(R"({"images":[{"id":1,"file_name":"zzz.png","width":12,"height":8}],"categories":[{"id":1,"name":"x"}],"annotations":[{"id":1,"image_id":1,"category_id":1,"bbox":[0,0,1,1],"segmentation":[],"iscrowd":0,"area":1}]})")
                                          << "zzz.png";
    QTest::newRow("labelme malformed") << "labelme" << QByteArray("{\"shapes\": [}") << "bad.json";
    QTest::newRow("labelme circle") << "labelme"
                                    << QByteArray(R"({"version":"5.4.1","flags":{},"shapes":[{"label":"c","points":[[1,1],[2,2]],"group_id":null,"shape_type":"circle","flags":{}}],"imagePath":"a.png","imageData":null,"imageHeight":80,"imageWidth":120})")
                                    << "circle";
    QTest::newRow("labelme non-utf8") << "labelme" << QByteArray("{\"shapes\":[],\"imagePath\":\"\xff\xfe.png\"}") << "bad.json";
}

void TestProject::badImports()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, content);
    QFETCH(QString, problem);
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    w.annotate();
    const auto before = annotations(w.doc);
    const int steps = w.doc.undoStack()->count();
    const QString file = w.path(QStringLiteral("bad.json"));
    writeBytes(file, content);
    const bool ok = format == QLatin1String("coco") ? w.controller.importCoco(file, QString())
                                                     : w.controller.importLabelme({file});
    QVERIFY(!ok);
    QCOMPARE(w.prompts.warnings.size(), 1);
    QVERIFY2(w.prompts.warnings.first().contains(problem), qPrintable(w.prompts.warnings.first()));
    QCOMPARE(annotations(w.doc), before);
    QCOMPARE(w.doc.undoStack()->count(), steps);
}

void TestProject::labelmeSkipsBadFiles()
{
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    w.annotate();
    QCOMPARE(w.controller.exportLabelme(QString()), 2);
    const auto exported = annotations(w.doc);
    Document fresh;
    FakePrompts prompts;
    ProjectController other(&fresh, &prompts);
    QFile::remove(defaultProjectPath(w.dir.path()));
    QVERIFY(other.openFolder(w.dir.path(), true));
    writeBytes(w.path(QStringLiteral("broken.json")), "{");
    QVERIFY(other.importLabelme({w.path(QStringLiteral("a.json")), w.path(QStringLiteral("broken.json")),
                                 w.path(QStringLiteral("b2.json"))}));
    QCOMPARE(annotations(fresh), exported);
    QCOMPARE(prompts.warnings.size(), 1);
    QVERIFY2(prompts.warnings.first().contains(QStringLiteral("broken.json")), qPrintable(prompts.warnings.first()));
}

void TestProject::exportToUnwritableLocation()
{
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    w.annotate();
    writeBytes(w.path(QStringLiteral("blocker")), "a file, not a folder");
    const QString target = w.path(QStringLiteral("blocker/instances.json"));
    QVERIFY(!w.controller.exportCoco(target));
    QVERIFY2(w.prompts.warnings.last().contains(target), qPrintable(w.prompts.warnings.last()));
    QCOMPARE(w.controller.exportLabelme(w.path(QStringLiteral("blocker"))), -1);
    QVERIFY2(w.prompts.warnings.last().contains(QStringLiteral("blocker")), qPrintable(w.prompts.warnings.last()));
    // An existing export is replaced atomically or not at all.
    const QString good = w.path(QStringLiteral("instances.json"));
    QVERIFY(w.controller.exportCoco(good));
    const QByteArray first = readAll(good);
    QVERIFY(!first.isEmpty());
}

void TestProject::exportRefusesInvalidShape()
{
    Workspace w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    Shape broken;
    broken.kind = ShapeKind::Polygon;
    broken.rings = {{{0, 0}, {1, 1}}}; // two points: the document never makes this, an API caller might
    w.doc.addAnnotations(0, {broken});
    QVERIFY(!w.controller.exportCoco(w.path(QStringLiteral("instances.json"))));
    QVERIFY2(w.prompts.warnings.last().contains(QStringLiteral("a.png")), qPrintable(w.prompts.warnings.last()));
    QVERIFY(!QFileInfo::exists(w.path(QStringLiteral("instances.json"))));
}

FLORENCE_TEST_CLASS(TestProject)

#include "test_project.moc"
