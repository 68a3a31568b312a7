#include "annotate/formats/masks.h"

#include "annotate/formats/shape_convert.h"
#include "annotate/json_format.h"
#include "annotate/rle.h"
#include "common/file_io.h"
#include "common/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

namespace florence::formats {

using namespace detail;
using florence::detail::ordered_json;

void maskColor(std::size_t index, unsigned char rgb[3])
{
    // The PASCAL VOC colour map (bit-interleaved), as VOC's SegmentationClass palette.
    unsigned r = 0, g = 0, b = 0;
    std::size_t c = index;
    for (int j = 7; j >= 0 && c; --j) {
        r |= unsigned((c >> 0) & 1) << j;
        g |= unsigned((c >> 1) & 1) << j;
        b |= unsigned((c >> 2) & 1) << j;
        c >>= 3;
    }
    rgb[0] = (unsigned char)r;
    rgb[1] = (unsigned char)g;
    rgb[2] = (unsigned char)b;
}

ExportResult writeMasks(const Dataset &input, const ExportOptions &options)
{
    const std::string variant = options.variant.empty() ? "class" : options.variant;
    if (variant != "class" && variant != "instance")
        throw Error(ErrorKind::BadInput, "unknown masks variant '" + variant + "' (expected class or instance)");
    const bool instance = variant == "instance";
    Dataset ds = input;
    fillImageSizes(ds);
    const std::vector<std::string> classes = classList(ds);
    if (!instance && classes.size() > 65534)
        throw Error(ErrorKind::BadInput, "cannot write class masks: more than 65534 classes");
    std::map<std::string, std::size_t> classIds;
    for (std::size_t i = 0; i < classes.size(); ++i)
        classIds.emplace(classes[i], i + 1);
    const bool wide = instance || classes.size() > 254;
    ExportResult result;
    ExportSummary &sum = result.summary;
    const std::string fmt = std::string("masks (") + variant + " index PNG)";
    sum.format = fmt;
    ordered_json legend;
    legend["variant"] = variant;
    legend["background"] = 0;
    legend["bit_depth"] = wide ? 16 : 8;
    ordered_json cls = ordered_json::array();
    for (std::size_t i = 0; i < classes.size(); ++i) {
        unsigned char rgb[3];
        maskColor(i + 1, rgb);
        cls.push_back({{"index", i + 1}, {"name", classes[i]}, {"color", {rgb[0], rgb[1], rgb[2]}}});
    }
    legend["classes"] = cls;
    ordered_json instances = ordered_json::object();
    ordered_json imageList = ordered_json::array();
    for (std::size_t i = 0; i < ds.images.size(); ++i) {
        const ImageRecord &image = ds.images[i];
        imageList.push_back(image.path);
        if (options.copyImages)
            result.copies.push_back({sourcePath(ds, i), "images/" + image.path});
        if (std::int64_t(image.width) * image.height > (std::int64_t(1) << 28))
            throw Error(ErrorKind::BadInput, "cannot write a mask for image '" + image.path + "': larger than 2^28 pixels");
        cv::Mat mask = cv::Mat::zeros(image.height, image.width, wide ? CV_16UC1 : CV_8UC1);
        cv::Mat painted = cv::Mat::zeros(image.height, image.width, CV_8UC1);
        ordered_json list = ordered_json::array();
        std::size_t number = 0;
        std::size_t overlaps = 0;
        std::size_t paintedShapes = 0;
        for (const Shape &shape : image.shapes) {
            const std::size_t value = instance ? ++number : classIds.at(shape.label);
            if (instance && number > 65535)
                throw Error(ErrorKind::BadInput, "cannot write an instance mask for image '" + image.path + "': more than 65535 shapes");
            std::vector<std::vector<cv::Point>> polys;
            const std::vector<Ring> rings = shape.kind == ShapeKind::Box ? std::vector<Ring>{boxCorners(shape.box)} : shape.rings;
            for (const Ring &ring : rings) {
                std::vector<cv::Point> poly;
                // 8 fractional bits; -0.5 so that pixel centres decide; clamped far outside the image
                // (|v| <= 2^22 px) so that the fixed-point value fits an int.
                auto fixed = [](double v) { return int(std::lround((std::clamp(v, -4194304.0, 4194304.0) - 0.5) * 256)); };
                for (const Point &p : ring)
                    poly.emplace_back(fixed(p.x), fixed(p.y));
                polys.push_back(std::move(poly));
            }
            cv::Mat one = cv::Mat::zeros(image.height, image.width, CV_8UC1);
            cv::fillPoly(one, polys, cv::Scalar(255), cv::LINE_8, 8);
            if (cv::countNonZero(one) == 0) {
                sum.drop("shape covering no pixel centre: nothing to paint");
                continue;
            }
            cv::Mat overlap;
            cv::bitwise_and(one, painted, overlap);
            overlaps += cv::countNonZero(overlap) > 0;
            painted.setTo(255, one);
            mask.setTo(cv::Scalar(double(value)), one);
            if (instance)
                list.push_back({{"index", value}, {"label", shape.label}});
            sum.objectsPerClass[shape.label] += 1;
            ++paintedShapes;
        }
        sum.convert("shape overlapping an earlier one -> painted over it (later shapes win)", overlaps);
        sum.convert("shape -> mask pixels (pixel centres inside it)", paintedShapes);
        noteUnheld(sum, image, "a mask PNG", false, false, false);
        std::vector<uchar> png;
        cv::imencode(".png", mask, png);
        const std::string name = "masks/" + stripExtension(image.path) + ".png";
        result.files.push_back({name, std::string(png.begin(), png.end())});
        if (instance)
            instances[image.path] = list;
    }
    if (instance) {
        legend["instances"] = instances;
    }
    legend["images"] = imageList;
    result.files.push_back({"legend.json", florence::detail::dumpJson(legend, 2)});
    sum.images = ds.images.size();
    sum.files = {"masks/<image path>.png", "legend.json"};
    if (options.copyImages)
        sum.files.push_back("images/<image path>");
    return result;
}

namespace {

namespace fs = std::filesystem;

/// The traced rings of the pixels of `labels` equal to `value` inside `roi`, in image pixels.
std::vector<Ring> ringsOf(const cv::Mat &labels, int value, const cv::Rect &roi)
{
    cv::Mat one;
    cv::compare(labels(roi), cv::Scalar(value), one, cv::CMP_EQ);
    std::vector<Ring> rings = maskToRings(one.ptr<std::uint8_t>(), one.rows, one.cols, int(one.step));
    for (Ring &ring : rings)
        for (Point &p : ring) {
            p.x += roi.x;
            p.y += roi.y;
        }
    return rings;
}

} // namespace

Dataset readMasks(const std::string &input, const ImportOptions &options)
{
    std::error_code ec;
    // The export folder, or its legend.json (a path that does not exist counts as a folder, so the
    // message names the legend.json that is missing).
    const std::string ext = fs::u8path(input).extension().u8string();
    const bool isDir = fs::is_directory(fs::u8path(input), ec) || (ext != ".json" && ext != ".JSON");
    const std::string dir = isDir ? input : fs::u8path(input).parent_path().u8string();
    const std::string legendPath = isDir ? (fs::u8path(input) / "legend.json").u8string() : input;
    const std::string where = "mask legend '" + legendPath + "'";
    const florence::detail::json legend = florence::detail::parseJson(readTextFile(legendPath), "mask legend", legendPath);
    auto fail = [&](const std::string &what) -> Error { return Error(ErrorKind::BadInput, where + ": " + what); };
    if (!legend.is_object())
        throw fail("not a JSON object");
    const std::string variant = legend.contains("variant") && legend["variant"].is_string() ? legend["variant"].get<std::string>() : "";
    if (variant != "class" && variant != "instance")
        throw fail("\"variant\" must be \"class\" or \"instance\"");
    const bool instance = variant == "instance";
    if (!legend.contains("classes") || !legend["classes"].is_array())
        throw fail("\"classes\" is missing or not a list");
    std::map<long long, std::string> classNames;
    Dataset ds;
    for (std::size_t i = 0; i < legend["classes"].size(); ++i) {
        const florence::detail::json &c = legend["classes"][i];
        const std::string at = "classes[" + std::to_string(i) + "]";
        if (!c.is_object() || !c.contains("index") || !c["index"].is_number_integer() || !c.contains("name")
            || !c["name"].is_string())
            throw fail(at + ": needs an integer \"index\" and a string \"name\"");
        const long long index = c["index"].get<long long>();
        if (index < 1 || index > 65535 || !classNames.emplace(index, c["name"].get<std::string>()).second)
            throw fail(at + ".index: " + std::to_string(index) + " is outside 1..65535 or used twice");
        ds.labels.push_back(c["name"].get<std::string>());
    }
    // Image paths: the legend's list (written since masks import exists), else the mask files.
    std::vector<std::string> paths;
    if (legend.contains("images")) {
        if (!legend["images"].is_array())
            throw fail("\"images\" is not a list");
        for (std::size_t i = 0; i < legend["images"].size(); ++i) {
            if (!legend["images"][i].is_string())
                throw fail("images[" + std::to_string(i) + "] is not a string");
            paths.push_back(legend["images"][i].get<std::string>());
        }
    } else {
        for (const std::string &rel : listFiles(dir + "/masks"))
            if (rel.size() > 4 && rel.compare(rel.size() - 4, 4, ".png") == 0)
                paths.push_back(rel); // the image's extension is unknown: found below
    }
    ds.root = !options.imagesDir.empty() ? options.imagesDir
              : fs::is_directory(fs::u8path(dir) / "images", ec) ? (fs::u8path(dir) / "images").u8string()
                                                                   : dir;
    std::size_t missingImages = 0;
    for (const std::string &path : paths) {
        const std::string maskPath = dir + "/masks/" + stripExtension(path) + ".png";
        const std::string mwhere = "mask '" + maskPath + "'";
        if (!isRegularFile(maskPath))
            throw Error(ErrorKind::BadInput, where + ": the mask of image '" + path + "' (" + maskPath + ") does not exist");
        const std::vector<std::uint8_t> bytes = readBinaryFile(maskPath);
        const cv::Mat mask = cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<std::uint8_t *>(bytes.data())),
                                          cv::IMREAD_UNCHANGED);
        if (mask.empty())
            throw Error(ErrorKind::BadInput, mwhere + ": not a PNG OpenCV can decode");
        if (mask.channels() != 1 || (mask.depth() != CV_8U && mask.depth() != CV_16U))
            throw Error(ErrorKind::BadInput, mwhere + ": expected a one-channel 8- or 16-bit index PNG, got "
                                                 + std::to_string(mask.channels()) + " channel(s)");
        cv::Mat labels;
        mask.convertTo(labels, CV_32S);
        ImageRecord rec;
        rec.path = path;
        rec.width = mask.cols;
        rec.height = mask.rows;
        std::map<long long, std::string> instanceLabels;
        if (instance) {
            const florence::detail::json *list = nullptr;
            if (legend.contains("instances") && legend["instances"].is_object() && legend["instances"].contains(path))
                list = &legend["instances"][path];
            if (list && list->is_array())
                for (const florence::detail::json &e : *list)
                    if (e.is_object() && e.contains("index") && e["index"].is_number_integer() && e.contains("label")
                        && e["label"].is_string())
                        instanceLabels[e["index"].get<long long>()] = e["label"].get<std::string>();
        }
        // Regions of each value: class masks give one polygon per 8-connected region (the class
        // mask cannot tell touching instances apart), instance masks one polygon per instance
        // (several rings when it has several regions).
        std::set<int> values;
        for (int y = 0; y < labels.rows; ++y) {
            const int *row = labels.ptr<int>(y);
            for (int x = 0; x < labels.cols; ++x)
                if (row[x])
                    values.insert(row[x]);
        }
        for (const int value : values) {
            cv::Mat one;
            cv::compare(labels, cv::Scalar(value), one, cv::CMP_EQ);
            std::string label;
            if (instance) {
                const auto it = instanceLabels.find(value);
                if (it == instanceLabels.end())
                    throw Error(ErrorKind::BadInput, mwhere + ": instance " + std::to_string(value)
                                                         + " has no entry in the legend's \"instances\" of '" + path + "'");
                label = it->second;
                Shape s;
                s.kind = ShapeKind::Polygon;
                s.label = label;
                s.rings = ringsOf(labels, value, cv::boundingRect(one));
                rec.shapes.push_back(std::move(s));
                continue;
            }
            const auto it = classNames.find(value);
            if (it == classNames.end())
                throw Error(ErrorKind::BadInput, mwhere + ": pixel value " + std::to_string(value)
                                                     + " is no class of the legend");
            cv::Mat components, stats, centroids;
            const int n = cv::connectedComponentsWithStats(one, components, stats, centroids, 8, CV_32S);
            for (int c = 1; c < n; ++c) {
                const cv::Rect roi(stats.at<int>(c, cv::CC_STAT_LEFT), stats.at<int>(c, cv::CC_STAT_TOP),
                                   stats.at<int>(c, cv::CC_STAT_WIDTH), stats.at<int>(c, cv::CC_STAT_HEIGHT));
                Shape s;
                s.kind = ShapeKind::Polygon;
                s.label = it->second;
                s.rings = ringsOf(components, c, roi);
                rec.shapes.push_back(std::move(s));
            }
        }
        std::string imagePath = path;
        if (!legend.contains("images")) { // find the image the mask belongs to
            imagePath.clear();
            const std::string stem = stripExtension(path);
            for (const char *ext : {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".JPG", ".PNG", ".JPEG"})
                if (isRegularFile(ds.root + "/" + stem + ext)) {
                    imagePath = stem + ext;
                    break;
                }
            if (imagePath.empty())
                imagePath = path;
            rec.path = imagePath;
        }
        if (!isRegularFile(ds.root + "/" + imagePath))
            ++missingImages;
        ds.images.push_back(std::move(rec));
    }
    if (missingImages)
        ds.notes.push_back(std::to_string(missingImages) + " images not found in '" + ds.root
                           + "': their size was taken from the mask");
    ds.notes.push_back(std::string(instance ? "instance" : "class")
                       + " masks traced into polygons through the boundary pixels' centres (precision about one pixel)"
                       + (instance ? "" : "; touching objects of one class become one polygon"));
    return ds;
}

} // namespace florence::formats
