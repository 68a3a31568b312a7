#include "annotate/project.h"

#include "annotate/json_format.h"
#include "common/error.h"
#include "common/file_io.h"

#include <filesystem>
#include <unordered_set>

namespace florence {

using detail::JsonReader;
using detail::json;
using detail::ordered_json;

namespace {

const char *kWhat = "project file";

ordered_json shapeJson(const Shape &s)
{
    ordered_json j;
    j["kind"] = toString(s.kind);
    if (s.kind == ShapeKind::Box) {
        j["box"] = {s.box.x1, s.box.y1, s.box.x2, s.box.y2};
    } else {
        ordered_json rings = ordered_json::array();
        for (const Ring &ring : s.rings)
            rings.push_back(detail::flatRingJson(ring));
        j["rings"] = std::move(rings);
    }
    j["label"] = s.label;
    j["text"] = s.text;
    if (s.score)
        j["score"] = *s.score;
    j["origin"] = s.origin;
    if (!s.provenance.empty())
        j["provenance"] = detail::provenanceJson(s.provenance);
    if (s.pending)
        j["pending"] = true;
    return j;
}

ordered_json imageJson(const ImageRecord &image)
{
    ordered_json j;
    j["path"] = image.path;
    j["width"] = image.width;
    j["height"] = image.height;
    j["status"] = toString(image.status);
    ordered_json shapes = ordered_json::array();
    for (const Shape &s : image.shapes)
        shapes.push_back(shapeJson(s));
    j["shapes"] = std::move(shapes);
    ordered_json captions = ordered_json::array();
    for (const Caption &c : image.captions)
        captions.push_back({{"text", c.text}, {"origin", c.origin}});
    j["captions"] = std::move(captions);
    j["doneTasks"] = image.doneTasks;
    if (!image.rejected.empty()) {
        ordered_json rejected = ordered_json::array();
        for (const Shape &s : image.rejected)
            rejected.push_back(shapeJson(s));
        j["rejected"] = std::move(rejected);
    }
    return j;
}

Shape readShape(const JsonReader &r, const json &j, const std::string &path)
{
    r.object(j, path);
    Shape s;
    s.kind = r.shapeKind(r.member(j, path, "kind"), JsonReader::key(path, "kind"));
    if (s.kind == ShapeKind::Box) {
        const std::string bp = JsonReader::key(path, "box");
        const json &b = r.array(r.member(j, path, "box"), bp, 4);
        if (b.size() != 4)
            r.fail(bp, "expected 4 numbers [x1, y1, x2, y2], got " + std::to_string(b.size()));
        s.box = Box{r.coordinate(b[0], JsonReader::index(bp, 0)), r.coordinate(b[1], JsonReader::index(bp, 1)),
                    r.coordinate(b[2], JsonReader::index(bp, 2)), r.coordinate(b[3], JsonReader::index(bp, 3))};
    } else {
        const std::string rp = JsonReader::key(path, "rings");
        const json &rings = r.array(r.member(j, path, "rings"), rp, detail::kMaxRings);
        for (std::size_t i = 0; i < rings.size(); ++i)
            s.rings.push_back(r.flatRing(rings[i], JsonReader::index(rp, i)));
    }
    s.label = r.string(r.member(j, path, "label"), JsonReader::key(path, "label"));
    s.text = r.string(r.member(j, path, "text"), JsonReader::key(path, "text"));
    if (const json *score = r.optional(j, "score"))
        s.score = r.score(*score, JsonReader::key(path, "score"));
    s.origin = r.string(r.member(j, path, "origin"), JsonReader::key(path, "origin"));
    if (const json *provenance = r.optional(j, "provenance"))
        s.provenance = detail::readProvenance(r, *provenance, JsonReader::key(path, "provenance"));
    if (const json *pending = r.optional(j, "pending"))
        s.pending = r.boolean(*pending, JsonReader::key(path, "pending"));
    if (const std::string problem = detail::shapeProblem(s); !problem.empty())
        r.fail(path, problem);
    return s;
}

ImageRecord readImage(const JsonReader &r, const json &j, const std::string &path)
{
    r.object(j, path);
    const auto field = [&](const char *key) -> const json & { return r.member(j, path, key); };
    const auto at = [&](const char *key) { return JsonReader::key(path, key); };
    ImageRecord image;
    image.path = r.string(field("path"), at("path"));
    if (image.path.empty())
        r.fail(at("path"), "empty image path");
    image.width = r.imageSide(field("width"), at("width"));
    image.height = r.imageSide(field("height"), at("height"));
    const std::string status = r.string(field("status"), at("status"));
    const auto parsedStatus = imageStatusFromString(status);
    if (!parsedStatus)
        r.fail(at("status"), "unknown status '" + status + "' (expected none, pre-annotated, edited or reviewed)");
    image.status = *parsedStatus;
    const json &shapes = r.array(field("shapes"), at("shapes"), detail::kMaxShapesPerImage);
    image.shapes.reserve(shapes.size());
    for (std::size_t i = 0; i < shapes.size(); ++i)
        image.shapes.push_back(readShape(r, shapes[i], JsonReader::index(at("shapes"), i)));
    const json &captions = r.array(field("captions"), at("captions"), detail::kMaxCaptionsPerImage);
    for (std::size_t i = 0; i < captions.size(); ++i) {
        const std::string cp = JsonReader::index(at("captions"), i);
        Caption c;
        c.text = r.string(r.member(captions[i], cp, "text"), JsonReader::key(cp, "text"));
        c.origin = r.string(r.member(captions[i], cp, "origin"), JsonReader::key(cp, "origin"));
        image.captions.push_back(std::move(c));
    }
    image.doneTasks = r.stringList(field("doneTasks"), at("doneTasks"), detail::kMaxLabels);
    if (const json *rejected = r.optional(j, "rejected")) {
        r.array(*rejected, at("rejected"), detail::kMaxShapesPerImage);
        for (std::size_t i = 0; i < rejected->size(); ++i)
            image.rejected.push_back(readShape(r, (*rejected)[i], JsonReader::index(at("rejected"), i)));
    }
    return image;
}

} // namespace

std::string projectToJson(const Project &project)
{
    std::unordered_set<std::string> paths;
    for (const ImageRecord &image : project.images) {
        detail::checkImageForWrite(image, kWhat);
        if (!paths.insert(image.path).second)
            throw Error(ErrorKind::BadInput, std::string("cannot write ") + kWhat + ": image path '" + image.path
                                                 + "' appears twice");
    }
    for (const std::string &label : project.labels)
        if (!detail::isValidUtf8(label))
            throw Error(ErrorKind::BadInput, std::string("cannot write ") + kWhat + ": a label is not valid UTF-8");
    ordered_json root;
    root["format"] = kProjectFormatName;
    root["version"] = kProjectFormatVersion;
    root["labels"] = project.labels;
    ordered_json images = ordered_json::array();
    for (const ImageRecord &image : project.images)
        images.push_back(imageJson(image));
    root["images"] = std::move(images);
    if (!project.prompts.empty() || !project.prompts.task.empty())
        root["prompts"] = detail::promptTableJson(project.prompts);
    return detail::dumpJson(root, -1);
}

Project projectFromJson(const std::string &text, const std::string &fileName)
{
    const json root = detail::parseJson(text, kWhat, fileName);
    const JsonReader r(kWhat, fileName);
    r.object(root, "");
    const json *format = r.optional(root, "format");
    if (!format || !format->is_string() || format->get<std::string>() != kProjectFormatName)
        r.fail("format", std::string("not a Florence Studio project (expected \"") + kProjectFormatName + "\", got "
                             + (format ? format->dump() : std::string("nothing")) + ")");
    const std::int64_t version = r.integer(r.member(root, "", "version"), "version", 1, 1 << 30);
    if (version > kProjectFormatVersion)
        r.fail("version", "written by a newer version (" + std::to_string(version)
                              + ") of Florence Studio; this version reads format " + std::to_string(kProjectFormatVersion)
                              + " and older");

    Project project;
    project.labels = r.stringList(r.member(root, "", "labels"), "labels", detail::kMaxLabels);
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < project.labels.size(); ++i)
        if (!seen.insert(project.labels[i]).second)
            r.fail(JsonReader::index("labels", i), "duplicate label '" + project.labels[i] + "'");

