#include "dialogs/shortcut_settings.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>

namespace florence::ui {

namespace {

const char *kObjectName = "ShortcutSettings";

/// True when one of the sequences is the other or starts it ("Ctrl+K" and "Ctrl+K, Ctrl+S"): the
/// shorter one would never fire, or the longer one never complete.
bool collide(const QKeySequence &a, const QKeySequence &b)
{
    return a.matches(b) != QKeySequence::NoMatch || b.matches(a) != QKeySequence::NoMatch;
}

/// `keys` without empty sequences and repeats, in order.
QList<QKeySequence> cleaned(const QList<QKeySequence> &keys)
{
    QList<QKeySequence> out;
    for (const QKeySequence &key : keys)
        if (!key.isEmpty() && !out.contains(key))
            out << key;
    return out;
}

QString native(const QKeySequence &key)
{
    return key.toString(QKeySequence::NativeText);
}

void collectMenu(const QMenu *menu, QList<QAction *> &out)
{
    for (QAction *action : menu->actions()) {
        if (action->menu())
            collectMenu(action->menu(), out);
        else if (!action->isSeparator() && !action->objectName().isEmpty() && !out.contains(action))
            out << action;
    }
}

} // namespace

ShortcutSettings::ShortcutSettings(QObject *parent)
    : QObject(parent)
{
}

ShortcutSettings *ShortcutSettings::install(QMainWindow *window)
{
    auto *settings = new ShortcutSettings(window);
    settings->setObjectName(QLatin1String(kObjectName));
    QList<QAction *> actions;
    for (const QAction *top : window->menuBar()->actions())
        if (top->menu())
            collectMenu(top->menu(), actions);
    for (QAction *action : window->actions())
        if (!action->objectName().isEmpty() && !actions.contains(action))
            actions << action;
    settings->manage(actions);
    return settings;
}

ShortcutSettings *ShortcutSettings::of(const QWidget *window)
{
    return window ? window->findChild<ShortcutSettings *>(QLatin1String(kObjectName), Qt::FindDirectChildrenOnly)
                  : nullptr;
}

QString ShortcutSettings::settingsKey(const QAction *action)
{
    return QLatin1String(kSettingsGroup) + QLatin1Char('/') + action->objectName();
}

bool ShortcutSettings::isReserved(const QKeySequence &key, QString *why)
{
    if (key.count() != 1)
        return false;
    const QKeyCombination combination = key[0];
    const Qt::KeyboardModifiers modifiers = combination.keyboardModifiers();
    const bool plain = modifiers == Qt::NoModifier || modifiers == Qt::ShiftModifier;
    QString reason;
    switch (combination.key()) {
    case Qt::Key_Escape:
        reason = tr("%1 cancels drawing and clears the selection on the canvas.");
        break;
    case Qt::Key_Space:
        if (plain)
            reason = tr("%1 + drag pans the canvas.");
        break;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        reason = tr("%1 moves the keyboard focus between panels.");
        break;
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (plain)
            reason = tr("%1 moves the selected shapes on the canvas.");
        break;
    default:
        break;
    }
    if (reason.isEmpty())
        return false;
    if (why)
        *why = reason.arg(native(key));
    return true;
}

QString ShortcutSettings::withoutMnemonic(QString text)
{
    text = text.trimmed();
    if (text.endsWith(QStringLiteral("…")))
        text.chop(1);
    else if (text.endsWith(QStringLiteral("...")))
        text.chop(3);
    // Chinese (and Japanese) menus append the letter: "文件(&F)", or "文件(F)" once QAction::iconText()
    // took the '&' away.
    static const QRegularExpression appended(QStringLiteral("\\s*[(（]&?[A-Za-z0-9][)）]$"));
    text.remove(appended);
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
    return text;
}

QString ShortcutSettings::plainText(const QAction *action)
{
    return withoutMnemonic(action->iconText());
}

QString ShortcutSettings::displayName(const QAction *action)
{
    // Up through the menus that hold the action (Import and Export both have "COCO Instances…").
    QStringList path{plainText(action)};
    const QAction *current = action;
    for (int depth = 0; depth < 8; ++depth) {
        const QMenu *menu = nullptr;
        for (QObject *object : current->associatedObjects())
            if ((menu = qobject_cast<const QMenu *>(object)))
                break;
        if (!menu)
            break;
        current = menu->menuAction();
        path.prepend(plainText(current));
    }
    return path.join(QStringLiteral(" ▸ "));
}

void ShortcutSettings::manage(const QList<QAction *> &actions)
{
    QList<QAction *> adopted;
    for (QAction *action : actions) {
        if (!action || action->objectName().isEmpty() || isManaged(action))
            continue;
        const QList<QKeySequence> defaults = action->shortcuts();
        m_defaults.insert(action, defaults);
        QString tip = action->toolTip();
        if (!defaults.isEmpty()) {
            const QString suffix = QStringLiteral(" (%1)").arg(native(defaults.first()));
            if (tip.endsWith(suffix))
                tip.chop(suffix.size());
        }
        m_toolTipBase.insert(action, tip);
        m_actions << action;
        adopted << action;
        connect(action, &QObject::destroyed, this, [this, action] {
            m_actions.removeAll(action);
            m_defaults.remove(action);
            m_toolTipBase.remove(action);
        });
    }

    // Saved keys first (a saved key that is reserved, or that an action applied before it already
    // holds, is dropped: the settings file was edited by hand or comes from another version).
    QSettings settings;
    QList<QAction *> customised;
    for (QAction *action : adopted) {
        const QString key = settingsKey(action);
        if (!settings.contains(key))
            continue;
        QList<QKeySequence> keys;
        for (const QKeySequence &k : cleaned(QKeySequence::listFromString(settings.value(key).toString(),
                                                                           QKeySequence::PortableText))) {
            QAction *owner = nullptr;
            for (QAction *other : std::as_const(customised))
                for (const QKeySequence &o : other->shortcuts())
                    if (!owner && collide(o, k))
                        owner = other;
            if (isReserved(k) || owner)
                qWarning("Saved shortcut %s of %s dropped: reserved or used by another action", qPrintable(native(k)),
                         qPrintable(action->objectName()));
            else
                keys << k;
        }
        apply(action, keys);
        customised << action;
    }
    // Then defaults, less the keys a saved setting gave to another action.
    for (QAction *action : std::as_const(m_actions)) {
        if (customised.contains(action) || !adopted.contains(action))
            continue;
        QList<QKeySequence> keys;
        for (const QKeySequence &k : m_defaults.value(action)) {
            bool taken = false;
            for (const QAction *other : std::as_const(customised))
                for (const QKeySequence &o : other->shortcuts())
                    taken = taken || collide(o, k);
            if (taken)
                qWarning("Default shortcut %s of %s dropped: a saved shortcut of another action uses it",
                         qPrintable(native(k)), qPrintable(action->objectName()));
            else
                keys << k;
        }
        if (keys != action->shortcuts())
            apply(action, keys);
    }
}

bool ShortcutSettings::isDefault(const QAction *action) const
{
    return action->shortcuts() == m_defaults.value(action);
}

QAction *ShortcutSettings::conflictingAction(const QKeySequence &key, const QAction *except) const
{
    if (key.isEmpty())
        return nullptr;
    for (QAction *action : m_actions) {
        if (action == except)
            continue;
        for (const QKeySequence &k : action->shortcuts())
            if (collide(k, key))
                return action;
    }
    return nullptr;
}

QString ShortcutSettings::conflictText(const QKeySequence &key, const QAction *action) const
{
    QString why;
    if (isReserved(key, &why))
        return why;
    if (const QAction *owner = conflictingAction(key, action))
        return tr("%1 is already the shortcut of “%2”.").arg(native(key), displayName(owner));
    return QString();
}

bool ShortcutSettings::setShortcuts(QAction *action, const QList<QKeySequence> &keys, QString *why)
{
    if (!isManaged(action))
        return false;
    const QList<QKeySequence> wanted = cleaned(keys);
    for (const QKeySequence &key : wanted) {
        const QString reason = conflictText(key, action);
        if (!reason.isEmpty()) {
            if (why)
                *why = reason;
            return false;
        }
    }
    if (wanted != action->shortcuts()) {
        apply(action, wanted);
        save(action);
    }
    return true;
}

QList<QKeySequence> ShortcutSettings::withSlot(const QAction *action, int slot, const QKeySequence &key)
{
    QList<QKeySequence> keys = action->shortcuts();
    if (slot < keys.size()) {
        if (key.isEmpty())
            keys.removeAt(slot);
        else
            keys[slot] = key;
    } else if (!key.isEmpty()) {
        keys << key;
    }
    return cleaned(keys);
}

QAction *ShortcutSettings::reassign(QAction *action, int slot, const QKeySequence &key)
{
    if (!isManaged(action) || isReserved(key))
        return nullptr;
    QAction *owner = conflictingAction(key, action);
    if (owner)
        takeKey(owner, key);
    const QList<QKeySequence> keys = withSlot(action, slot, key);
    if (keys != action->shortcuts()) {
        apply(action, keys);
        save(action);
    }
    return owner;
}

QList<QAction *> ShortcutSettings::resetToDefault(QAction *action)
{
    QList<QAction *> losers;
    if (!isManaged(action))
        return losers;
    const QList<QKeySequence> defaults = m_defaults.value(action);
    for (const QKeySequence &key : defaults) {
        while (QAction *owner = conflictingAction(key, action)) {
            takeKey(owner, key);
            if (!losers.contains(owner))
                losers << owner;
        }
    }
    if (defaults != action->shortcuts())
        apply(action, defaults);
    save(action);
    return losers;
}

void ShortcutSettings::resetAll()
{
    QSettings().remove(QLatin1String(kSettingsGroup));
    for (QAction *action : std::as_const(m_actions))
        if (!isDefault(action))
            apply(action, m_defaults.value(action));
}

void ShortcutSettings::takeKey(QAction *owner, const QKeySequence &key)
{
    QList<QKeySequence> rest;
    for (const QKeySequence &k : owner->shortcuts())
        if (!collide(k, key))
            rest << k;
    apply(owner, rest);
    save(owner);
}

void ShortcutSettings::apply(QAction *action, const QList<QKeySequence> &keys)
{
    action->setShortcuts(keys);
    const QString base = m_toolTipBase.value(action);
    action->setToolTip(keys.isEmpty() ? base : QStringLiteral("%1 (%2)").arg(base, native(keys.first())));
    Q_EMIT shortcutsChanged(action);
}

void ShortcutSettings::save(const QAction *action) const
{
    QSettings settings;
    if (isDefault(action))
        settings.remove(settingsKey(action));
    else
        settings.setValue(settingsKey(action),
                          QKeySequence::listToString(action->shortcuts(), QKeySequence::PortableText));
}

} // namespace florence::ui
