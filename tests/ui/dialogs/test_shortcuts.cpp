// Tests of editable keyboard shortcuts: a key changed in Help > Keyboard Shortcuts reaches the action
// at once and a new main window (saved in QSettings), clearing and "Reset to Default" (one action,
// all), conflicts refused and reassigned, keys the canvas keeps, saved keys against new defaults.
#include "dialogs/shortcut_settings.h"
#include "dialogs/shortcuts_dialog.h"
#include "canvas/canvas_view.h"
#include "main_window.h"
#include "ui/ui_test_support.h"

#include <QAction>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include "test_registry.h"

#include <QtTest>

using namespace florence::ui;

namespace {

using Keys = QList<QKeySequence>;

QKeySequence key(const char *text)
{
    return QKeySequence(QString::fromLatin1(text), QKeySequence::PortableText);
}

/// The shortcuts dialog of `w`, shown, editable.
struct Dialog
{
    ShortcutsDialog dialog;

    explicit Dialog(MainWindow &w)
        : dialog(w.menuBar(), {}, ShortcutSettings::of(&w))
    {
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    }
    /// Records `k` in slot `slot` of `action` as a user does (click, keys, the edit's one-second pause).
    void record(QAction *action, int slot, QKeyCombination k)
    {
        QVERIFY(dialog.selectAction(action));
        QKeySequenceEdit *edit = dialog.keyEdit(slot);
        QVERIFY(edit && edit->isEnabled());
        edit->setFocus();
        QSignalSpy finished(edit, &QKeySequenceEdit::editingFinished);
        QTest::keyClick(edit, k.key(), k.keyboardModifiers());
        QVERIFY(finished.wait(3000));
    }
    QString rowText(QAction *action) const
    {
        const int row = dialog.rowOf(action);
        return row < 0 ? QString() : dialog.table()->item(row, 2)->text();
    }
};

/// No key is used by two actions of `w`.
bool keysUnique(const MainWindow &w, QString *clash)
{
    QHash<QKeySequence, QString> seen;
    for (const QAction *a : w.findChildren<QAction *>()) {
        for (const QKeySequence &k : a->shortcuts()) {
            if (seen.contains(k)) {
                *clash = k.toString() + QStringLiteral(": ") + seen.value(k) + QStringLiteral(", ") + a->objectName();
                return false;
            }
            seen.insert(k, a->objectName());
        }
    }
    return true;
}

} // namespace

class TestShortcuts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }
    void defaultsAreKept();
    void changeInDialogAppliesAndPersists();
    void clearAndResetToDefault();
    void recordingWithoutAKeyChangesNothing();
    void conflictIsRefusedThenReassigned();
    void resetTakesTheKeyBackAndResetAll();
    void reservedAndPrefixKeysAreRefused();
    void savedKeyBeatsANewDefault();
    void actionsWithoutKeysCanGetOne();
    void filter();
    void namesWithoutMnemonics_data();
    void namesWithoutMnemonics();
    void screenshot();
};

void TestShortcuts::namesWithoutMnemonics_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::newRow("letter") << "&File" << "File";
    QTest::newRow("inside, ellipsis") << "Save Project &As…" << "Save Project As";
    QTest::newRow("three dots") << "Open &Folder..." << "Open Folder";
    QTest::newRow("literal ampersand") << "R&&D &Notes" << "R&D Notes";
    QTest::newRow("chinese") << "文件(&F)" << "文件";
    QTest::newRow("chinese, ellipsis") << "打开图像(&O)…" << "打开图像";
    QTest::newRow("chinese after iconText") << "打开文件夹(F)" << "打开文件夹";
    QTest::newRow("full-width brackets") << "语言（&G）" << "语言";
    QTest::newRow("brackets kept") << "实际大小 (100 %)(&A)" << "实际大小 (100 %)";
}

void TestShortcuts::namesWithoutMnemonics()
{
    // The dialog lists actions by their menu text without Alt-letters, in every language.
    QFETCH(QString, text);
    QFETCH(QString, name);
    QCOMPARE(ShortcutSettings::withoutMnemonic(text), name);
}

