// File > Export / Import of the dataset formats through the code behind the menus
// (ProjectController::exportDataset / importDataset): export -> import round trips into a fresh
// project, the summary the user sees (what was converted or dropped), one undo step per import, and
// a bad file that changes nothing.
#include "annotate/formats/registry.h"
#include "document/document.h"
#include "main_window.h"
#include "project/dataset_dialogs.h"
#include "project/project_controller.h"
#include "project/project_io.h"
#include "test_registry.h"
#include "ui/ui_test_support.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace florence;
using namespace florence::ui;
using florence::test::FakePrompts;
using florence::test::writeImage;

namespace {

Shape labelled(ShapeKind kind, const Box &b, const std::string &label)
{
    Shape s;
    s.kind = kind;
    s.box = b;
    if (kind != ShapeKind::Box)
        s.rings = {{{b.x1, b.y1}, {b.x2, b.y1}, {b.x2, b.y2}, {b.x1, b.y2}}};
    s.label = label;
    return s;
}

/// An OCR line as the model gives it: text, score and the task as origin (what most formats drop).
Shape modelQuad()
{
    Shape quad = labelled(ShapeKind::Quad, {20, 20, 60, 30}, "text");
    quad.text = "EXIT";
    quad.score = 0.75;
    quad.origin = "<OCR_WITH_REGION>";
    return quad;
}

/// Images a.png (120 x 80) and sub/c.png (50 x 40) in a folder, opened in a document.
struct Folder
{
    QTemporaryDir dir;
    Document doc;
    FakePrompts prompts;
    ProjectController controller{&doc, &prompts};

    Folder()
    {
        writeImage(dir.filePath(QStringLiteral("a.png")), 120, 80);
        QDir(dir.path()).mkdir(QStringLiteral("sub"));
        writeImage(dir.filePath(QStringLiteral("sub/c.png")), 50, 40, Qt::blue);
        controller.autosaver()->setDelay(60000);
    }
    int index(const QString &name) const { return doc.indexOfPath(dir.filePath(name)); }
};

/// A second document on the same images (a colleague's project, nothing annotated).
struct Fresh
{
    Document doc;
    FakePrompts prompts;
    ProjectController controller{&doc, &prompts};
};

} // namespace

class TestDatasetIo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }
    void roundTrip_data();
    void roundTrip();
    void summaryListsDroppedData();
    void importAsksAndIsOneStep();
    void badFileChangesNothing();
    void menusListEveryRegistryFormat();
    void exportDialogOffersTheFormatsOptions();
    void screenshot();
};

void TestDatasetIo::roundTrip_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("kind");    ///< the shape kind the format gives back
    QTest::addColumn<double>("tol");  ///< pixels
    QTest::newRow("yolo detect") << "yolo" << "detect" << int(ShapeKind::Box) << 120e-6;
    QTest::newRow("yolo obb") << "yolo" << "obb" << int(ShapeKind::Quad) << 120e-6;
    QTest::newRow("yolo segment") << "yolo" << "segment" << int(ShapeKind::Polygon) << 120e-6;
    QTest::newRow("voc") << "voc" << "" << int(ShapeKind::Box) << 0.0;
    QTest::newRow("dota") << "dota" << "" << int(ShapeKind::Quad) << 0.0;
    QTest::newRow("florence2-jsonl") << "florence2-jsonl" << "od" << int(ShapeKind::Box) << 0.12;
    QTest::newRow("masks") << "masks" << "instance" << int(ShapeKind::Polygon) << 1.0;
}

