#pragma once
// Merge ids of every undo command that merges (one enum, as in Tiled's undocommands.h) and the
// status rule shared by the commands.

#include "annotate/annotation.h"

namespace florence::ui {

/// QUndoCommand::id() values. A drag pushes one command per mouse move with the same id and
/// gesture number; QUndoStack merges them into ONE undo step (Qt undoframework/commands.h).
enum class UndoCommandId : int {
    None = -1,       ///< does not merge
    MoveShapes = 1,  ///< dragging selected shapes
    DragVertex,      ///< dragging one vertex of a quad or polygon
    ResizeBox,       ///< dragging a box handle
};

/// The status an image gets from a change: edits by a person make it "edited"; model output
/// (`byModel`) keeps an untouched image "pre-annotated" and turns a reviewed one back into "edited".
inline ImageStatus statusAfterChange(ImageStatus old, bool byModel)
{
    if (!byModel)
        return ImageStatus::Edited;
    if (old == ImageStatus::None || old == ImageStatus::PreAnnotated)
        return ImageStatus::PreAnnotated;
    return ImageStatus::Edited;
}

} // namespace florence::ui
