// Tests of the main window driven like a user: open a folder, navigate, draw, label, copy/paste
// across images, docks (images, labels, captions), shortcuts dialog, bad images, autosave on close.
#include "application.h"
#include "canvas/canvas_scene.h"
#include "canvas/canvas_view.h"
#include "common/error_text.h"
#include "canvas/items/image_item.h"
#include "canvas/items/shape_item.h"
#include "dialogs/label_dialog.h"
#include "dialogs/shortcuts_dialog.h"
#include "document/document.h"
#include "main_window.h"
#include "panels/image_list_dock.h"
#include "panels/image_list_model.h"
#include "panels/labels_dock.h"
#include "panels/text_dock.h"
#include "panels/thumbnail_loader.h"
#include "project/project_controller.h"
#include "project/project_io.h"
#include "resources.h"
#include "ui/ui_test_support.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QElapsedTimer>
#include <QListView>
#include <QListWidget>
#include <QMenuBar>
#include <QStatusBar>
#include <QTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTranslator>
#include <QTreeWidget>
#include <QUndoStack>
#include "test_registry.h"

#include <QtTest>

using namespace florence;
using namespace florence::ui;
using florence::test::FakePrompts;
using florence::test::saveRendered;
using florence::test::writeBytes;
using florence::test::writeImage;

namespace {

/// A PNG signature and IHDR chunk claiming `w` x `h` pixels, followed by nothing (no image data).
QByteArray pngHeaderOnly(quint32 w, quint32 h)
{
    QByteArray b("\x89PNG\r\n\x1a\n", 8);
    b += QByteArray("\x00\x00\x00\x0dIHDR", 8);
    for (quint32 v : {w, h})
        for (int s = 24; s >= 0; s -= 8)
            b += char((v >> s) & 0xff);
    b += QByteArray("\x08\x02\x00\x00\x00", 5);
    b += QByteArray("\x00\x00\x00\x00", 4); // CRC (wrong on purpose)
    return b;
}

/// A shown main window on a folder with good and bad images.
struct Window
{
    QTemporaryDir dir;
    FakePrompts prompts;
    std::unique_ptr<MainWindow> w;

    Window()
    {
        writeImage(dir.filePath(QStringLiteral("01-red.png")), 200, 150, Qt::red);
        writeImage(dir.filePath(QStringLiteral("02-green.jpg")), 160, 120, Qt::green);
        writeImage(dir.filePath(QStringLiteral("03-blue.bmp")), 100, 100, Qt::blue);
        QFile good(dir.filePath(QStringLiteral("01-red.png")));
        QVERIFY(good.open(QIODevice::ReadOnly));
        writeBytes(dir.filePath(QStringLiteral("04-truncated.png")), good.read(good.size() / 2));
        writeBytes(dir.filePath(QStringLiteral("05-empty.jpg")), QByteArray());
        writeBytes(dir.filePath(QStringLiteral("06-huge.png")), pngHeaderOnly(70000, 70000));
        writeBytes(dir.filePath(QStringLiteral("07-zero.png")), pngHeaderOnly(0, 0));
        writeBytes(dir.filePath(QStringLiteral("08-text.webp")), "not an image at all");
        open();
    }
    void open()
    {
        w = std::make_unique<MainWindow>();
        w->setPrompts(&prompts);
        w->resize(1200, 800);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->controller()->autosaver()->setDelay(50);
        QSignalSpy shown(w.get(), &MainWindow::imageShown);
        QVERIFY(w->openFolder(dir.path(), false));
        QVERIFY(shown.wait(10000) || !shown.isEmpty());
    }
    /// Waits until every thumbnail job finished.
    void waitForThumbnails()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!w->imageListDock()->model()->loader()->isBusy(), 20000);
    }
    /// Shows image `index` and waits for its pixels.
    bool show(int index)
    {
        if (w->currentImage() == index)
            return w->scene()->imageItem()->pyramid() != nullptr;
        QSignalSpy shown(w.get(), &MainWindow::imageShown);
        w->showImage(index);
        if (shown.isEmpty() && !shown.wait(10000))
            return false;
        return shown.last().at(1).toBool();
    }
    QWidget *vp() const { return w->view()->viewport(); }
    QPoint at(double x, double y) const { return w->view()->mapFromScene(QPointF(x, y)); }
    void drawBox(double x1, double y1, double x2, double y2)
    {
        w->action(QStringLiteral("actionToolBox"))->trigger();
        QTest::mousePress(vp(), Qt::LeftButton, {}, at(x1, y1));
        QTest::mouseMove(vp(), at((x1 + x2) / 2, (y1 + y2) / 2));
        QTest::mouseMove(vp(), at(x2, y2));
        QTest::mouseRelease(vp(), Qt::LeftButton, {}, at(x2, y2));
        w->action(QStringLiteral("actionToolSelect"))->trigger();
    }
    Document *doc() const { return w->document(); }
};