void TestShortcuts::defaultsAreKept()
{
    MainWindow w;
    ShortcutSettings *settings = ShortcutSettings::of(&w);
    QVERIFY(settings);
    QAction *next = w.action(QStringLiteral("actionNextImage"));
    QVERIFY(settings->isManaged(next));
    QCOMPARE(next->shortcuts(), (Keys{key("D"), QKeySequence(Qt::Key_PageDown)}));
    QCOMPARE(settings->defaultShortcuts(next), next->shortcuts());
    QCOMPARE(w.action(QStringLiteral("actionPreviousImage"))->shortcuts().first(), key("A"));
    for (QAction *a : settings->actions())
        QVERIFY2(settings->isDefault(a), qPrintable(a->objectName()));
    // Nothing is written while nothing changed.
    QVERIFY(QSettings().childKeys().isEmpty() && QSettings().childGroups().isEmpty());
    // Every named menu action is managed, the model menu's included.
    QVERIFY(settings->isManaged(w.findChild<QAction *>(QStringLiteral("actionRunTask"))));
    QVERIFY(settings->isManaged(w.action(QStringLiteral("actionOpenProject"))));
}

void TestShortcuts::changeInDialogAppliesAndPersists()
{
    {
        MainWindow w;
        QAction *next = w.action(QStringLiteral("actionNextImage"));
        Dialog d(w);
        d.record(next, 0, Qt::CTRL | Qt::Key_K);
        // At once: the action, the table, the tool tip, the settings.
        QCOMPARE(next->shortcuts(), (Keys{key("Ctrl+K"), QKeySequence(Qt::Key_PageDown)}));
        QCOMPARE(d.rowText(next), key("Ctrl+K").toString(QKeySequence::NativeText) + QStringLiteral(", ")
                                      + QKeySequence(Qt::Key_PageDown).toString(QKeySequence::NativeText));
        QVERIFY(d.rowText(next).size() > 0 && d.dialog.table()->item(d.dialog.rowOf(next), 2)->font().bold());
        QVERIFY2(next->toolTip().endsWith(QStringLiteral("(%1)").arg(key("Ctrl+K").toString(QKeySequence::NativeText))),
                 qPrintable(next->toolTip()));
        QVERIFY(d.dialog.conflictLabel()->text().isEmpty());
        QCOMPARE(QSettings().value(QStringLiteral("shortcuts/actionNextImage")).toString(), QStringLiteral("Ctrl+K; PgDown"));
        // The alternative slot takes a key too.
        d.record(next, 1, Qt::Key_J);
        QCOMPARE(next->shortcuts(), (Keys{key("Ctrl+K"), key("J")}));
    }
    // A new window gets the saved keys; the released default D is free.
    MainWindow w;
    QAction *next = w.action(QStringLiteral("actionNextImage"));
    QCOMPARE(next->shortcuts(), (Keys{key("Ctrl+K"), key("J")}));
    QCOMPARE(ShortcutSettings::of(&w)->defaultShortcuts(next), (Keys{key("D"), QKeySequence(Qt::Key_PageDown)}));
    QVERIFY(!ShortcutSettings::of(&w)->conflictingAction(key("D")));
    // And the new key does what the old one did.
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    next->setEnabled(true); // no folder is open: enabled by hand, only the key is under test
    w.view()->setFocus();
    QSignalSpy triggered(next, &QAction::triggered);
    QTest::keyClick(&w, Qt::Key_K, Qt::ControlModifier);
    QCOMPARE(triggered.size(), 1);
    QTest::keyClick(&w, Qt::Key_D);
    QCOMPARE(triggered.size(), 1);
}

