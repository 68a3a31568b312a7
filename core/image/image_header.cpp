// Design note: OpenCV 4.6 has no header-only API (cv::ImageCollection came later) and allocates
// the full image before decoding, limited only by CV_IO_MAX_IMAGE_PIXELS (2^30). To refuse an
// absurd size before any allocation, the few container headers we accept are parsed here by hand:
// each reader checks every offset against the buffer, so garbage data yields Error(BadInput),
// never an out-of-bounds read. The same pass picks up the EXIF orientation, read from a small
// TIFF-structure parser shared by JPEG APP1, PNG eXIf, WebP EXIF and TIFF files.
#include "image/image_header.h"

#include "common/error.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace florence {

const char *toString(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Bmp: return "BMP";
    case ImageFormat::Tiff: return "TIFF";
    case ImageFormat::WebP: return "WebP";
    case ImageFormat::Pnm: return "PNM";
    }
    return "?";
}

namespace {

/// Bounds-checked view of the encoded bytes; every read past the end throws a message naming the file.
class Bytes
{
public:
    Bytes(const std::uint8_t *data, std::size_t size, const std::string &name, const char *format)
        : m_data(data), m_size(size), m_name(name), m_format(format)
    {
    }

    std::size_t size() const { return m_size; }
    const std::uint8_t *data() const { return m_data; }
    bool has(std::size_t offset, std::size_t count) const { return offset <= m_size && count <= m_size - offset; }

    [[noreturn]] void fail(const std::string &what) const
    {
        throw Error(ErrorKind::BadInput, "image '" + m_name + "' (" + m_format + "): " + what);
    }
    void need(std::size_t offset, std::size_t count, const char *what) const
    {
        if (!has(offset, count))
            fail(std::string("truncated header (") + what + " at byte " + std::to_string(offset) + " lies beyond the "
                 + std::to_string(m_size) + "-byte file)");
    }
    std::uint32_t u8(std::size_t o) const { return m_data[o]; }
    std::uint32_t be16(std::size_t o) const { return (u8(o) << 8) | u8(o + 1); }
    std::uint32_t be32(std::size_t o) const { return (be16(o) << 16) | be16(o + 2); }
    std::uint32_t le16(std::size_t o) const { return u8(o) | (u8(o + 1) << 8); }
    std::uint32_t le24(std::size_t o) const { return le16(o) | (u8(o + 2) << 16); }
    std::uint32_t le32(std::size_t o) const { return le16(o) | (le16(o + 2) << 16); }
    bool equals(std::size_t o, const char *text) const
    {
        const std::size_t n = std::strlen(text);
        return has(o, n) && std::memcmp(m_data + o, text, n) == 0;
    }

private:
    const std::uint8_t *m_data;
    std::size_t m_size;
    const std::string &m_name;
    const char *m_format;
};

/// IFD0 fields of a TIFF structure (a TIFF file or an EXIF block).
struct TiffFields
{
    bool valid = false;
    std::int64_t width = -1;
    std::int64_t height = -1;
    int orientation = 1;
};

/// Parses IFD0 of the TIFF structure at [p, p + n). Never throws: malformed data gives valid = false.
TiffFields parseTiffIfd0(const std::uint8_t *p, std::size_t n)
{
    TiffFields out;
    if (n < 8)
        return out;
    const bool little = p[0] == 'I' && p[1] == 'I';
    if (!little && !(p[0] == 'M' && p[1] == 'M'))
        return out;
    auto rd16 = [&](std::size_t o) -> std::uint32_t { return little ? p[o] | (p[o + 1] << 8) : (p[o] << 8) | p[o + 1]; };
    auto rd32 = [&](std::size_t o) -> std::uint32_t {
        return little ? rd16(o) | (rd16(o + 2) << 16) : (rd16(o) << 16) | rd16(o + 2);
    };
    if (rd16(2) != 42)
        return out;
    const std::uint32_t ifd = rd32(4);
    if (ifd < 8 || ifd > n - 2)
        return out;
    const std::uint32_t count = rd16(ifd);
    if (count > (n - ifd - 2) / 12)
        return out;
    out.valid = true;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::size_t e = ifd + 2 + std::size_t(i) * 12;
        const std::uint32_t tag = rd16(e);
        const std::uint32_t type = rd16(e + 2);
        const std::uint32_t valueCount = rd32(e + 4);
        if (valueCount != 1 || (type != 3 && type != 4)) // SHORT or LONG, one value stored inline
            continue;
        const std::int64_t value = type == 3 ? rd16(e + 8) : rd32(e + 8);
        if (tag == 256)
            out.width = value;
        else if (tag == 257)
            out.height = value;
        else if (tag == 274)
            out.orientation = value >= 1 && value <= 8 ? int(value) : 1;
    }
    return out;
}

