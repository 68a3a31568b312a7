// Tests of image decoding (core/image/decode.h, image_header.h): parity with PIL on the fixture
// images, every colour type PIL's convert('RGB') handles, the 8 EXIF orientations, bad input.
#include "image/decode.h"

#include "common/file_io.h"
#include "image/image_header.h"
#include "image_test_util.h"
#include "io/safetensors.h"
#include "test_registry.h"

#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstring>

using namespace florence;
using namespace florence::test;

namespace {

using Bytes = std::vector<std::uint8_t>;

/// A small RGB test pattern with every channel value different: value(x, y, c).
std::uint8_t patternValue(int x, int y, int c)
{
    return std::uint8_t((x * 37 + y * 91 + c * 80 + 13) % 256);
}

/// A smooth pattern (x, y < 20) that survives JPEG compression.
std::uint8_t smoothValue(int x, int y, int c)
{
    return std::uint8_t(20 + x * 4 + y * 3 + c * 60);
}

/// Encodes `m` (OpenCV channel order: BGR / BGRA) with cv::imencode.
Bytes encode(const cv::Mat &m, const std::string &ext, const std::vector<int> &params = {})
{
    std::vector<uchar> buf;
    if (!cv::imencode(ext, m, buf, params))
        qFatal("cv::imencode(%s) failed", ext.c_str());
    return Bytes(buf.begin(), buf.end());
}

void put16(Bytes &b, std::size_t at, std::uint32_t v, bool bigEndian)
{
    b[at] = std::uint8_t(bigEndian ? v >> 8 : v);
    b[at + 1] = std::uint8_t(bigEndian ? v : v >> 8);
}
void put32(Bytes &b, std::size_t at, std::uint32_t v, bool bigEndian)
{
    put16(b, at, bigEndian ? v >> 16 : v & 0xffff, bigEndian);
    put16(b, at + 2, bigEndian ? v & 0xffff : v >> 16, bigEndian);
}

/// A TIFF structure ("MM" or "II") whose IFD0 holds only Orientation = `orientation`.
Bytes exifTiff(int orientation, bool bigEndian)
{
    Bytes t(26, 0);
    t[0] = t[1] = bigEndian ? 'M' : 'I';
    put16(t, 2, 42, bigEndian);
    put32(t, 4, 8, bigEndian);       // IFD0 offset
    put16(t, 8, 1, bigEndian);       // one entry
    put16(t, 10, 0x0112, bigEndian); // Orientation
    put16(t, 12, 3, bigEndian);      // SHORT
    put32(t, 14, 1, bigEndian);      // count
    put16(t, 18, std::uint32_t(orientation), bigEndian);
    put32(t, 22, 0, bigEndian);      // no next IFD
    return t;
}

/// Inserts an APP1 Exif segment right after the SOI marker.
Bytes withJpegExif(const Bytes &jpeg, const Bytes &tiff)
{
    Bytes seg = {0xFF, 0xE1, 0, 0, 'E', 'x', 'i', 'f', 0, 0};
    seg.insert(seg.end(), tiff.begin(), tiff.end());
    put16(seg, 2, std::uint32_t(seg.size() - 2), true);
    Bytes out = jpeg;
    out.insert(out.begin() + 2, seg.begin(), seg.end());
    return out;
}

std::uint32_t crc32(const std::uint8_t *p, std::size_t n)
{
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < n; ++i) {
        c ^= p[i];
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

/// Inserts an eXIf chunk after IHDR.
Bytes withPngExif(const Bytes &png, const Bytes &tiff)
{
    Bytes chunk(8, 0);
    put32(chunk, 0, std::uint32_t(tiff.size()), true);
    std::memcpy(chunk.data() + 4, "eXIf", 4);
    chunk.insert(chunk.end(), tiff.begin(), tiff.end());
    chunk.resize(chunk.size() + 4);
    put32(chunk, chunk.size() - 4, crc32(chunk.data() + 4, chunk.size() - 8), true);
    Bytes out = png;
    out.insert(out.begin() + 33, chunk.begin(), chunk.end());
    return out;
}

/// Rewraps a simple-format WebP (one VP8/VP8L chunk) as VP8X with an EXIF chunk.
Bytes withWebpExif(const Bytes &webp, int width, int height, const Bytes &tiff)
{
    Bytes out = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0};
    Bytes vp8x(10, 0);
    vp8x[0] = 0x08; // EXIF present
    vp8x[4] = std::uint8_t(width - 1);
    vp8x[5] = std::uint8_t((width - 1) >> 8);
    vp8x[7] = std::uint8_t(height - 1);
    vp8x[8] = std::uint8_t((height - 1) >> 8);
    out.insert(out.end(), vp8x.begin(), vp8x.end());
    out.insert(out.end(), webp.begin() + 12, webp.end()); // the image chunk
    Bytes exif = {'E', 'X', 'I', 'F', 0, 0, 0, 0};
    put32(exif, 4, std::uint32_t(tiff.size()), false);
    exif.insert(exif.end(), tiff.begin(), tiff.end());
    if (tiff.size() % 2)
        exif.push_back(0);
    out.insert(out.end(), exif.begin(), exif.end());
    put32(out, 4, std::uint32_t(out.size() - 8), false);
    return out;
}

/// Where stored pixel (row r, column c) appears on screen, by the EXIF specification's definition
/// of the Orientation tag ("the 0th row is the visual top/bottom/left/right, the 0th column is the
/// visual left/right/top/bottom"). storedW/H: size of the stored pixel array.
void displayPosition(int orientation, int r, int c, int storedW, int storedH, int &x, int &y)
{
    switch (orientation) {
    case 1: x = c; y = r; break;                               // row 0 top,    column 0 left
    case 2: x = storedW - 1 - c; y = r; break;                 // row 0 top,    column 0 right
    case 3: x = storedW - 1 - c; y = storedH - 1 - r; break;   // row 0 bottom, column 0 right
    case 4: x = c; y = storedH - 1 - r; break;                 // row 0 bottom, column 0 left
    case 5: x = r; y = c; break;                               // row 0 left,   column 0 top
    case 6: x = storedH - 1 - r; y = c; break;                 // row 0 right,  column 0 top
    case 7: x = storedH - 1 - r; y = storedW - 1 - c; break;   // row 0 right,  column 0 bottom
    case 8: x = r; y = storedW - 1 - c; break;                 // row 0 left,   column 0 bottom
    default: QFAIL("bad orientation");
    }
}

/// The stored BGR array that a viewer shows as `display` (RGB, displayW x displayH) under `orientation`.
cv::Mat storedFromDisplay(const std::vector<std::uint8_t> &display, int displayW, int displayH, int orientation)
{
    const int storedW = orientation >= 5 ? displayH : displayW;
    const int storedH = orientation >= 5 ? displayW : displayH;
    cv::Mat s(storedH, storedW, CV_8UC3);
    for (int r = 0; r < storedH; ++r)
        for (int c = 0; c < storedW; ++c) {
            int x = 0, y = 0;
            displayPosition(orientation, r, c, storedW, storedH, x, y);
            const std::uint8_t *p = &display[(std::size_t(y) * displayW + x) * 3];
            s.at<cv::Vec3b>(r, c) = cv::Vec3b(p[2], p[1], p[0]);
        }
    return s;
}

Bytes readFile(const std::string &path)
{
    return readBinaryFile(path);
}

std::string writeTemp(const QTemporaryDir &dir, const QString &name, const Bytes &bytes)
{
    const std::string path = dir.filePath(name).toStdString();
    writeFileAtomic(path, std::string(bytes.begin(), bytes.end()));
    return path;
}

} // namespace

