#pragma once
// Reading an encoded image's format, size and EXIF orientation from its header bytes, without
// decoding pixels. decodeImageBytes() uses it to refuse absurd sizes before OpenCV allocates.

#include <cstddef>
#include <cstdint>
#include <string>

namespace florence {

/// Container formats that Florence Studio decodes.
enum class ImageFormat { Jpeg, Png, Bmp, Tiff, WebP, Pnm };

/// Short name of a format ("JPEG", "PNG", ...).
const char *toString(ImageFormat format);

/// What the header of an encoded image says, before any pixel is decoded.
struct ImageHeader
{
    ImageFormat format = ImageFormat::Png;
    int storedWidth = 0;  ///< width of the pixel data as stored in the file, in pixels
    int storedHeight = 0; ///< height of the pixel data as stored in the file, in pixels
    /// EXIF orientation 1..8 (1 = as stored). Read from the JPEG APP1 Exif segment, the PNG eXIf
    /// chunk, the WebP EXIF chunk or the TIFF Orientation tag; 1 when absent, malformed or out of range.
    int orientation = 1;

    /// Width and height of the image as a viewer shows it (swapped for orientations 5..8).
    int displayWidth() const { return orientation >= 5 ? storedHeight : storedWidth; }
    int displayHeight() const { return orientation >= 5 ? storedWidth : storedHeight; }
};

/// Largest width or height accepted, in pixels.
constexpr int kMaxImageSide = 65535;
/// Largest pixel count accepted (268 megapixels: 805 MB as RGB8, about twice that while decoding).
constexpr std::int64_t kMaxImagePixels = std::int64_t(1) << 28;

/// Parses the header of an encoded image held in memory (`size` bytes at `data`); `name` (usually
/// the file path) is used in messages. Only the header and the metadata chunks are read.
///
/// Throws Error(BadInput) naming `name` when the data is empty, the signature is not one of JPEG,
/// PNG, BMP, TIFF, WebP, PNM (with a specific message for GIF, BigTIFF, HEIF/AVIF, JPEG 2000), the
/// header is truncated or malformed, the size is 0 in a dimension, larger than kMaxImageSide or
/// kMaxImagePixels, or a JPEG / uncompressed BMP is visibly truncated (no end-of-image marker, fewer
/// pixel bytes than the header declares).
ImageHeader probeImageHeader(const std::uint8_t *data, std::size_t size, const std::string &name);

} // namespace florence