/// EXIF payloads are a TIFF structure, in JPEG preceded by "Exif\0\0" (some PNG/WebP writers copy it too).
int orientationFromExif(const std::uint8_t *p, std::size_t n)
{
    if (n >= 6 && std::memcmp(p, "Exif\0\0", 6) == 0) {
        p += 6;
        n -= 6;
    }
    const TiffFields f = parseTiffIfd0(p, n);
    return f.valid ? f.orientation : 1;
}

/// Stores the stored size after checking it against the limits, with the file's real numbers in messages.
void setSize(ImageHeader &h, const Bytes &b, std::int64_t w, std::int64_t hgt)
{
    const std::string dims = std::to_string(w) + "x" + std::to_string(hgt);
    if (w <= 0 || hgt <= 0)
        b.fail("the image has no pixels (size " + dims + ")");
    if (w > kMaxImageSide || hgt > kMaxImageSide)
        b.fail("image too large (" + dims + "); the limit is " + std::to_string(kMaxImageSide) + " pixels per side");
    if (w * hgt > kMaxImagePixels)
        b.fail("image too large (" + dims + " = " + std::to_string(w * hgt) + " pixels); the limit is "
               + std::to_string(kMaxImagePixels) + " pixels");
    h.storedWidth = int(w);
    h.storedHeight = int(hgt);
}

