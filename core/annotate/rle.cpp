#include "annotate/rle.h"

#include "common/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace florence {

namespace {
constexpr std::uint64_t kMaxMaskPixels = std::uint64_t(1) << 28; // the image decoder's limit
}

std::vector<std::uint32_t> decodeRleCounts(const std::string &compressed)
{
    std::vector<std::uint32_t> counts;
    counts.reserve(compressed.size());
    std::size_t p = 0;
    while (p < compressed.size()) {
        std::int64_t x = 0;
        int k = 0;
        bool more = true;
        while (more) {
            if (p >= compressed.size())
                throw Error(ErrorKind::BadInput, "RLE counts string ends inside a run (run " + std::to_string(counts.size() + 1) + ")");
            const int c = int(static_cast<unsigned char>(compressed[p])) - 48;
            if (c < 0 || c > 63)
                throw Error(ErrorKind::BadInput, "RLE counts string has an invalid character at offset " + std::to_string(p));
            if (k >= 7) // 35 bits: far beyond any 2^28-pixel mask
                throw Error(ErrorKind::BadInput, "RLE counts string has a run longer than any mask at offset " + std::to_string(p));
            x |= std::int64_t(c & 0x1f) << (5 * k);
            more = (c & 0x20) != 0;
            ++p;
            ++k;
            if (!more && (c & 0x10))
                x |= -(std::int64_t(1) << (5 * k)); // sign extension, as `x |= -1 << 5*k`
        }
        if (counts.size() > 2)
            x += counts[counts.size() - 2];
        if (x < 0 || x > std::int64_t(kMaxMaskPixels))
            throw Error(ErrorKind::BadInput, "RLE run " + std::to_string(counts.size() + 1) + " has length " + std::to_string(x));
        counts.push_back(std::uint32_t(x));
    }
    return counts;
}

std::string rleProblem(const RleMask &rle)
{
    if (rle.height <= 0 || rle.width <= 0)
        return "the mask size " + std::to_string(rle.height) + "x" + std::to_string(rle.width) + " is empty";
    const std::uint64_t pixels = std::uint64_t(rle.height) * std::uint64_t(rle.width);
    if (pixels > kMaxMaskPixels)
        return "the mask size " + std::to_string(rle.height) + "x" + std::to_string(rle.width) + " is too large";
    std::uint64_t covered = 0;
    for (const std::uint32_t c : rle.counts)
        covered += c;
    if (covered != pixels)
        return "the runs cover " + std::to_string(covered) + " pixels; a " + std::to_string(rle.height) + "x"
               + std::to_string(rle.width) + " mask has " + std::to_string(pixels);
    return {};
}

std::vector<Ring> rleToRings(const RleMask &rle)
{
    // Rows of the column-major runs are columns of the image: decode into a width x height matrix
    // and transpose.
    cv::Mat columns(rle.width, rle.height, CV_8UC1, cv::Scalar(0));
    std::uint8_t *data = columns.ptr<std::uint8_t>();
    std::size_t at = 0;
    bool one = false;
    for (const std::uint32_t run : rle.counts) {
        if (one)
            std::fill(data + at, data + at + run, std::uint8_t(1));
        at += run;
        one = !one;
    }
    cv::Mat mask = columns.t();

    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    std::vector<std::pair<double, Ring>> rings;
    for (const auto &contour : contours) {
        Ring ring;
        for (const cv::Point &p : contour)
            ring.push_back(Point{p.x + 0.5, p.y + 0.5});
        double twiceArea = 0;
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const Point &a = ring[i];
            const Point &b = ring[(i + 1) % ring.size()];
            twiceArea += a.x * b.y - b.x * a.y;
        }
        // One pixel, or a line one pixel thin traced back and forth: no area through the centres,
        // so the pixels' own squares (their bounding box) instead.
        if (std::abs(twiceArea) < 1e-9) {
            const cv::Rect r = cv::boundingRect(contour);
            const double x1 = r.x, y1 = r.y, x2 = r.x + r.width, y2 = r.y + r.height;
            ring = {Point{x1, y1}, Point{x2, y1}, Point{x2, y2}, Point{x1, y2}};
            twiceArea = 2.0 * r.width * r.height;
        }
        rings.emplace_back(std::abs(twiceArea), std::move(ring));
    }
    std::stable_sort(rings.begin(), rings.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    std::vector<Ring> out;
    out.reserve(rings.size());
    for (auto &r : rings)
        out.push_back(std::move(r.second));
    return out;
}

} // namespace florence
