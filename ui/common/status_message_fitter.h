#pragma once
// Keeps the status bar's temporary message readable whatever its length and language.

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QWidget>

class QStatusBar;

namespace florence::ui {

/// Keeps the temporary message of a QStatusBar inside the room left of its permanent widgets: QStatusBar
/// cuts a message that does not fit, so a long one (a path, a German sentence) is shown elided in the
/// middle instead, whole in the status bar's tooltip. When the permanent widgets leave less than
/// kMinRoomShare of the bar, the leftmost are hidden while the message is shown (as QStatusBar hides its
/// normal widgets) and shown again when it goes. Fitted again when the permanent widgets or the bar
/// change size. An elided message stays kElidedMs (its caller's timeout is not known).
class StatusMessageFitter : public QObject
{
    Q_OBJECT

public:
    explicit StatusMessageFitter(QStatusBar *bar);

    /// How long an elided message stays, in milliseconds.
    static constexpr int kElidedMs = 10000;
    /// The share of the bar's width a message may claim from the permanent widgets.
    static constexpr double kMinRoomShare = 0.6;
    /// Pixels the temporary message may take now: from the left edge to the first permanent widget.
    int room() const;
    /// The whole text of the message shown (the status bar may show it elided).
    QString fullMessage() const { return m_full; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void messageChanged(const QString &text);
    void fit();
    void makeRoom(int wanted);
    void restoreWidgets();

    QStatusBar *m_bar;
    QString m_full;           ///< the message as its caller gave it
    QElapsedTimer m_shownFor; ///< since the elided message was first shown
    bool m_showing = false;   ///< true while this class replaces the message or hides widgets
    QList<QPointer<QWidget>> m_hidden; ///< permanent widgets hidden to make room for the message
};

} // namespace florence::ui
