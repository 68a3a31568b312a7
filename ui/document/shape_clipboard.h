#pragma once
// Copy and paste of shapes through the system clipboard, within and across images (and between
// two running Florence Studio windows).

#include "annotate/annotation.h"

#include <QString>

#include <vector>

class QMimeData;

namespace florence::ui {

/// MIME type of copied shapes: a one-image Florence Studio project (core projectToJson), so the
/// clipboard content is validated exactly like a project file.
inline const char *kShapesMimeType = "application/x-florence-studio-shapes";

/// Clipboard data for `shapes` copied from image `sourcePath` (image pixels): the project JSON plus a
/// plain-text list of labels and texts. Throws Error(BadInput) for shapes core cannot write.
QMimeData *shapesToMimeData(const std::vector<Shape> &shapes, const QString &sourcePath);

/// Shapes on the clipboard (empty when there are none or the data is not valid), and the image they
/// came from in `sourcePath`.
std::vector<Shape> shapesFromMimeData(const QMimeData *data, QString *sourcePath = nullptr);

} // namespace florence::ui
