#pragma once
// Decoding image files into 8-bit RGB, the one decoder used for display, inference and export.

#include "image/image_header.h"

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

/// Decodes an image file (JPEG, PNG, BMP, TIFF, WebP, PNM) into RGB8.
///
/// EXIF orientation is applied (JPEG APP1, PNG eXIf, WebP EXIF, TIFF Orientation), so the result is
/// the image as a viewer shows it; every coordinate in Florence Studio refers to this oriented image.
/// Note that the Python reference (PIL `Image.open`) ignores EXIF orientation: for a photo with
/// orientation 2..8 the model sees the rotated pixels here, the upright image a user sees.
///
/// Where PIL's `convert('RGB')` (what the reference fixtures use) decides, we do the same:
///  - alpha (RGBA, gray+alpha, palette with transparency) is dropped without compositing;
///  - gray (1, 2, 4, 8 bit) is replicated to R=G=B, palette images take their palette colours;
///  - 16-bit RGB/RGBA keep the high byte of each sample (PIL unpacks "RGB;16B" that way).
/// Where PIL has no sensible answer we choose:
///  - 16-bit gray also keeps the high byte, v >> 8 (PIL's mode "I;16" -> "RGB" clips at 255,
///    turning almost every pixel white);
///  - CMYK JPEGs use libjpeg/OpenCV's CMYK -> RGB conversion (PIL's formula may differ by a few levels);
///  - float or signed samples (some TIFFs) are refused as unsupported.
/// JPEGs decode with libjpeg's defaults (islow IDCT, fancy upsampling) as PIL does: the fixture
/// photo matches PIL's pixels exactly with Debian 12's libjpeg-turbo 2.1 (test_image fixturesMatchPil);
/// another libjpeg build may differ by +-1 in places.
///
/// Throws Error(Io) when the file cannot be read, Error(BadInput) naming the file when it is empty,
/// not an image, an unsupported format, truncated (JPEG without end-of-image marker, short BMP,
/// undecodable PNG/TIFF/WebP data), has 0 pixels or is larger than kMaxImageSide /
/// kMaxImagePixels. The size limits are checked on the header before any pixel memory is allocated.
RgbImage decodeImageFile(const std::string &path);

/// Same as decodeImageFile() for an encoded image held in memory; `name` is used in messages.
RgbImage decodeImageBytes(const std::vector<std::uint8_t> &bytes, const std::string &name);
/// Same as decodeImageBytes() for `size` bytes at `data`.
RgbImage decodeImageBytes(const std::uint8_t *data, std::size_t size, const std::string &name);

} // namespace florence