/// The dock's row of `label` once the dock caught up with the document (it refreshes on the next
/// event-loop turn).
QTreeWidgetItem *labelItem(LabelsDock *dock, const QString &label)
{
    QCoreApplication::processEvents();
    for (int i = 0; i < dock->tree()->topLevelItemCount(); ++i)
        if (dock->tree()->topLevelItem(i)->data(0, Qt::UserRole).toString() == label)
            return dock->tree()->topLevelItem(i);
    return nullptr;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }
    void startsWithoutModel();
    void iconsAreCompiledIn();
    void imageListShowsSizesAndErrors();
    void everySupportedFormatOpens();
    void largeFolderOpensQuickly();
    void badImagesNeverCrash_data();
    void badImagesNeverCrash();
    void navigationShortcuts();
    void drawLabelAndUndo();
    void copyPasteAcrossImages();
    void renameLabelInDockAndUndo();
    void hideByLabelInDock();
    void markReviewed();
    void captionsPanel();
    void shapeTextInPanel();
    void shortcutsDialogListsActions();
    void everyActionHasAUniqueShortcut();
    void languageMenuStoresChoice();
    void translationsAreCompleteAndLoad_data();
    void translationsAreCompleteAndLoad();
    void qtOwnDialogsAreTranslated_data();
    void qtOwnDialogsAreTranslated();
    void autosaveOnCloseAndReopen();
    void undoOnAnotherImageShowsIt();
    void exceptionsDoNotLeaveTheEventLoop();
    void screenshots();
};

void TestMainWindow::startsWithoutModel()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QStringList menus;
    for (QAction *a : w.menuBar()->actions())
        menus << a->text().remove(QLatin1Char('&'));
    QCOMPARE(menus, (QStringList{"File", "Edit", "View", "Go", "Tools", "Review", "Model", "Help"}));
    QVERIFY(w.currentImagePath().isEmpty());
    QCOMPARE(w.currentImage(), -1);
    QVERIFY(!w.action(QStringLiteral("actionCopy"))->isEnabled());
}

void TestMainWindow::iconsAreCompiledIn()
{
    MainWindow w;
    for (const char *name : {"actionToolSelect", "actionToolBox", "actionToolPolygon", "actionToolQuad", "actionOpenFolder",
                             "actionSave", "actionUndo", "actionRedo", "actionFit",
                             "actionNextImage", "actionMarkReviewed"}) {
        QAction *a = w.action(QString::fromLatin1(name));
        QVERIFY2(a, name);
        QVERIFY2(!a->icon().pixmap(24, 24).isNull(), name);
    }
    QVERIFY(!QIcon(QStringLiteral(":/icons/florence-studio.svg")).pixmap(64, 64).isNull());
}

void TestMainWindow::imageListShowsSizesAndErrors()
{
    Window win;
    win.waitForThumbnails();
    ImageListModel *model = win.w->imageListDock()->model();
    QCOMPARE(model->rowCount(), 8);
    QCOMPARE(model->index(0).data(Qt::DisplayRole).toString(), QStringLiteral("01-red.png"));
    QVERIFY(model->index(0).data(ImageListModel::DetailRole).toString().contains(QStringLiteral("200 × 150")));
    QCOMPARE(model->index(0).data(Qt::DecorationRole).userType(), int(QMetaType::QPixmap));
    QCOMPARE(model->index(2).data(ImageListModel::DetailRole).toString().left(9), QStringLiteral("100 × 100"));
    for (int row = 0; row < 3; ++row)
        QVERIFY2(model->error(row).isEmpty(), qPrintable(model->error(row)));
    for (int row = 3; row < 8; ++row) {
        const QString error = model->error(row);
        QVERIFY2(error.contains(model->index(row).data().toString()), qPrintable(error));
    }
    QVERIFY(model->error(4).contains(QStringLiteral("empty")));
    QVERIFY(model->index(3).data(Qt::ToolTipRole).toString().contains(QStringLiteral("04-truncated.png")));
    // The entry shows a sentence chosen by the error's kind, core's English message in the tooltip.
    for (int row = 3; row < 8; ++row) {
        const QString summary = model->index(row).data(ImageListModel::ErrorSummaryRole).toString();
        QCOMPARE(summary, ErrorText::summary(ErrorContext::Image, ErrorKind::BadInput));
        QVERIFY(!summary.contains(model->index(row).data().toString()));
        QVERIFY(model->index(row).data(Qt::ToolTipRole).toString().contains(summary + QLatin1Char('\n')));
    }
    QVERIFY(model->index(0).data(ImageListModel::ErrorSummaryRole).toString().isEmpty());
    win.w->imageListDock()->updateSummary();
}

