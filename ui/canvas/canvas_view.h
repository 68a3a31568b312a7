#pragma once
// The canvas widget: zoom (wheel around the cursor, fit, 100 %), pan (middle drag, space+drag),
// and the pixel under the cursor.

#include <QGraphicsView>

namespace florence::ui {

class CanvasScene;

/// QGraphicsView showing a CanvasScene. Zoom is device pixels per image pixel.
class CanvasView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit CanvasView(CanvasScene *scene, QWidget *parent = nullptr);

    CanvasScene *canvasScene() const { return m_scene; }
    double zoom() const { return transform().m11(); }
    /// Multiplies the zoom by `factor`, keeping the image point under `viewportPos` in place.
    void zoomBy(double factor, const QPoint &viewportPos);
    /// Sets the zoom, keeping the image point at the viewport centre in place.
    void setZoom(double zoom);
    void zoomIn();
    void zoomOut();
    /// Shows the whole image; the view keeps fitting on resize until the user zooms.
    void fitToWindow();
    /// One image pixel per device pixel.
    void actualSize();
    /// Centres `rect` (image pixels) and zooms so that it takes about a third of the view, never
    /// below "fit to window" and never above 4x (a tiny shape stays in its surroundings).
    void showRect(const QRectF &rect);
    bool isFitting() const { return m_fitting; }
    bool isPanning() const { return m_panning; }

    static constexpr double kMinZoom = 1.0 / 256;
    static constexpr double kMaxZoom = 64.0;

Q_SIGNALS:
    void zoomChanged(double zoom);
    /// The image pixel under the mouse; `inside` is false outside the image.
    void cursorPixelChanged(const QPoint &pixel, bool inside);

protected:
    bool event(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void applyZoom(double zoom);
    void reportCursor(const QPoint &viewportPos);

    CanvasScene *m_scene;
    bool m_fitting = true;
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
};

} // namespace florence::ui