class TestDecode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixturesMatchPil_data();
    void fixturesMatchPil();
    void colourTypes_data();
    void colourTypes();
    void committedColourTypes_data();
    void committedColourTypes();
    void exifOrientation_data();
    void exifOrientation();
    void jpegExifOrientation_data();
    void jpegExifOrientation();
    void tiffOrientationTag_data();
    void tiffOrientationTag();
    void malformedExifIsIgnored();
    void headerProbe();
    void badInput_data();
    void badInput();
    void mutatedInputsNeverCrash();
    void floatSamplesRefused();
    void fileErrors();
};

void TestDecode::fixturesMatchPil_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("tensor");
    QTest::newRow("img0 JPEG (libjpeg islow, fancy upsampling)") << "images/img0_photo_640x480.jpg" << "img0.decoded_rgb_uint8";
    QTest::newRow("img2 RGBA PNG (alpha dropped)") << "images/img2_rgba_256x200.png" << "img2.decoded_rgb_uint8";
}

void TestDecode::fixturesMatchPil()
{
    QFETCH(QString, file);
    QFETCH(QString, tensor);
    const RgbImage img = decodeImageFile(fixturePath(file.toStdString()));
    io::SafetensorsFile ref(imagesSafetensors());
    const io::TensorInfo &info = ref.info(tensor.toStdString());
    QCOMPARE(std::int64_t(img.height), info.shape[0]);
    QCOMPARE(std::int64_t(img.width), info.shape[1]);
    const ByteDiff d = compareBytes(img.pixels, ref.toU8(tensor.toStdString()));
    qInfo("%s: %zu of %zu bytes differ from PIL (max |diff| %d)", qPrintable(file), d.count, img.pixels.size(), d.maxAbs);
    QCOMPARE(d.count, std::size_t(0)); // the manifest says the decoded pixels are PIL's exactly
}

