#pragma once
// Stable colours for labels: the same label gets the same colour in every session and on every machine.

#include <QColor>
#include <QString>

namespace florence::ui {

/// The display colour of a label: hue from a fixed FNV-1a hash of its UTF-8 bytes (Qt's qHash is
/// seeded per process, so it cannot be used), fixed saturation and value. The empty label is grey.
QColor labelColor(const QString &label);

} // namespace florence::ui
