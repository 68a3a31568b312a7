#include "annotate/formats/paddleocr.h"

#include "annotate/formats/shape_convert.h"
#include "annotate/formats/text_lines.h"
#include "annotate/json_format.h"
#include "common/error.h"
#include "common/file_io.h"
#include "image/decode.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace florence::formats {

using namespace detail;
using florence::detail::json;
using florence::detail::ordered_json;

namespace {
const char *kWhat = "PaddleOCR label file";
}

std::vector<PaddleLabelImage> parsePaddleLabels(const std::string &text, const std::string &fileName, std::size_t *difficult)
{
    std::vector<PaddleLabelImage> out;
    std::set<std::string> seen;
    std::size_t nDifficult = 0;
    for (const Line &line : splitLines(text, kWhat, fileName)) {
        if (line.text.find_first_not_of(" \t") == std::string_view::npos)
            continue;
        auto fail = [&](const std::string &problem) { failAt(kWhat, fileName, line.number, problem); };
        const std::size_t tab = line.text.find('\t');
        if (tab == std::string_view::npos)
            fail("expected '<image path><TAB><JSON list>', found no tab");
        PaddleLabelImage img;
        img.line = line.number;
        img.path = std::string(line.text.substr(0, tab));
        std::replace(img.path.begin(), img.path.end(), '\\', '/');
        if (img.path.empty())
            fail("empty image path");
        if (!seen.insert(img.path).second)
            fail("image '" + img.path + "' is listed twice");
        const std::string_view body = line.text.substr(tab + 1);
        { // Bound the nesting before parsing (a Label.txt line needs 4 levels).
            int depth = 0;
            bool inString = false;
            for (std::size_t i = 0; i < body.size(); ++i) {
                const char c = body[i];
                if (inString) {
                    if (c == '\\')
                        ++i;
                    else if (c == '"')
                        inString = false;
                } else if (c == '"') {
                    inString = true;
                } else if (c == '[' || c == '{') {
                    if (++depth > 8)
                        fail("JSON nested deeper than 8");
                } else if (c == ']' || c == '}') {
                    --depth;
                }
            }
        }
        json j;
        try {
            j = json::parse(body);
        } catch (const json::exception &e) {
            fail(std::string("not valid JSON: ") + e.what());
        }
        if (!j.is_array())
            fail("expected a JSON list of objects");
        if (j.size() > florence::detail::kMaxShapesPerImage)
            fail("more than " + std::to_string(florence::detail::kMaxShapesPerImage) + " objects");
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::string at = "[" + std::to_string(i) + "]";
            const json &o = j[i];
            if (!o.is_object())
                fail(at + ": expected an object");
            const auto t = o.find("transcription");
            if (t == o.end() || !t->is_string())
                fail(at + ".transcription: missing or not a string");
            const auto p = o.find("points");
            if (p == o.end() || !p->is_array())
                fail(at + ".points: missing or not a list");
            if (p->size() < 4 || p->size() > florence::detail::kMaxRingPoints)
                fail(at + ".points: expected at least 4 points, got " + std::to_string(p->size()));
            Ring ring;
            for (std::size_t k = 0; k < p->size(); ++k) {
                const json &pt = (*p)[k];
                const std::string pat = at + ".points[" + std::to_string(k) + "]";
                if (!pt.is_array() || pt.size() != 2 || !pt[0].is_number() || !pt[1].is_number())
                    fail(pat + ": expected [x, y]");
                const double x = pt[0].get<double>(), y = pt[1].get<double>();
                if (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > florence::detail::kMaxCoordinate
                    || std::abs(y) > florence::detail::kMaxCoordinate)
                    fail(pat + ": not a finite pixel coordinate (|v| <= 1e9)");
                ring.push_back({x, y});
            }
            Shape s;
            s.kind = ring.size() == 4 ? ShapeKind::Quad : ShapeKind::Polygon;
            s.rings = {std::move(ring)};
            s.text = t->get<std::string>();
            if (const auto k = o.find("key_cls"); k != o.end() && k->is_string() && k->get<std::string>() != "None")
                s.label = k->get<std::string>();
            if (const auto d = o.find("difficult"); d != o.end() && d->is_boolean() && d->get<bool>())
                ++nDifficult;
            img.shapes.push_back(std::move(s));
        }
        out.push_back(std::move(img));
    }
    if (difficult)
        *difficult += nDifficult;
    return out;
}

