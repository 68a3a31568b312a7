// The window in German and Chinese (issue 17): no English where a core message is shown (the image
// list's error entry), no clipped text (status-bar messages, the shortcuts dialog's columns), the
// Plots panel opening without squeezing the canvas, and unique menu mnemonics in every language. Each screen is also saved as a PNG, to
// $FLORENCE_SCREENSHOT_DIR when set (docs/l10n/ holds the reviewed ones).
#include "canvas/canvas_view.h"
#include "common/error_text.h"
#include "dialogs/shortcuts_dialog.h"
#include "document/document.h"
#include "main_window.h"
#include "panels/image_list_dock.h"
#include "panels/image_list_model.h"
#include "panels/plots_dock.h"
#include "panels/thumbnail_loader.h"
#include "project/autosaver.h"
#include "project/project_controller.h"
#include "resources.h"
#include "ui/ui_test_support.h"
#include "test_registry.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QTabWidget>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

using namespace florence;
using namespace florence::ui;
using florence::test::FakePrompts;
using florence::test::saveRendered;
using florence::test::writeBytes;
using florence::test::writeImage;

class TestL10nScreens : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void screens_data();
    void screens();
    void menuMnemonicsAreUnique_data();
    void menuMnemonicsAreUnique();

private:
    QList<QTranslator *> m_installed;
};

namespace {

/// True when `text` holds a Latin letter (Chinese text must not, apart from names).
bool hasLatin(const QString &text)
{
    return text.contains(QRegularExpression(QStringLiteral("[A-Za-z]")));
}

} // namespace

void TestL10nScreens::cleanup()
{
    for (QTranslator *t : std::as_const(m_installed)) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    m_installed.clear();
    QSettings().remove(QLatin1String(kLanguageSettingKey));
    QLocale::setDefault(QLocale::c());
}

void TestL10nScreens::screens_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("de") << "de";
    QTest::newRow("zh_CN") << "zh_CN";
}