void TestShortcuts::clearAndResetToDefault()
{
    MainWindow w;
    QAction *next = w.action(QStringLiteral("actionNextImage"));
    Dialog d(w);
    QVERIFY(d.dialog.selectAction(next));
    QVERIFY(!d.dialog.resetButton()->isEnabled());
    QTest::mouseClick(d.dialog.clearButton(1), Qt::LeftButton);
    QCOMPARE(next->shortcuts(), (Keys{key("D")}));
    QCOMPARE(QSettings().value(QStringLiteral("shortcuts/actionNextImage")).toString(), QStringLiteral("D"));
    QTest::mouseClick(d.dialog.clearButton(0), Qt::LeftButton);
    QVERIFY(!d.dialog.clearButton(0)->isEnabled());
    QVERIFY(next->shortcuts().isEmpty());
    QVERIFY(QSettings().contains(QStringLiteral("shortcuts/actionNextImage")));
    QCOMPARE(QSettings().value(QStringLiteral("shortcuts/actionNextImage")).toString(), QString());
    {
        MainWindow again; // "no key" is a setting too
        QVERIFY(again.action(QStringLiteral("actionNextImage"))->shortcuts().isEmpty());
    }
    QVERIFY(d.dialog.resetButton()->isEnabled());
    QTest::mouseClick(d.dialog.resetButton(), Qt::LeftButton);
    QCOMPARE(next->shortcuts(), (Keys{key("D"), QKeySequence(Qt::Key_PageDown)}));
    QCOMPARE(d.dialog.keyEdit(0)->keySequence(), key("D"));
    QCOMPARE(d.dialog.keyEdit(1)->keySequence(), QKeySequence(Qt::Key_PageDown));
    QVERIFY(!QSettings().contains(QStringLiteral("shortcuts/actionNextImage")));
    QVERIFY(!d.dialog.resetButton()->isEnabled());
    QVERIFY(!d.dialog.table()->item(d.dialog.rowOf(next), 2)->font().bold());
}

void TestShortcuts::recordingWithoutAKeyChangesNothing()
{
    // The edit clears itself when recording starts (a lone Ctrl press); leaving it then must not
    // remove the key.
    MainWindow w;
    QAction *next = w.action(QStringLiteral("actionNextImage"));
    Dialog d(w);
    QVERIFY(d.dialog.selectAction(next));
    QKeySequenceEdit *edit = d.dialog.keyEdit(0);
    edit->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(&d.dialog));
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyPress(edit, Qt::Key_Control, Qt::ControlModifier);
    QVERIFY(edit->keySequence().isEmpty());
    QTest::keyRelease(edit, Qt::Key_Control);
    d.dialog.filterEdit()->setFocus(); // focus leaves: the edit finishes with no key
    QTRY_COMPARE(edit->keySequence(), key("D"));
    QCOMPARE(next->shortcuts(), (Keys{key("D"), QKeySequence(Qt::Key_PageDown)}));
    QVERIFY(QSettings().allKeys().isEmpty());
}

void TestShortcuts::conflictIsRefusedThenReassigned()
{
    {
        MainWindow w;
        QAction *next = w.action(QStringLiteral("actionNextImage"));
        QAction *exportCoco = w.action(QStringLiteral("actionExportCoco"));
        QCOMPARE(exportCoco->shortcuts(), (Keys{key("Ctrl+E")}));
        Dialog d(w);
        d.record(next, 0, Qt::CTRL | Qt::Key_E);
        // Refused: nothing changed, nothing saved, the reason names the other action.
        QCOMPARE(next->shortcuts(), (Keys{key("D"), QKeySequence(Qt::Key_PageDown)}));
        QCOMPARE(exportCoco->shortcuts(), (Keys{key("Ctrl+E")}));
        QVERIFY(QSettings().allKeys().isEmpty());
        QVERIFY(d.dialog.conflictLabel()->isVisibleTo(&d.dialog));
        QVERIFY2(d.dialog.conflictLabel()->text().contains(QStringLiteral("File ▸ Export ▸ COCO Instances and Captions")),
                 qPrintable(d.dialog.conflictLabel()->text()));
        QVERIFY(d.dialog.reassignButton()->isVisibleTo(&d.dialog));
        // Reassign moves the key: both actions change and are saved.
        QTest::mouseClick(d.dialog.reassignButton(), Qt::LeftButton);
        QCOMPARE(next->shortcuts(), (Keys{key("Ctrl+E"), QKeySequence(Qt::Key_PageDown)}));
        QVERIFY(exportCoco->shortcuts().isEmpty());
        QVERIFY(!d.dialog.conflictLabel()->isVisibleTo(&d.dialog));
        QVERIFY(d.rowText(exportCoco).isEmpty());
        QString clash;
        QVERIFY2(keysUnique(w, &clash), qPrintable(clash));
    }
    MainWindow w;
    QCOMPARE(w.action(QStringLiteral("actionNextImage"))->shortcuts(), (Keys{key("Ctrl+E"), QKeySequence(Qt::Key_PageDown)}));
    QVERIFY(w.action(QStringLiteral("actionExportCoco"))->shortcuts().isEmpty());
}