void TestDatasetIo::roundTrip()
{
    QFETCH(QString, format);
    QFETCH(QString, variant);
    QFETCH(int, kind);
    QFETCH(double, tol);
    Folder w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    const int a = w.index(QStringLiteral("a.png")), c = w.index(QStringLiteral("sub/c.png"));
    QVERIFY(a >= 0 && c >= 0);
    w.doc.addAnnotations(a, {labelled(ShapeKind::Box, {10, 12, 50, 60}, "cat"), labelled(ShapeKind::Box, {70, 5, 110, 30}, "dog")}, {});
    w.doc.addAnnotations(c, {labelled(ShapeKind::Box, {4, 6, 30, 36}, "dog")}, {});

    formats::ExportOptions options;
    options.variant = variant.toStdString();
    options.split.mode = formats::SplitOptions::Mode::Ratio; // a fixed-seed split, as the dialog offers
    options.split.train = 0.5;
    options.split.val = 0.5;
    options.split.seed = 7;
    QTemporaryDir outDir; // outside the image folder, as a training set usually is
    const QString out = outDir.filePath(QStringLiteral("export"));
    QVERIFY2(w.controller.exportDataset(format, out, options), qPrintable(w.prompts.warnings.join('\n')));
    QVERIFY(QFile::exists(out + QStringLiteral("/summary.txt")));
    QCOMPARE(w.prompts.reports.size(), 1);
    QVERIFY(w.prompts.reports[0].contains(QStringLiteral("Exported 2 image(s)")));

    Fresh f;
    QFile::remove(defaultProjectPath(w.dir.path()));
    QVERIFY(f.controller.openFolder(w.dir.path(), true));
    formats::ImportOptions importOptions;
    if (variant == QLatin1String("obb"))
        importOptions.variant = "obb"; // what the import question offers for YOLO
    QVERIFY2(f.controller.importDataset(format, out, importOptions), qPrintable(f.prompts.warnings.join('\n')));
    QCOMPARE(f.doc.undoStack()->count(), 1);
    QCOMPARE(f.prompts.importQuestions, 0); // nothing there yet: not asked
    for (const int image : {a, c}) {
        const ImageRecord &want = w.doc.image(image);
        const ImageRecord &got = f.doc.image(f.doc.indexOfPath(w.doc.absolutePath(image)));
        QCOMPARE(got.shapes.size(), want.shapes.size());
        for (std::size_t i = 0; i < want.shapes.size(); ++i) {
            const Shape &g = got.shapes[i];
            QCOMPARE(int(g.kind), kind);
            QCOMPARE(g.label, want.shapes[i].label);
            const Box gb = g.boundingBox().normalized(), wb = want.shapes[i].box;
            // masks: through the pixel centres (half a pixel in) plus fillPoly's edge pixels
            QVERIFY2(std::abs(gb.x1 - wb.x1) <= tol + 1e-9 && std::abs(gb.y1 - wb.y1) <= tol + 1e-9
                         && std::abs(gb.x2 - wb.x2) <= tol + 1e-9 && std::abs(gb.y2 - wb.y2) <= tol + 1e-9,
                     qPrintable(QStringLiteral("%1 %2 %3 %4").arg(gb.x1).arg(gb.y1).arg(gb.x2).arg(gb.y2)));
        }
    }
    f.doc.undoStack()->undo();
    for (int i = 0; i < f.doc.imageCount(); ++i)
        QVERIFY(f.doc.image(i).shapes.empty());
}

