#include "annotate/json_format.h"

#include "common/error.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace florence::detail {

namespace {

std::string numberText(double v)
{
    return JsonFieldReader::numberText(v);
}

std::string coordinateProblem(double v)
{
    if (!std::isfinite(v))
        return "coordinate " + numberText(v) + " is not finite";
    if (std::abs(v) > kMaxCoordinate)
        return "coordinate " + numberText(v) + " is outside +-" + numberText(kMaxCoordinate);
    return {};
}

std::string stringProblem(const std::string &s, const char *field)
{
    if (s.size() > kMaxStringBytes)
        return std::string(field) + " is " + std::to_string(s.size()) + " bytes long, more than "
            + std::to_string(kMaxStringBytes);
    if (!isValidUtf8(s))
        return std::string(field) + " is not valid UTF-8";
    return {};
}

} // namespace

json parseJson(const std::string &text, const std::string &what, const std::string &fileName)
{
    return JsonFieldReader(what, fileName).parse(text);
}

std::string dumpJson(const ordered_json &value, int indent)
{
    try {
        return value.dump(indent);
    } catch (const json::exception &e) {
        throw Error(ErrorKind::Internal, std::string("cannot serialize JSON: ") + e.what());
    }
}

JsonReader::JsonReader(std::string what, std::string fileName)
    : JsonFieldReader(std::move(what), std::move(fileName), ErrorKind::BadInput)
{
}

bool JsonReader::tryCoordinate(const json &v, double &out)
{
    if (!v.is_number())
        return false;
    out = v.get<double>();
    return std::abs(out) <= kMaxCoordinate; // false for NaN and inf too
}

double JsonReader::coordinate(const json &v, const std::string &path) const
{
    return number(v, path, -kMaxCoordinate, kMaxCoordinate);
}

int JsonReader::imageSide(const json &v, const std::string &path) const
{
    return v.is_null() ? 0 : int(integer(v, path, 0, kMaxImageSide));
}

double JsonReader::score(const json &v, const std::string &path) const
{
    return number(v, path, 0.0, 1.0);
}

Ring JsonReader::flatRing(const json &v, const std::string &path) const
{
    array(v, path, 2 * kMaxRingPoints);
    if (v.size() % 2 != 0)
        fail(path, "expected an even count of numbers (x, y pairs), got " + std::to_string(v.size()));
    if (v.size() < 6)
        fail(path, "a ring needs at least 3 points (6 numbers), got " + std::to_string(v.size()) + " numbers");
    Ring ring(v.size() / 2);
    for (std::size_t i = 0; i < v.size(); ++i) {
        double &out = i % 2 ? ring[i / 2].y : ring[i / 2].x;
        if (!tryCoordinate(v[i], out)) // the path is built only on failure: rings are long
            out = coordinate(v[i], index(path, i));
    }
    return ring;
}

std::vector<std::string> JsonReader::stringList(const json &v, const std::string &path, std::size_t maxSize) const
{
    array(v, path, maxSize);
    std::vector<std::string> out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(string(v[i], index(path, i)));
    return out;
}

ShapeKind JsonReader::shapeKind(const json &v, const std::string &path) const
{
    const std::string name = string(v, path);
    const auto kind = shapeKindFromString(name);
    if (!kind)
        fail(path, "unknown shape kind '" + name + "' (expected box, quad or polygon)");
    return *kind;
}

ordered_json flatRingJson(const Ring &ring)
{
    ordered_json out = ordered_json::array();
    for (const Point &p : ring) {
        out.push_back(p.x);
        out.push_back(p.y);
    }
    return out;
}

ordered_json provenanceJson(const Provenance &provenance)
{
    ordered_json j = ordered_json::object();
    for (const auto &[value, field] : {std::pair{&provenance.model, "model"}, {&provenance.checkpoint, "checkpoint"},
                                       {&provenance.prompt, "prompt"}, {&provenance.time, "time"}})
        if (!value->empty())
            j[field] = *value;
    if (provenance.edited)
        j["edited"] = true;
    return j;
}

Provenance readProvenance(const JsonReader &r, const json &v, const std::string &path)
{
    r.object(v, path);
    Provenance p;
    for (const auto &[value, field] : {std::pair{&p.model, "model"}, {&p.checkpoint, "checkpoint"},
                                       {&p.prompt, "prompt"}, {&p.time, "time"}})
        if (const json *member = r.optional(v, field))
            *value = r.string(*member, JsonReader::key(path, field));
    if (const json *edited = r.optional(v, "edited"))
        p.edited = r.boolean(*edited, JsonReader::key(path, "edited"));
    return p;
}