void TestShortcuts::resetTakesTheKeyBackAndResetAll()
{
    MainWindow w;
    ShortcutSettings *settings = ShortcutSettings::of(&w);
    QAction *next = w.action(QStringLiteral("actionNextImage"));
    QAction *exportCoco = w.action(QStringLiteral("actionExportCoco"));
    QAction *box = w.action(QStringLiteral("actionToolBox"));
    QCOMPARE(settings->reassign(next, 0, key("Ctrl+E")), exportCoco);
    QVERIFY(settings->setShortcuts(box, {key("X")}));
    Dialog d(w);
    // Resetting the export action takes Ctrl+E back from Next Image, and says so.
    QVERIFY(d.dialog.selectAction(exportCoco));
    QTest::mouseClick(d.dialog.resetButton(), Qt::LeftButton);
    QCOMPARE(exportCoco->shortcuts(), (Keys{key("Ctrl+E")}));
    QCOMPARE(next->shortcuts(), (Keys{QKeySequence(Qt::Key_PageDown)}));
    QVERIFY(!QSettings().contains(QStringLiteral("shortcuts/actionExportCoco")));
    QCOMPARE(QSettings().value(QStringLiteral("shortcuts/actionNextImage")).toString(), QStringLiteral("PgDown"));
    QVERIFY(d.dialog.findChild<QLabel *>(QStringLiteral("shortcutNote"))->text().contains(QStringLiteral("Next Image")));
    // Reset All restores every default and forgets every saved key.
    QVERIFY(d.dialog.resetAllButton()->isEnabled());
    QTest::mouseClick(d.dialog.resetAllButton(), Qt::LeftButton);
    QCOMPARE(next->shortcuts(), (Keys{key("D"), QKeySequence(Qt::Key_PageDown)}));
    QCOMPARE(box->shortcuts(), (Keys{key("B")}));
    QVERIFY(QSettings().allKeys().isEmpty());
    QVERIFY(!d.dialog.resetAllButton()->isEnabled());
    for (QAction *a : settings->actions())
        QVERIFY2(settings->isDefault(a), qPrintable(a->objectName()));
}

void TestShortcuts::reservedAndPrefixKeysAreRefused()
{
    MainWindow w;
    ShortcutSettings *settings = ShortcutSettings::of(&w);
    QAction *next = w.action(QStringLiteral("actionNextImage"));
    const Keys before = next->shortcuts();
    QString why;
    for (const QKeySequence &k : {QKeySequence(Qt::Key_Escape), QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_Left),
                                  QKeySequence(Qt::SHIFT | Qt::Key_Down), QKeySequence(Qt::Key_Tab)}) {
        why.clear();
        QVERIFY2(!settings->setShortcuts(next, {k}, &why), qPrintable(k.toString()));
        QVERIFY2(why.contains(k.toString(QKeySequence::NativeText)), qPrintable(why));
        QVERIFY(!settings->reassign(next, 0, k));
        QCOMPARE(next->shortcuts(), before);
    }
    // Ctrl+arrow is free (the canvas only uses plain and Shift arrows).
    QVERIFY(settings->setShortcuts(next, {QKeySequence(Qt::CTRL | Qt::Key_Right)}, &why));
    // A sequence that starts with another action's key, or is the start of one, collides.
    QVERIFY(!settings->setShortcuts(next, {key("Ctrl+E, X")}, &why));
    QVERIFY2(why.contains(QStringLiteral("COCO")), qPrintable(why));
    QVERIFY(settings->setShortcuts(next, {key("Ctrl+K, Ctrl+N")}));
    QCOMPARE(settings->conflictingAction(key("Ctrl+K")), next);
    QVERIFY(!settings->setShortcuts(w.action(QStringLiteral("actionFirstImage")), {key("Ctrl+K")}, &why));
    QCOMPARE(QSettings().allKeys(), QStringList{QStringLiteral("shortcuts/actionNextImage")});
    // Keys of the same action are not in conflict with each other; repeats are dropped.
    QVERIFY(settings->setShortcuts(next, {key("D"), key("D"), QKeySequence()}));
    QCOMPARE(next->shortcuts(), (Keys{key("D")}));
}