void TestL10nScreens::screens()
{
    QFETCH(QString, language);
    QTemporaryDir tmp;
    const QString out = qEnvironmentVariable("FLORENCE_SCREENSHOT_DIR", tmp.path());
    const QString suffix = QLatin1Char('_') + language + QStringLiteral(".png");
    QSettings().setValue(QLatin1String(kLanguageSettingKey), language);
    const QList<QTranslator *> before = QCoreApplication::instance()->findChildren<QTranslator *>();
    installTranslators(*QCoreApplication::instance()); // Qt's own strings (our .qm files live in the app)
    for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>())
        if (!before.contains(t))
            m_installed << t;
    auto *ours = new QTranslator;
    m_installed << ours;
    QVERIFY(ours->load(QStringLiteral(FLORENCE_BINARY_DIR "/app/florence_studio_%1.qm").arg(language)));
    QCoreApplication::installTranslator(ours);
    QLocale::setDefault(QLocale(language));

    // A folder with good images and a broken one, in a folder with a long name.
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("a-folder-with-a-rather-long-name/and-another-level/photos-2026"));
    QVERIFY(QDir().mkpath(folder));
    writeImage(folder + QStringLiteral("/01-street.png"), 640, 480, Qt::darkCyan);
    writeImage(folder + QStringLiteral("/02-park.jpg"), 480, 640, Qt::darkGreen);
    writeBytes(folder + QStringLiteral("/03-broken.jpg"), QByteArray("not an image at all"));
    FakePrompts prompts;
    MainWindow w;
    w.setPrompts(&prompts);
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openFolder(folder, false));
    QTRY_VERIFY_WITH_TIMEOUT(!w.imageListDock()->model()->loader()->isBusy(), 20000);
    w.imageListDock()->updateSummary();

    // The error entry: the sentence is translated, core's English detail is in the tooltip only.
    ImageListModel *model = w.imageListDock()->model();
    const QModelIndex broken = model->index(2);
    QVERIFY(!model->error(2).isEmpty());
    const QString summary = broken.data(ImageListModel::ErrorSummaryRole).toString();
    QCOMPARE(summary, ErrorText::summary(ErrorContext::Image, ErrorKind::BadInput));
    QVERIFY2(summary != QLatin1String("This image cannot be read."),
             qPrintable(summary));
    if (language == QLatin1String("zh_CN"))
        QVERIFY2(!hasLatin(summary), qPrintable(summary));
    const QString tip = broken.data(Qt::ToolTipRole).toString();
    const QString detail = QString(model->error(2)).replace(w.document()->absolutePath(2), QStringLiteral("03-broken.jpg"));
    QVERIFY2(tip.contains(summary + QLatin1Char('\n') + detail), qPrintable(tip));
    w.showImage(2);
    QCoreApplication::processEvents();
    auto *list = w.imageListDock()->findChild<QListView *>();
    QVERIFY(list);
    const QRect entry = list->visualRect(broken);
    QVERIFY(!list->viewport()->grab(entry).isNull());
    QVERIFY(list->viewport()->grab(entry).save(out + QStringLiteral("/error_entry") + suffix));

    // A long status-bar message is elided to the room left of the permanent labels, whole in the
    // tooltip, also after those labels changed.
    const QString longMessage = QCoreApplication::translate("florence::ui::ProjectController", "Saved %1")
                                    .arg(QDir::toNativeSeparators(folder + QStringLiteral("/florence-project.json")));
    w.statusBar()->showMessage(longMessage + QLatin1Char(' ') + longMessage, 60000);
    QCOMPARE(w.statusBar()->toolTip(), longMessage + QLatin1Char(' ') + longMessage);
    const auto messageFits = [&w] {
        int room = w.statusBar()->width();
        for (QWidget *child : w.statusBar()->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            if (child->isVisible() && child->width() > 0 && child->x() > 0)
                room = std::min(room, child->x());
        const QString shown = w.statusBar()->currentMessage();
        const int width = w.statusBar()->fontMetrics().horizontalAdvance(shown);
        return width <= room ? QString() : QStringLiteral("%1 px for %2 px: %3").arg(width).arg(room).arg(shown);
    };
    QCOMPARE(messageFits(), QString());
    QVERIFY(saveRendered(&w, out + QStringLiteral("/main_window") + suffix));

    // Opening Plots (a tab next to Batch) does not widen the right dock area and squeeze the canvas,
    // whatever the labels and the (long, translated) plot titles.
    std::vector<Shape> shapes;
    const bool chinese = language == QLatin1String("zh_CN");
    const char *german[] = {"Fahrrad", "Straßenbahnhaltestelle", "Person", "Verkehrsschild", "Ampel", "Lieferwagen mit Anhänger"};
    const char *chineseLabels[] = {"自行车", "有轨电车站", "行人", "交通标志", "红绿灯", "带拖车的货车"};
    const char *const *labels = chinese ? chineseLabels : german;
    for (int i = 0; i < 21; ++i) {
        Shape s;
        s.box = Box{15.0 + (i % 7) * 88.0, 15.0 + (i / 7) * 150.0, 85.0 + (i % 7) * 88.0, 140.0 + (i / 7) * 150.0};
        s.label = labels[(i * i) % 6];
        s.score = 0.3 + 0.03 * i;
        s.origin = "<OD>";
        s.pending = i % 3 == 0; // a few suggestions to review
        shapes.push_back(s);
    }
    w.document()->addAnnotations(0, shapes);
    w.showImage(0);
    // The review counter: the image's share in brackets, no space before a full-width bracket.
    auto *review = w.findChild<QLabel *>(QStringLiteral("reviewLabel"));
    QVERIFY(review);
    QTRY_VERIFY(!review->text().isEmpty());
    if (chinese)
        QVERIFY2(review->text().contains(QStringLiteral("（")) && !review->text().contains(QStringLiteral(" （")),
                 qPrintable(review->text()));
    else
        QVERIFY2(review->text().contains(QStringLiteral(" (")), qPrintable(review->text()));
    auto *plots = w.findChild<PlotsDock *>();
    QVERIFY(plots);
    RunTimings timings;
    timings.preprocessMs = 12.4;
    timings.visionMs = 421.7;
    timings.encoderMs = 80.2;
    timings.decodeMs = 1480.5;
    timings.totalMs = 2003.1;
    timings.decodeSteps = 57;
    plots->setTimings(timings);
    QCoreApplication::processEvents();
    const int canvasWidth = w.view()->width();
    plots->show();
    plots->raise();
    auto *tabs = plots->findChild<QTabWidget *>();
    QVERIFY(tabs);
    for (int tab = tabs->count() - 1; tab >= 0; --tab) {
        tabs->setCurrentIndex(tab);
        QTest::qWait(50);
        QVERIFY2(w.view()->width() >= canvasWidth - 2, qPrintable(QStringLiteral("canvas %1 px before Plots, %2 px with tab %3")
                                                                     .arg(canvasWidth).arg(w.view()->width()).arg(tabs->tabText(tab))));
        if (tab == 2)
            QVERIFY(saveRendered(plots, out + QStringLiteral("/plots_timing") + suffix));
    }
    QCOMPARE(messageFits(), QString()); // the position label grew with the image shown
    QVERIFY(saveRendered(&w, out + QStringLiteral("/plots") + suffix));

    // The shortcuts dialog: every column as wide as its contents (no clipped key), keys in the language.
    ShortcutsDialog shortcuts(w.menuBar(), {});
    shortcuts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&shortcuts));
    QTableWidget *table = shortcuts.table();
    // The dialog is as wide as its columns need, unless the screen is narrower (the offscreen test
    // screen is 800 px; under Xvfb at 1600 px every column fits in German and Chinese, see docs/l10n/).
    const int margin = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
    int columnsNeed = 0;
    QList<int> need;
    for (int column = 0; column < 3; ++column) {
        int widest = 0;
        for (int row = 0; row < table->rowCount(); ++row)
            widest = std::max(widest, table->fontMetrics().horizontalAdvance(table->item(row, column)->text()) + margin);
        need << widest;
        columnsNeed += widest;
    }
    const int screenWidth = shortcuts.screen()->availableGeometry().width() - 40;
    if (columnsNeed + 60 <= screenWidth) {
        for (int column = 0; column < 3; ++column)
            QVERIFY2(table->columnWidth(column) >= need[column],
                     qPrintable(QStringLiteral("column %1: %2 px for %3 px").arg(column).arg(table->columnWidth(column)).arg(need[column])));
    } else {
        QVERIFY2(shortcuts.width() >= screenWidth, qPrintable(QStringLiteral("%1 px wide on a %2 px screen").arg(shortcuts.width()).arg(screenWidth)));
        for (int column : {0, 2}) // the action column takes what is left
            QVERIFY2(table->columnWidth(column) >= need[column],
                     qPrintable(QStringLiteral("column %1: %2 px for %3 px").arg(column).arg(table->columnWidth(column)).arg(need[column])));
    }
    QStringList keys;
    for (int row = 0; row < table->rowCount(); ++row) {
        keys << table->item(row, 2)->text();
        const QString menu = table->item(row, 0)->text();
        QVERIFY2(!menu.contains(QLatin1Char('&')) && !menu.contains(QLatin1Char('(')), qPrintable(menu));
        if (language == QLatin1String("zh_CN")) // "文件", not "文件(F)"
            QVERIFY2(!hasLatin(menu), qPrintable(menu));
    }
    if (language == QLatin1String("de"))
        QVERIFY2(keys.join(QLatin1Char(' ')).contains(QStringLiteral("Strg+")), qPrintable(keys.join(QLatin1Char(' '))));
    QVERIFY(saveRendered(&shortcuts, out + QStringLiteral("/shortcuts") + suffix));

    // Qt's own file dialog (the non-native one, as under Xvfb) speaks the language.
    QFileDialog files(&w, QString(), folder);
    files.setOption(QFileDialog::DontUseNativeDialog);
    files.resize(860, 460);
    files.show();
    QVERIFY(QTest::qWaitForWindowExposed(&files));
    QTest::qWait(200); // the file system model lists the folder
    QVERIFY(saveRendered(&files, out + QStringLiteral("/file_dialog") + suffix));
}