void TestDatasetIo::summaryListsDroppedData()
{
    Folder w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    const Shape quad = modelQuad();
    w.doc.addAnnotations(w.index(QStringLiteral("a.png")), {quad, labelled(ShapeKind::Box, {1, 2, 30, 40}, "cat")},
                         {Caption{"A green square.", "<CAPTION>"}});
    formats::ExportOptions options;
    const QString out = w.dir.filePath(QStringLiteral("voc"));
    QVERIFY(w.controller.exportDataset(QStringLiteral("voc"), out, options));
    QCOMPARE(w.prompts.reports.size(), 1);
    const QString report = w.prompts.reports[0];
    // The headline says something was left out; the details name each thing and why.
    QVERIFY2(report.contains(QStringLiteral("left out")), qPrintable(report));
    QVERIFY(report.contains(QStringLiteral("Objects: 2")));
    QVERIFY(report.contains(QStringLiteral("1 x shape text (OCR transcription / description)")));
    QVERIFY(report.contains(QStringLiteral("1 x score")));
    QVERIFY(report.contains(QStringLiteral("1 x provenance (origin <OCR_WITH_REGION>)")));
    QVERIFY(report.contains(QStringLiteral("1 x caption")));
    QVERIFY(report.contains(QStringLiteral("Converted:\n  1 x quad")));
    QFile summary(out + QStringLiteral("/summary.txt"));
    QVERIFY(summary.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(summary.readAll()), w.controller.lastExportSummary());
    // JSONL: the token-limit warning reaches the user.
    std::vector<Shape> many;
    for (int i = 0; i < 300; ++i)
        many.push_back(labelled(ShapeKind::Box, {double(i % 100), 1, double(i % 100) + 5, 9}, "leaf"));
    w.doc.addAnnotations(w.index(QStringLiteral("sub/c.png")), many, {});
    QVERIFY(w.controller.exportDataset(QStringLiteral("florence2-jsonl"), w.dir.filePath(QStringLiteral("jsonl")), options));
    QVERIFY(w.prompts.reports.last().contains(QStringLiteral("Please read the warnings")));
    QVERIFY(w.prompts.reports.last().contains(QStringLiteral("1024-token limit")));
}

void TestDatasetIo::importAsksAndIsOneStep()
{
    Folder w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    const int a = w.index(QStringLiteral("a.png"));
    w.doc.addAnnotations(a, {labelled(ShapeKind::Box, {10, 12, 50, 60}, "cat")}, {});
    w.doc.addAnnotations(w.index(QStringLiteral("sub/c.png")), {labelled(ShapeKind::Box, {4, 6, 30, 36}, "dog")}, {});
    const QString out = w.dir.filePath(QStringLiteral("yolo"));
    QVERIFY(w.controller.exportDataset(QStringLiteral("yolo"), out, {}));
    const int steps = w.doc.undoStack()->count();
    w.prompts.importMode = ImportMode::Cancel;
    QVERIFY(!w.controller.importDataset(QStringLiteral("yolo"), out, {}));
    QCOMPARE(w.prompts.importQuestions, 1);
    QCOMPARE(w.doc.undoStack()->count(), steps);
    w.prompts.importMode = ImportMode::Add;
    QVERIFY(w.controller.importDataset(QStringLiteral("yolo"), out, {}));
    QCOMPARE(w.doc.undoStack()->count(), steps + 1); // two images, one step
    QCOMPARE(w.doc.image(a).shapes.size(), std::size_t(2));
    QCOMPARE(w.doc.image(w.index(QStringLiteral("sub/c.png"))).shapes.size(), std::size_t(2));
    w.doc.undoStack()->undo();
    QCOMPARE(w.doc.image(a).shapes.size(), std::size_t(1));
    QCOMPARE(w.doc.image(w.index(QStringLiteral("sub/c.png"))).shapes.size(), std::size_t(1));
    w.prompts.importMode = ImportMode::Replace;
    QVERIFY(w.controller.importDataset(QStringLiteral("yolo"), out, {}));
    QCOMPARE(w.doc.image(a).shapes.size(), std::size_t(1));
}

void TestDatasetIo::badFileChangesNothing()
{
    Folder w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    w.doc.addAnnotations(w.index(QStringLiteral("a.png")), {labelled(ShapeKind::Box, {10, 12, 50, 60}, "cat")}, {});
    const QString out = w.dir.filePath(QStringLiteral("yolo"));
    QVERIFY(w.controller.exportDataset(QStringLiteral("yolo"), out, {}));
    const QString label = out + QStringLiteral("/labels/train/a.txt");
    QFile f(label);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("0 0.5 0.5 0.2 0.2\n0 0.5 nan 0.2 0.2\n");
    f.close();
    const int steps = w.doc.undoStack()->count();
    const auto before = w.doc.image(w.index(QStringLiteral("a.png"))).shapes;
    QVERIFY(!w.controller.importDataset(QStringLiteral("yolo"), out, {}));
    QCOMPARE(w.doc.undoStack()->count(), steps);
    QCOMPARE(w.doc.image(w.index(QStringLiteral("a.png"))).shapes, before);
    QVERIFY(!w.prompts.warnings.isEmpty());
    const QString warning = w.prompts.warnings.last();
    QVERIFY2(warning.contains(QStringLiteral("labels/train/a.txt")) && warning.contains(QStringLiteral("line 2")),
             qPrintable(warning));
    QVERIFY(warning.contains(QStringLiteral("your annotations are unchanged")));
}