void TestMainWindow::everySupportedFormatOpens()
{
    QTemporaryDir dir;
    struct Case
    {
        const char *name;
        QImage::Format format;
        const char *writer;
    };
    const Case cases[] = {
        {"a-rgb8.png", QImage::Format_RGB888, "PNG"},     {"b-gray16.png", QImage::Format_Grayscale16, "PNG"},
        {"c-gray8.png", QImage::Format_Grayscale8, "PNG"}, {"d-alpha.png", QImage::Format_RGBA8888, "PNG"},
        {"e-rgba64.png", QImage::Format_RGBA64, "PNG"},    {"f.jpg", QImage::Format_RGB888, "JPEG"},
        {"g.bmp", QImage::Format_RGB888, "BMP"},          {"h.tif", QImage::Format_RGB888, "TIFF"},
        {"i.webp", QImage::Format_RGB888, "WEBP"},
    };
    int n = 0;
    for (const Case &c : cases) {
        QImage image(31 + n, 17 + n, c.format);
        image.fill(QColor(200, 120, 40, 128));
        QVERIFY2(image.save(dir.filePath(QString::fromLatin1(c.name)), c.writer), c.name);
        ++n;
    }
    MainWindow w;
    FakePrompts prompts;
    w.setPrompts(&prompts);
    QVERIFY(w.openFolder(dir.path(), false));
    QTRY_VERIFY_WITH_TIMEOUT(!w.imageListDock()->model()->loader()->isBusy(), 20000);
    QCOMPARE(w.document()->imageCount(), n);
    for (int i = 0; i < n; ++i) {
        QVERIFY2(w.imageListDock()->model()->error(i).isEmpty(), qPrintable(w.imageListDock()->model()->error(i)));
        QCOMPARE(w.document()->image(i).width, 31 + i);
        QCOMPARE(w.document()->image(i).height, 17 + i);
    }
}

void TestMainWindow::largeFolderOpensQuickly()
{
    QTemporaryDir dir;
    const int n = 2000;
    QImage tiny(8, 6, QImage::Format_RGB888);
    tiny.fill(Qt::gray);
    for (int i = 0; i < n; ++i)
        QVERIFY(tiny.save(dir.filePath(QStringLiteral("img%1.png").arg(i))));
    MainWindow w;
    FakePrompts prompts;
    w.setPrompts(&prompts);
    w.show();
    QElapsedTimer timer;
    timer.start();
    QVERIFY(w.openFolder(dir.path(), false));
    const double openMs = double(timer.nsecsElapsed()) / 1e6;
    QTRY_VERIFY_WITH_TIMEOUT(!w.imageListDock()->model()->loader()->isBusy(), 60000);
    const double thumbnailsMs = double(timer.nsecsElapsed()) / 1e6;
    QCOMPARE(w.document()->imageCount(), n);
    QCOMPARE(w.document()->image(n - 1).width, 8);
    QCOMPARE(w.document()->indexOfPath(dir.filePath(QStringLiteral("img10.png"))), 10); // natural order
    timer.restart();
    for (int i = 0; i < 50; ++i)
        w.nextImage();
    const double navigateMs = double(timer.nsecsElapsed()) / 1e6 / 50;
    qInfo("%d images: folder open %.0f ms, all thumbnails %.0f ms, next image %.2f ms", n, openMs, thumbnailsMs,
          navigateMs);
    QVERIFY2(openMs < 5000, qPrintable(QString::number(openMs)));
}

void TestMainWindow::badImagesNeverCrash_data()
{
    QTest::addColumn<int>("row");
    QTest::newRow("truncated png") << 3;
    QTest::newRow("zero-byte jpeg") << 4;
    QTest::newRow("70000x70000 header") << 5;
    QTest::newRow("0x0 header") << 6;
    QTest::newRow("text named .webp") << 7;
}

