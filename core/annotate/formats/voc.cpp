#include "annotate/formats/voc.h"

#include "annotate/formats/shape_convert.h"
#include "annotate/formats/text_lines.h"
#include "annotate/formats/xml_reader.h"
#include "annotate/json_format.h"
#include "common/error.h"
#include "common/file_io.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace florence::formats {

using namespace detail;

namespace {

const char *kWhat = "Pascal VOC file";

const XmlElement &required(const XmlElement &parent, const char *name, const std::string &file)
{
    const XmlElement *c = parent.child(name);
    if (!c)
        failAt(kWhat, file, parent.line, "<" + parent.name + "> has no <" + name + ">");
    return *c;
}

double number(const XmlElement &el, const std::string &file)
{
    double v = 0;
    const std::string t = el.trimmedText();
    if (!parseNumber(t, v))
        failAt(kWhat, file, el.line, "<" + el.name + "> " + formats::detail::quoted(t) + " is not a finite number");
    return v;
}

int side(const XmlElement &el, const std::string &file)
{
    long long v = 0;
    const std::string t = el.trimmedText();
    if (!parseIndex(t, v) || v > florence::detail::kMaxImageSide)
        failAt(kWhat, file, el.line, "<" + el.name + "> " + formats::detail::quoted(t) + " is not an image side in 0.."
                                         + std::to_string(florence::detail::kMaxImageSide));
    return int(v);
}

bool flag(const XmlElement *el) { return el && el->trimmedText() == "1"; }

std::string xmlEscape(const std::string &s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace

VocFile parseVocXml(const std::string &text, const std::string &fileName)
{
    const XmlElement root = parseXml(text, kWhat, fileName);
    if (root.name != "annotation")
        failAt(kWhat, fileName, root.line, "root element is <" + root.name + ">, expected <annotation>");
    VocFile out;
    const XmlElement &filename = required(root, "filename", fileName);
    out.image.path = filename.trimmedText();
    out.filenameLine = filename.line;
    if (out.image.path.empty())
        failAt(kWhat, fileName, filename.line, "<filename> is empty");
    if (out.image.path.size() > florence::detail::kMaxStringBytes)
        failAt(kWhat, fileName, filename.line, "<filename> is too long");
    if (const XmlElement *size = root.child("size")) {
        out.image.width = side(required(*size, "width", fileName), fileName);
        out.image.height = side(required(*size, "height", fileName), fileName);
    }
    const auto objects = root.all("object");
    if (objects.size() > florence::detail::kMaxShapesPerImage)
        failAt(kWhat, fileName, objects[florence::detail::kMaxShapesPerImage]->line, "too many objects");
    for (const XmlElement *obj : objects) {
        Shape s;
        s.kind = ShapeKind::Box;
        const XmlElement &name = required(*obj, "name", fileName);
        s.label = name.trimmedText();
        if (s.label.size() > florence::detail::kMaxStringBytes)
            failAt(kWhat, fileName, name.line, "<name> is too long");
        const XmlElement &bb = required(*obj, "bndbox", fileName);
        const double xmin = number(required(bb, "xmin", fileName), fileName);
        const double ymin = number(required(bb, "ymin", fileName), fileName);
        const double xmax = number(required(bb, "xmax", fileName), fileName);
        const double ymax = number(required(bb, "ymax", fileName), fileName);
        if (xmin < 0 || ymin < 0 || xmax < 0 || ymax < 0)
            failAt(kWhat, fileName, bb.line, "negative bndbox coordinate");
        if (xmin > xmax || ymin > ymax)
            failAt(kWhat, fileName, bb.line, "bndbox has xmin > xmax or ymin > ymax");
        if ((out.image.width > 0 && xmax > out.image.width) || (out.image.height > 0 && ymax > out.image.height))
            failAt(kWhat, fileName, bb.line, "bndbox reaches beyond the image size " + std::to_string(out.image.width) + "x"
                                                 + std::to_string(out.image.height));
        if (xmax > florence::detail::kMaxCoordinate || ymax > florence::detail::kMaxCoordinate)
            failAt(kWhat, fileName, bb.line, "bndbox coordinate beyond 1e9");
        s.box = {xmin - 1, ymin - 1, xmax, ymax};
        out.difficult += flag(obj->child("difficult"));
        out.truncated += flag(obj->child("truncated"));
        out.parts += obj->all("part").size();
        out.image.shapes.push_back(std::move(s));
    }
    out.image.status = florence::detail::importedStatus(out.image);
    return out;
}

Dataset readVoc(const std::string &input, const ImportOptions &)
{
    std::error_code ec;
    if (!fs::is_directory(input, ec))
        throw Error(ErrorKind::BadInput, "Pascal VOC dataset '" + input + "' is not a folder");
    const bool devkit = fs::is_directory(input + "/Annotations", ec);
    const std::string xmlDir = devkit ? input + "/Annotations" : input;
    Dataset ds;
    ds.root = devkit ? input + "/JPEGImages" : input;
    std::map<std::string, std::string> splitOfId;
    if (devkit)
        for (const char *split : {"train", "val", "test"}) {
            const std::string list = input + "/ImageSets/Main/" + split + ".txt";
            if (!isRegularFile(list))
                continue;
            // The text must outlive the lines: they are views into it (a temporary in the range-for
            // would die before the loop body; AddressSanitizer: stack-use-after-scope).
            const std::string text = readLimitedFile(list, "Pascal VOC image set", kMaxListFileBytes);
            for (const Line &line : splitLines(text, "Pascal VOC image set", list)) {
                const auto f = splitFields(line.text);
                if (f.empty())
                    continue;
                if (f.size() != 1)
                    failAt("Pascal VOC image set", list, line.number, "expected one image id per line, got " + std::to_string(f.size()) + " fields");
                splitOfId[std::string(f[0])] = split;
            }
        }
    std::size_t difficult = 0, truncated = 0, parts = 0;
    std::set<std::string> seen;
    for (const std::string &rel : listFiles(xmlDir)) {
        if (rel.size() < 4 || rel.compare(rel.size() - 4, 4, ".xml") != 0)
            continue;
        const std::string file = xmlDir + "/" + rel;
        VocFile vf = parseVocXml(readLimitedFile(file, kWhat, kMaxLabelFileBytes), file);
        const std::size_t slash = rel.rfind('/');
        if (!devkit && slash != std::string::npos)
            vf.image.path = rel.substr(0, slash + 1) + vf.image.path;
        const std::string imageFile = ds.root + "/" + vf.image.path;
        if (!isRegularFile(imageFile))
            failAt(kWhat, file, vf.filenameLine, "image '" + imageFile + "' does not exist");
        if (!seen.insert(vf.image.path).second)
            failAt(kWhat, file, vf.filenameLine, "image '" + vf.image.path + "' is annotated by two files");
        const std::string id = stripExtension(rel);
        ds.splits.push_back(splitOfId.count(id) ? splitOfId[id] : std::string());
        difficult += vf.difficult;
        truncated += vf.truncated;
        parts += vf.parts;
        for (const Shape &s : vf.image.shapes)
            if (std::find(ds.labels.begin(), ds.labels.end(), s.label) == ds.labels.end())
                ds.labels.push_back(s.label);
        ds.images.push_back(std::move(vf.image));
    }
    if (ds.images.empty())
        throw Error(ErrorKind::BadInput, "Pascal VOC dataset '" + input + "' holds no .xml files");
    fillImageSizes(ds);
    if (difficult)
        ds.notes.push_back(std::to_string(difficult) + " objects marked difficult: the flag is not kept");
    if (truncated)
        ds.notes.push_back(std::to_string(truncated) + " objects marked truncated: the flag is not kept");
    if (parts)
        ds.notes.push_back(std::to_string(parts) + " <part> boxes (person layout): not kept");
    return ds;
}

ExportResult writeVoc(const Dataset &input, const ExportOptions &options)
{
    Dataset ds = input;
    fillImageSizes(ds);
    const std::vector<std::string> names = flatNames(ds);
    const std::vector<std::string> splits = assignSplits(ds, options.split);
    ExportResult result;
    ExportSummary &sum = result.summary;
    sum.format = "Pascal VOC";
    std::map<std::string, std::string> lists;
    for (std::size_t i = 0; i < ds.images.size(); ++i) {
        const ImageRecord &image = ds.images[i];
        const std::string id = stripExtension(names[i]);
        std::string xml = "<annotation>\n\t<folder>JPEGImages</folder>\n\t<filename>" + xmlEscape(names[i])
                          + "</filename>\n\t<source>\n\t\t<database>Florence Studio</database>\n\t</source>\n\t<size>\n\t\t<width>"
                          + std::to_string(image.width) + "</width>\n\t\t<height>" + std::to_string(image.height)
                          + "</height>\n\t\t<depth>3</depth>\n\t</size>\n\t<segmented>0</segmented>\n";
        for (const Shape &shape : image.shapes) {
            const Box b = boxFor(shape, sum, "Pascal VOC");
            // Devkit convention: 1-based inclusive pixel indices, so pixel edges x1..x2 -> x1+1..x2.
            const long long xmin = std::max(1LL, std::llround(b.x1) + 1), ymin = std::max(1LL, std::llround(b.y1) + 1);
            const long long xmax = std::min<long long>(image.width, std::llround(b.x2));
            const long long ymax = std::min<long long>(image.height, std::llround(b.y2));
            if (xmax < xmin || ymax < ymin) {
                sum.drop("object outside its image or smaller than a pixel: nothing left to write");
                continue;
            }
            const bool clipped = std::llround(b.x1) + 1 < 1 || std::llround(b.y1) + 1 < 1 || std::llround(b.x2) > image.width
                                 || std::llround(b.y2) > image.height;
            if (clipped)
                sum.convert("box reaching outside its image -> clipped and marked truncated");
            if (b.x1 != std::round(b.x1) || b.y1 != std::round(b.y1) || b.x2 != std::round(b.x2) || b.y2 != std::round(b.y2))
                sum.convert("box corners -> whole pixels: VOC stores integers");
            xml += "\t<object>\n\t\t<name>" + xmlEscape(shape.label) + "</name>\n\t\t<pose>Unspecified</pose>\n\t\t<truncated>"
                   + std::string(clipped ? "1" : "0") + "</truncated>\n\t\t<difficult>0</difficult>\n\t\t<bndbox>\n\t\t\t<xmin>"
                   + std::to_string(xmin) + "</xmin>\n\t\t\t<ymin>" + std::to_string(ymin) + "</ymin>\n\t\t\t<xmax>"
                   + std::to_string(xmax) + "</xmax>\n\t\t\t<ymax>" + std::to_string(ymax) + "</ymax>\n\t\t</bndbox>\n\t</object>\n";
            sum.objectsPerClass[shape.label] += 1;
        }
        xml += "</annotation>\n";
        noteUnheld(sum, image, "Pascal VOC", false, false, false);
        result.files.push_back({"Annotations/" + id + ".xml", xml});
        if (options.copyImages)
            result.copies.push_back({sourcePath(ds, i), "JPEGImages/" + names[i]});
        lists[splits[i]] += id + "\n";
        sum.splitImages[splits[i]] += 1;
    }
    for (const auto &[split, text] : lists)
        result.files.push_back({"ImageSets/Main/" + split + ".txt", text});
    sum.images = ds.images.size();
    sum.files = {"Annotations/*.xml", "JPEGImages/*", "ImageSets/Main/<split>.txt"};
    return result;
}

} // namespace florence::formats
