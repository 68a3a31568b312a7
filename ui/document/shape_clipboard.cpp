#include "document/shape_clipboard.h"

#include "annotate/project.h"
#include "convert.h"

#include <QMimeData>

namespace florence::ui {

QMimeData *shapesToMimeData(const std::vector<Shape> &shapes, const QString &sourcePath)
{
    Project project;
    ImageRecord record;
    record.path = toStd(sourcePath.isEmpty() ? QStringLiteral("clipboard") : sourcePath);
    record.shapes = shapes;
    project.images.push_back(std::move(record));
    const std::string json = projectToJson(project);
    auto *data = new QMimeData;
    data->setData(QString::fromLatin1(kShapesMimeType), QByteArray(json.data(), qsizetype(json.size())));
    QStringList lines;
    for (const Shape &shape : shapes) {
        QString line = toQt(shape.label);
        if (!shape.text.empty())
            line += (line.isEmpty() ? QString() : QStringLiteral("\t")) + toQt(shape.text);
        lines << line;
    }
    data->setText(lines.join(QLatin1Char('\n')));
    return data;
}

std::vector<Shape> shapesFromMimeData(const QMimeData *data, QString *sourcePath)
{
    if (!data || !data->hasFormat(QString::fromLatin1(kShapesMimeType)))
        return {};
    const QByteArray bytes = data->data(QString::fromLatin1(kShapesMimeType));
    try {
        Project project = projectFromJson(std::string(bytes.constData(), std::size_t(bytes.size())), "clipboard");
        if (project.images.size() != 1)
            return {};
        if (sourcePath)
            *sourcePath = toQt(project.images.front().path);
        return std::move(project.images.front().shapes);
    } catch (const std::exception &) {
        return {}; // not ours or damaged: nothing to paste
    }
}

} // namespace florence::ui
