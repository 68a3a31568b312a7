#pragma once
// The scene of the canvas: the image of one document image, one item per shape (following the
// document's change signals), handles on selected shapes, and event forwarding to the active tool.

#include "annotate/review.h"
#include "canvas/image_pyramid.h"
#include "canvas/items/shape_item.h"
#include "document/document.h"

#include <QGraphicsScene>
#include <QHash>
#include <QSet>
#include <QPointer>

#include <memory>

namespace florence::ui {

class AbstractTool;
class ImageItem;

/// Scene of the annotation canvas. Scene units are image pixels of the current image.
class CanvasScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit CanvasScene(Document *document, QObject *parent = nullptr);
    ~CanvasScene() override;

    Document *document() const { return m_document; }

    /// Shows document image `index` (-1: none): rebuilds the shape items; pixels follow with setPyramid().
    void setImageIndex(int index);
    int imageIndex() const { return m_image; }
    /// Sets the pixels of the current image (nullptr while decoding or when it failed).
    void setPyramid(std::shared_ptr<const ImagePyramid> pyramid);
    ImageItem *imageItem() const { return m_imageItem; }
    /// The current image's rectangle in scene units (image pixels); empty when its size is unknown.
    QRectF imageRect() const;

    /// The item showing shape `id` of the current image, nullptr if none.
    ShapeItem *itemFor(ShapeId id) const { return m_items.value(id); }
    /// Ids of the selected shapes, in document order.
    QVector<ShapeId> selectedIds() const;
    /// Selects exactly `ids` (or adds them to the selection).
    void selectIds(const QVector<ShapeId> &ids, bool add = false);

    /// The visible shape under `scenePos`; when several overlap, the one with the smallest area
    /// (so nested boxes stay reachable).
    ShapeItem *shapeItemAt(const QPointF &scenePos) const;
    /// The handle under `scenePos` (handles have a constant screen size), nullptr if none.
    HandleItem *handleAt(const QPointF &scenePos) const;

    /// Shows handles on the selected shapes (the select tool turns them on).
    void setHandlesVisible(bool visible);
    /// The vertex last clicked: "Delete" removes it instead of the shapes.
    HandleRef currentHandle() const { return m_currentHandle; }
    void setCurrentHandle(const HandleRef &ref);

    /// Device pixels per image pixel of the view showing the scene (the view keeps it current).
    void setViewScale(double scale);
    double viewScale() const { return m_viewScale; }
    /// Converts a distance in device pixels to image pixels at the current zoom.
    double toImagePixels(double devicePixels) const { return devicePixels / m_viewScale; }

    /// The label new shapes get.
    QString defaultLabel() const { return m_defaultLabel; }
    void setDefaultLabel(const QString &label) { m_defaultLabel = label; }

    /// A fresh number for one drag gesture (commands of the same gesture merge).
    quint64 newGesture() { return ++m_lastGesture; }

    /// Makes `tool` receive the mouse and key events (nullptr: none). The scene does not own tools.
    void setTool(AbstractTool *tool);
    AbstractTool *tool() const;
    /// Sets the cursor of every view's viewport (tools call it on hover).
    void setViewCursor(const QCursor &cursor);

    /// The word a shape's tag and the shape list show for a diff category ("duplicate", "label
    /// conflict", "not found"); "" for a new suggestion.
    static QString diffMark(SuggestionDiff diff);

    /// Hides pending suggestions that duplicate an accepted shape (same label, IoU >= 0.5), so that
    /// re-running a model on a labelled image shows only what changed. A view setting.
    void setHideDuplicates(bool hide);
    bool hideDuplicates() const { return m_hideDuplicates; }

    /// Deletes the current vertex when one is chosen (polygons keep >= 3 vertices per ring), otherwise
    /// the selected shapes. Returns false, with a reason in `why`, when nothing could be deleted.
    bool deleteSelection(QString *why = nullptr);

Q_SIGNALS:
    /// The set of selected shapes changed.
    void selectedIdsChanged();
    /// setImageIndex() switched to another image (or none).
    void imageIndexChanged(int index);
    /// A message for the status bar (e.g. why a tool refused something).
    void message(const QString &text);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void rebuildItems();
    void updateItems(int image, const QVector<ShapeId> &ids);
    void updateVisibility();
    void updateReviewMarks();
    bool isItemShown(const ShapeItem *item) const;
    void updateHandles();
    void updateSceneRect();
    void onSelectionChanged();

    Document *m_document;
    int m_image = -1;
    ImageItem *m_imageItem = nullptr;
    QHash<ShapeId, ShapeItem *> m_items;
    QVector<HandleItem *> m_handles;
    bool m_handlesVisible = false;
    HandleRef m_currentHandle;
    double m_viewScale = 1.0;
    QString m_defaultLabel;
    quint64 m_lastGesture = 0;
    QPointer<AbstractTool> m_tool;
    QVector<ShapeId> m_lastSelection;
    bool m_hideDuplicates = false;
    QSet<ShapeId> m_duplicates; ///< pending duplicates of accepted shapes on the current image
};

} // namespace florence::ui