void TestDecode::colourTypes_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<int>("depth");    // CV_8U or CV_16U
    QTest::addColumn<int>("channels"); // 1 gray, 3 RGB, 4 RGBA
    QTest::addColumn<bool>("lossless");
    QTest::newRow("PNG RGB 8") << ".png" << CV_8U << 3 << true;
    QTest::newRow("PNG gray 8") << ".png" << CV_8U << 1 << true;
    QTest::newRow("PNG RGBA 8") << ".png" << CV_8U << 4 << true;
    QTest::newRow("PNG RGB 16") << ".png" << CV_16U << 3 << true;
    QTest::newRow("PNG gray 16") << ".png" << CV_16U << 1 << true;
    QTest::newRow("PNG RGBA 16") << ".png" << CV_16U << 4 << true;
    QTest::newRow("BMP RGB") << ".bmp" << CV_8U << 3 << true;
    QTest::newRow("BMP gray (palette)") << ".bmp" << CV_8U << 1 << true;
    QTest::newRow("TIFF RGB 8") << ".tiff" << CV_8U << 3 << true;
    QTest::newRow("TIFF RGB 16") << ".tiff" << CV_16U << 3 << true;
    QTest::newRow("TIFF gray 8") << ".tiff" << CV_8U << 1 << true;
    QTest::newRow("TIFF RGBA 8") << ".tiff" << CV_8U << 4 << true;
    QTest::newRow("WebP lossless RGB") << ".webp" << CV_8U << 3 << true;
    QTest::newRow("WebP lossless RGBA") << ".webp" << CV_8U << 4 << true;
    QTest::newRow("WebP lossy RGB") << ".webp" << CV_8U << 3 << false;
    QTest::newRow("PPM") << ".ppm" << CV_8U << 3 << true;
    QTest::newRow("PGM") << ".pgm" << CV_8U << 1 << true;
    QTest::newRow("PGM 16") << ".pgm" << CV_16U << 1 << true;
    QTest::newRow("JPEG RGB") << ".jpg" << CV_8U << 3 << false;
    QTest::newRow("JPEG gray") << ".jpg" << CV_8U << 1 << false;
}

