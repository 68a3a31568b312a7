#pragma once
// Internal helpers shared by the annotation file formats (project, COCO, labelme): strict JSON
// reading whose errors name the file and the JSON path, limits against hostile input, and the
// checks every writer runs before it serializes anything. Not a public header: ui/ and app/ use
// project.h, coco.h and labelme.h.
//
// Design note: every reader parses the whole text with nlohmann (which rejects non-UTF-8 strings
// and malformed JSON), then walks it with JsonReader, which checks each type and range and throws
// Error(BadInput) "<what> '<file>': <json path>: <problem>". Readers build complete structs and
// return them only at the end, so a bad file never loads partially. Writers check every image
// first (checkImageForWrite) so that they never emit a file their own readers would reject.

#include "annotate/annotation.h"
#include "annotate/prompt_table.h"

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
constexpr std::size_t kMaxStringBytes = 1 << 20;    ///< one label, text, caption or path
constexpr int kMaxJsonDepth = 64;                   ///< nesting of arrays and objects

/// Parses `text` as JSON. Throws Error(BadInput) "<what> '<fileName>' is not valid JSON: ..." for
/// malformed JSON, non-UTF-8 strings or nesting deeper than kMaxJsonDepth.
json parseJson(const std::string &text, const std::string &what, const std::string &fileName);

/// Serializes `value` (compact when indent < 0). Strings must already be valid UTF-8.
std::string dumpJson(const ordered_json &value, int indent);

/// Walks parsed JSON; every failure throws Error(BadInput) naming the file and the JSON path.
class JsonReader
{
public:
    /// `what` names the kind of file ("project file", "COCO instances file"), `fileName` the file.
    JsonReader(std::string what, std::string fileName);

    const std::string &fileName() const { return m_fileName; }

    /// Throws Error(BadInput) "<what> '<file>': <path>: <problem>" (no path part when empty).
    [[noreturn]] void fail(const std::string &path, const std::string &problem) const;

    /// `path.key` (just `key` at the root) and `path[i]`.
    static std::string key(const std::string &path, const char *key);
    static std::string index(const std::string &path, std::size_t i);

    /// `v` itself, checked to be an object.
    const json &object(const json &v, const std::string &path) const;
    /// `v` itself, checked to be an array of at most maxSize elements.
    const json &array(const json &v, const std::string &path, std::size_t maxSize) const;
    /// The required member `key` of object `obj` at `path` (null counts as present).
    const json &member(const json &obj, const std::string &path, const char *key) const;
    /// The member `key`, or nullptr when absent or null.
    const json *optional(const json &obj, const char *key) const;

    /// A string of at most kMaxStringBytes.
    std::string string(const json &v, const std::string &path) const;
    /// An integer in [min, max].
    std::int64_t integer(const json &v, const std::string &path, std::int64_t min, std::int64_t max) const;
    /// A finite number in [min, max].
    double number(const json &v, const std::string &path, double min, double max) const;
    /// A pixel coordinate: a finite number with |v| <= kMaxCoordinate.
    double coordinate(const json &v, const std::string &path) const;
    /// Fast path of coordinate() for long lists, building no path: false when `v` is not a valid
    /// coordinate (then call coordinate() to fail with the path).
    static bool tryCoordinate(const json &v, double &out);
    /// An image width or height: an integer in [0, kMaxImageSide], null counting as 0 (unknown).
    int imageSide(const json &v, const std::string &path) const;
    /// A model score: a finite number in [0, 1].
    double score(const json &v, const std::string &path) const;
    /// true or false.
    bool boolean(const json &v, const std::string &path) const;
    /// A ring written as a flat list [x0, y0, x1, y1, ...] of at least 3 points.
    Ring flatRing(const json &v, const std::string &path) const;
    /// A list of strings.
    std::vector<std::string> stringList(const json &v, const std::string &path, std::size_t maxSize) const;
    /// A ShapeKind name ("box", "quad", "polygon").
    ShapeKind shapeKind(const json &v, const std::string &path) const;

private:
    std::string m_what;
    std::string m_fileName;
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