Dataset readPaddleOcr(const std::string &input, const ImportOptions &options)
{
    std::error_code ec;
    const std::string file = fs::is_directory(input, ec) ? input + "/Label.txt" : input;
    const fs::path folder = fs::path(file).parent_path();
    const std::string folderName = folder.filename().string();
    const std::string parent = folder.has_parent_path() ? folder.parent_path().string() : std::string(".");
    std::size_t difficult = 0;
    const std::vector<PaddleLabelImage> images = parsePaddleLabels(readLimitedFile(file, kWhat, kMaxListFileBytes), file, &difficult);
    Dataset ds;
    ds.root = options.imagesDir.empty() ? (folder.empty() ? std::string(".") : folder.string()) : options.imagesDir;
    for (const PaddleLabelImage &img : images) {
        std::string source;
        std::string logical = img.path;
        if (!options.imagesDir.empty()) {
            source = options.imagesDir + "/" + img.path;
        } else if (img.path.rfind(folderName + "/", 0) == 0 && isRegularFile(parent + "/" + img.path)) {
            source = parent + "/" + img.path; // PPOCRLabel: "<folder>/<image>"
            logical = img.path.substr(folderName.size() + 1);
        } else {
            source = (folder.empty() ? std::string(".") : folder.string()) + "/" + img.path;
        }
        if (!isRegularFile(source))
            failAt(kWhat, file, img.line, "image '" + img.path + "' does not exist (looked for '" + source + "')");
        ImageRecord rec;
        rec.path = logical;
        rec.shapes = img.shapes;
        for (const Shape &s : rec.shapes)
            if (std::find(ds.labels.begin(), ds.labels.end(), s.label) == ds.labels.end())
                ds.labels.push_back(s.label);
        rec.status = florence::detail::importedStatus(rec);
        ds.images.push_back(std::move(rec));
        ds.sources.push_back(source);
    }
    if (ds.images.empty())
        throw Error(ErrorKind::BadInput, std::string(kWhat) + " '" + file + "' lists no images");
    fillImageSizes(ds);
    if (difficult)
        ds.notes.push_back(std::to_string(difficult) + " objects marked difficult: the flag is not kept");
    return ds;
}

namespace {

/// PaddleOCR's get_rotate_crop_image: the quad rectified to a width x height image (sides = the
/// longer of the opposite edges), rotated 90 degrees counter-clockwise when height >= 1.5 x width.
std::string rectifiedCrop(const cv::Mat &bgr, const Ring &quad)
{
    auto dist = [](const Point &a, const Point &b) { return std::hypot(a.x - b.x, a.y - b.y); };
    const double wd = std::max(dist(quad[0], quad[1]), dist(quad[2], quad[3]));
    const double hd = std::max(dist(quad[0], quad[3]), dist(quad[1], quad[2]));
    if (!(wd >= 1 && hd >= 1) || wd > 65535 || hd > 65535 || wd * hd > double(1 << 26))
        return {}; // smaller than a pixel, or absurd (a crop over 64 megapixels)
    const int w = int(wd), h = int(hd);
    cv::Point2f src[4], dst[4] = {{0.f, 0.f}, {float(w), 0.f}, {float(w), float(h)}, {0.f, float(h)}};
    for (int i = 0; i < 4; ++i)
        src[i] = cv::Point2f(float(quad[std::size_t(i)].x), float(quad[std::size_t(i)].y));
    const cv::Mat m = cv::getPerspectiveTransform(src, dst);
    cv::Mat crop;
    cv::warpPerspective(bgr, crop, m, cv::Size(w, h), cv::INTER_CUBIC, cv::BORDER_REPLICATE);
    if (double(h) / double(w) >= 1.5)
        cv::rotate(crop, crop, cv::ROTATE_90_COUNTERCLOCKWISE);
    std::vector<uchar> png;
    cv::imencode(".png", crop, png);
    return std::string(png.begin(), png.end());
}

} // namespace