void TestL10nScreens::menuMnemonicsAreUnique_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << "";
    QTest::newRow("de") << "de";
    QTest::newRow("zh_CN") << "zh_CN";
}

void TestL10nScreens::menuMnemonicsAreUnique()
{
    // Alt+letter must reach one entry: within the menu bar and within every menu, no two entries
    // share their &-letter, in English and in each translation.
    QFETCH(QString, language);
    QTranslator translator;
    if (!language.isEmpty()) {
        QVERIFY(translator.load(QStringLiteral(FLORENCE_BINARY_DIR "/app/florence_studio_%1.qm").arg(language)));
        QCoreApplication::installTranslator(&translator);
    }
    const auto removeTranslator = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });
    MainWindow w;
    const auto mnemonic = [](const QString &text) -> QChar {
        for (int i = 0; i + 1 < text.size(); ++i) {
            if (text.at(i) != QLatin1Char('&'))
                continue;
            if (text.at(i + 1) != QLatin1Char('&'))
                return text.at(i + 1).toLower();
            ++i; // "&&" is a literal ampersand
        }
        return QChar();
    };
    const auto check = [&](const QString &where, const QList<QAction *> &actions) {
        QHash<QChar, QString> seen;
        for (QAction *a : actions) {
            if (a->isSeparator() || !a->isVisible())
                continue;
            const QChar letter = mnemonic(a->text());
            if (letter.isNull())
                continue;
            QStringList all;
            for (QAction *b : actions)
                all << b->text();
            QVERIFY2(!seen.contains(letter), qPrintable(QStringLiteral("%1: '%2' in \"%3\" and \"%4\" (%5)")
                                                             .arg(where, letter, seen.value(letter), a->text(), all.join(QStringLiteral(" | ")))));
            seen.insert(letter, a->text());
        }
    };
    check(QStringLiteral("menu bar"), w.menuBar()->actions());
    int menus = 0;
    for (QMenu *menu : w.findChildren<QMenu *>()) {
        if (menu->actions().isEmpty())
            continue;
        check(menu->title(), menu->actions());
        ++menus;
    }
    QVERIFY(menus >= 6);
}

FLORENCE_TEST_CLASS(TestL10nScreens)

#include "test_l10n_screens.moc"
