#pragma once
// Decoded pixels prepared for display: the full-resolution image plus successively halved levels.
//
// Design note: a 12000x9000 image is 108 megapixels. Painting it through one QGraphicsPixmapItem
// samples the whole pixmap at every zoom-out frame (slow, and aliased because bilinear sampling at
// 1/10 scale skips pixels). The canvas instead paints from the level whose scale is closest above
// the view scale, tile by tile, only the exposed part (ImageItem). Levels are 32-bit RGB (the
// raster engine's native format, no per-paint conversion) and are built off the GUI thread.

#include "image/decode.h"

#include <QImage>
#include <QSize>

#include <memory>
#include <vector>

namespace florence::ui {

/// Full-resolution pixels and halved levels of one image, immutable once built (shared between threads).
struct ImagePyramid
{
    /// levels[0] is the image (Format_RGB32), levels[k] is levels[k-1] halved with a 2x2 box
    /// filter (rounded up), down to a level whose longer side is <= kSmallestSide.
    std::vector<QImage> levels;

    static constexpr int kSmallestSide = 512;

    QSize size() const { return levels.empty() ? QSize() : levels.front().size(); }
    /// Bytes held by all levels.
    qint64 byteCount() const;
};

/// Builds the pyramid from a decoded RGB8 image; safe to call on any thread. Returns nullptr when
/// memory for the levels cannot be allocated.
std::shared_ptr<const ImagePyramid> buildImagePyramid(const RgbImage &image);

/// One level down: (w+1)/2 x (h+1)/2 pixels, each the average of a 2x2 block (edge pixels repeated).
/// `source` must be Format_RGB32.
QImage halveImage(const QImage &source);

} // namespace florence::ui