void TestShortcuts::savedKeyBeatsANewDefault()
{
    // A setting from an older version gave Ctrl+E to Next Image while Ctrl+E is Export's default now;
    // and a hand-edited file gives Escape (reserved) to Box.
    QSettings().setValue(QStringLiteral("shortcuts/actionNextImage"), QStringLiteral("Ctrl+E"));
    QSettings().setValue(QStringLiteral("shortcuts/actionToolBox"), QStringLiteral("Esc; B"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("Default shortcut .* of actionExportCoco dropped")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("Saved shortcut .* of actionToolBox dropped")));
    MainWindow w;
    QCOMPARE(w.action(QStringLiteral("actionNextImage"))->shortcuts(), (Keys{key("Ctrl+E")}));
    QVERIFY(w.action(QStringLiteral("actionExportCoco"))->shortcuts().isEmpty());
    QCOMPARE(w.action(QStringLiteral("actionToolBox"))->shortcuts(), (Keys{key("B")}));
    QString clash;
    QVERIFY2(keysUnique(w, &clash), qPrintable(clash));
}

void TestShortcuts::actionsWithoutKeysCanGetOne()
{
    MainWindow w;
    QAction *openProject = w.action(QStringLiteral("actionOpenProject"));
    QVERIFY(openProject->shortcuts().isEmpty());
    {
        Dialog d(w);
        QVERIFY(d.dialog.rowOf(openProject) >= 0);
        QVERIFY(d.rowText(openProject).isEmpty());
        d.record(openProject, 0, Qt::CTRL | Qt::ALT | Qt::Key_P);
        QCOMPARE(openProject->shortcuts(), (Keys{key("Ctrl+Alt+P")}));
        QCOMPARE(openProject->toolTip(), QStringLiteral("Open Project… (%1)").arg(key("Ctrl+Alt+P").toString(QKeySequence::NativeText)));
    }
    // The read-only listing (no settings) still lists only actions that have keys.
    ShortcutsDialog listing(w.menuBar(), {});
    QVERIFY(listing.rowOf(openProject) >= 0);
    QCOMPARE(listing.rowOf(w.action(QStringLiteral("actionImportLabelmeFiles"))), -1);
    QVERIFY(!listing.keyEdit(0));
}

void TestShortcuts::filter()
{
    MainWindow w;
    Dialog d(w);
    d.dialog.filterEdit()->setText(QStringLiteral("image"));
    QTableWidget *table = d.dialog.table();
    QVERIFY(!table->isRowHidden(d.dialog.rowOf(w.action(QStringLiteral("actionNextImage")))));
    QVERIFY(table->isRowHidden(d.dialog.rowOf(w.action(QStringLiteral("actionCopy")))));
    d.dialog.filterEdit()->clear();
    QVERIFY(!table->isRowHidden(d.dialog.rowOf(w.action(QStringLiteral("actionCopy")))));
}

/// The dialog after a change and a refused key, as a user sees it. With FLORENCE_SCREENSHOT_DIR set
/// the picture is saved there (docs/shortcuts.png).
void TestShortcuts::screenshot()
{
    QTemporaryDir tmp;
    const QString out = qEnvironmentVariable("FLORENCE_SCREENSHOT_DIR", tmp.path());
    MainWindow w;
    QAction *box = w.action(QStringLiteral("actionToolBox"));
    QVERIFY(ShortcutSettings::of(&w)->setShortcuts(box, {key("R")}));
    Dialog d(w);
    d.record(w.action(QStringLiteral("actionNextImage")), 1, Qt::CTRL | Qt::Key_E);
    QVERIFY(d.dialog.conflictLabel()->isVisibleTo(&d.dialog));
    d.dialog.table()->scrollToItem(d.dialog.table()->item(d.dialog.rowOf(w.action(QStringLiteral("actionNextImage"))), 0),
                                   QAbstractItemView::PositionAtCenter);
    QCoreApplication::processEvents();
    QVERIFY(florence::test::saveRendered(&d.dialog, out + QStringLiteral("/shortcuts.png")));
}

FLORENCE_TEST_CLASS(TestShortcuts)

#include "test_shortcuts.moc"
