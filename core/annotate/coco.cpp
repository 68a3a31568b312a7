#include "annotate/coco.h"

#include "annotate/json_format.h"
#include "annotate/project.h"
#include "annotate/rle.h"
#include "common/error.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace florence {

using detail::JsonReader;
using detail::json;
using detail::ordered_json;

namespace {

const char *kInstancesWhat = "COCO instances file";
const char *kCaptionsWhat = "COCO captions file";

/// Images read so far, merged by file name across files (instances + captions, or shards).
struct ImageTable
{
    std::vector<ImageRecord> records;
    std::unordered_map<std::string, std::size_t> byName;
};

/// Category names in first-seen order, merged by name across files.
struct LabelTable
{
    std::vector<std::string> names;
    std::unordered_set<std::string> seen;

    void add(const std::string &name)
    {
        if (seen.insert(name).second)
            names.push_back(name);
    }
};

/// True when a and b differ by rounding only (bbox width/height arithmetic).
bool nearlyEqual(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

std::string annotationPath(std::size_t index, std::int64_t id)
{
    return JsonReader::index("annotations", index) + " (id " + std::to_string(id) + ")";
}

std::string infoDescription(const json &root)
{
    const auto info = root.find("info");
    if (info == root.end() || !info->is_object())
        return {};
    const auto d = info->find("description");
    return d != info->end() && d->is_string() ? d->get<std::string>() : std::string();
}

/// Reads images[] into `table`, merging with records of earlier files by file_name; returns image id
/// -> record index. Duplicate ids or file names inside this file fail.
std::unordered_map<std::int64_t, std::size_t> readImages(const JsonReader &r, const json &root, ImageTable &table)
{
    const json &images = r.array(r.member(root, "", "images"), "images", detail::kMaxImages);
    std::unordered_map<std::int64_t, std::size_t> byId;
    std::unordered_set<std::string> namesHere;
    for (std::size_t i = 0; i < images.size(); ++i) {
        const std::string path = JsonReader::index("images", i);
        const json &j = r.object(images[i], path);
        const auto at = [&](const char *key) { return JsonReader::key(path, key); };
        const std::int64_t id = r.integer(r.member(j, path, "id"), at("id"), INT64_MIN, INT64_MAX);
        const std::string name = r.string(r.member(j, path, "file_name"), at("file_name"));
        if (name.empty())
            r.fail(at("file_name"), "empty file name");
        const int width = r.imageSide(r.member(j, path, "width"), at("width"));
        const int height = r.imageSide(r.member(j, path, "height"), at("height"));
        if (!namesHere.insert(name).second)
            r.fail(at("file_name"), "file name '" + name + "' appears twice");
        auto [it, added] = table.byName.emplace(name, table.records.size());
        if (added) {
            ImageRecord record;
            record.path = name;
            record.width = width;
            record.height = height;
            table.records.push_back(std::move(record));
        } else {
            ImageRecord &record = table.records[it->second];
            const auto merge = [&](int &known, int value, const char *key) {
                if (known != 0 && value != 0 && known != value)
                    r.fail(at(key), "image '" + name + "' has " + key + " " + std::to_string(value)
                                        + " here but " + std::to_string(known) + " in an earlier file");
                if (known == 0)
                    known = value;
            };
            merge(record.width, width, "width");
            merge(record.height, height, "height");
        }
        if (!byId.emplace(id, it->second).second)
            r.fail(at("id"), "duplicate image id " + std::to_string(id));
    }
    return byId;
}

/// Calls f(annotation, path, image record) for each annotations[] entry after checking its id
/// (unique) and image_id (pointing at an image of this file); path reads "annotations[i] (id N)".
template <typename F>
void forEachAnnotation(const JsonReader &r, const json &root,
                       const std::unordered_map<std::int64_t, std::size_t> &imageById, ImageTable &table, F &&f)
{
    const json &annotations = r.array(r.member(root, "", "annotations"), "annotations", detail::kMaxAnnotations);
    std::unordered_set<std::int64_t> ids;
    for (std::size_t i = 0; i < annotations.size(); ++i) {
        const std::string plain = JsonReader::index("annotations", i);
        const json &a = r.object(annotations[i], plain);
        const std::int64_t id = r.integer(r.member(a, plain, "id"), JsonReader::key(plain, "id"), INT64_MIN, INT64_MAX);
        const std::string path = annotationPath(i, id);
        if (!ids.insert(id).second)
            r.fail(path, "duplicate annotation id " + std::to_string(id));
        const std::int64_t imageId
            = r.integer(r.member(a, path, "image_id"), JsonReader::key(path, "image_id"), INT64_MIN, INT64_MAX);
        const auto image = imageById.find(imageId);
        if (image == imageById.end())
            r.fail(JsonReader::key(path, "image_id"), "no image has id " + std::to_string(imageId));
        f(a, path, table.records[image->second]);
    }
}

/// Reads the fixed-size bbox [x, y, w, h] (w, h >= 0) as a box.
Box readBbox(const JsonReader &r, const json &a, const std::string &path)
{
    const std::string bp = JsonReader::key(path, "bbox");
    const json &b = r.array(r.member(a, path, "bbox"), bp, 4);
    if (b.size() != 4)
        r.fail(bp, "expected 4 numbers [x, y, width, height], got " + std::to_string(b.size()));
    const double x = r.coordinate(b[0], JsonReader::index(bp, 0));
    const double y = r.coordinate(b[1], JsonReader::index(bp, 1));
    const double w = r.number(b[2], JsonReader::index(bp, 2), 0.0, 2 * detail::kMaxCoordinate);
    const double h = r.number(b[3], JsonReader::index(bp, 3), 0.0, 2 * detail::kMaxCoordinate);
    return Box{x, y, x + w, y + h};
}

/// Reads a run-length mask {"size": [h, w], "counts": [...] or "..."} and traces it into rings.
/// The mask must have the size of its image when the image's size is known (COCO writes [h, w] of the image).
std::vector<Ring> readRle(const JsonReader &r, const json &seg, const std::string &sp, int imageWidth, int imageHeight)
{
    RleMask rle;
    const std::string zp = JsonReader::key(sp, "size");
    const json &size = r.array(r.member(seg, sp, "size"), zp, 2);
    if (size.size() != 2)
        r.fail(zp, "expected [height, width], got " + std::to_string(size.size()) + " numbers");
    rle.height = int(r.integer(size[0], JsonReader::index(zp, 0), 1, detail::kMaxImageSide));
    rle.width = int(r.integer(size[1], JsonReader::index(zp, 1), 1, detail::kMaxImageSide));
    if (imageWidth > 0 && imageHeight > 0 && (rle.width != imageWidth || rle.height != imageHeight))
        r.fail(zp, "mask size [height, width] = [" + std::to_string(rle.height) + ", " + std::to_string(rle.width)
                       + "] does not match its image, " + std::to_string(imageWidth) + " wide and "
                       + std::to_string(imageHeight) + " high");
    const std::string cp = JsonReader::key(sp, "counts");
    const json &counts = r.member(seg, sp, "counts");
    if (counts.is_string()) {
        try {
            rle.counts = decodeRleCounts(r.string(counts, cp));
        } catch (const Error &e) {
            r.fail(cp, e.what());
        }
    } else {
        constexpr std::int64_t kMaxRun = std::int64_t(1) << 28;
        const json &list = r.array(counts, cp, std::size_t(kMaxRun));
        rle.counts.reserve(list.size());
        for (std::size_t i = 0; i < list.size(); ++i) {
            const json &v = list[i];
            if (v.is_number_unsigned() && v.get<std::uint64_t>() <= std::uint64_t(kMaxRun))
                rle.counts.push_back(std::uint32_t(v.get<std::uint64_t>()));
            else
                rle.counts.push_back(std::uint32_t(r.integer(v, JsonReader::index(cp, i), 0, kMaxRun)));
        }
    }
    if (const std::string problem = rleProblem(rle); !problem.empty())
        r.fail(sp, "RLE mask: " + problem);
    return rleToRings(rle);
}

/// Reads one instance annotation into a shape (label set by the caller).
/// `imageWidth` / `imageHeight`: the image's size when known (0 otherwise), checked against RLE masks.
Shape readAnnotationShape(const JsonReader &r, const json &a, const std::string &path, int imageWidth, int imageHeight)
{
    Shape s;
    const Box bbox = readBbox(r, a, path);
    const json *attrs = r.optional(a, "attributes");
    const std::string ap = JsonReader::key(path, "attributes");
    if (attrs)
        r.object(*attrs, ap);
    const json *kind = attrs ? r.optional(*attrs, "kind") : nullptr;
    if (const json *origin = attrs ? r.optional(*attrs, "origin") : nullptr)
        s.origin = r.string(*origin, JsonReader::key(ap, "origin"));
    if (const json *text = attrs ? r.optional(*attrs, "text") : nullptr)
        s.text = r.string(*text, JsonReader::key(ap, "text"));
    if (const json *provenance = attrs ? r.optional(*attrs, "provenance") : nullptr)
        s.provenance = detail::readProvenance(r, *provenance, JsonReader::key(ap, "provenance"));
    if (const json *pending = attrs ? r.optional(*attrs, "pending") : nullptr)
        s.pending = r.boolean(*pending, JsonReader::key(ap, "pending"));
    if (const json *score = r.optional(a, "score"))
        s.score = r.score(*score, JsonReader::key(path, "score"));
    if (const json *crowd = r.optional(a, "iscrowd"))
        r.integer(*crowd, JsonReader::key(path, "iscrowd"), 0, 1);
    if (const json *area = r.optional(a, "area"))
        r.number(*area, JsonReader::key(path, "area"), 0.0, 1e19);

    if (const json *seg = r.optional(a, "segmentation")) {
        const std::string sp = JsonReader::key(path, "segmentation");
        if (seg->is_object()) {
            s.rings = readRle(r, *seg, sp, imageWidth, imageHeight); // an empty mask gives no rings: the bbox stays
        } else {
            r.array(*seg, sp, detail::kMaxRings);
            for (std::size_t i = 0; i < seg->size(); ++i)
                s.rings.push_back(r.flatRing((*seg)[i], JsonReader::index(sp, i)));
        }
    }
    s.kind = kind ? r.shapeKind(*kind, JsonReader::key(ap, "kind"))
                  : (s.rings.empty() ? ShapeKind::Box : ShapeKind::Polygon);
    if (s.kind == ShapeKind::Box) {
        s.rings.clear();
        s.box = bbox;
        // attributes.box keeps corners that bbox arithmetic cannot reproduce; a stale one is ignored.
        if (const json *exact = attrs ? r.optional(*attrs, "box") : nullptr) {
            const std::string xp = JsonReader::key(ap, "box");
            r.array(*exact, xp, 4);
            if (exact->size() != 4)
                r.fail(xp, "expected 4 numbers [x1, y1, x2, y2], got " + std::to_string(exact->size()));
            Box corners;
            double *c[] = {&corners.x1, &corners.y1, &corners.x2, &corners.y2};
            for (std::size_t i = 0; i < 4; ++i)
                *c[i] = r.coordinate((*exact)[i], JsonReader::index(xp, i));
            const Box n = corners.normalized();
            if (nearlyEqual(n.x1, bbox.x1) && nearlyEqual(n.y1, bbox.y1) && nearlyEqual(n.x2, bbox.x2)
                && nearlyEqual(n.y2, bbox.y2))
                s.box = corners;
        }
    }
    if (const std::string problem = detail::shapeProblem(s); !problem.empty())
        r.fail(path, problem);
    return s;
}

/// Reads an instances file into `table`, category names into `labels`.
void readInstances(const JsonReader &r, const json &root, ImageTable &table, LabelTable &labels)
{
    r.object(root, "");
    const auto imageById = readImages(r, root, table);

    const json &categories = r.array(r.member(root, "", "categories"), "categories", detail::kMaxLabels);
    std::unordered_map<std::int64_t, std::string> categoryById;
    for (std::size_t i = 0; i < categories.size(); ++i) {
        const std::string path = JsonReader::index("categories", i);
        const json &c = r.object(categories[i], path);
        const std::int64_t id = r.integer(r.member(c, path, "id"), JsonReader::key(path, "id"), INT64_MIN, INT64_MAX);
        const std::string name = r.string(r.member(c, path, "name"), JsonReader::key(path, "name"));
        if (!categoryById.emplace(id, name).second)
            r.fail(JsonReader::key(path, "id"), "duplicate category id " + std::to_string(id));
        labels.add(name);
    }

    forEachAnnotation(r, root, imageById, table, [&](const json &a, const std::string &path, ImageRecord &record) {
        const std::int64_t categoryId
            = r.integer(r.member(a, path, "category_id"), JsonReader::key(path, "category_id"), INT64_MIN, INT64_MAX);
        const auto category = categoryById.find(categoryId);
        if (category == categoryById.end())
            r.fail(JsonReader::key(path, "category_id"), "no category has id " + std::to_string(categoryId));
        Shape shape = readAnnotationShape(r, a, path, record.width, record.height);
        shape.label = category->second;
        if (record.shapes.size() >= detail::kMaxShapesPerImage)
            r.fail(path, "image '" + record.path + "' has more than " + std::to_string(detail::kMaxShapesPerImage)
                             + " annotations");
        record.shapes.push_back(std::move(shape));
    });
}

/// Reads a captions file into `table`.
void readCaptions(const JsonReader &r, const json &root, ImageTable &table)
{
    r.object(root, "");
    const auto imageById = readImages(r, root, table);
    forEachAnnotation(r, root, imageById, table, [&](const json &a, const std::string &path, ImageRecord &record) {
        Caption caption;
        caption.text = r.string(r.member(a, path, "caption"), JsonReader::key(path, "caption"));
        if (const json *attrs = r.optional(a, "attributes")) {
            const std::string ap = JsonReader::key(path, "attributes");
            r.object(*attrs, ap);
            if (const json *origin = r.optional(*attrs, "origin"))
                caption.origin = r.string(*origin, JsonReader::key(ap, "origin"));
        }
        if (record.captions.size() >= detail::kMaxCaptionsPerImage)
            r.fail(path, "image '" + record.path + "' has more than " + std::to_string(detail::kMaxCaptionsPerImage)
                             + " captions");
        record.captions.push_back(std::move(caption));
    });
}

ordered_json bboxJson(const Box &b)
{
    return {b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1};
}

/// COCO `area`: a box's area, or the pixels pycocotools fills for the polygon on the image
/// (rleFromPolygon; issue 17, finding 6). Without a known image size the polygon's bounding
/// extent from the origin stands in for the image.
double cocoArea(const Shape &s, int imageWidth, int imageHeight)
{
    if (s.kind == ShapeKind::Box)
        return s.area();
    int w = imageWidth, h = imageHeight;
    if (w <= 0 || h <= 0) {
        const Box b = s.boundingBox();
        w = int(std::clamp(std::ceil(b.x2) + 1.0, 1.0, double(detail::kMaxImageSide)));
        h = int(std::clamp(std::ceil(b.y2) + 1.0, 1.0, double(detail::kMaxImageSide)));
    }
    return polygonPixelArea(s.rings, h, w);
}

ordered_json annotationJson(const Shape &s, std::int64_t id, std::int64_t imageId, std::int64_t categoryId,
                            int imageWidth, int imageHeight)
{
    ordered_json a;
    a["id"] = id;
    a["image_id"] = imageId;
    a["category_id"] = categoryId;
    a["iscrowd"] = 0;
    const Box bounds = s.boundingBox();
    a["bbox"] = bboxJson(bounds);
    a["area"] = cocoArea(s, imageWidth, imageHeight);
    ordered_json segmentation = ordered_json::array();
    if (s.kind != ShapeKind::Box)
        for (const Ring &ring : s.rings)
            segmentation.push_back(detail::flatRingJson(ring));
    a["segmentation"] = std::move(segmentation);
    if (s.score)
        a["score"] = *s.score;
    ordered_json attrs;
    attrs["kind"] = toString(s.kind);
    attrs["origin"] = s.origin;
    if (!s.text.empty() || s.kind == ShapeKind::Quad) // an OCR line read as empty keeps text "" (finding 9)
        attrs["text"] = s.text;
    if (!s.provenance.empty())
        attrs["provenance"] = detail::provenanceJson(s.provenance);
    if (s.pending)
        attrs["pending"] = true;
    // bbox x + w does not always give back x2 exactly, and bbox cannot hold inverted corners.
    if (s.kind == ShapeKind::Box
        && (s.box != bounds || bounds.x1 + (bounds.x2 - bounds.x1) != bounds.x2
            || bounds.y1 + (bounds.y2 - bounds.y1) != bounds.y2))
        attrs["box"] = {s.box.x1, s.box.y1, s.box.x2, s.box.y2};
    a["attributes"] = std::move(attrs);
    return a;
}

std::vector<ImageRecord> withImportedStatus(std::vector<ImageRecord> records)
{
    for (ImageRecord &record : records)
        record.status = detail::importedStatus(record);
    return records;
}

} // namespace

std::string captionsPathFor(const std::string &instancesPath)
{
    const std::string ext = ".json";
    if (instancesPath.size() > ext.size() && instancesPath.compare(instancesPath.size() - ext.size(), ext.size(), ext) == 0)
        return instancesPath.substr(0, instancesPath.size() - ext.size()) + ".captions.json";
    return instancesPath + ".captions.json";
}

std::vector<std::string> captionsPathCandidates(const std::string &instancesPath)
{
    std::vector<std::string> out{captionsPathFor(instancesPath)};
    const std::size_t slash = instancesPath.find_last_of('/');
    const std::string dir = slash == std::string::npos ? std::string() : instancesPath.substr(0, slash + 1);
    std::string base = instancesPath.substr(dir.size());
    if (base.size() > 5 && base.compare(base.size() - 5, 5, ".json") == 0)
        base.resize(base.size() - 5);
    auto endsWith = [](const std::string &s, const std::string &tail) {
        return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (base == "instances")
        out.push_back(dir + "captions.json");
    else if (endsWith(base, "_instances"))
        out.push_back(dir + base.substr(0, base.size() - 10) + "_captions.json");
    else
        out.push_back(dir + base + "_captions.json");
    if (base.compare(0, 10, "instances_") == 0)
        out.push_back(dir + "captions_" + base.substr(10) + ".json");
    return out;
}

CocoFiles exportCoco(const std::vector<ImageRecord> &images, const CocoExportOptions &options)
{
    const std::string what = "COCO files";
    std::unordered_set<std::string> paths;
    for (const ImageRecord &image : images) {
        detail::checkImageForWrite(image, what);
        if (!paths.insert(image.path).second)
            throw Error(ErrorKind::BadInput, "cannot write " + what + ": image path '" + image.path + "' appears twice");
    }
    LabelTable labels;
    for (const std::string &label : options.labels)
        labels.add(label);
    for (const std::string &label : labelsInFirstUseOrder(images))
        labels.add(label);
    for (const std::string &label : labels.names)
        if (!detail::isValidUtf8(label))
            throw Error(ErrorKind::BadInput, "cannot write " + what + ": a category name is not valid UTF-8");
    if (!detail::isValidUtf8(options.description))
        throw Error(ErrorKind::BadInput, "cannot write " + what + ": the description is not valid UTF-8");

    std::unordered_map<std::string, std::int64_t> categoryIds;
    ordered_json categories = ordered_json::array();
    for (const std::string &name : labels.names) {
        const auto id = std::int64_t(categories.size()) + 1;
        categoryIds.emplace(name, id);
        categories.push_back({{"id", id}, {"name", name}, {"supercategory", ""}});
    }

    ordered_json imageList = ordered_json::array();
    ordered_json annotations = ordered_json::array();
    ordered_json captions = ordered_json::array();
    for (std::size_t i = 0; i < images.size(); ++i) {
        const ImageRecord &image = images[i];
        const auto imageId = std::int64_t(i) + 1;
        imageList.push_back({{"id", imageId}, {"file_name", image.path}, {"width", image.width}, {"height", image.height}});
        for (const Shape &s : image.shapes)
            annotations.push_back(
                annotationJson(s, std::int64_t(annotations.size()) + 1, imageId, categoryIds.at(s.label), image.width,
                               image.height));
        for (const Caption &c : image.captions)
            captions.push_back({{"id", std::int64_t(captions.size()) + 1},
                                {"image_id", imageId},
                                {"caption", c.text},
                                {"attributes", {{"origin", c.origin}}}});
    }

    const ordered_json info = {{"description", options.description}};
    ordered_json instancesRoot;
    instancesRoot["info"] = info;
    instancesRoot["licenses"] = ordered_json::array();
    instancesRoot["images"] = imageList;
    instancesRoot["annotations"] = std::move(annotations);
    instancesRoot["categories"] = std::move(categories);
    ordered_json captionsRoot;
    captionsRoot["info"] = info;
    captionsRoot["licenses"] = ordered_json::array();
    captionsRoot["images"] = std::move(imageList);
    captionsRoot["annotations"] = std::move(captions);
    return CocoFiles{detail::dumpJson(instancesRoot, -1), detail::dumpJson(captionsRoot, -1)};
}

std::vector<ImageRecord> importCoco(const std::string &instancesJson, const std::string &instancesName,
                                    const std::string *captionsJson, const std::string &captionsName)
{
    ImageTable table;
    LabelTable labels;
    const json instances = detail::parseJson(instancesJson, kInstancesWhat, instancesName);
    readInstances(JsonReader(kInstancesWhat, instancesName), instances, table, labels);
    if (captionsJson) {
        const json captions = detail::parseJson(*captionsJson, kCaptionsWhat, captionsName);
        readCaptions(JsonReader(kCaptionsWhat, captionsName), captions, table);
    }
    return withImportedStatus(std::move(table.records));
}

std::vector<std::string> cocoCategoryNames(const std::string &instancesJson, const std::string &instancesName)
{
    ImageTable table;
    LabelTable labels;
    const json instances = detail::parseJson(instancesJson, kInstancesWhat, instancesName);
    readInstances(JsonReader(kInstancesWhat, instancesName), instances, table, labels);
    return labels.names;
}

std::string markCocoTruncated(const std::string &instancesJson, const std::vector<std::string> &fileNames)
{
    if (fileNames.empty())
        return instancesJson;
    const std::set<std::string> names(fileNames.begin(), fileNames.end());
    ordered_json root = ordered_json::parse(instancesJson);
    std::set<std::int64_t> ids;
    for (auto &image : root.at("images"))
        if (names.count(image.at("file_name").get<std::string>())) {
            image["truncated"] = true;
            ids.insert(image.at("id").get<std::int64_t>());
        }
    for (auto &ann : root.at("annotations"))
        if (ids.count(ann.at("image_id").get<std::int64_t>()))
            ann["attributes"]["truncated"] = true;
    return detail::dumpJson(root, -1);
}

std::string mergeCocoInstances(const std::vector<std::pair<std::string, std::string>> &shards)
{
    ImageTable table;
    LabelTable labels;
    CocoExportOptions options;
    std::vector<std::string> truncated;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const json root = detail::parseJson(shards[i].second, kInstancesWhat, shards[i].first);
        readInstances(JsonReader(kInstancesWhat, shards[i].first), root, table, labels);
        if (i == 0 && !infoDescription(root).empty())
            options.description = infoDescription(root);
        for (const json &image : root.at("images"))
            if (image.is_object() && image.contains("truncated") && image.at("truncated") == true
                && image.contains("file_name") && image.at("file_name").is_string())
                truncated.push_back(image.at("file_name").get<std::string>());
    }
    options.labels = labels.names;
    return markCocoTruncated(exportCoco(table.records, options).instances, truncated);
}

std::string mergeCocoCaptions(const std::vector<std::pair<std::string, std::string>> &shards)
{
    ImageTable table;
    CocoExportOptions options;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const json root = detail::parseJson(shards[i].second, kCaptionsWhat, shards[i].first);
        readCaptions(JsonReader(kCaptionsWhat, shards[i].first), root, table);
        if (i == 0 && !infoDescription(root).empty())
            options.description = infoDescription(root);
    }
    return exportCoco(table.records, options).captions;
}

} // namespace florence
