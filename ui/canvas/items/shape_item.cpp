#include "canvas/items/shape_item.h"

#include "convert.h"
#include "label_colors.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

namespace florence::ui {

namespace {

constexpr double kOutlineMargin = 4.0;  ///< device pixels around the outline for pens
constexpr double kHitWidth = 10.0;      ///< device pixels of the clickable band along edges
constexpr int kMaxTagChars = 48;
constexpr double kMinTaggedHeight = 12.0; ///< device pixels

} // namespace

ShapeItem::ShapeItem(ShapeId id, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_id(id)
{
    setFlag(ItemIsSelectable);
}

void ShapeItem::setAnnotation(const Shape &shape)
{
    m_shape = shape;
    m_path = shapePath(shape);
    m_color = labelColor(toQt(shape.label));
    setToolTip(describe(shape));
    const QFontMetricsF metrics(QApplication::font());
    const QString tag = tagText();
    m_tagSize = tag.isEmpty() ? QSizeF() : QSizeF(metrics.horizontalAdvance(tag) + 8, metrics.height() + 2);
    updateGeometry();
}

void ShapeItem::setReviewMark(const QString &mark)
{
    if (mark == m_reviewMark)
        return;
    m_reviewMark = mark;
    setAnnotation(m_shape); // the tag size changes
}

QRectF ShapeItem::tagSceneRect() const
{
    const QRectF box = m_path.boundingRect();
    if (m_tagSize.isEmpty()
        || (!isSelected() && box.height() * m_viewScale < kMinTaggedHeight && box.width() * m_viewScale < 4 * kMinTaggedHeight))
        return {};
    return QRectF(box.topLeft() - QPointF(0, m_tagSize.height() / m_viewScale), m_tagSize / m_viewScale);
}

QString ShapeItem::describe(const Shape &shape)
{
    QStringList lines;
    lines << (shape.label.empty() ? QCoreApplication::translate("florence::ui::ShapeItem", "(no label)") : toQt(shape.label));
    if (shape.score)
        lines << QCoreApplication::translate("florence::ui::ShapeItem", "Score %1").arg(QLocale().toString(*shape.score, 'f', 3));
    if (shape.pending)
        lines << QCoreApplication::translate("florence::ui::ShapeItem", "Suggestion (Enter accepts, Backspace rejects)");
    const Provenance &p = shape.provenance;
    if (shape.origin == kManualOrigin) {
        lines << QCoreApplication::translate("florence::ui::ShapeItem", "Drawn by hand");
    } else {
        QString source = p.model.empty() ? toQt(shape.origin)
                                         : QCoreApplication::translate("florence::ui::ShapeItem", "%1 by %2")
                                               .arg(toQt(shape.origin), toQt(p.model));
        if (p.edited)
            source += QCoreApplication::translate("florence::ui::ShapeItem", ", then edited");
        lines << source;
        if (!p.prompt.empty())
            lines << QCoreApplication::translate("florence::ui::ShapeItem", "Prompt: %1").arg(toQt(p.prompt));
        if (!p.checkpoint.empty())
            lines << QCoreApplication::translate("florence::ui::ShapeItem", "Checkpoint %1").arg(toQt(p.checkpoint));
        if (!p.time.empty())
            lines << toQt(p.time);
    }
    return lines.join(QLatin1Char('\n'));
}

void ShapeItem::setViewScale(double scale)
{
    if (scale <= 0 || scale == m_viewScale)
        return;
    m_viewScale = scale;
    updateGeometry();
}

void ShapeItem::updateGeometry()
{
    prepareGeometryChange();
    const double margin = kOutlineMargin / m_viewScale;
    m_bounds = m_path.boundingRect().adjusted(-margin, -margin, margin, margin);
    if (!m_tagSize.isEmpty()) {
        const QPointF topLeft = m_path.boundingRect().topLeft();
        m_bounds |= QRectF(topLeft - QPointF(0, m_tagSize.height() / m_viewScale), m_tagSize / m_viewScale);
    }
    update();
}

QString ShapeItem::tagText() const
{
    QString tag = toQt(m_shape.label);
    if (!m_shape.text.empty()) {
        QString text = toQt(m_shape.text).simplified();
        if (text.size() > kMaxTagChars)
            text = text.left(kMaxTagChars - 1) + QChar(0x2026);
        tag = tag.isEmpty() ? text : tag + QStringLiteral(": ") + text;
    }
    if (m_shape.score) // "car 0.87"
        tag += (tag.isEmpty() ? QString() : QStringLiteral(" ")) + QLocale().toString(*m_shape.score, 'f', 2);
    if (!m_reviewMark.isEmpty())
        tag += (tag.isEmpty() ? QString() : QStringLiteral(" · ")) + m_reviewMark;
    return tag;
}

QRectF ShapeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath ShapeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(kHitWidth / m_viewScale);
    QPainterPath hit = stroker.createStroke(m_path);
    hit.addPath(m_path);
    hit.setFillRule(Qt::WindingFill);
    return hit;
}

void ShapeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const bool selected = isSelected();
    QColor fill = m_color;
    // A pending suggestion is dashed and barely filled, so that accepted shapes stand out.
    fill.setAlpha(m_shape.pending ? (selected ? 60 : 12) : (selected ? 90 : 40));
    QPen pen(m_color, selected ? 3.0 : 2.0);
    if (m_shape.pending)
        pen.setStyle(Qt::DashLine);
    pen.setCosmetic(true);
    pen.setJoinStyle(Qt::MiterJoin);
    painter->setRenderHint(QPainter::Antialiasing, m_shape.kind != ShapeKind::Box);
    painter->setPen(pen);
    painter->setBrush(fill);
    painter->drawPath(m_path);
    if (selected) {
        QPen dash(Qt::white, 1.0, Qt::DashLine);
        dash.setCosmetic(true);
        painter->setPen(dash);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(m_path);
    }
    if (m_tagSize.isEmpty())
        return;
    // Tags of shapes smaller than a line of text on screen would only hide each other (dense OCR
    // pages at "fit"): drawn when zoomed in far enough, or when selected.
    const QRectF onScreen = painter->worldTransform().mapRect(m_path.boundingRect());
    if (!selected && onScreen.height() < kMinTaggedHeight && onScreen.width() < 4 * kMinTaggedHeight)
        return;
    // The tag is drawn in device pixels above the top-left corner of the outline.
    const QPointF anchor = painter->worldTransform().map(m_path.boundingRect().topLeft());
    painter->save();
    painter->resetTransform();
    painter->setRenderHint(QPainter::Antialiasing, false);
    const QRectF tag(anchor - QPointF(0, m_tagSize.height()), m_tagSize);
    if (m_shape.pending) { // an outlined tag for a suggestion, a filled one for an accepted shape
        painter->fillRect(tag, QColor(255, 255, 255, 215));
        QPen outline(m_color, 1.0, Qt::DashLine);
        painter->setPen(outline);
        painter->drawRect(tag.adjusted(0, 0, -1, -1));
        painter->setPen(QColor(20, 20, 20));
    } else {
        painter->fillRect(tag, m_color);
        painter->setPen(textColorOn(m_color));
    }
    painter->setFont(QApplication::font());
    painter->drawText(tag.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft, tagText());
    painter->restore();
}

HandleItem::HandleItem(const HandleRef &ref, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_ref(ref)
{
    setFlag(ItemIgnoresTransformations);
    setZValue(1000);
    setCursor(ref.ring < 0 ? Qt::SizeAllCursor : Qt::CrossCursor);
}

void HandleItem::setCurrent(bool current)
{
    if (current != m_current) {
        m_current = current;
        update();
    }
}

QRectF HandleItem::boundingRect() const
{
    return QRectF(-kRadius - 1, -kRadius - 1, 2 * kRadius + 2, 2 * kRadius + 2);
}

void HandleItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(Qt::black, 1));
    painter->setBrush(m_current ? QColor(255, 80, 60) : QColor(Qt::white));
    const QRectF r(-kRadius + 1, -kRadius + 1, 2 * kRadius - 2, 2 * kRadius - 2);
    if (m_ref.ring < 0)
        painter->drawRect(r);
    else
        painter->drawEllipse(r);
}

} // namespace florence::ui