void TestMainWindow::badImagesNeverCrash()
{
    QFETCH(int, row);
    Window win;
    QVERIFY(!win.show(row));
    QCOMPARE(win.w->currentImage(), row);
    const QString name = win.doc()->image(row).path.c_str();
    QVERIFY2(win.w->imageListDock()->model()->error(row).contains(name), qPrintable(win.w->imageListDock()->model()->error(row)));
    // The image can still carry captions; navigation goes on.
    win.w->textDock()->addCaption(QStringLiteral("unreadable, but noted"));
    QCOMPARE(win.doc()->image(row).captions.size(), std::size_t(1));
    QVERIFY(win.show(0));
}

void TestMainWindow::navigationShortcuts()
{
    Window win;
    QCOMPARE(win.w->currentImage(), 0);
    QVERIFY(!win.w->action(QStringLiteral("actionPreviousImage"))->isEnabled());
    QSignalSpy shown(win.w.get(), &MainWindow::imageShown);
    win.w->view()->setFocus();
    QTest::keyClick(win.w.get(), Qt::Key_D);
    QCOMPARE(win.w->currentImage(), 1);
    QTest::keyClick(win.w.get(), Qt::Key_PageDown);
    QCOMPARE(win.w->currentImage(), 2);
    QTest::keyClick(win.w.get(), Qt::Key_A);
    QCOMPARE(win.w->currentImage(), 1);
    QTest::keyClick(win.w.get(), Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(win.w->currentImage(), 7);
    QVERIFY(!win.w->action(QStringLiteral("actionNextImage"))->isEnabled());
    QTRY_VERIFY(!shown.isEmpty());
    QCOMPARE(win.w->imageListDock()->view()->currentIndex().row(), 7);
    // Clicking a row of the list shows that image.
    QListView *list = win.w->imageListDock()->view();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(list->model()->index(2, 0)).center());
    QCOMPARE(win.w->currentImage(), 2);
}

void TestMainWindow::drawLabelAndUndo()
{
    Window win;
    QVERIFY(win.show(0));
    win.w->defaultLabelBox()->setCurrentText(QStringLiteral("car"));
    win.drawBox(20, 30, 120, 100);
    QCOMPARE(win.doc()->image(0).shapes.size(), std::size_t(1));
    QCOMPARE(win.doc()->image(0).shapes[0].label, std::string("car"));
    QCOMPARE(win.doc()->image(0).status, ImageStatus::Edited);
    QVERIFY(labelItem(win.w->labelsDock(), QStringLiteral("car")));
    QCOMPARE(labelItem(win.w->labelsDock(), QStringLiteral("car"))->text(1), QStringLiteral("1"));
    QVERIFY(win.w->action(QStringLiteral("actionCopy"))->isEnabled()); // the new box is selected
    QVERIFY(win.w->setSelectionLabel(QStringLiteral("truck")));
    QCOMPARE(win.doc()->image(0).shapes[0].label, std::string("truck"));
    QVERIFY(!labelItem(win.w->labelsDock(), QStringLiteral("car")) || labelItem(win.w->labelsDock(), QStringLiteral("car"))->text(1) == QStringLiteral("0"));
    win.w->action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(win.doc()->image(0).shapes[0].label, std::string("car"));
    win.w->action(QStringLiteral("actionUndo"))->trigger();
    QVERIFY(win.doc()->image(0).shapes.empty());
    QCOMPARE(win.doc()->image(0).status, ImageStatus::None);
    win.w->action(QStringLiteral("actionRedo"))->trigger();
    QCOMPARE(win.doc()->image(0).shapes.size(), std::size_t(1));
    // Delete through the action (Delete key).
    win.w->scene()->selectIds({win.doc()->shapeIds(0)[0]});
    win.w->view()->setFocus();
    QTest::keyClick(win.w->view(), Qt::Key_Delete);
    QVERIFY(win.doc()->image(0).shapes.empty());
}