bool isSofMarker(std::uint32_t m)
{
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

ImageHeader probeJpeg(const Bytes &b)
{
    ImageHeader h;
    h.format = ImageFormat::Jpeg;
    bool haveSof = false;
    bool haveExif = false;
    std::size_t pos = 2;
    while (true) {
        b.need(pos, 2, "JPEG marker");
        if (b.u8(pos) != 0xFF)
            b.fail("corrupt header (expected a JPEG marker at byte " + std::to_string(pos) + ")");
        while (b.has(pos + 1, 1) && b.u8(pos + 1) == 0xFF) // fill bytes
            ++pos;
        b.need(pos, 2, "JPEG marker");
        const std::uint32_t marker = b.u8(pos + 1);
        pos += 2;
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            continue;
        if (marker == 0xD9)
            b.fail("no image data (end-of-image marker before the first scan)");
        b.need(pos, 2, "segment length");
        const std::size_t length = b.be16(pos);
        if (length < 2)
            b.fail("corrupt header (segment length " + std::to_string(length) + " at byte " + std::to_string(pos) + ")");
        if (marker == 0xDA) { // start of scan: the header is complete
            if (!haveSof)
                b.fail("corrupt header (scan data before any frame header)");
            break;
        }
        b.need(pos, length, "JPEG segment");
        if (isSofMarker(marker) && !haveSof) {
            if (length < 8)
                b.fail("corrupt frame header");
            setSize(h, b, b.be16(pos + 5), b.be16(pos + 3));
            haveSof = true;
        } else if (marker == 0xE1 && !haveExif && length >= 8 && b.equals(pos + 2, "Exif")) {
            h.orientation = orientationFromExif(b.data() + pos + 2, length - 2);
            haveExif = true;
        }
        pos += length;
    }
    // libjpeg fills a truncated scan with gray and only warns; PIL refuses such files
    // ("image file is truncated"), so do we: the entropy-coded data must end with EOI (FF D9).
    // Inside scan data 0xFF is always followed by 0x00 or RSTn, so FF D9 after the scan is the EOI.
    bool haveEoi = false;
    for (std::size_t i = b.size() - 1; i > pos; --i) {
        if (b.u8(i) == 0xD9 && b.u8(i - 1) == 0xFF) {
            haveEoi = true;
            break;
        }
    }
    if (!haveEoi)
        b.fail("the file is truncated (no end-of-image marker after the scan data)");
    return h;
}

ImageHeader probePng(const Bytes &b)
{
    ImageHeader h;
    h.format = ImageFormat::Png;
    b.need(8, 25, "IHDR chunk");
    if (b.be32(8) != 13 || !b.equals(12, "IHDR"))
        b.fail("corrupt header (the first chunk is not IHDR)");
    setSize(h, b, b.be32(16), b.be32(20));
    // Walk the chunks for eXIf (metadata only; the pixel data is left to libpng).
    std::size_t pos = 33;
    while (b.has(pos, 12)) {
        const std::size_t length = b.be32(pos);
        if (b.equals(pos + 4, "IEND") || length > b.size())
            break;
        if (b.equals(pos + 4, "eXIf") && b.has(pos + 8, length)) {
            h.orientation = orientationFromExif(b.data() + pos + 8, length);
            break;
        }
        pos += 12 + length;
    }
    return h;
}

ImageHeader probeBmp(const Bytes &b)
{
    ImageHeader h;
    h.format = ImageFormat::Bmp;
    b.need(14, 4, "DIB header size");
    const std::uint32_t dibSize = b.le32(14);
    std::int64_t w = 0, hgt = 0;
    std::uint32_t bpp = 0, compression = 0;
    if (dibSize == 12) {
        b.need(14, 12, "BITMAPCOREHEADER");
        w = b.le16(18);
        hgt = b.le16(20);
        bpp = b.le16(24);
    } else if (dibSize >= 40 && dibSize <= 124) {
        b.need(14, 40, "BITMAPINFOHEADER");
        w = std::int32_t(b.le32(18));
        hgt = std::int32_t(b.le32(22));
        bpp = b.le16(28);
        compression = b.le32(30);
    } else {
        b.fail("unsupported or corrupt header (DIB header size " + std::to_string(dibSize) + ")");
    }
    if (hgt < 0) // negative height: rows stored top-down
        hgt = -hgt;
    if (w < 0)
        b.fail("corrupt header (negative width " + std::to_string(w) + ")");
    setSize(h, b, w, hgt);
    // Uncompressed pixel data (BI_RGB, BI_BITFIELDS) has a known size: refuse a truncated file,
    // which OpenCV would otherwise return partly uninitialised.
    const bool uncompressed = compression == 0 || compression == 3;
    if (uncompressed && bpp > 0 && bpp <= 32) {
        const std::uint64_t stride = ((std::uint64_t(w) * bpp + 31) / 32) * 4;
        const std::uint64_t need = std::uint64_t(b.le32(10)) + stride * std::uint64_t(hgt);
        if (need > b.size())
            b.fail("the file is truncated (" + std::to_string(b.size()) + " bytes, the header declares "
                   + std::to_string(need) + ")");
    }
    return h;
}

ImageHeader probeTiff(const Bytes &b)
{
    ImageHeader h;
    h.format = ImageFormat::Tiff;
    const TiffFields f = parseTiffIfd0(b.data(), b.size());
    if (!f.valid)
        b.fail("corrupt or truncated header (first image file directory unreadable)");
    if (f.width < 0 || f.height < 0)
        b.fail("corrupt header (ImageWidth/ImageLength tag missing)");
    setSize(h, b, f.width, f.height);
    h.orientation = f.orientation;
    return h;
}

ImageHeader probeWebP(const Bytes &b)
{
    ImageHeader h;
    h.format = ImageFormat::WebP;
    bool haveSize = false;
    std::int64_t w = 0, hgt = 0;
    std::size_t pos = 12;
    while (b.has(pos, 8)) {
        const std::size_t length = b.le32(pos + 4);
        const std::size_t data = pos + 8;
        if (b.equals(pos, "VP8 ") && !haveSize) {
            b.need(data, 10, "VP8 frame header");
            if (b.u8(data + 3) != 0x9d || b.u8(data + 4) != 0x01 || b.u8(data + 5) != 0x2a)
                b.fail("corrupt VP8 frame header");
            w = b.le16(data + 6) & 0x3fff;
            hgt = b.le16(data + 8) & 0x3fff;
            haveSize = true;
        } else if (b.equals(pos, "VP8L") && !haveSize) {
            b.need(data, 5, "VP8L header");
            if (b.u8(data) != 0x2f)
                b.fail("corrupt VP8L header");
            const std::uint32_t bits = b.le32(data + 1);
            w = (bits & 0x3fff) + 1;
            hgt = ((bits >> 14) & 0x3fff) + 1;
            haveSize = true;
        } else if (b.equals(pos, "VP8X")) {
            b.need(data, 10, "VP8X header");
            w = b.le24(data + 4) + 1;
            hgt = b.le24(data + 7) + 1;
            haveSize = true;
        } else if (b.equals(pos, "EXIF") && b.has(data, length)) {
            h.orientation = orientationFromExif(b.data() + data, length);
        }
        if (length > b.size())
            break;
        pos = data + length + (length & 1);
    }
    if (!haveSize)
        b.fail("corrupt or truncated header (no VP8, VP8L or VP8X chunk)");
    setSize(h, b, w, hgt);
    return h;
}

ImageHeader probePnm(const Bytes &b)
{
    ImageHeader h;
    h.format = ImageFormat::Pnm;
    std::size_t pos = 2;
    auto number = [&](const char *what) -> std::int64_t {
        while (true) { // whitespace and # comments
            b.need(pos, 1, what);
            const std::uint32_t c = b.u8(pos);
            if (c == '#') {
                while (b.has(pos, 1) && b.u8(pos) != '\n')
                    ++pos;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
                ++pos;
            } else {
                break;
            }
        }
        std::int64_t v = 0;
        int digits = 0;
        while (b.has(pos, 1) && b.u8(pos) >= '0' && b.u8(pos) <= '9' && digits < 12) {
            v = v * 10 + (b.u8(pos) - '0');
            ++pos;
            ++digits;
        }
        if (digits == 0)
            b.fail(std::string("corrupt header (") + what + " is not a number)");
        return v;
    };
    const std::int64_t w = number("width");
    const std::int64_t hgt = number("height");
    setSize(h, b, w, hgt);
    return h;
}

bool hasPrefix(const std::uint8_t *data, std::size_t size, const char *prefix, std::size_t n)
{
    return size >= n && std::memcmp(data, prefix, n) == 0;
}

} // namespace