void TestDecode::colourTypes()
{
    QFETCH(QString, ext);
    QFETCH(int, depth);
    QFETCH(int, channels);
    QFETCH(bool, lossless);
    const int w = 19, h = 11;
    const auto value = lossless ? patternValue : smoothValue;
    // Source samples: 8-bit pattern; 16-bit = pattern * 256 + (a low byte that must not matter).
    cv::Mat src(h, w, CV_MAKETYPE(depth, channels));
    std::vector<std::uint8_t> expected(std::size_t(w) * h * 3);
    const int cvChannel[4][4] = {{0}, {}, {}, {2, 1, 0, 3}}; // RGB(A) index -> OpenCV BGR(A) index
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            for (int c = 0; c < channels; ++c) {
                const int cv = channels == 1 ? 0 : cvChannel[3][c];
                // alpha never 0: lossless WebP may rewrite the colour of fully transparent pixels
                const std::uint8_t v8 = c == 3 ? std::uint8_t(1 + value(x, y, c) % 255) : value(x, y, c);
                if (depth == CV_16U)
                    src.ptr<std::uint16_t>(y)[x * channels + cv] = std::uint16_t(v8 * 256 + (x * 7 + y * 13 + c) % 256);
                else
                    src.ptr<std::uint8_t>(y)[x * channels + cv] = v8;
            }
            for (int c = 0; c < 3; ++c) // PIL convert('RGB'): gray replicated, alpha dropped, 16-bit high byte
                expected[(std::size_t(y) * w + x) * 3 + c] = value(x, y, channels == 1 ? 0 : c);
        }
    std::vector<int> params;
    if (ext == ".webp")
        params = {cv::IMWRITE_WEBP_QUALITY, lossless ? 101 : 95}; // > 100: lossless
    if (ext == ".jpg")
        params = {cv::IMWRITE_JPEG_QUALITY, 100};
    const Bytes bytes = encode(src, ext.toStdString(), params);
    const RgbImage img = decodeImageBytes(bytes, "pattern" + ext.toStdString());
    QCOMPARE(img.width, w);
    QCOMPARE(img.height, h);
    QCOMPARE(img.pixels.size(), expected.size());
    if (lossless) {
        const ByteDiff d = compareBytes(img.pixels, expected);
        QVERIFY2(d.count == 0, qPrintable(QString("%1 bytes differ, max %2").arg(d.count).arg(d.maxAbs)));
    } else {
        // Lossy (JPEG, WebP VP8): gray must stay gray, and the colours close to the source (R, G, B order).
        for (std::size_t i = 0; i < expected.size(); i += 3) {
            if (channels == 1) {
                QCOMPARE(img.pixels[i], img.pixels[i + 1]);
                QCOMPARE(img.pixels[i], img.pixels[i + 2]);
            }
        }
        double err = 0;
        for (std::size_t i = 0; i < expected.size(); ++i)
            err += std::abs(int(img.pixels[i]) - int(expected[i]));
        err /= double(expected.size());
        QVERIFY2(err < 3.0, qPrintable(QString("mean |error| %1").arg(err)));
    }
}

void TestDecode::committedColourTypes_data()
{
    // Tiny files written byte by byte by tests/data/images/make_pngs.py; expected values are the
    // stored palette / gray samples (transparent entries keep their colour, as in PIL).
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("expected"); // 3x2 RGB, row-major
    QTest::newRow("palette + tRNS (PIL 'P' -> palette colours)")
        << "palette_alpha_3x2.png"
        << QByteArray("\xff\x00\x00\x00\xff\x00\x00\x00\xff\xff\xff\xff\x80\x40\x20\x0a\x14\x1e", 18);
    QTest::newRow("gray + alpha (PIL 'LA' -> L replicated)")
        << "gray_alpha_3x2.png"
        << QByteArray("\x0a\x0a\x0a\x5a\x5a\x5a\xc8\xc8\xc8\xff\xff\xff\x00\x00\x00\x4d\x4d\x4d", 18);
    QTest::newRow("1-bit gray (PIL '1' -> 0/255)")
        << "gray1_3x2.png"
        << QByteArray("\x00\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x00\x00\x00", 18);
}

void TestDecode::committedColourTypes()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, expected);
    const RgbImage img = decodeImageFile(std::string(FLORENCE_TEST_DATA) + "/images/" + file.toStdString());
    QCOMPARE(img.width, 3);
    QCOMPARE(img.height, 2);
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(img.pixels.data()), int(img.pixels.size())).toHex(' '),
             expected.toHex(' '));
}