void TestMainWindow::copyPasteAcrossImages()
{
    Window win;
    QVERIFY(win.show(0));
    win.w->defaultLabelBox()->setCurrentText(QStringLiteral("dog"));
    win.drawBox(20, 30, 60, 80);
    win.drawBox(100, 40, 140, 90);
    win.w->action(QStringLiteral("actionSelectAll"))->trigger();
    QCOMPARE(win.w->scene()->selectedIds().size(), 2);
    win.w->action(QStringLiteral("actionCopy"))->trigger();
    const std::vector<Shape> copied = win.doc()->image(0).shapes;
    QVERIFY(win.show(1));
    win.w->action(QStringLiteral("actionPaste"))->trigger();
    QVERIFY(win.doc()->image(1).shapes == copied); // same coordinates on another image
    QCOMPARE(win.w->scene()->selectedIds().size(), 2);
    QCOMPARE(win.doc()->undoStack()->undoText(), QStringLiteral("Add 2 annotation(s)"));
    // Pasting back onto the source image offsets the copies.
    QVERIFY(win.show(0));
    QCOMPARE(win.w->paste(), 2);
    QCOMPARE(win.doc()->image(0).shapes.size(), std::size_t(4));
    QCOMPARE(win.doc()->image(0).shapes[2].box.x1, copied[0].box.x1 + 10);
    QCOMPARE(win.doc()->image(0).shapes[2].box.y1, copied[0].box.y1 + 10);
    win.doc()->undoStack()->undo();
    QCOMPARE(win.doc()->image(0).shapes.size(), std::size_t(2));
}

void TestMainWindow::renameLabelInDockAndUndo()
{
    Window win;
    QVERIFY(win.show(0));
    win.w->defaultLabelBox()->setCurrentText(QStringLiteral("cat"));
    win.drawBox(20, 30, 60, 80);
    QVERIFY(win.show(1));
    win.drawBox(10, 10, 50, 50);
    LabelsDock *dock = win.w->labelsDock();
    QTreeWidgetItem *cat = labelItem(dock, QStringLiteral("cat"));
    QVERIFY(cat);
    QCOMPARE(cat->text(1), QStringLiteral("2"));
    QVERIFY(dock->renameLabel(QStringLiteral("cat"), QStringLiteral("kitten")));
    QCOMPARE(win.doc()->image(0).shapes[0].label, std::string("kitten"));
    QCOMPARE(win.doc()->image(1).shapes[0].label, std::string("kitten"));
    QVERIFY(!labelItem(dock, QStringLiteral("cat")));
    QCOMPARE(labelItem(dock, QStringLiteral("kitten"))->text(1), QStringLiteral("2"));
    QCOMPARE(win.w->scene()->itemFor(win.doc()->shapeIds(1)[0])->annotation().label, std::string("kitten"));
    win.w->action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(win.doc()->image(0).shapes[0].label, std::string("cat"));
    QCOMPARE(win.doc()->image(1).shapes[0].label, std::string("cat"));
    QCOMPARE(labelItem(dock, QStringLiteral("cat"))->text(1), QStringLiteral("2"));
    // Merge two labels selected in the dock.
    win.w->defaultLabelBox()->setCurrentText(QStringLiteral("lion"));
    win.drawBox(60, 60, 90, 90);
    labelItem(dock, QStringLiteral("cat"))->setSelected(true);
    labelItem(dock, QStringLiteral("lion"))->setSelected(true);
    QCOMPARE(dock->selectedLabels().size(), 2);
    QVERIFY(dock->mergeLabels(dock->selectedLabels(), QStringLiteral("lion")));
    QCOMPARE(labelItem(dock, QStringLiteral("lion"))->text(1), QStringLiteral("3"));
}

void TestMainWindow::hideByLabelInDock()
{
    Window win;
    QVERIFY(win.show(0));
    win.w->defaultLabelBox()->setCurrentText(QStringLiteral("cat"));
    win.drawBox(20, 30, 60, 80);
    const ShapeId id = win.doc()->shapeIds(0)[0];
    QTreeWidgetItem *cat = labelItem(win.w->labelsDock(), QStringLiteral("cat"));
    cat->setCheckState(0, Qt::Unchecked);
    QVERIFY(!win.doc()->isLabelVisible(QStringLiteral("cat")));
    QVERIFY(!win.w->scene()->itemFor(id)->isVisible());
    win.w->action(QStringLiteral("actionShowAllLabels"))->trigger();
    QVERIFY(win.w->scene()->itemFor(id)->isVisible());
    QCOMPARE(labelItem(win.w->labelsDock(), QStringLiteral("cat"))->checkState(0), Qt::Checked);
}

