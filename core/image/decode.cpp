#include "image/decode.h"

#include "common/error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>
#include <iterator>

namespace florence {

namespace {

RgbImage toRgb8(const cv::Mat &decoded, const std::string &name)
{
    if (decoded.empty())
        throw Error(ErrorKind::BadInput, "cannot decode image '" + name + "': not an image, unsupported format or corrupt data");
    if (decoded.cols <= 0 || decoded.rows <= 0)
        throw Error(ErrorKind::BadInput, "image '" + name + "' has no pixels (" + std::to_string(decoded.cols) + "x" + std::to_string(decoded.rows) + ")");

    cv::Mat m = decoded;
    if (m.depth() == CV_16U) {
        cv::Mat m8;
        m.convertTo(m8, CV_8U, 255.0 / 65535.0); // saturate_cast rounds to nearest
        m = m8;
    } else if (m.depth() != CV_8U) {
        cv::Mat m8;
        m.convertTo(m8, CV_8U);
        m = m8;
    }
    cv::Mat rgb;
    switch (m.channels()) {
    case 1: cv::cvtColor(m, rgb, cv::COLOR_GRAY2RGB); break;
    case 3: cv::cvtColor(m, rgb, cv::COLOR_BGR2RGB); break;
    case 4: cv::cvtColor(m, rgb, cv::COLOR_BGRA2RGB); break; // alpha dropped, no compositing (PIL convert('RGB'))
    default:
        throw Error(ErrorKind::BadInput, "image '" + name + "' has " + std::to_string(m.channels()) + " channels; expected 1, 3 or 4");
    }
    RgbImage out;
    out.width = rgb.cols;
    out.height = rgb.rows;
    out.pixels.resize(size_t(out.width) * size_t(out.height) * 3);
    for (int y = 0; y < rgb.rows; ++y)
        std::copy(rgb.ptr<std::uint8_t>(y), rgb.ptr<std::uint8_t>(y) + size_t(rgb.cols) * 3,
                  out.pixels.begin() + std::ptrdiff_t(y) * rgb.cols * 3);
    return out;
}

} // namespace

RgbImage decodeImageBytes(const std::vector<std::uint8_t> &bytes, const std::string &name)
{
    if (bytes.empty())
        throw Error(ErrorKind::BadInput, "image file '" + name + "' is empty (0 bytes)");
    cv::Mat buf(1, int(bytes.size()), CV_8U, const_cast<std::uint8_t *>(bytes.data()));
    cv::Mat decoded;
    try {
        decoded = cv::imdecode(buf, cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH);
    } catch (const cv::Exception &e) {
        throw Error(ErrorKind::BadInput, "cannot decode image '" + name + "': " + e.what());
    }
    if (!decoded.empty() && (decoded.cols > kMaxImageSide || decoded.rows > kMaxImageSide
                             || std::int64_t(decoded.cols) * decoded.rows > kMaxImagePixels))
        throw Error(ErrorKind::BadInput, "image '" + name + "' is too large (" + std::to_string(decoded.cols) + "x"
                                             + std::to_string(decoded.rows) + "); the limit is "
                                             + std::to_string(kMaxImageSide) + " pixels per side");
    return toRgb8(decoded, name);
}

RgbImage decodeImageFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorKind::Io, "cannot open image file '" + path + "'");
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw Error(ErrorKind::Io, "cannot read image file '" + path + "'");
    return decodeImageBytes(bytes, path);
}

} // namespace florence