std::string shapeProblem(const Shape &shape)
{
    for (const auto &[value, field] :
         {std::pair{&shape.label, "label"}, {&shape.text, "text"}, {&shape.origin, "origin"},
          {&shape.provenance.model, "model"}, {&shape.provenance.checkpoint, "checkpoint"},
          {&shape.provenance.prompt, "prompt"}, {&shape.provenance.time, "time"}})
        if (std::string p = stringProblem(*value, field); !p.empty())
            return p;
    if (shape.score && !(*shape.score >= 0.0 && *shape.score <= 1.0))
        return "score " + numberText(*shape.score) + " is outside 0..1";
    if (shape.kind == ShapeKind::Box) {
        for (double v : {shape.box.x1, shape.box.y1, shape.box.x2, shape.box.y2})
            if (std::string p = coordinateProblem(v); !p.empty())
                return "box " + p;
        return {};
    }
    if (shape.kind == ShapeKind::Quad && (shape.rings.size() != 1 || shape.rings[0].size() != 4))
        return "a quad needs exactly one ring of 4 points, got " + std::to_string(shape.rings.size()) + " ring(s)"
            + (shape.rings.empty() ? std::string() : " of " + std::to_string(shape.rings[0].size()) + " points");
    if (shape.rings.empty())
        return "a polygon needs at least one ring";
    if (shape.rings.size() > kMaxRings)
        return "polygon has " + std::to_string(shape.rings.size()) + " rings, at most " + std::to_string(kMaxRings)
            + " are allowed";
    for (std::size_t r = 0; r < shape.rings.size(); ++r) {
        const Ring &ring = shape.rings[r];
        const std::string where = "ring " + std::to_string(r) + ": ";
        if (ring.size() < 3)
            return where + "a ring needs at least 3 points, got " + std::to_string(ring.size());
        if (ring.size() > kMaxRingPoints)
            return where + std::to_string(ring.size()) + " points, at most " + std::to_string(kMaxRingPoints)
                + " are allowed";
        for (const Point &p : ring)
            for (double v : {p.x, p.y})
                if (std::string problem = coordinateProblem(v); !problem.empty())
                    return where + problem;
    }
    return {};
}

void checkImageForWrite(const ImageRecord &image, const std::string &what)
{
    const std::string where = "cannot write " + what + ": image '" + (isValidUtf8(image.path) ? image.path : JsonFieldReader::printable(image.path)) + "'";
    const auto fail = [&](const std::string &problem) { throw Error(ErrorKind::BadInput, where + ": " + problem); };
    if (image.path.empty())
        fail("empty path");
    if (std::string p = stringProblem(image.path, "path"); !p.empty())
        fail(p);
    if (image.width < 0 || image.width > kMaxImageSide || image.height < 0 || image.height > kMaxImageSide)
        fail("size " + std::to_string(image.width) + "x" + std::to_string(image.height) + " is outside 0.."
             + std::to_string(kMaxImageSide));
    if (image.shapes.size() > kMaxShapesPerImage)
        fail(std::to_string(image.shapes.size()) + " shapes, at most " + std::to_string(kMaxShapesPerImage)
             + " are allowed");
    for (std::size_t i = 0; i < image.shapes.size(); ++i)
        if (std::string p = shapeProblem(image.shapes[i]); !p.empty())
            fail("shape " + std::to_string(i) + ": " + p);
    if (image.captions.size() > kMaxCaptionsPerImage)
        fail(std::to_string(image.captions.size()) + " captions, at most " + std::to_string(kMaxCaptionsPerImage)
             + " are allowed");
    if (image.rejected.size() > kMaxShapesPerImage)
        fail(std::to_string(image.rejected.size()) + " rejected suggestions, at most "
             + std::to_string(kMaxShapesPerImage) + " are allowed");
    for (std::size_t i = 0; i < image.rejected.size(); ++i)
        if (std::string p = shapeProblem(image.rejected[i]); !p.empty())
            fail("rejected suggestion " + std::to_string(i) + ": " + p);
    for (std::size_t i = 0; i < image.captions.size(); ++i)
        for (const auto &[value, field] :
             {std::pair{&image.captions[i].text, "text"}, {&image.captions[i].origin, "origin"}})
            if (std::string p = stringProblem(*value, field); !p.empty())
                fail("caption " + std::to_string(i) + ": " + p);
    for (std::size_t i = 0; i < image.doneTasks.size(); ++i)
        if (std::string p = stringProblem(image.doneTasks[i], "task"); !p.empty())
            fail("done task " + std::to_string(i) + ": " + p);
}

bool isValidUtf8(const std::string &s)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const auto *end = p + s.size();
    while (p < end) {
        const unsigned char c = *p;
        int extra;
        std::uint32_t cp;
        if (c < 0x80) {
            ++p;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= extra)
            return false;
        for (int i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        static const std::uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMinForLength[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += extra + 1;
    }
    return true;
}

ImageStatus importedStatus(const ImageRecord &image)
{
    if (image.shapes.empty() && image.captions.empty())
        return ImageStatus::None;
    for (const Shape &s : image.shapes)
        if (s.origin == kManualOrigin)
            return ImageStatus::Edited;
    for (const Caption &c : image.captions)
        if (c.origin == kManualOrigin)
            return ImageStatus::Edited;
    return ImageStatus::PreAnnotated;
}

std::string baseName(const std::string &path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace florence::detail