void TestMainWindow::markReviewed()
{
    Window win;
    QVERIFY(win.show(1));
    QTest::keyClick(win.w.get(), Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(win.doc()->image(1).status, ImageStatus::Reviewed);
    QCOMPARE(win.w->imageListDock()->model()->index(1).data(ImageListModel::StatusRole).toInt(), int(ImageStatus::Reviewed));
    QVERIFY(win.w->action(QStringLiteral("actionMarkReviewed"))->isChecked());
    win.w->toggleReviewed();
    QCOMPARE(win.doc()->image(1).status, ImageStatus::None);
    win.doc()->undoStack()->undo();
    QCOMPARE(win.doc()->image(1).status, ImageStatus::Reviewed);
}

void TestMainWindow::captionsPanel()
{
    Window win;
    QVERIFY(win.show(0));
    TextDock *dock = win.w->textDock();
    dock->addCaption(QStringLiteral("A red square."));
    QCOMPARE(dock->captionList()->count(), 1);
    // Edit through the list item, as the delegate does after a double-click.
    dock->captionList()->item(0)->setText(QStringLiteral("A bright red square."));
    QCOMPARE(win.doc()->image(0).captions[0].text, std::string("A bright red square."));
    QCOMPARE(win.doc()->undoStack()->undoText(), QStringLiteral("Edit caption"));
    win.doc()->undoStack()->undo();
    QCOMPARE(dock->captionList()->item(0)->text(), QStringLiteral("A red square."));
    dock->removeCaption(0);
    QCOMPARE(dock->captionList()->count(), 0);
    win.doc()->undoStack()->undo();
    QCOMPARE(dock->captionList()->count(), 1);
    QVERIFY(win.show(1));
    QCOMPARE(dock->captionList()->count(), 0);
}

void TestMainWindow::shapeTextInPanel()
{
    Window win;
    QVERIFY(win.show(0));
    win.w->action(QStringLiteral("actionToolQuad"))->trigger();
    QTest::mousePress(win.vp(), Qt::LeftButton, {}, win.at(10, 10));
    QTest::mouseMove(win.vp(), win.at(50, 20));
    QTest::mouseMove(win.vp(), win.at(150, 40));
    QTest::mouseRelease(win.vp(), Qt::LeftButton, {}, win.at(150, 40));
    QCOMPARE(win.doc()->image(0).shapes.size(), std::size_t(1));
    QCOMPARE(win.doc()->image(0).shapes[0].kind, ShapeKind::Quad);
    QLineEdit *edit = win.w->textDock()->shapeTextEdit();
    QVERIFY(edit->isEnabled());
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("EXIT 42"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(win.doc()->image(0).shapes[0].text, std::string("EXIT 42"));
    QCOMPARE(win.doc()->undoStack()->undoText(), QStringLiteral("Edit text of 1 shape(s)"));
    // Text typed and not confirmed is kept when the image changes through a tool button.
    QTest::keyClicks(edit, QStringLiteral(" B"));
    win.w->action(QStringLiteral("actionNextImage"))->trigger();
    QCOMPARE(win.doc()->image(0).shapes[0].text, std::string("EXIT 42 B"));
}

void TestMainWindow::shortcutsDialogListsActions()
{
    MainWindow w;
    ShortcutsDialog dialog(w.menuBar(), {});
    QTableWidget *table = dialog.table();
    QHash<QString, QString> keys;
    for (int row = 0; row < table->rowCount(); ++row)
        keys.insert(table->item(row, 1)->text(), table->item(row, 2)->text());
    QCOMPARE(keys.value(QStringLiteral("Next Image")), QKeySequence(QStringLiteral("D")).toString(QKeySequence::NativeText)
                                                          + QStringLiteral(", ")
                                                          + QKeySequence(Qt::Key_PageDown).toString(QKeySequence::NativeText));
    for (const char *text : {"Box", "Polygon", "Quad (Text Line)", "Select and Edit", "Change Label", "Mark as Reviewed",
                             "Zoom In", "Fit to Window", "Copy", "Paste", "Undo", "Pan"})
        QVERIFY2(keys.contains(QString::fromLatin1(text)), text);
}

void TestMainWindow::everyActionHasAUniqueShortcut()
{
    MainWindow w;
    QHash<QKeySequence, QString> seen;
    for (QAction *a : w.findChildren<QAction *>()) {
        for (const QKeySequence &key : a->shortcuts()) {
            QVERIFY2(!key.isEmpty(), qPrintable(a->objectName()));
            QVERIFY2(!seen.contains(key), qPrintable(key.toString() + " used by " + seen.value(key) + " and " + a->objectName()));
            seen.insert(key, a->objectName());
        }
    }
    for (const char *name : {"actionToolSelect", "actionToolBox", "actionToolPolygon", "actionToolQuad", "actionNextImage",
                             "actionPreviousImage", "actionZoomIn", "actionZoomOut", "actionFit", "actionActualSize",
                             "actionDelete", "actionCopy", "actionPaste", "actionUndo", "actionRedo", "actionSave"})
        QVERIFY2(!w.action(QString::fromLatin1(name))->shortcuts().isEmpty(), name);
}

void TestMainWindow::languageMenuStoresChoice()
{
    MainWindow w;
    w.action(QStringLiteral("actionLanguage_de"))->trigger();
    QCOMPARE(QSettings().value(QLatin1String(kLanguageSettingKey)).toString(), QStringLiteral("de"));
    QVERIFY(availableTranslations().contains(QStringLiteral("de")));
    QVERIFY(availableTranslations().contains(QStringLiteral("zh_CN")));
}

void TestMainWindow::translationsAreCompleteAndLoad_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("fileMenu");
    QTest::addColumn<QString>("oneImage");
    QTest::addColumn<QString>("twoImages");
    QTest::newRow("de") << "de" << "&Datei" << "1 Bild" << "2 Bilder";
    QTest::newRow("zh_CN") << "zh_CN" << "文件(&F)" << "1 张图像" << "2 张图像";
    QTest::newRow("en plurals") << "en" << "&File" << "1 image" << "2 images";
}

void TestMainWindow::translationsAreCompleteAndLoad()
{
    QFETCH(QString, language);
    QFETCH(QString, fileMenu);
    QFETCH(QString, oneImage);
    QFETCH(QString, twoImages);
    // Every message of the full translations is finished.
    QFile ts(QStringLiteral(FLORENCE_TEST_DATA "/../../translations/florence_studio_%1.ts").arg(language));
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
    const QByteArray text = ts.readAll();
    if (language != QLatin1String("en")) {
        QVERIFY(text.count("<message") > 200);
        QCOMPARE(text.count("type=\"unfinished\""), 0);
    }
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(FLORENCE_BINARY_DIR "/app/florence_studio_%1.qm").arg(language)));
    QCoreApplication::installTranslator(&translator);
    MainWindow w;
    QCOMPARE(w.menuBar()->actions().first()->text(), fileMenu);
    QCOMPARE(QCoreApplication::translate("florence::ui::ImageListDock", "%n image(s)", nullptr, 1), oneImage);
    QCOMPARE(QCoreApplication::translate("florence::ui::ImageListDock", "%n image(s)", nullptr, 2), twoImages);
    QCoreApplication::removeTranslator(&translator);
}

