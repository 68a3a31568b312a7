#include "annotate/labelme.h"

#include "annotate/json_format.h"
#include "common/error.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

namespace florence {

using detail::JsonReader;
using detail::json;
using detail::ordered_json;

namespace {

const char *kWhat = "labelme file";
/// labelme version written into exports (labelme only warns when the major version differs).
const char *kLabelmeVersion = "5.4.1";

/// Image-level description: the caption texts, one per line.
std::string joinedCaptions(const std::vector<Caption> &captions)
{
    std::string out;
    for (std::size_t i = 0; i < captions.size(); ++i)
        out += (i ? "\n" : "") + captions[i].text;
    return out;
}

ordered_json pointsJson(const std::vector<Point> &points)
{
    ordered_json out = ordered_json::array();
    for (const Point &p : points)
        out.push_back({p.x, p.y});
    return out;
}

ordered_json shapeEntry(const Shape &s, const std::vector<Point> &points, const char *type, std::optional<int> group)
{
    ordered_json j;
    j["label"] = s.label;
    j["points"] = pointsJson(points);
    j["group_id"] = group ? ordered_json(*group) : ordered_json(nullptr);
    j["description"] = s.text;
    j["shape_type"] = type;
    j["flags"] = ordered_json::object();
    if (s.score)
        j["score"] = *s.score;
    j["attributes"] = {{"kind", toString(s.kind)}, {"origin", s.origin}};
    if (!s.provenance.empty())
        j["attributes"]["provenance"] = detail::provenanceJson(s.provenance);
    if (s.pending)
        j["attributes"]["pending"] = true;
    return j;
}

/// A parsed labelme shape before multi-ring polygons are merged.
struct ParsedShape
{
    Shape shape;
    std::optional<std::int64_t> group;
};

std::vector<Point> readPoints(const JsonReader &r, const json &v, const std::string &path)
{
    r.array(v, path, detail::kMaxRingPoints);
    std::vector<Point> points(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        const json &p = v[i];
        if (p.is_array() && p.size() == 2 && JsonReader::tryCoordinate(p[0], points[i].x)
            && JsonReader::tryCoordinate(p[1], points[i].y))
            continue; // the checked path below builds path strings and fails
        const std::string pp = JsonReader::index(path, i);
        r.array(v[i], pp, 2);
        if (v[i].size() != 2)
            r.fail(pp, "expected a point [x, y], got " + std::to_string(v[i].size()) + " numbers");
        points[i] = Point{r.coordinate(v[i][0], JsonReader::index(pp, 0)), r.coordinate(v[i][1], JsonReader::index(pp, 1))};
    }
    return points;
}

ParsedShape readShape(const JsonReader &r, const json &j, const std::string &path)
{
    r.object(j, path);
    const auto at = [&](const char *key) { return JsonReader::key(path, key); };
    ParsedShape out;
    Shape &s = out.shape;
    s.label = r.string(r.member(j, path, "label"), at("label"));
    if (const json *d = r.optional(j, "description"))
        s.text = r.string(*d, at("description"));
    if (const json *score = r.optional(j, "score"))
        s.score = r.score(*score, at("score"));
    if (const json *group = r.optional(j, "group_id"))
        out.group = r.integer(*group, at("group_id"), INT64_MIN, INT64_MAX);
    std::optional<ShapeKind> kind;
    if (const json *attrs = r.optional(j, "attributes")) {
        r.object(*attrs, at("attributes"));
        if (const json *k = r.optional(*attrs, "kind"))
            kind = r.shapeKind(*k, JsonReader::key(at("attributes"), "kind"));
        if (const json *origin = r.optional(*attrs, "origin"))
            s.origin = r.string(*origin, JsonReader::key(at("attributes"), "origin"));
        if (const json *provenance = r.optional(*attrs, "provenance"))
            s.provenance = detail::readProvenance(r, *provenance, JsonReader::key(at("attributes"), "provenance"));
        if (const json *pending = r.optional(*attrs, "pending"))
            s.pending = r.boolean(*pending, JsonReader::key(at("attributes"), "pending"));
    }
    const std::string type = r.optional(j, "shape_type") ? r.string(j.at("shape_type"), at("shape_type")) : "polygon";
    const std::vector<Point> points = readPoints(r, r.member(j, path, "points"), at("points"));
    const auto needPoints = [&](bool ok, const char *expected) {
        if (!ok)
            r.fail(at("points"), "a " + type + " needs " + expected + ", got " + std::to_string(points.size()));
    };
    if (type == "rectangle") {
        // labelme writes two opposite corners, X-AnyLabeling all four.
        needPoints(points.size() == 2 || points.size() == 4, "2 or 4 points");
        s.kind = ShapeKind::Box;
        if (points.size() == 2) {
            s.box = Box{points[0].x, points[0].y, points[1].x, points[1].y};
        } else {
            Shape corners;
            corners.kind = ShapeKind::Polygon;
            corners.rings = {points};
            s.box = corners.boundingBox();
        }
    } else if (type == "rotation" || (type == "polygon" && kind == ShapeKind::Quad)) {
        needPoints(points.size() == 4, "4 points");
        s.kind = ShapeKind::Quad;
        s.rings = {points};
    } else if (type == "polygon") {
        needPoints(points.size() >= 3, "at least 3 points");
        s.kind = ShapeKind::Polygon;
        s.rings = {points};
    } else {
        r.fail(at("shape_type"), "shape type '" + type + "' is not supported (expected rectangle, polygon or rotation)");
    }
    if (const std::string problem = detail::shapeProblem(s); !problem.empty())
        r.fail(path, problem);
    return out;
}

/// True when `b` is another ring of the multi-ring polygon `a` (same group, label, text, score, origin).
bool sameInstance(const ParsedShape &a, const ParsedShape &b)
{
    return a.group && a.group == b.group && a.shape.kind == ShapeKind::Polygon && b.shape.kind == ShapeKind::Polygon
        && a.shape.label == b.shape.label && a.shape.text == b.shape.text && a.shape.score == b.shape.score
        && a.shape.origin == b.shape.origin && a.shape.provenance == b.shape.provenance
        && a.shape.pending == b.shape.pending;
}

} // namespace

std::string exportLabelme(const ImageRecord &image)
{
    return exportLabelmeAs(image, detail::baseName(image.path));
}

std::string exportLabelmeAs(const ImageRecord &image, const std::string &imagePath)
{
    detail::checkImageForWrite(image, kWhat);
    if (!detail::isValidUtf8(imagePath))
        throw Error(ErrorKind::BadInput, std::string("cannot write ") + kWhat + ": imagePath is not valid UTF-8");
    ordered_json shapes = ordered_json::array();
    int nextGroup = 1;
    for (const Shape &s : image.shapes) {
        if (s.kind == ShapeKind::Box) {
            shapes.push_back(shapeEntry(s, {{s.box.x1, s.box.y1}, {s.box.x2, s.box.y2}}, "rectangle", std::nullopt));
        } else if (s.rings.size() == 1) {
            shapes.push_back(shapeEntry(s, s.rings[0], "polygon", std::nullopt));
        } else {
            const int group = nextGroup++;
            for (const Ring &ring : s.rings)
                shapes.push_back(shapeEntry(s, ring, "polygon", group));
        }
    }
    ordered_json captions = ordered_json::array();
    for (const Caption &c : image.captions)
        captions.push_back({{"text", c.text}, {"origin", c.origin}});

    ordered_json root;
    root["version"] = kLabelmeVersion;
    root["flags"] = ordered_json::object();
    root["shapes"] = std::move(shapes);
    root["imagePath"] = imagePath;
    root["imageData"] = nullptr;
    root["imageHeight"] = image.height;
    root["imageWidth"] = image.width;
    root["description"] = joinedCaptions(image.captions);
    root["captions"] = std::move(captions);
    return detail::dumpJson(root, 2);
}

ImageRecord importLabelme(const std::string &text, const std::string &fileName)
{
    const json root = detail::parseJson(text, kWhat, fileName);
    const JsonReader r(kWhat, fileName);
    r.object(root, "");
    ImageRecord image;

    std::string imagePath = r.string(r.member(root, "", "imagePath"), "imagePath");
    if (imagePath.empty())
        r.fail("imagePath", "empty image path");
    std::replace(imagePath.begin(), imagePath.end(), '\\', '/');
    namespace fs = std::filesystem;
    image.path = (fs::path(fileName).parent_path() / fs::path(imagePath)).lexically_normal().generic_string();
    image.width = r.imageSide(r.member(root, "", "imageWidth"), "imageWidth");
    image.height = r.imageSide(r.member(root, "", "imageHeight"), "imageHeight");

    const json &shapes = r.array(r.member(root, "", "shapes"), "shapes", detail::kMaxShapesPerImage);
    std::vector<ParsedShape> parsed;
    parsed.reserve(shapes.size());
    std::map<std::int64_t, std::vector<std::size_t>> instancesOfGroup; // group_id -> indices into parsed
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const std::string path = JsonReader::index("shapes", i);
        ParsedShape shape = readShape(r, shapes[i], path);
        bool merged = false;
        if (shape.group) {
            std::vector<std::size_t> &candidates = instancesOfGroup[*shape.group];
            for (std::size_t c : candidates)
                if (sameInstance(parsed[c], shape)) {
                    std::vector<Ring> &rings = parsed[c].shape.rings;
                    if (rings.size() >= detail::kMaxRings)
                        r.fail(path, "group_id " + std::to_string(*shape.group) + " has more than "
                                         + std::to_string(detail::kMaxRings) + " rings");
                    rings.push_back(std::move(shape.shape.rings[0]));
                    merged = true;
                    break;
                }
            if (!merged)
                candidates.push_back(parsed.size());
        }
        if (!merged)
            parsed.push_back(std::move(shape));
    }
    for (ParsedShape &p : parsed)
        image.shapes.push_back(std::move(p.shape));

    const std::string description
        = r.optional(root, "description") ? r.string(root.at("description"), "description") : std::string();
    std::vector<Caption> captions;
    if (const json *list = r.optional(root, "captions")) {
        r.array(*list, "captions", detail::kMaxCaptionsPerImage);
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string cp = JsonReader::index("captions", i);
            Caption c;
            c.text = r.string(r.member((*list)[i], cp, "text"), JsonReader::key(cp, "text"));
            c.origin = r.string(r.member((*list)[i], cp, "origin"), JsonReader::key(cp, "origin"));
            captions.push_back(std::move(c));
        }
    }
    // "description" is what labelme shows and edits: "captions" only counts while it still matches.
    if (joinedCaptions(captions) == description)
        image.captions = std::move(captions);
    else if (!description.empty())
        image.captions = {Caption{description, kManualOrigin}};
    image.status = detail::importedStatus(image);
    return image;
}

std::string labelmeJsonPathFor(const std::string &imagePath)
{
    return std::filesystem::path(imagePath).replace_extension(".json").generic_string();
}

} // namespace florence
