#pragma once
// Stable colours for labels: the same label gets the same colour in every session and on every machine.

#include <QColor>
#include <QString>

namespace florence::ui {

/// The display colour of a label: hue from a fixed FNV-1a hash of its UTF-8 bytes (Qt's qHash is
/// seeded per process, so it cannot be used), fixed saturation and value. The empty label is grey.
QColor labelColor(const QString &label);
/// Black or white, whichever reads better on `background` (WCAG relative luminance: black text from
/// a luminance of 0.4 up, so yellow, orange and light colours get black).
QColor textColorOn(const QColor &background);

} // namespace florence::ui
