#include "label_colors.h"

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

} // namespace florence::ui