    const json &images = r.array(r.member(root, "", "images"), "images", detail::kMaxImages);
    project.images.reserve(images.size());
    seen.clear();
    for (std::size_t i = 0; i < images.size(); ++i) {
        const std::string path = JsonReader::index("images", i);
        project.images.push_back(readImage(r, images[i], path));
        if (!seen.insert(project.images.back().path).second)
            r.fail(JsonReader::key(path, "path"), "image path '" + project.images.back().path + "' appears twice");
    }
    if (const json *prompts = r.optional(root, "prompts"))
        project.prompts = detail::readPromptTable(r, *prompts, "prompts");
    return project;
}

void saveProject(const Project &project, const std::string &path)
{
    writeFileAtomic(path, projectToJson(project));
}

Project loadProject(const std::string &path)
{
    Project project = projectFromJson(readTextFile(path), path);
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path folder = fs::absolute(fs::path(path), ec).parent_path().lexically_normal();
    if (ec)
        throw Error(ErrorKind::Io, "cannot resolve the folder of '" + path + "': " + ec.message());
    project.rootDir = folder.generic_string();
    return project;
}

std::vector<std::string> labelsInFirstUseOrder(const std::vector<ImageRecord> &images)
{
    std::vector<std::string> labels;
    std::unordered_set<std::string> seen;
    for (const ImageRecord &image : images)
        for (const Shape &s : image.shapes)
            if (seen.insert(s.label).second)
                labels.push_back(s.label);
    return labels;
}

} // namespace florence