void TestMainWindow::qtOwnDialogsAreTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("cancel");
    QTest::addColumn<QString>("lookIn");
    QTest::newRow("de") << "de" << "Abbrechen" << "Suchen in:";
    QTest::newRow("zh_CN") << "zh_CN" << "取消" << "查找范围：";
}

void TestMainWindow::qtOwnDialogsAreTranslated()
{
    // installTranslators() loads Qt's own translations (Debian's qt6-translations-l10n, installed by
    // scripts/setup.sh) with ours: message-box buttons and the file dialog speak the chosen language.
    QFETCH(QString, language);
    QFETCH(QString, cancel);
    QFETCH(QString, lookIn);
    QSettings().setValue(QLatin1String(kLanguageSettingKey), language);
    const QList<QTranslator *> before = QCoreApplication::instance()->findChildren<QTranslator *>();
    installTranslators(*QCoreApplication::instance());
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), cancel);
    QCOMPARE(QCoreApplication::translate("QFileDialog", "Look in:"), lookIn);
    for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>())
        if (!before.contains(t)) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    QSettings().remove(QLatin1String(kLanguageSettingKey));
    QLocale::setDefault(QLocale::c());
}

void TestMainWindow::autosaveOnCloseAndReopen()
{
    Window win;
    QVERIFY(win.show(0));
    win.w->controller()->autosaver()->setDelay(60000); // only the close may save
    win.w->defaultLabelBox()->setCurrentText(QStringLiteral("cat"));
    win.drawBox(20, 30, 60, 80);
    win.w->textDock()->addCaption(QStringLiteral("caption"));
    const ImageRecord before = win.doc()->image(0);
    QVERIFY(win.w->close());
    const QString file = defaultProjectPath(win.dir.path());
    QVERIFY(QFileInfo::exists(file));
    win.open();
    QVERIFY(win.doc()->image(0) == before);
    QVERIFY(win.prompts.warnings.isEmpty());
}