void TestDecode::exifOrientation_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("orientation");
    QTest::addColumn<bool>("bigEndian");
    for (int o = 1; o <= 8; ++o) {
        QTest::addRow("PNG eXIf %d", o) << "png" << o << (o % 2 == 0);
        QTest::addRow("WebP EXIF %d", o) << "webp" << o << (o % 2 == 1);
    }
}

void TestDecode::exifOrientation()
{
    QFETCH(QString, format);
    QFETCH(int, orientation);
    QFETCH(bool, bigEndian);
    // What the viewer must show: a 5x3 image with every pixel distinct.
    const int dw = 5, dh = 3;
    std::vector<std::uint8_t> display(std::size_t(dw) * dh * 3);
    for (int y = 0; y < dh; ++y)
        for (int x = 0; x < dw; ++x)
            for (int c = 0; c < 3; ++c)
                display[(std::size_t(y) * dw + x) * 3 + c] = patternValue(x, y, c);
    const cv::Mat stored = storedFromDisplay(display, dw, dh, orientation);
    const Bytes tiff = exifTiff(orientation, bigEndian);
    const Bytes bytes = format == "png" ? withPngExif(encode(stored, ".png"), tiff)
                                        : withWebpExif(encode(stored, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101}),
                                                       stored.cols, stored.rows, tiff);
    const ImageHeader header = probeImageHeader(bytes.data(), bytes.size(), "x");
    QCOMPARE(header.orientation, orientation);
    const RgbImage img = decodeImageBytes(bytes, "oriented." + format.toStdString());
    QCOMPARE(img.width, dw);
    QCOMPARE(img.height, dh);
    QCOMPARE(compareBytes(img.pixels, display).count, std::size_t(0));
}

void TestDecode::jpegExifOrientation_data()
{
    QTest::addColumn<int>("orientation");
    QTest::addColumn<bool>("bigEndian");
    for (int o = 1; o <= 8; ++o) {
        QTest::addRow("Exif MM %d", o) << o << true;
        QTest::addRow("Exif II %d", o) << o << false;
    }
}

void TestDecode::jpegExifOrientation()
{
    QFETCH(int, orientation);
    QFETCH(bool, bigEndian);
    // 3x2 blocks of 8x8 pixels in saturated colours, so JPEG loss cannot confuse them.
    const std::uint8_t colours[6][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}, {0, 0, 0}, {255, 255, 255}};
    const int block = 8, dw = 3 * block, dh = 2 * block;
    std::vector<std::uint8_t> display(std::size_t(dw) * dh * 3);
    for (int y = 0; y < dh; ++y)
        for (int x = 0; x < dw; ++x)
            std::memcpy(&display[(std::size_t(y) * dw + x) * 3], colours[(y / block) * 3 + x / block], 3);
    const cv::Mat stored = storedFromDisplay(display, dw, dh, orientation);
    const Bytes bytes = withJpegExif(encode(stored, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 95}), exifTiff(orientation, bigEndian));
    const RgbImage img = decodeImageBytes(bytes, "oriented.jpg");
    QCOMPARE(img.width, dw);
    QCOMPARE(img.height, dh);
    for (int b = 0; b < 6; ++b) { // the nearest saturated colour at each block centre
        const int x = (b % 3) * block + block / 2, y = (b / 3) * block + block / 2;
        const std::uint8_t *p = &img.pixels[(std::size_t(y) * dw + x) * 3];
        int best = -1, bestDist = 1 << 30;
        for (int k = 0; k < 6; ++k) {
            int dist = 0;
            for (int c = 0; c < 3; ++c)
                dist += (p[c] - colours[k][c]) * (p[c] - colours[k][c]);
            if (dist < bestDist) {
                bestDist = dist;
                best = k;
            }
        }
        QCOMPARE(best, b);
    }
}

void TestDecode::tiffOrientationTag_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("orientation");
    QTest::newRow("BottomRight") << "tiff_orient3_3x2.tif" << 3;
    QTest::newRow("RightTop") << "tiff_orient6_3x2.tif" << 6;
    QTest::newRow("LeftBottom") << "tiff_orient8_3x2.tif" << 8;
}

