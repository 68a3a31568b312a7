#pragma once
// View of one shape of the document on the canvas (Tiled's MapObjectItem): it only mirrors the
// document's data; editing goes through tools and undo commands.

#include "annotate/annotation.h"
#include "document/document.h"

#include <QColor>
#include <QGraphicsItem>
#include <QPainterPath>

namespace florence::ui {

/// Graphics item drawing a box, quad or (multi-ring) polygon with its label colour and a tag with
/// the label, text and score. Scene units are image pixels; outlines and the tag are sized in
/// device pixels (setViewScale tells the item the current zoom).
class ShapeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    explicit ShapeItem(ShapeId id, QGraphicsItem *parent = nullptr);

    ShapeId id() const { return m_id; }
    /// Mirrors `shape` (called when the document changed it).
    void setAnnotation(const Shape &shape);
    const Shape &annotation() const { return m_shape; }
    /// Device pixels per image pixel (the view's zoom), for outline margins and the tag size.
    void setViewScale(double scale);
    /// The outline in image pixels.
    const QPainterPath &outline() const { return m_path; }
    /// The tag drawn above the shape: "label: text 0.87" (score with two decimals when known),
    /// then the review mark when there is one ("car 0.42 · duplicate").
    QString tagText() const;
    /// A word from the suggestion diff shown in the tag ("duplicate", "conflict", "missed"), or "".
    void setReviewMark(const QString &mark);
    const QString &reviewMark() const { return m_reviewMark; }
    /// The tag's rectangle in scene units (image pixels) when it is drawn at the current zoom, else
    /// an empty rectangle. Clicking it selects this shape, whatever lies on top.
    QRectF tagSceneRect() const;
    /// The tooltip: kind, label, score, review state and provenance in words.
    static QString describe(const Shape &shape);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void updateGeometry();

    ShapeId m_id;
    Shape m_shape;
    QPainterPath m_path;
    QColor m_color;
    double m_viewScale = 1.0;
    QRectF m_bounds;
    QSizeF m_tagSize; ///< device pixels
    QString m_reviewMark;
};

/// Which handle a HandleItem is: a vertex (ring, vertex) of a quad/polygon, or one of the eight
/// resize handles of a box (ring = -1, vertex = BoxHandle).
struct HandleRef
{
    ShapeId id = 0;
    int ring = -1;
    int vertex = -1;

    bool valid() const { return id != 0; }
    bool operator==(const HandleRef &o) const { return id == o.id && ring == o.ring && vertex == o.vertex; }
};

/// Resize handles of a box, clockwise from the top-left corner.
enum BoxHandle { TopLeft, Top, TopRight, Right, BottomRight, Bottom, BottomLeft, Left };

/// A small square (box handle) or disc (vertex) drawn at constant screen size on a selected shape.
class HandleItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };
    static constexpr double kRadius = 5.0; ///< device pixels

    explicit HandleItem(const HandleRef &ref, QGraphicsItem *parent = nullptr);
    const HandleRef &ref() const { return m_ref; }
    /// The handle the user clicked last (the one "Delete vertex" removes).
    void setCurrent(bool current);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    HandleRef m_ref;
    bool m_current = false;
};

} // namespace florence::ui
