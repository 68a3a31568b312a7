#include "label_colors.h"

#include <cmath>
#include <cstdint>

namespace florence::ui {

QColor labelColor(const QString &label)
{
    if (label.isEmpty())
        return QColor(160, 160, 160);
    std::uint32_t hash = 2166136261u; // FNV-1a, 32 bit
    for (const char c : label.toUtf8()) {
        hash ^= std::uint8_t(c);
        hash *= 16777619u;
    }
    // Spread neighbouring hashes: golden-ratio steps around the hue circle.
    const int hue = int((std::uint64_t(hash) * 2654435761u >> 16) % 360);
    const int saturation = 170 + int((hash >> 8) % 60);
    return QColor::fromHsv(hue, saturation, 235);
}

QColor textColorOn(const QColor &background)
{
    auto linear = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const double luminance = 0.2126 * linear(background.redF()) + 0.7152 * linear(background.greenF())
                             + 0.0722 * linear(background.blueF());
    // Contrast with black (L + 0.05) / 0.05 beats contrast with white 1.05 / (L + 0.05) from L ~ 0.18;
    // 0.4 keeps white on the saturated mid tones where both read.
    return luminance >= 0.4 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace florence::ui
