#include "canvas/image_pyramid.h"

#include <QtConcurrent>

#include <algorithm>
#include <numeric>

namespace florence::ui {

namespace {

constexpr int kBandRows = 256; ///< rows per parallel work item

/// Runs `rows(first, last)` over [0, height) in bands of kBandRows on the global thread pool.
template <typename Rows>
void forEachBand(int height, Rows rows)
{
    std::vector<int> bands((height + kBandRows - 1) / kBandRows);
    std::iota(bands.begin(), bands.end(), 0);
    QtConcurrent::blockingMap(bands, [&](int band) { rows(band * kBandRows, std::min(height, (band + 1) * kBandRows)); });
}

} // namespace

qint64 ImagePyramid::byteCount() const
{
    qint64 total = 0;
    for (const QImage &level : levels)
        total += level.sizeInBytes();
    return total;
}

QImage halveImage(const QImage &source)
{
    const int w = (source.width() + 1) / 2;
    const int h = (source.height() + 1) / 2;
    QImage out(w, h, QImage::Format_RGB32);
    if (out.isNull())
        return out;
    const int lastX = source.width() - 1;
    const int lastY = source.height() - 1;
    forEachBand(h, [&](int firstRow, int endRow) {
        for (int y = firstRow; y < endRow; ++y) {
            const auto *row0 = reinterpret_cast<const QRgb *>(source.constScanLine(std::min(2 * y, lastY)));
            const auto *row1 = reinterpret_cast<const QRgb *>(source.constScanLine(std::min(2 * y + 1, lastY)));
            auto *dst = reinterpret_cast<QRgb *>(out.scanLine(y));
            for (int x = 0; x < w; ++x) {
                const int x0 = 2 * x;
                const int x1 = std::min(x0 + 1, lastX);
                const QRgb a = row0[x0], b = row0[x1], c = row1[x0], d = row1[x1];
                // Average each 8-bit channel of the four pixels, rounding (+2).
                const quint32 r = (qRed(a) + qRed(b) + qRed(c) + qRed(d) + 2) >> 2;
                const quint32 g = (qGreen(a) + qGreen(b) + qGreen(c) + qGreen(d) + 2) >> 2;
                const quint32 bl = (qBlue(a) + qBlue(b) + qBlue(c) + qBlue(d) + 2) >> 2;
                dst[x] = 0xff000000u | (r << 16) | (g << 8) | bl;
            }
        }
    });
    return out;
}

std::shared_ptr<const ImagePyramid> buildImagePyramid(const RgbImage &image)
{
    auto pyramid = std::make_shared<ImagePyramid>();
    if (image.empty())
        return nullptr;
    QImage full(image.width, image.height, QImage::Format_RGB32);
    if (full.isNull())
        return nullptr;
    forEachBand(image.height, [&](int firstRow, int endRow) {
        for (int y = firstRow; y < endRow; ++y) {
            const std::uint8_t *src = image.pixels.data() + std::size_t(y) * std::size_t(image.width) * 3;
            auto *dst = reinterpret_cast<QRgb *>(full.scanLine(y));
            for (int x = 0; x < image.width; ++x, src += 3)
                dst[x] = 0xff000000u | (quint32(src[0]) << 16) | (quint32(src[1]) << 8) | src[2];
        }
    });
    pyramid->levels.push_back(std::move(full));
    while (std::max(pyramid->levels.back().width(), pyramid->levels.back().height()) > ImagePyramid::kSmallestSide) {
        QImage next = halveImage(pyramid->levels.back());
        if (next.isNull())
            return nullptr;
        pyramid->levels.push_back(std::move(next));
    }
    return pyramid;
}

} // namespace florence::ui
