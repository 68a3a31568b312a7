#pragma once
// Internal helpers shared by the annotation file formats (project, COCO, labelme): strict JSON
// reading whose errors name the file and the JSON path, limits against hostile input, and the
// checks every writer runs before it serializes anything. Not a public header: ui/ and app/ use
// project.h, coco.h and labelme.h.
//
// Design note: every reader parses the whole text with nlohmann (which rejects non-UTF-8 strings
// and malformed JSON), then walks it with JsonReader (the core's JsonFieldReader, common/json_reader.h,
// plus the annotation value types), which checks each type and range and throws
// Error(BadInput) "<what> '<file>', field '<json path>': <problem>". Readers build complete structs and
// return them only at the end, so a bad file never loads partially. Writers check every image
// first (checkImageForWrite) so that they never emit a file their own readers would reject.

#include "annotate/annotation.h"
#include "annotate/prompt_table.h"
#include "common/json_reader.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace florence::detail {

using nlohmann::json;
using nlohmann::ordered_json;

// Limits against absurd input, far above what any real dataset needs.
constexpr double kMaxCoordinate = 1e9;              ///< |x| and |y| in pixels
constexpr std::int64_t kMaxImageSide = 1 << 20;     ///< width or height in pixels
constexpr std::size_t kMaxRingPoints = 100000;      ///< points in one ring
constexpr std::size_t kMaxRings = 10000;            ///< rings in one polygon
constexpr std::size_t kMaxShapesPerImage = 100000;  ///< shapes on one image
constexpr std::size_t kMaxCaptionsPerImage = 1000;  ///< captions on one image
constexpr std::size_t kMaxImages = 10000000;        ///< images in one file
constexpr std::size_t kMaxAnnotations = 50000000;   ///< annotations or captions in one COCO file
constexpr std::size_t kMaxLabels = 100000;          ///< labels or categories in one file
constexpr std::size_t kMaxStringBytes = kMaxJsonStringBytes; ///< one label, text, caption or path
using florence::kMaxJsonDepth;

/// Parses `text` as JSON. Throws Error(BadInput) "<what> '<fileName>' is not valid JSON: ..." for
/// malformed JSON, non-UTF-8 strings or nesting deeper than kMaxJsonDepth.
json parseJson(const std::string &text, const std::string &what, const std::string &fileName);

/// Serializes `value` (compact when indent < 0). Strings must already be valid UTF-8.
std::string dumpJson(const ordered_json &value, int indent);

/// Walks parsed JSON; every failure throws Error(BadInput) naming the file and the JSON path.
/// The generic checks are JsonFieldReader's; this adds the annotation value types.
class JsonReader : public JsonFieldReader
{
public:
    /// `what` names the kind of file ("project file", "COCO instances file"), `fileName` the file.
    JsonReader(std::string what, std::string fileName);

    /// A pixel coordinate: a finite number with |v| <= kMaxCoordinate.
    double coordinate(const json &v, const std::string &path) const;
    /// Fast path of coordinate() for long lists, building no path: false when `v` is not a valid
    /// coordinate (then call coordinate() to fail with the path).
    static bool tryCoordinate(const json &v, double &out);
    /// An image width or height: an integer in [0, kMaxImageSide], null counting as 0 (unknown).
    int imageSide(const json &v, const std::string &path) const;
    /// A model score: a finite number in [0, 1].
    double score(const json &v, const std::string &path) const;
    /// A ring written as a flat list [x0, y0, x1, y1, ...] of at least 3 points.
    Ring flatRing(const json &v, const std::string &path) const;
    /// A list of strings.
    std::vector<std::string> stringList(const json &v, const std::string &path, std::size_t maxSize) const;
    /// A ShapeKind name ("box", "quad", "polygon").
    ShapeKind shapeKind(const json &v, const std::string &path) const;
};

/// Flat JSON list [x0, y0, x1, y1, ...] of a ring.
ordered_json flatRingJson(const Ring &ring);

/// Provenance as a JSON object {"model", "checkpoint", "prompt", "time", "edited"}, empty members
/// left out; the project file, COCO attributes and labelme attributes all use this one layout.
ordered_json provenanceJson(const Provenance &provenance);
/// Inverse of provenanceJson (every member optional); fails naming `path` for wrong types.
Provenance readProvenance(const JsonReader &r, const json &v, const std::string &path);

/// A prompt table as JSON ({"task", "rows"}); throws Error(BadInput) like promptTableToJson.
ordered_json promptTableJson(const PromptTable &table);
/// Reads a prompt table object at `path` (see prompt_table.h), failing like promptTableFromJson.
PromptTable readPromptTable(const JsonReader &r, const json &v, const std::string &path);

/// What is wrong with a shape (geometry, score, strings), or "" when it can be written and read back.
std::string shapeProblem(const Shape &shape);

/// Checks everything a writer needs before serializing `image` (path, sizes, shapes, captions, UTF-8);
/// throws Error(BadInput) "cannot write <what>: image '<path>' ...: <problem>".
void checkImageForWrite(const ImageRecord &image, const std::string &what);

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool isValidUtf8(const std::string &s);

/// Status given to an imported image: None without annotations, PreAnnotated when every shape and
/// caption came from a model task, Edited otherwise.
ImageStatus importedStatus(const ImageRecord &image);

/// Last component of a '/'-separated path ("a/b.jpg" -> "b.jpg").
std::string baseName(const std::string &path);

} // namespace florence::detail
