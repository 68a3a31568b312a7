#pragma once
// How a finished inference request lands in the document, for interactive runs and GUI batches
// alike: one undoable step. Region answers attach to the shapes that gave the regions (core's
// attachRegionAnswer rule); whole-image answers are added and the job is recorded in doneTasks.

#include "document/document.h"
#include "inference/inference_types.h"

#include <QString>
#include <functional>
#include <QVector>

namespace florence::ui {

/// What applyInferenceResult changed.
struct AppliedResult
{
    bool applied = false; ///< false when the image no longer matches the request (project changed)
    int shapes = 0;       ///< shapes added (whole-image answers)
    int captions = 0;     ///< captions added
    int regions = 0;      ///< region shapes an answer was attached to
};

/// Applies the Ok result `result` of a request on document image `image`: sets the image size when
/// still unknown, then either replaces the shapes `regionIds` (region requests, one run per id in
/// request order; the undo step is named regionUndoText(number of shapes attached); the attached
/// shapes get the result's provenance and keep their review state) or adds the answer's shapes —
/// as pending suggestions when document->modelResultsPending() — and captions, recording
/// result.job.key() as done. Does nothing (applied = false) when `image` no longer shows
/// result.imagePath.
AppliedResult applyInferenceResult(Document *document, int image, const InferenceResult &result,
                                   const QVector<ShapeId> &regionIds = {},
                                   const std::function<QString(int regions)> &regionUndoText = {});

} // namespace florence::ui