ExportResult writePaddleOcr(const Dataset &ds, const ExportOptions &options)
{
    const std::vector<std::string> splits = assignSplits(ds, options.split);
    const std::set<std::string> splitSet(splits.begin(), splits.end());
    ExportResult result;
    ExportSummary &sum = result.summary;
    sum.format = "PaddleOCR";
    std::string label, rec;
    std::map<std::string, std::string> detBySplit, recBySplit;
    std::set<std::string> cropNames;
    for (std::size_t i = 0; i < ds.images.size(); ++i) {
        const ImageRecord &image = ds.images[i];
        const std::string path = "images/" + image.path;
        ordered_json list = ordered_json::array();
        cv::Mat bgr;
        std::size_t cropIndex = 0;
        std::string flat = stripExtension(image.path);
        std::replace(flat.begin(), flat.end(), '/', '_');
        for (const Shape &shape : image.shapes) {
            std::vector<Ring> rings = shape.kind == ShapeKind::Box ? std::vector<Ring>{quadFor(shape, sum, "PaddleOCR")} : shape.rings;
            if (rings.size() > 1)
                sum.convert("polygon with " + std::to_string(rings.size()) + " rings -> one entry per ring: PaddleOCR holds one polygon per entry");
            for (const Ring &ring : rings) {
                Ring pts = ring;
                if (pts.size() < 4) { // a triangle: PaddleOCR needs 4 points, repeat the last
                    sum.convert("3-point polygon -> 4 points (last point repeated): PaddleOCR needs at least 4");
                    pts.push_back(pts.back());
                }
                ordered_json points = ordered_json::array();
                for (const Point &p : pts)
                    points.push_back({p.x, p.y});
                ordered_json o;
                o["transcription"] = shape.text;
                o["points"] = points;
                o["difficult"] = false;
                if (!shape.label.empty())
                    o["key_cls"] = shape.label;
                list.push_back(o);
                // Recognition crop: shapes with text only (PaddleOCR ignores "###" regions).
                if (shape.text.empty() || shape.text == "###") {
                    sum.drop("recognition crop of a shape without text (or '###'): nothing to recognize");
                    continue;
                }
                if (shape.text.find('\t') != std::string::npos || shape.text.find('\n') != std::string::npos) {
                    sum.drop("recognition crop of a text with a tab or line break: rec_gt.txt cannot hold it");
                    continue;
                }
                const Ring quad = pts.size() == 4 ? pts : quadFor(shape, sum, "PaddleOCR recognition crops");
                if (bgr.empty()) {
                    const RgbImage rgb = decodeImageFile(sourcePath(ds, i));
                    cv::Mat wrapped(rgb.height, rgb.width, CV_8UC3, const_cast<std::uint8_t *>(rgb.pixels.data()));
                    cv::cvtColor(wrapped, bgr, cv::COLOR_RGB2BGR);
                }
                std::string png = rectifiedCrop(bgr, quad);
                if (png.empty()) {
                    sum.drop("recognition crop of a shape smaller than a pixel or over 64 megapixels");
                    continue;
                }
                const std::string crop = "crop_img/" + flat + "_crop_" + std::to_string(cropIndex++) + ".png";
                if (!cropNames.insert(crop).second)
                    throw Error(ErrorKind::BadInput, "cannot write PaddleOCR: two crops would be named '" + crop + "'");
                result.files.push_back({"images/" + crop, std::move(png)});
                const std::string recLine = crop + "\t" + shape.text + "\n";
                rec += recLine;
                recBySplit[splits[i]] += "images/" + recLine;
            }
            sum.objectsPerClass[shape.label] += 1;
            if (shape.score)
                sum.drop("score: PaddleOCR has no field for it");
            if (shape.origin != kManualOrigin)
                sum.drop("provenance (origin " + shape.origin + "): PaddleOCR has no field for it");
        }
        sum.drop("caption: PaddleOCR holds no image-level text", image.captions.size());
        const std::string line = path + "\t" + florence::detail::dumpJson(list, -1) + "\n";
        label += line;
        detBySplit[splits[i]] += line;
        if (options.copyImages)
            result.copies.push_back({sourcePath(ds, i), path});
        sum.splitImages[splits[i]] += 1;
    }
    result.files.push_back({"images/Label.txt", label});
    result.files.push_back({"images/rec_gt.txt", rec});
    if (splitSet.size() > 1)
        for (const std::string &split : splitSet) {
            result.files.push_back({"det_gt_" + split + ".txt", detBySplit[split]});
            result.files.push_back({"rec_gt_" + split + ".txt", recBySplit[split]});
        }
    sum.images = ds.images.size();
    sum.files = {"images/Label.txt", "images/rec_gt.txt", "images/crop_img/*.png"};
    if (splitSet.size() > 1)
        sum.files.push_back("det_gt_<split>.txt, rec_gt_<split>.txt (paths relative to the export folder)");
    return result;
}

} // namespace florence::formats
