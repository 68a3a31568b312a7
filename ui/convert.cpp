#include "convert.h"

#include <cstring>

namespace florence::ui {

QImage toQImage(const RgbImage &image)
{
    if (image.empty())
        return QImage();
    QImage out(image.width, image.height, QImage::Format_RGB888);
    if (out.isNull())
        return out; // allocation failed
    const int rowBytes = image.width * 3;
    for (int y = 0; y < image.height; ++y)
        std::memcpy(out.scanLine(y), image.pixels.data() + std::size_t(y) * rowBytes, std::size_t(rowBytes));
    return out;
}

} // namespace florence::ui
