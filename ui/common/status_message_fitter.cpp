#include "common/status_message_fitter.h"

#include <QEvent>
#include <QFontMetrics>
#include <QLayout>
#include <QSizeGrip>
#include <QStatusBar>
#include <QStyle>

#include <algorithm>

namespace florence::ui {

StatusMessageFitter::StatusMessageFitter(QStatusBar *bar)
    : QObject(bar)
    , m_bar(bar)
{
    connect(bar, &QStatusBar::messageChanged, this, &StatusMessageFitter::messageChanged);
    bar->installEventFilter(this);
    for (QWidget *child : bar->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
        child->installEventFilter(this);
}

int StatusMessageFitter::room() const
{
    int right = m_bar->width();
    for (QWidget *child : m_bar->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
        if (child->isVisible() && child->width() > 0 && child->x() > 0)
            right = std::min(right, child->x());
    // QStatusBar draws the message inset by the layout's margin on the left; keep a gap on the right.
    return right - 2 * m_bar->style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing) - 8;
}

bool StatusMessageFitter::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::ChildAdded:
        if (watched == m_bar)
            if (auto *child = qobject_cast<QWidget *>(static_cast<QChildEvent *>(event)->child()))
                child->installEventFilter(this); // a permanent widget added later
        break;
    case QEvent::Resize:
    case QEvent::Move:
    case QEvent::Show:
    case QEvent::Hide:
        if (!m_full.isEmpty() && !m_showing)
            fit();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void StatusMessageFitter::messageChanged(const QString &text)
{
    if (m_showing)
        return;
    m_full = text;
    m_shownFor.invalidate();
    m_bar->setToolTip(text);
    restoreWidgets(); // a shorter message may need none of them hidden
    if (!text.isEmpty())
        fit();
}

void StatusMessageFitter::makeRoom(int wanted)
{
    wanted = std::min(wanted, int(kMinRoomShare * m_bar->width()));
    m_showing = true;
    while (room() < wanted) {
        QWidget *leftmost = nullptr;
        for (QWidget *child : m_bar->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            if (child->isVisible() && child->x() > 0 && !qobject_cast<QSizeGrip *>(child) &&
                (!leftmost || child->x() < leftmost->x()))
                leftmost = child;
        if (!leftmost)
            break;
        leftmost->hide();
        m_hidden << leftmost;
        if (m_bar->layout())
            m_bar->layout()->activate(); // the others move left now, so room() sees it
    }
    m_showing = false;
}

void StatusMessageFitter::restoreWidgets()
{
    m_showing = true;
    for (const QPointer<QWidget> &widget : std::as_const(m_hidden))
        if (widget)
            widget->show();
    m_hidden.clear();
    m_showing = false;
}

void StatusMessageFitter::fit()
{
    if (!m_bar->isVisible())
        return; // no room to measure yet; fitted when shown
    QString line = m_full;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QFontMetrics metrics(m_bar->font());
    makeRoom(metrics.horizontalAdvance(line));
    const int width = room();
    QString shown = line;
    if (width > 0 && metrics.horizontalAdvance(line) > width)
        shown = metrics.elidedText(line, Qt::ElideMiddle, width);
    if (shown == m_bar->currentMessage())
        return;
    if (!m_shownFor.isValid())
        m_shownFor.start();
    const int left = int(kElidedMs - m_shownFor.elapsed());
    m_showing = true;
    if (left > 0)
        m_bar->showMessage(shown, left);
    else
        m_bar->clearMessage();
    m_showing = false;
    if (left <= 0) {
        m_full.clear();
        restoreWidgets();
    }
}

} // namespace florence::ui
