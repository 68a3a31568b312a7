#pragma once
// Plain annotation data shared by the core, the GUI and the CLI: shapes, captions, images, projects.
//
// Coordinates are always in original-image pixels of the image as displayed, i.e. after EXIF
// orientation has been applied (see core/image/decode.h), with (0,0) the top-left corner of the
// top-left pixel and x to the right, y down. Doubles, not ints: model output lands between pixels.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace florence {

/// A point in image pixels.
struct Point
{
    double x = 0.0;
    double y = 0.0;

    bool operator==(const Point &o) const { return x == o.x && y == o.y; }
    bool operator!=(const Point &o) const { return !(*this == o); }
};

/// An axis-aligned box in image pixels, x1 <= x2 and y1 <= y2 once normalized.
struct Box
{
    double x1 = 0.0;
    double y1 = 0.0;
    double x2 = 0.0;
    double y2 = 0.0;

    double width() const { return x2 - x1; }
    double height() const { return y2 - y1; }
    /// The same box with corners ordered so that x1 <= x2 and y1 <= y2.
    Box normalized() const;
    bool operator==(const Box &o) const { return x1 == o.x1 && y1 == o.y1 && x2 == o.x2 && y2 == o.y2; }
    bool operator!=(const Box &o) const { return !(*this == o); }
};

/// One closed ring of points (the last point connects back to the first).
using Ring = std::vector<Point>;

/// The geometry kinds a shape can have.
enum class ShapeKind {
    Box,      ///< axis-aligned box: `box` is the geometry, `rings` is empty
    Quad,     ///< four-point quadrilateral (OCR line): `rings` holds exactly one ring of 4 points
    Polygon,  ///< segmentation instance: `rings` holds one or more rings of >= 3 points each
};

/// Stable lower-case name of a ShapeKind ("box", "quad", "polygon").
const char *toString(ShapeKind kind);
/// Inverse of toString(ShapeKind); std::nullopt for unknown names.
std::optional<ShapeKind> shapeKindFromString(const std::string &name);

/// Who made a shape or caption: "manual" for the user, otherwise the Florence-2 task token
/// that produced it ("<OD>", "<OCR_WITH_REGION>", ...).
inline const char *kManualOrigin = "manual";

/// Where a shape came from beyond its task token (Shape::origin): which model, checkpoint and prompt
/// made it, when, and whether a person changed it afterwards. Empty for shapes drawn by hand.
struct Provenance
{
    std::string model;      ///< model folder name, e.g. "Florence-2-base-ft"; empty when drawn by hand
    std::string checkpoint; ///< checkpointId() of the weights (see ModelSummary), empty when unknown
    std::string prompt;     ///< the run's text input (phrase, category), empty when the task had none
    std::string time;       ///< UTC time of the run, ISO 8601 "YYYY-MM-DDTHH:MM:SSZ"
    bool edited = false;    ///< a person changed the model's shape ("model, then edited")

    bool empty() const { return model.empty() && checkpoint.empty() && prompt.empty() && time.empty() && !edited; }
    bool operator==(const Provenance &o) const
    {
        return model == o.model && checkpoint == o.checkpoint && prompt == o.prompt && time == o.time
            && edited == o.edited;
    }
    bool operator!=(const Provenance &o) const { return !(*this == o); }
};

/// One annotation on an image.
struct Shape
{
    ShapeKind kind = ShapeKind::Box;
    Box box;                    ///< geometry of a Box; for other kinds unused (see boundingBox())
    std::vector<Ring> rings;    ///< geometry of a Quad or Polygon
    std::string label;          ///< category name (UTF-8), may be empty
    std::string text;           ///< OCR transcription or region description (UTF-8), may be empty
    std::optional<double> score;///< model confidence in 0..1, when known
    std::string origin = kManualOrigin; ///< "manual" or a task token
    Provenance provenance;      ///< model, checkpoint, prompt and time of a model's shape
    /// A model suggestion nobody has accepted yet (the review layer): drawn dashed, left out of
    /// exports and training data until accepted. Shapes drawn by hand are never pending.
    bool pending = false;

    /// Tight axis-aligned bounding box of the geometry, whatever the kind.
    Box boundingBox() const;
    /// Area in square pixels: box area for boxes, shoelace area summed over rings otherwise.
    double area() const;
    bool operator==(const Shape &o) const;
    bool operator!=(const Shape &o) const { return !(*this == o); }
};

/// An image-level text: a caption of any detail level or the plain text of <OCR>.
struct Caption
{
    std::string text;
    std::string origin = kManualOrigin; ///< "manual" or the task token, e.g. "<CAPTION>", "<OCR>"

    bool operator==(const Caption &o) const { return text == o.text && origin == o.origin; }
    bool operator!=(const Caption &o) const { return !(*this == o); }
};

/// Review state of an image, shown in the image list.
enum class ImageStatus {
    None,          ///< no annotations yet
    PreAnnotated,  ///< holds model output nobody has touched
    Edited,        ///< a person changed something
    Reviewed,      ///< a person marked it as checked
};

/// Stable lower-case name of an ImageStatus ("none", "pre-annotated", "edited", "reviewed").
const char *toString(ImageStatus status);
/// Inverse of toString(ImageStatus); std::nullopt for unknown names.
std::optional<ImageStatus> imageStatusFromString(const std::string &name);

/// Everything known about one image of a project.
struct ImageRecord
{
    std::string path;            ///< UTF-8 path, relative to the project root when inside it
    int width = 0;               ///< displayed width in pixels (after EXIF orientation), 0 if unknown
    int height = 0;              ///< displayed height in pixels, 0 if unknown
    ImageStatus status = ImageStatus::None;
    std::vector<Shape> shapes;
    std::vector<Caption> captions;
    std::vector<std::string> doneTasks; ///< task keys already run on this image (for resumable batches)
    /// Suggestions a person rejected, kept (never drawn or exported) for the review statistics:
    /// scores of accepted vs rejected suggestions are the data for choosing a threshold.
    std::vector<Shape> rejected;

    bool operator==(const ImageRecord &o) const;
    bool operator!=(const ImageRecord &o) const { return !(*this == o); }
};

} // namespace florence