void TestDecode::tiffOrientationTag()
{
    QFETCH(QString, file);
    QFETCH(int, orientation);
    // Stored pixels of these files: row 0 = red, green, white; row 1 = blue, white, white.
    const std::uint8_t stored[2][3][3] = {{{255, 0, 0}, {0, 255, 0}, {255, 255, 255}},
                                          {{0, 0, 255}, {255, 255, 255}, {255, 255, 255}}};
    const std::string path = std::string(FLORENCE_TEST_DATA) + "/images/" + file.toStdString();
    const Bytes bytes = readFile(path);
    QCOMPARE(probeImageHeader(bytes.data(), bytes.size(), path).orientation, orientation);
    const RgbImage img = decodeImageFile(path);
    QCOMPARE(img.width, orientation >= 5 ? 2 : 3);
    QCOMPARE(img.height, orientation >= 5 ? 3 : 2);
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 3; ++c) {
            int x = 0, y = 0;
            displayPosition(orientation, r, c, 3, 2, x, y);
            const std::uint8_t *p = &img.pixels[(std::size_t(y) * img.width + x) * 3];
            QCOMPARE(QByteArray(reinterpret_cast<const char *>(p), 3).toHex(),
                     QByteArray(reinterpret_cast<const char *>(stored[r][c]), 3).toHex());
        }
}

void TestDecode::malformedExifIsIgnored()
{
    // A viewer shows the stored pixels when the Exif block is unreadable; so do we.
    cv::Mat m(2, 3, CV_8UC3, cv::Scalar(10, 20, 30));
    m.at<cv::Vec3b>(0, 0) = cv::Vec3b(200, 100, 50);
    const Bytes png = encode(m, ".png");
    Bytes badOffset = exifTiff(6, true);
    put32(badOffset, 4, 5000, true); // IFD0 outside the block
    Bytes badValue = exifTiff(6, false);
    put16(badValue, 18, 9, false); // orientation 9 does not exist
    Bytes badCount = exifTiff(6, true);
    put16(badCount, 8, 900, true); // more entries than bytes
    for (const Bytes &tiff : {badOffset, badValue, badCount, Bytes{'M', 'M'}}) {
        const Bytes bytes = withPngExif(png, tiff);
        QCOMPARE(probeImageHeader(bytes.data(), bytes.size(), "x").orientation, 1);
        const RgbImage img = decodeImageBytes(bytes, "x.png");
        QCOMPARE(img.width, 3);
        QCOMPARE(int(img.pixels[0]), 50); // R of the BGR (200, 100, 50) pixel
    }
}

void TestDecode::headerProbe()
{
    const Bytes jpeg = readFile(fixturePath("images/img0_photo_640x480.jpg"));
    const ImageHeader h = probeImageHeader(jpeg.data(), jpeg.size(), "img0");
    QCOMPARE(h.format, ImageFormat::Jpeg);
    QCOMPARE(h.storedWidth, 640);
    QCOMPARE(h.storedHeight, 480);
    QCOMPARE(h.orientation, 1);
    const Bytes png = readFile(fixturePath("images/img1_tall_300x900.png"));
    const ImageHeader p = probeImageHeader(png.data(), png.size(), "img1");
    QCOMPARE(p.format, ImageFormat::Png);
    QCOMPARE(p.displayWidth(), 300);
    QCOMPARE(p.displayHeight(), 900);
    const cv::Mat m(7, 9, CV_8UC3, cv::Scalar(1, 2, 3));
    for (const char *ext : {".bmp", ".tiff", ".webp", ".ppm"}) {
        const Bytes b = encode(m, ext, std::string(ext) == ".webp" ? std::vector<int>{cv::IMWRITE_WEBP_QUALITY, 90}
                                                                   : std::vector<int>{});
        const ImageHeader x = probeImageHeader(b.data(), b.size(), ext);
        QVERIFY2(x.storedWidth == 9 && x.storedHeight == 7, ext);
    }
}