void TestDatasetIo::menusListEveryRegistryFormat()
{
    MainWindow w;
    auto *exportMenu = w.findChild<QMenu *>(QStringLiteral("menuExport"));
    auto *importMenu = w.findChild<QMenu *>(QStringLiteral("menuImport"));
    QVERIFY(exportMenu && importMenu);
    const auto formatsIn = [](QMenu *menu) {
        QStringList names;
        for (QAction *a : menu->actions())
            if (!a->isSeparator() && !names.contains(a->data().toString()))
                names << a->data().toString();
        return names;
    };
    QStringList all, readable;
    for (const formats::FormatInfo &f : formats::formats()) {
        all << QString::fromStdString(f.name);
        if (f.read)
            readable << QString::fromStdString(f.name);
    }
    QVERIFY(all.contains(QStringLiteral("florence2-jsonl")) && all.contains(QStringLiteral("masks")));
    QCOMPARE(formatsIn(exportMenu), all); // one entry per registered format, in registry order
    QCOMPARE(formatsIn(importMenu), readable);
    // Each generated entry is named after the format.
    for (const formats::FormatInfo &f : formats::formats()) {
        QAction *a = w.action(QStringLiteral("actionExport_") + QString::fromStdString(f.name));
        if (f.name == "coco" || f.name == "labelme")
            continue; // their own actions (file pair; files next to the images)
        QVERIFY2(a, f.name.c_str());
        QVERIFY(a->text().startsWith(QString::fromStdString(f.displayName)));
    }
}

void TestDatasetIo::exportDialogOffersTheFormatsOptions()
{
    DatasetExportDialog yolo(*formats::findFormat("yolo"), QStringLiteral("/tmp/x"));
    auto *variant = yolo.findChild<QComboBox *>(QStringLiteral("variant"));
    QCOMPARE(variant->count(), 3); // detect, segment, obb
    QVERIFY(!variant->isHidden());
    yolo.setVariant(QStringLiteral("obb"));
    auto *mode = yolo.findChild<QComboBox *>(QStringLiteral("splitMode"));
    QVERIFY(!mode->isHidden());
    mode->setCurrentIndex(mode->findData(int(formats::SplitOptions::Mode::Ratio)));
    yolo.findChild<QDoubleSpinBox *>(QStringLiteral("trainRatio"))->setValue(0.7);
    yolo.findChild<QDoubleSpinBox *>(QStringLiteral("valRatio"))->setValue(0.2);
    yolo.findChild<QDoubleSpinBox *>(QStringLiteral("testRatio"))->setValue(0.1);
    yolo.findChild<QSpinBox *>(QStringLiteral("seed"))->setValue(42);
    yolo.findChild<QCheckBox *>(QStringLiteral("copyImages"))->setChecked(false);
    const formats::ExportOptions o = yolo.options();
    QCOMPARE(o.variant, std::string("obb"));
    QCOMPARE(int(o.split.mode), int(formats::SplitOptions::Mode::Ratio));
    QCOMPARE(o.split.train, 0.7);
    QCOMPARE(o.split.test, 0.1);
    QCOMPARE(o.split.seed, std::uint64_t(42));
    QVERIFY(!o.copyImages);
    QCOMPARE(yolo.folder(), QStringLiteral("/tmp/x"));
    // Masks: class / instance, no split; VOC: no variant to choose.
    DatasetExportDialog masks(*formats::findFormat("masks"), QString());
    QCOMPARE(masks.findChild<QComboBox *>(QStringLiteral("variant"))->count(), 2);
    QVERIFY(masks.findChild<QComboBox *>(QStringLiteral("splitMode"))->isHidden());
    QCOMPARE(int(masks.options().split.mode), int(formats::SplitOptions::Mode::None));
    DatasetExportDialog voc(*formats::findFormat("voc"), QString());
    QVERIFY(voc.findChild<QComboBox *>(QStringLiteral("variant"))->isHidden());
    // The JSONL export defaults to a train/valid split.
    DatasetExportDialog jsonl(*formats::findFormat("florence2-jsonl"), QString());
    QCOMPARE(int(jsonl.options().split.mode), int(formats::SplitOptions::Mode::Ratio));
    QCOMPARE(jsonl.options().split.val, 0.1);
}

