#include "inference/result_applier.h"

#include "run/region_answer.h"

namespace florence::ui {

AppliedResult applyInferenceResult(Document *document, int image, const InferenceResult &result,
                                   const QVector<ShapeId> &regionIds,
                                   const std::function<QString(int regions)> &regionUndoText)
{
    AppliedResult out;
    if (image < 0 || image >= document->imageCount() || document->absolutePath(image) != result.imagePath)
        return out;
    out.applied = true;
    if (document->image(image).width <= 0)
        document->setImageSize(image, result.imageWidth, result.imageHeight);
    if (!regionIds.isEmpty()) {
        QVector<ShapeId> ids;
        std::vector<Shape> shapes;
        for (int i = 0; i < regionIds.size() && std::size_t(i) < result.runs.size(); ++i) {
            const Shape *region = document->shape(image, regionIds[i]);
            if (!region)
                continue;
            if (std::optional<Shape> attached = attachRegionAnswer(*region, result.runs[std::size_t(i)])) {
                attached->provenance = result.provenance;
                ids << regionIds[i];
                shapes.push_back(std::move(*attached));
            }
        }
        out.regions = document->replaceShapes(image, ids, shapes, regionUndoText ? regionUndoText(int(ids.size())) : QString());
        return out;
    }
    const ResultAnnotations &a = result.annotations;
    out.shapes = int(a.shapes.size());
    out.captions = int(a.captions.size());
    std::vector<Shape> shapes = a.shapes;
    if (document->modelResultsPending())
        for (Shape &s : shapes)
            s.pending = true;
    document->addAnnotations(image, std::move(shapes), a.captions, result.doneKey.empty() ? result.job.key() : result.doneKey);
    return out;
}

} // namespace florence::ui