void TestMainWindow::undoOnAnotherImageShowsIt()
{
    Window win;
    QVERIFY(win.show(0));
    win.w->defaultLabelBox()->setCurrentText(QStringLiteral("cat"));
    win.drawBox(20, 30, 60, 80);
    QVERIFY(win.show(2));
    QCOMPARE(win.w->action(QStringLiteral("actionUndo"))->text(), QStringLiteral("&Undo Add 1 annotation(s)"));
    win.w->action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(win.w->currentImage(), 0);
    QVERIFY(win.doc()->image(0).shapes.empty());
    QVERIFY(win.show(2));
    win.w->action(QStringLiteral("actionRedo"))->trigger();
    QCOMPARE(win.w->currentImage(), 0);
    // A batch added to other images (an import, a model run) does not move the view.
    QVERIFY(win.show(2));
    Shape s;
    s.box = Box{1, 1, 5, 5};
    s.origin = "<OD>";
    win.doc()->addAnnotations(0, {s});
    win.doc()->addAnnotations(1, {s});
    QCOMPARE(win.w->currentImage(), 2);
}

void TestMainWindow::exceptionsDoNotLeaveTheEventLoop()
{
    auto *app = qobject_cast<florence::ui::Application *>(QCoreApplication::instance());
    QVERIFY(app);
    QSignalSpy errors(app, &florence::ui::Application::unexpectedError);
    QObject thrower;
    QTimer::singleShot(0, &thrower, [] { throw std::runtime_error("boom in a slot"); });
    QTRY_COMPARE(errors.count(), 1);
    QCOMPARE(app->lastError(), QStringLiteral("boom in a slot"));
    MainWindow w;
    w.reportError(app->lastError()); // what the application connects
    QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("boom in a slot")));
}

/// Grabs the window with a selection being edited, the shortcuts dialog and the label dialog and
/// checks that each rendered (full size, not blank). With FLORENCE_SCREENSHOT_DIR set they are saved
/// there to be looked at; otherwise into a temporary folder.
void TestMainWindow::screenshots()
{
    QTemporaryDir tmp;
    const QString out = qEnvironmentVariable("FLORENCE_SCREENSHOT_DIR", tmp.path());
    Window win;
    win.waitForThumbnails();
    QVERIFY(win.show(0));
    win.w->defaultLabelBox()->setCurrentText(QStringLiteral("car"));
    win.drawBox(20, 30, 120, 100);
    win.w->action(QStringLiteral("actionToolPolygon"))->trigger();
    for (const QPointF &p : {QPointF(130, 20), QPointF(190, 30), QPointF(180, 120), QPointF(140, 110)})
        QTest::mouseClick(win.vp(), Qt::LeftButton, {}, win.at(p.x(), p.y()));
    QTest::keyClick(win.vp(), Qt::Key_Return);
    win.w->action(QStringLiteral("actionToolSelect"))->trigger();
    QTest::mouseClick(win.vp(), Qt::LeftButton, {}, win.at(160, 60));
    QTest::mouseClick(win.vp(), Qt::LeftButton, {}, win.at(190, 30));
    win.w->textDock()->addCaption(QStringLiteral("A red square with a car and a polygon."));
    win.w->imageListDock()->updateSummary();
    QCoreApplication::processEvents();
    QVERIFY(saveRendered(win.w.get(), out + QStringLiteral("/window-selection.png")));
    ShortcutsDialog shortcuts(win.w->menuBar(), {});
    shortcuts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&shortcuts));
    QVERIFY(saveRendered(&shortcuts, out + QStringLiteral("/shortcuts.png")));
    LabelDialog labels(win.doc()->labels() << QStringLiteral("person") << QStringLiteral("bicycle"));
    labels.setLabel(QStringLiteral("car"));
    labels.show();
    QVERIFY(QTest::qWaitForWindowExposed(&labels));
    QVERIFY(saveRendered(&labels, out + QStringLiteral("/label-dialog.png")));
}

FLORENCE_TEST_CLASS(TestMainWindow)

#include "test_main_window.moc"