void TestDatasetIo::screenshot()
{
    // docs/export.png: the options of a YOLO export and the summary the user gets afterwards.
    QTemporaryDir tmp;
    const QString outDir = qEnvironmentVariable("FLORENCE_SCREENSHOT_DIR", tmp.path());
    Folder w;
    QVERIFY(w.controller.openFolder(w.dir.path(), true));
    const Shape quad = modelQuad();
    w.doc.addAnnotations(w.index(QStringLiteral("a.png")),
                         {quad, labelled(ShapeKind::Box, {1, 2, 30, 40}, "cat"), labelled(ShapeKind::Box, {60, 40, 100, 70}, "dog")},
                         {Caption{"A green square.", "<CAPTION>"}});
    w.doc.addAnnotations(w.index(QStringLiteral("sub/c.png")), {labelled(ShapeKind::Polygon, {4, 6, 30, 36}, "dog")}, {});
    QTemporaryDir out;
    formats::ExportOptions options;
    options.variant = "detect";
    options.split.mode = formats::SplitOptions::Mode::Ratio;
    options.split.seed = 1;
    QVERIFY(w.controller.exportDataset(QStringLiteral("yolo"), out.filePath(QStringLiteral("yolo")), options));
    const QString report = w.prompts.reports.last();
    DatasetExportDialog dialog(*formats::findFormat("yolo"), QStringLiteral("/data/exports/street-yolo"));
    dialog.setVariant(QStringLiteral("detect"));
    auto *mode = dialog.findChild<QComboBox *>(QStringLiteral("splitMode"));
    mode->setCurrentIndex(mode->findData(int(formats::SplitOptions::Mode::Ratio)));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // The headline as the user saw it, with the dialog's folder instead of the test's temporary one.
    const QString headline = report.section(QLatin1Char('\n'), 0, 1)
                                 .section(QStringLiteral(": "), 1)
                                 .replace(QDir::toNativeSeparators(out.filePath(QStringLiteral("yolo"))),
                                          QStringLiteral("/data/exports/street-yolo"));
    std::unique_ptr<QDialog> summary(makeSummaryDialog(nullptr, QStringLiteral("Export Summary"), headline,
                                                       w.controller.lastExportSummary()));
    summary->resize(720, 470);
    summary->show();
    QVERIFY(QTest::qWaitForWindowExposed(summary.get()));
    QTest::qWait(100);
    const QImage left = dialog.grab().toImage(), right = summary->grab().toImage();
    QImage sheet(left.width() + right.width() + 30, std::max(left.height(), right.height()) + 20, QImage::Format_RGB32);
    sheet.fill(QColor(0xe8, 0xe8, 0xe8));
    QPainter p(&sheet);
    p.drawImage(10, 10, left);
    p.drawImage(left.width() + 20, 10, right);
    p.end();
    QVERIFY(florence::test::looksRendered(sheet));
    QVERIFY(sheet.save(outDir + QStringLiteral("/export.png")));
}

FLORENCE_TEST_CLASS(TestDatasetIo)
#include "test_dataset_io.moc"
