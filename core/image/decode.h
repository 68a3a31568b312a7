#pragma once
// Decoding image files into 8-bit RGB, the one decoder used for display, inference and export.

#include <cstdint>
#include <string>
#include <vector>

namespace florence {

/// An 8-bit RGB image, rows top to bottom, pixels interleaved R,G,B (HWC), no row padding.
struct RgbImage
{
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels; ///< width * height * 3 bytes

    bool empty() const { return width <= 0 || height <= 0; }
};

/// Largest width or height accepted by decodeImageFile(), in pixels.
constexpr int kMaxImageSide = 65535;
/// Largest pixel count accepted by decodeImageFile() (about 1 gigapixel).
constexpr std::int64_t kMaxImagePixels = std::int64_t(1) << 30;

/// Decodes an image file (JPEG, PNG, BMP, TIFF, WebP, ... whatever OpenCV reads) into RGB8.
///
/// EXIF orientation is applied, so the result is the image as a viewer shows it; every
/// coordinate in Florence Studio refers to this oriented image. Conversions where the reference
/// (PIL `convert('RGB')`) cannot decide for us: alpha is dropped without compositing, gray is
/// replicated to R=G=B, 16-bit samples are scaled to 8 bits by rounding v * 255 / 65535.
///
/// Throws Error(Io) when the file cannot be read, Error(BadInput) when it is empty, not an image,
/// truncated beyond decoding, or larger than kMaxImageSide / kMaxImagePixels; messages name the file.
RgbImage decodeImageFile(const std::string &path);

/// Same as decodeImageFile() for an encoded image held in memory; `name` is used in messages.
RgbImage decodeImageBytes(const std::vector<std::uint8_t> &bytes, const std::string &name);

} // namespace florence
