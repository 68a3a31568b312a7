// Design note: the header is parsed first (image_header.cpp) so that absurd sizes are refused
// before OpenCV allocates anything. OpenCV then decodes with IMREAD_IGNORE_ORIENTATION and we apply
// the EXIF orientation ourselves, because OpenCV 4.6 reads EXIF from JPEG only; its TIFF decoder,
// however, applies the TIFF Orientation tag itself whatever the flags say, so TIFFs are left as
// decoded. Colour and depth rules follow PIL's convert('RGB') (see decode.h).
#include "image/decode.h"

#include "common/error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <climits>
#include <filesystem>
#include <fstream>

namespace florence {

namespace {

std::string sizeText(int w, int h)
{
    return std::to_string(w) + "x" + std::to_string(h);
}

/// 16-bit samples -> 8 bits by keeping the high byte (PIL's "RGB;16B" unpacking).
cv::Mat highByte(const cv::Mat &m16)
{
    cv::Mat m8(m16.rows, m16.cols, CV_MAKETYPE(CV_8U, m16.channels()));
    const int n = m16.cols * m16.channels();
    for (int y = 0; y < m16.rows; ++y) {
        const std::uint16_t *src = m16.ptr<std::uint16_t>(y);
        std::uint8_t *dst = m8.ptr<std::uint8_t>(y);
        for (int i = 0; i < n; ++i)
            dst[i] = std::uint8_t(src[i] >> 8);
    }
    return m8;
}

/// Rotates/flips the stored pixels into the orientation a viewer shows (EXIF tag 0x0112).
cv::Mat applyOrientation(const cv::Mat &m, int orientation)
{
    cv::Mat out;
    switch (orientation) {
    case 2: cv::flip(m, out, 1); break;                                // mirror left-right
    case 3: cv::rotate(m, out, cv::ROTATE_180); break;
    case 4: cv::flip(m, out, 0); break;                                // mirror top-bottom
    case 5: cv::transpose(m, out); break;                              // stored row r = displayed column r
    case 6: cv::rotate(m, out, cv::ROTATE_90_CLOCKWISE); break;
    case 7: cv::transpose(m, out); cv::flip(out, out, -1); break;      // transverse
    case 8: cv::rotate(m, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: return m;
    }
    return out;
}

} // namespace

RgbImage decodeImageBytes(const std::uint8_t *data, std::size_t size, const std::string &name)
{
    const ImageHeader header = probeImageHeader(data, size, name);
    const std::string what = "image '" + name + "' (" + toString(header.format) + " "
                             + sizeText(header.displayWidth(), header.displayHeight()) + ")";
    if (size > std::size_t(INT_MAX))
        throw Error(ErrorKind::BadInput, what + ": the file is larger than 2 GiB");

    cv::Mat decoded;
    try {
        const cv::Mat buf(1, int(size), CV_8U, const_cast<std::uint8_t *>(data));
        decoded = cv::imdecode(buf, cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH | cv::IMREAD_IGNORE_ORIENTATION);
    } catch (const cv::Exception &e) {
        throw Error(ErrorKind::BadInput, "cannot decode " + what + ": " + e.what());
    }
    if (decoded.empty())
        throw Error(ErrorKind::BadInput, "cannot decode " + what + ": corrupt or truncated data, or a variant of the "
                                                                   "format that OpenCV cannot read");

    // OpenCV's TIFF decoder has already applied the Orientation tag.
    const int orientation = header.format == ImageFormat::Tiff ? 1 : header.orientation;
    const int expectW = header.format == ImageFormat::Tiff ? header.displayWidth() : header.storedWidth;
    const int expectH = header.format == ImageFormat::Tiff ? header.displayHeight() : header.storedHeight;
    if (decoded.cols != expectW || decoded.rows != expectH)
        throw Error(ErrorKind::BadInput, "cannot decode " + what + ": the decoder returned "
                                             + sizeText(decoded.cols, decoded.rows) + " pixels, the header declares "
                                             + sizeText(expectW, expectH));

    if (decoded.depth() == CV_16U) {
        decoded = highByte(decoded);
    } else if (decoded.depth() != CV_8U) {
        static const char *depthNames[] = {"8-bit unsigned", "8-bit signed", "16-bit unsigned", "16-bit signed",
                                           "32-bit integer", "32-bit float", "64-bit float", "16-bit float"};
        throw Error(ErrorKind::BadInput, what + " has " + depthNames[decoded.depth() & 7]
                                             + " samples; only 8- and 16-bit unsigned images are supported");
    }
    decoded = applyOrientation(decoded, orientation);

    RgbImage out;
    out.width = decoded.cols;
    out.height = decoded.rows;
    out.pixels.resize(std::size_t(out.width) * std::size_t(out.height) * 3);
    cv::Mat rgb(out.height, out.width, CV_8UC3, out.pixels.data()); // writes into out.pixels
    switch (decoded.channels()) {
    case 1: cv::cvtColor(decoded, rgb, cv::COLOR_GRAY2RGB); break;
    case 3: cv::cvtColor(decoded, rgb, cv::COLOR_BGR2RGB); break;
    case 4: cv::cvtColor(decoded, rgb, cv::COLOR_BGRA2RGB); break; // alpha dropped, no compositing
    default:
        throw Error(ErrorKind::BadInput, what + " has " + std::to_string(decoded.channels())
                                             + " channels; expected 1, 3 or 4");
    }
    if (rgb.data != out.pixels.data())
        throw Error(ErrorKind::Internal, "decodeImageBytes: colour conversion reallocated its output");
    return out;
}

RgbImage decodeImageBytes(const std::vector<std::uint8_t> &bytes, const std::string &name)
{
    return decodeImageBytes(bytes.data(), bytes.size(), name);
}

RgbImage decodeImageFile(const std::string &path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        throw Error(ErrorKind::Io, "cannot open image file '" + path + "': no such file");
    if (!std::filesystem::is_regular_file(status))
        throw Error(ErrorKind::Io, "cannot open image file '" + path + "': not a regular file");
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw Error(ErrorKind::Io, "cannot open image file '" + path + "' (permission denied or unreadable)");
    const std::streamoff size = in.tellg();
    if (size < 0)
        throw Error(ErrorKind::Io, "cannot read image file '" + path + "'");
    if (std::uint64_t(size) > std::uint64_t(INT_MAX))
        throw Error(ErrorKind::BadInput, "image file '" + path + "' is larger than 2 GiB");
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    in.seekg(0);
    if (size > 0 && !in.read(reinterpret_cast<char *>(bytes.data()), size))
        throw Error(ErrorKind::Io, "cannot read image file '" + path + "'");
    return decodeImageBytes(bytes.data(), bytes.size(), path);
}

} // namespace florence
