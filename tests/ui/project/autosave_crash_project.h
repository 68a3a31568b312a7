#pragma once
// The project that test_ui_autosave_crash saves again and again: large (200 images, 40 polygons each,
// ~3 MB of JSON) and a pure function of a version number, so the test can rebuild every version a
// killed writer may have left and compare the file with it.

#include "annotate/annotation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace florence::test {

constexpr int kCrashImages = 200;
constexpr int kCrashShapesPerImage = 40;

/// Name of image `i` in the project.
inline std::string crashImageName(int i)
{
    std::string n = std::to_string(i);
    return "img_" + std::string(3 - std::min<std::size_t>(3, n.size()), '0') + n + ".png";
}

/// The images of version `version` (>= 0): fixed shapes, and on image i the caption "version w" for
/// the latest w <= version with w % kCrashImages == i (none when there is no such w > 0). Saving
/// version v after version v - 1 therefore changes one caption.
inline std::vector<ImageRecord> crashImages(int version)
{
    std::vector<ImageRecord> images(kCrashImages);
    std::uint32_t seed = 12345;
    auto next = [&seed] { // small LCG: the same numbers in every process
        seed = seed * 1664525u + 1013904223u;
        return double((seed >> 8) % 65536) / 64.0; // multiples of 1/64: exact in JSON
    };
    for (int i = 0; i < kCrashImages; ++i) {
        ImageRecord &r = images[std::size_t(i)];
        r.path = crashImageName(i);
        r.width = 1024;
        r.height = 1024;
        r.status = ImageStatus::Edited;
        for (int s = 0; s < kCrashShapesPerImage; ++s) {
            Shape shape;
            shape.kind = ShapeKind::Polygon;
            Ring ring;
            for (int p = 0; p < 8; ++p)
                ring.push_back(Point{next(), next()});
            shape.rings = {ring};
            shape.label = "label " + std::to_string(s % 7);
            shape.score = double(s % 64) / 64.0;
            shape.origin = "<OD>";
            r.shapes.push_back(std::move(shape));
        }
        int latest = version - ((version % kCrashImages) - i + kCrashImages) % kCrashImages;
        if (latest > 0)
            r.captions.push_back(Caption{"version " + std::to_string(latest), "manual"});
    }
    return images;
}

/// The version whose images are `images`: the largest number in their "version N" captions (0 if none).
inline int crashVersion(const std::vector<ImageRecord> &images)
{
    int version = 0;
    for (const ImageRecord &r : images)
        for (const Caption &c : r.captions)
            if (c.text.rfind("version ", 0) == 0)
                version = std::max(version, std::stoi(c.text.substr(8)));
    return version;
}

} // namespace florence::test