void TestDecode::badInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    auto q = [](const Bytes &b) { return QByteArray(reinterpret_cast<const char *>(b.data()), int(b.size())); };
    auto head = [](const Bytes &b, double fraction) { return Bytes(b.begin(), b.begin() + std::ptrdiff_t(b.size() * fraction)); };

    cv::Mat m(40, 48, CV_8UC3);
    cv::randu(m, 0, 256);
    const Bytes jpeg = encode(m, ".jpg");
    const Bytes png = encode(m, ".png");
    const Bytes bmp = encode(m, ".bmp");
    const Bytes webp = encode(m, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101});

    QTest::newRow("empty") << QByteArray() << "is empty (0 bytes)";
    QTest::newRow("text") << QByteArray("hello, this is not an image") << "not a supported image";
    QTest::newRow("one byte") << QByteArray("\xff") << "not a supported image";
    QTest::newRow("GIF") << QByteArray("GIF89a\x01\x00\x01\x00") << "GIF images are not supported";
    QTest::newRow("BigTIFF") << QByteArray("II+\0\x08\0\0\0", 8) << "BigTIFF";
    QTest::newRow("HEIC") << QByteArray("\0\0\0\x18" "ftypheic\0\0\0\0", 16) << "HEIF/AVIF";

    QTest::newRow("JPEG SOI only") << QByteArray("\xff\xd8\xff") << "truncated header";
    QTest::newRow("JPEG first 20 bytes") << q(Bytes(jpeg.begin(), jpeg.begin() + 20))
                                         << "truncated header";
    QTest::newRow("JPEG cut in half") << q(head(jpeg, 0.5)) << "truncated (no end-of-image marker";
    QTest::newRow("PNG cut in half") << q(head(png, 0.5)) << "cannot decode";
    QTest::newRow("PNG header only") << q(Bytes(png.begin(), png.begin() + 33)) << "cannot decode";
    QTest::newRow("PNG signature only") << q(Bytes(png.begin(), png.begin() + 8)) << "truncated header";
    QTest::newRow("BMP cut in half") << q(head(bmp, 0.5)) << "truncated";
    QTest::newRow("WebP cut in half") << q(head(webp, 0.5)) << "cannot decode";
    QTest::newRow("WebP RIFF only") << QByteArray("RIFF\x04\0\0\0WEBP", 12) << "no VP8, VP8L or VP8X chunk";

    // Sizes: refused from the header, before any pixel memory is allocated.
    Bytes png0 = png;
    put32(png0, 16, 0, true);
    QTest::newRow("PNG 0 wide") << q(png0) << "no pixels (size 0x40)";
    Bytes pngWide = png;
    put32(pngWide, 16, 100000, true);
    QTest::newRow("PNG 100000 wide") << q(pngWide) << "too large (100000x40); the limit is 65535 pixels per side";
    Bytes pngHuge = png; // 60000 x 17000 = 1.02e9 pixels: under OpenCV's own limit, a 3 GB allocation
    put32(pngHuge, 16, 60000, true);
    put32(pngHuge, 20, 17000, true);
    QTest::newRow("PNG 60000x17000") << q(pngHuge) << "the limit is 268435456 pixels";
    Bytes jpegHuge = jpeg, jpeg0 = jpeg;
    for (std::size_t i = 2; i + 9 < jpeg.size(); ++i)
        if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) { // SOF0: length, precision, height, width
            put16(jpegHuge, i + 5, 65000, true);
            put16(jpegHuge, i + 7, 65000, true);
            put16(jpeg0, i + 7, 0, true);
            break;
        }
    QTest::newRow("JPEG 65000x65000") << q(jpegHuge) << "too large (65000x65000";
    QTest::newRow("JPEG 0 wide") << q(jpeg0) << "no pixels";
    Bytes bmpWide = bmp;
    put32(bmpWide, 18, 100000, false);
    QTest::newRow("BMP 100000 wide") << q(bmpWide) << "too large (100000x40)";
    Bytes webpWide = {'R', 'I', 'F', 'F', 22, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0,
                      0,   0,   0,   0,   0x9f, 0x86, 0x01, 99, 0, 0}; // 100000 x 100
    QTest::newRow("WebP 100000 wide") << q(webpWide) << "too large (100000x100)";
    Bytes tiffWide(8 + 2 + 2 * 12 + 4, 0);
    tiffWide[0] = tiffWide[1] = 'I';
    put16(tiffWide, 2, 42, false);
    put32(tiffWide, 4, 8, false);
    put16(tiffWide, 8, 2, false);
    put16(tiffWide, 10, 256, false); // ImageWidth LONG 100000
    put16(tiffWide, 12, 4, false);
    put32(tiffWide, 14, 1, false);
    put32(tiffWide, 18, 100000, false);
    put16(tiffWide, 22, 257, false); // ImageLength SHORT 10
    put16(tiffWide, 24, 3, false);
    put32(tiffWide, 26, 1, false);
    put16(tiffWide, 30, 10, false);
    QTest::newRow("TIFF 100000 wide") << q(tiffWide) << "too large (100000x10)";
    QTest::newRow("TIFF no IFD") << QByteArray("II*\0\xff\0\0\0", 8) << "first image file directory unreadable";
    QTest::newRow("PNM 100000x100000") << QByteArray("P6\n100000 100000\n255\n") << "too large (100000x100000)";
    QTest::newRow("PNM no size") << QByteArray("P6\n# comment\nxyz") << "width is not a number";
}