ImageHeader probeImageHeader(const std::uint8_t *data, std::size_t size, const std::string &name)
{
    if (size == 0)
        throw Error(ErrorKind::BadInput, "image file '" + name + "' is empty (0 bytes)");
    const Bytes any(data, size, name, "unknown format");
    ImageHeader h;
    if (any.equals(0, "\xFF\xD8\xFF")) {
        h = probeJpeg(Bytes(data, size, name, "JPEG"));
    } else if (any.equals(0, "\x89PNG\r\n\x1A\n")) {
        h = probePng(Bytes(data, size, name, "PNG"));
    } else if (any.equals(0, "BM")) {
        h = probeBmp(Bytes(data, size, name, "BMP"));
    } else if (hasPrefix(data, size, "II*\0", 4) || hasPrefix(data, size, "MM\0*", 4)) {
        h = probeTiff(Bytes(data, size, name, "TIFF"));
    } else if (any.equals(0, "RIFF") && any.equals(8, "WEBP")) {
        h = probeWebP(Bytes(data, size, name, "WebP"));
    } else if (size >= 3 && data[0] == 'P' && data[1] >= '1' && data[1] <= '6'
               && (data[2] == ' ' || data[2] == '\n' || data[2] == '\r' || data[2] == '\t' || data[2] == '#')) {
        h = probePnm(Bytes(data, size, name, "PNM"));
    } else if (any.equals(0, "GIF8")) {
        any.fail("GIF images are not supported (convert to PNG)");
    } else if (hasPrefix(data, size, "II+\0", 4) || hasPrefix(data, size, "MM\0+", 4)) {
        any.fail("BigTIFF images are not supported");
    } else if (any.equals(4, "ftyp")) {
        any.fail("HEIF/AVIF images are not supported (convert to JPEG or PNG)");
    } else if (hasPrefix(data, size, "\0\0\0\x0CjP  ", 10) || any.equals(0, "\xFF\x4F\xFF\x51")) {
        any.fail("JPEG 2000 images are not supported");
    } else {
        char hex[3 * 8 + 1] = {};
        for (std::size_t i = 0; i < std::min<std::size_t>(size, 8); ++i)
            std::snprintf(hex + 3 * i, 4, "%02x ", data[i]);
        any.fail("not a supported image (JPEG, PNG, BMP, TIFF, WebP, PNM expected); the file starts with bytes "
                 + std::string(hex, std::strlen(hex) - 1));
    }
    return h;
}

} // namespace florence
