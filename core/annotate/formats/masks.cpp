#include "annotate/formats/masks.h"

#include "annotate/formats/shape_convert.h"
#include "annotate/json_format.h"
#include "common/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <map>

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
    for (std::size_t i = 0; i < ds.images.size(); ++i) {
        const ImageRecord &image = ds.images[i];
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
    result.files.push_back({"legend.json", florence::detail::dumpJson(legend, 2)});
    sum.images = ds.images.size();
    sum.files = {"masks/<image path>.png", "legend.json"};
    return result;
}

} // namespace florence::formats