void TestDecode::badInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const std::string path = writeTemp(dir, "bad_input.img", Bytes(bytes.begin(), bytes.end()));
    expectError([&] { decodeImageFile(path); }, ErrorKind::BadInput, {expected, "bad_input.img"});
}

void TestDecode::mutatedInputsNeverCrash()
{
    // Random byte changes (mostly in the header) and truncations of valid files: each decode either
    // succeeds within the limits or throws florence::Error; never another exception, never a crash.
    cv::Mat m(37, 53, CV_8UC3);
    cv::randu(m, 0, 256);
    std::uint32_t state = 2024;
    auto next = [&state] { return state = state * 1664525u + 1013904223u, state >> 8; };
    int decoded = 0, refused = 0;
    for (const char *ext : {".jpg", ".png", ".bmp", ".tiff", ".webp", ".ppm"}) {
        const Bytes valid = encode(m, ext);
        for (int i = 0; i < 150; ++i) {
            Bytes b = valid;
            if (i % 3 == 0) {
                b.resize(next() % b.size());
            } else {
                for (std::uint32_t k = 0, n = 1 + next() % 8; k < n; ++k)
                    b[i % 2 ? next() % std::min<std::size_t>(b.size(), 200) : next() % b.size()] = std::uint8_t(next());
            }
            try {
                const RgbImage img = decodeImageBytes(b, "mutated");
                QVERIFY(img.width <= kMaxImageSide && img.height <= kMaxImageSide);
                QCOMPARE(img.pixels.size(), std::size_t(img.width) * img.height * 3);
                ++decoded;
            } catch (const Error &) {
                ++refused;
            } catch (const std::exception &e) {
                QFAIL(qPrintable(QString("%1 mutation %2: unexpected exception %3").arg(ext).arg(i).arg(e.what())));
            }
        }
    }
    qInfo("mutated inputs: %d decoded, %d refused with florence::Error", decoded, refused);
}

void TestDecode::floatSamplesRefused()
{
    const cv::Mat m(4, 5, CV_32FC3, cv::Scalar(0.25, 0.5, 0.75));
    const Bytes tiff = encode(m, ".tiff");
    expectError([&] { decodeImageBytes(tiff, "float.tiff"); }, ErrorKind::BadInput,
                {"float.tiff", "32-bit float samples", "only 8- and 16-bit"});
}

void TestDecode::fileErrors()
{
    QTemporaryDir dir;
    const std::string missing = dir.filePath("missing.jpg").toStdString();
    expectError([&] { decodeImageFile(missing); }, ErrorKind::Io, {"missing.jpg", "no such file"});
    expectError([&] { decodeImageFile(dir.path().toStdString()); }, ErrorKind::Io, {"not a regular file"});
}

FLORENCE_TEST_CLASS(TestDecode)
#include "test_decode.moc"
