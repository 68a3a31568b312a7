#pragma once
// The user's keyboard shortcuts: which actions take keys, their default keys, the keys saved in
// QSettings and the rule a change must pass (one key, one action).
//
// Design note: a setting is written only for an action whose keys differ from its default
// ("shortcuts/<objectName>" = the keys in portable text, "; "-separated, "" for none), so a default
// changed by a later version reaches every user who never touched that action. At start the saved
// keys win over defaults: a default that a saved key took is dropped from its action, with a warning.

#include <QHash>
#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QString>

class QAction;
class QMainWindow;
class QMenu;
class QWidget;

namespace florence::ui {

/// Remembers the default shortcuts of a set of named actions, applies and saves the user's own, and
/// refuses a key that another action (or the canvas) already uses.
class ShortcutSettings : public QObject
{
    Q_OBJECT

public:
    /// QSettings group of the saved keys: "shortcuts/<action objectName>".
    static constexpr const char *kSettingsGroup = "shortcuts";

    explicit ShortcutSettings(QObject *parent = nullptr);

    /// Creates the settings of `window` (a child named "ShortcutSettings") and manages every named
    /// action of its menu bar (submenus included) and of window->actions(). Call once, after the
    /// window created all its actions.
    static ShortcutSettings *install(QMainWindow *window);
    /// The settings install() attached to `window`, nullptr if none.
    static ShortcutSettings *of(const QWidget *window);
    /// The QSettings key of `action`: "shortcuts/<objectName>".
    static QString settingsKey(const QAction *action);
    /// True for keys the canvas handles itself (Escape, Space, Tab, arrows with or without Shift):
    /// no action may take them. `why` receives the reason.
    static bool isReserved(const QKeySequence &key, QString *why = nullptr);

    /// Takes `actions` under management (those without an objectName are skipped, those already
    /// managed are left as they are): their current shortcuts become the defaults, then the saved
    /// keys are applied.
    void manage(const QList<QAction *> &actions);

    /// Managed actions, in the order they were adopted.
    const QList<QAction *> &actions() const { return m_actions; }
    bool isManaged(const QAction *action) const { return m_defaults.contains(action); }
    QList<QKeySequence> defaultShortcuts(const QAction *action) const { return m_defaults.value(action); }
    /// True when the action's keys are its defaults.
    bool isDefault(const QAction *action) const;

    /// The managed action other than `except` whose keys collide with `key` (the same sequence, or
    /// one a prefix of the other, as "Ctrl+K" and "Ctrl+K, Ctrl+S"), nullptr if none.
    QAction *conflictingAction(const QKeySequence &key, const QAction *except = nullptr) const;
    /// Why `key` cannot go to `action` (another action has it, or the canvas keeps it); empty when free.
    QString conflictText(const QKeySequence &key, const QAction *action) const;

    /// Gives `action` exactly `keys` (empty sequences and repeats dropped) and saves them. Refuses,
    /// changing nothing, when one of them is reserved or belongs to another action: returns false
    /// and `why` says which key and which action.
    bool setShortcuts(QAction *action, const QList<QKeySequence> &keys, QString *why = nullptr);
    /// Gives `key` to `action` in slot `slot` (0 the main key, 1 the alternative; an empty key
    /// clears the slot), first taking it from the action that has it (saved too). Returns the
    /// action it was taken from, nullptr if none. Reserved keys are refused (returns nullptr, no change).
    QAction *reassign(QAction *action, int slot, const QKeySequence &key);
    /// Restores the default keys of `action`; an action that had taken one of them loses it (saved).
    /// Returns those actions.
    QList<QAction *> resetToDefault(QAction *action);
    /// Restores every default and removes every saved key.
    void resetAll();

    /// Keys of `action` with slot `slot` set to `key` (the slot appended when missing, removed when
    /// `key` is empty).
    static QList<QKeySequence> withSlot(const QAction *action, int slot, const QKeySequence &key);
    /// A menu text without its mnemonic and a trailing "…": "Save Project &As…" -> "Save Project As",
    /// "文件(&F)" -> "文件", "R&&D" -> "R&D".
    static QString withoutMnemonic(QString text);
    /// The action's text as a menu shows it, without mnemonic and a trailing "…" (withoutMnemonic).
    static QString plainText(const QAction *action);
    /// plainText() behind the menus that hold the action: "File ▸ Export ▸ COCO Instances and Captions".
    static QString displayName(const QAction *action);

Q_SIGNALS:
    /// The keys of `action` changed (by any of the functions above).
    void shortcutsChanged(QAction *action);

private:
    void apply(QAction *action, const QList<QKeySequence> &keys);
    /// Removes from `owner` every key colliding with `key`, and saves it.
    void takeKey(QAction *owner, const QKeySequence &key);
    void save(const QAction *action) const;

    QList<QAction *> m_actions;
    QHash<const QAction *, QList<QKeySequence>> m_defaults;
    QHash<const QAction *, QString> m_toolTipBase; ///< tool tip without the " (key)" suffix
};

} // namespace florence::ui
