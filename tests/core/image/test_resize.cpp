// Tests of the PIL-exact bicubic resize (core/image/resize_pil.h): parity with the reference's
// resized fixtures, and with a plain line-by-line transcription of Pillow's Resample.c written here.
#include "image/resize_pil.h"

#include "image_test_util.h"
#include "io/safetensors.h"
#include "test_registry.h"

#include <QtTest>

#include <cmath>

using namespace florence;
using namespace florence::test;

namespace {

/// Pillow 8-bit RGB bicubic resize written as in libImaging/Resample.c (precompute_coeffs,
/// normalize_coeffs_8bpc, ImagingResampleHorizontal_8bpc / Vertical_8bpc, ImagingResampleInner),
/// slow and straightforward, to check the optimised implementation on arbitrary sizes.
struct PlainPillow
{
    struct Pass
    {
        int ksize = 0;
        std::vector<int> bounds; // xmin, xmax pairs
        std::vector<int> kk;     // fixed-point coefficients
    };

    static double filter(double x)
    {
        const double a = -0.5;
        if (x < 0.0)
            x = -x;
        if (x < 1.0)
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0)
            return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }

    static Pass coeffs(int inSize, int outSize)
    {
        Pass p;
        double filterscale, scale;
        filterscale = scale = double(float(inSize) - 0.0f) / outSize;
        if (filterscale < 1.0)
            filterscale = 1.0;
        const double support = 2.0 * filterscale;
        p.ksize = int(std::ceil(support)) * 2 + 1;
        std::vector<double> kk(std::size_t(outSize) * p.ksize);
        p.bounds.resize(std::size_t(outSize) * 2);
        for (int xx = 0; xx < outSize; xx++) {
            const double center = 0.0 + (xx + 0.5) * scale;
            double ww = 0.0;
            const double ss = 1.0 / filterscale;
            int xmin = int(center - support + 0.5);
            if (xmin < 0)
                xmin = 0;
            int xmax = int(center + support + 0.5);
            if (xmax > inSize)
                xmax = inSize;
            xmax -= xmin;
            double *k = &kk[std::size_t(xx) * p.ksize];
            for (int x = 0; x < xmax; x++) {
                const double w = filter((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++)
                if (ww != 0.0)
                    k[x] /= ww;
            for (int x = xmax; x < p.ksize; x++)
                k[x] = 0;
            p.bounds[std::size_t(xx) * 2] = xmin;
            p.bounds[std::size_t(xx) * 2 + 1] = xmax;
        }
        p.kk.resize(kk.size());
        for (std::size_t x = 0; x < kk.size(); x++)
            p.kk[x] = kk[x] < 0 ? int(-0.5 + kk[x] * (1 << 22)) : int(0.5 + kk[x] * (1 << 22));
        return p;
    }

    static std::uint8_t clip8(int in)
    {
        const int v = in >> 22;
        return std::uint8_t(v < 0 ? 0 : v > 255 ? 255 : v);
    }

    static RgbImage resize(const RgbImage &in, int xsize, int ysize)
    {
        const bool needHorizontal = xsize != in.width;
        const bool needVertical = ysize != in.height;
        const Pass h = coeffs(in.width, xsize);
        Pass v = coeffs(in.height, ysize);
        const int yboxFirst = v.bounds[0];
        const int yboxLast = v.bounds[std::size_t(ysize) * 2 - 2] + v.bounds[std::size_t(ysize) * 2 - 1];
        RgbImage cur = in;
        if (needHorizontal) {
            for (int i = 0; i < ysize; i++)
                v.bounds[std::size_t(i) * 2] -= yboxFirst;
            RgbImage tmp;
            tmp.width = xsize;
            tmp.height = yboxLast - yboxFirst;
            tmp.pixels.resize(std::size_t(tmp.width) * tmp.height * 3);
            for (int yy = 0; yy < tmp.height; yy++)
                for (int xx = 0; xx < xsize; xx++) {
                    const int xmin = h.bounds[std::size_t(xx) * 2], xmax = h.bounds[std::size_t(xx) * 2 + 1];
                    const int *k = &h.kk[std::size_t(xx) * h.ksize];
                    int ss[3] = {1 << 21, 1 << 21, 1 << 21};
                    for (int x = 0; x < xmax; x++)
                        for (int c = 0; c < 3; c++)
                            ss[c] += cur.pixels[(std::size_t(yy + yboxFirst) * cur.width + x + xmin) * 3 + c] * k[x];
                    for (int c = 0; c < 3; c++)
                        tmp.pixels[(std::size_t(yy) * xsize + xx) * 3 + c] = clip8(ss[c]);
                }
            cur = std::move(tmp);
        }
        if (needVertical) {
            RgbImage out;
            out.width = cur.width;
            out.height = ysize;
            out.pixels.resize(std::size_t(out.width) * ysize * 3);
            for (int yy = 0; yy < ysize; yy++) {
                const int *k = &v.kk[std::size_t(yy) * v.ksize];
                const int ymin = v.bounds[std::size_t(yy) * 2], ymax = v.bounds[std::size_t(yy) * 2 + 1];
                for (int xx = 0; xx < out.width; xx++) {
                    int ss[3] = {1 << 21, 1 << 21, 1 << 21};
                    for (int y = 0; y < ymax; y++)
                        for (int c = 0; c < 3; c++)
                            ss[c] += cur.pixels[(std::size_t(y + ymin) * cur.width + xx) * 3 + c] * k[y];
                    for (int c = 0; c < 3; c++)
                        out.pixels[(std::size_t(yy) * out.width + xx) * 3 + c] = clip8(ss[c]);
                }
            }
            cur = std::move(out);
        }
        return cur;
    }
};

/// Pseudo-random image with hard 0/255 edges (exercises clipping) mixed with noise.
RgbImage syntheticImage(int w, int h, std::uint32_t seed)
{
    RgbImage img;
    img.width = w;
    img.height = h;
    img.pixels.resize(std::size_t(w) * h * 3);
    std::uint32_t s = seed;
    for (std::size_t i = 0; i < img.pixels.size(); ++i) {
        s = s * 1664525u + 1013904223u;
        const std::size_t p = i / 3;
        const bool edge = ((p % std::size_t(w)) / 3 + (p / std::size_t(w)) / 2) % 2 == 0;
        img.pixels[i] = (s >> 28) < 6 ? (edge ? 255 : 0) : std::uint8_t(s >> 24);
    }
    return img;
}

} // namespace

class TestResize : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtureParity_data();
    void fixtureParity();
    void matchesPlainPillow_data();
    void matchesPlainPillow();
    void threadCountDoesNotMatter();
    void tapsAreNormalised();
    void rejectsBadArguments();
};

void TestResize::fixtureParity_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("tensor");
    QTest::newRow("img0 640x480 JPEG (upscale both)") << "images/img0_photo_640x480.jpg" << "img0.resized_768_uint8_hwc";
    QTest::newRow("img1 300x900 PNG (up x, down y)") << "images/img1_tall_300x900.png" << "img1.resized_768_uint8_hwc";
    QTest::newRow("img2 256x200 RGBA PNG") << "images/img2_rgba_256x200.png" << "img2.resized_768_uint8_hwc";
}

void TestResize::fixtureParity()
{
    QFETCH(QString, file);
    QFETCH(QString, tensor);
    const RgbImage decoded = decodeImageFile(fixturePath(file.toStdString()));
    const RgbImage resized = resizeBicubicPil(decoded, 768, 768);
    QCOMPARE(resized.width, 768);
    QCOMPARE(resized.height, 768);
    io::SafetensorsFile ref(imagesSafetensors());
    const ByteDiff d = compareBytes(resized.pixels, ref.toU8(tensor.toStdString()));
    qInfo("%s: %zu of %zu bytes differ from PIL's resize (max |diff| %d)", qPrintable(file), d.count,
          resized.pixels.size(), d.maxAbs);
    QCOMPARE(d.count, std::size_t(0)); // manifest.tolerances.pixel_values: the resized uint8 image matches exactly
}

void TestResize::matchesPlainPillow_data()
{
    QTest::addColumn<int>("inW");
    QTest::addColumn<int>("inH");
    QTest::addColumn<int>("outW");
    QTest::addColumn<int>("outH");
    QTest::newRow("5x3 -> 768x768") << 5 << 3 << 768 << 768;
    QTest::newRow("1x1 -> 4x4") << 1 << 1 << 4 << 4;
    QTest::newRow("1000x10 -> 10x1000") << 1000 << 10 << 10 << 1000;
    QTest::newRow("37x61 -> 37x20 (width unchanged)") << 37 << 61 << 37 << 20;
    QTest::newRow("64x48 -> 20x48 (height unchanged)") << 64 << 48 << 20 << 48;
    QTest::newRow("48x33 -> 48x33 (copy)") << 48 << 33 << 48 << 33;
    QTest::newRow("17x2000 -> 3x7") << 17 << 2000 << 3 << 7;
    QTest::newRow("2000x3 -> 1x1") << 2000 << 3 << 1 << 1;
    QTest::newRow("1531x1017 -> 768x768") << 1531 << 1017 << 768 << 768;
    QTest::newRow("33x35 -> 77x19 (17 rows: a partial row block)") << 33 << 35 << 77 << 19;
}

void TestResize::matchesPlainPillow()
{
    QFETCH(int, inW);
    QFETCH(int, inH);
    QFETCH(int, outW);
    QFETCH(int, outH);
    const RgbImage src = syntheticImage(inW, inH, std::uint32_t(inW * 7919 + inH));
    const RgbImage expected = PlainPillow::resize(src, outW, outH);
    const RgbImage got = resizeBicubicPil(src, outW, outH, 2);
    QCOMPARE(got.width, outW);
    QCOMPARE(got.height, outH);
    const ByteDiff d = compareBytes(got.pixels, expected.pixels);
    QVERIFY2(d.count == 0, qPrintable(QString("%1 bytes differ, max %2").arg(d.count).arg(d.maxAbs)));
}

void TestResize::threadCountDoesNotMatter()
{
    const RgbImage src = syntheticImage(901, 677, 5);
    const RgbImage one = resizeBicubicPil(src, 768, 768, 1);
    for (int threads : {2, 3, 7})
        QCOMPARE(compareBytes(resizeBicubicPil(src, 768, 768, threads).pixels, one.pixels).count, std::size_t(0));
}

void TestResize::tapsAreNormalised()
{
    for (auto [in, out] : {std::pair{640, 768}, {900, 768}, {12000, 768}, {1, 768}}) {
        const ResampleTaps t = bicubicTapsPil(in, out);
        QCOMPARE(int(t.first.size()), out);
        for (int i = 0; i < out; ++i) {
            QVERIFY(t.first[i] >= 0 && t.count[i] >= 1 && t.first[i] + t.count[i] <= in && t.count[i] <= t.taps);
            std::int64_t sum = 0;
            for (int k = 0; k < t.taps; ++k)
                sum += t.weights[std::size_t(i) * t.taps + k];
            // weights sum to 1.0 before rounding each of count[i] values to the nearest 2^-22
            QVERIFY(std::llabs(sum - (std::int64_t(1) << kPilPrecisionBits)) <= t.count[i]);
        }
    }
}

void TestResize::rejectsBadArguments()
{
    const RgbImage src = syntheticImage(4, 4, 1);
    expectError([&] { resizeBicubicPil(RgbImage{}, 768, 768); }, ErrorKind::BadInput, {"source image is empty"});
    RgbImage broken = src;
    broken.pixels.pop_back();
    expectError([&] { resizeBicubicPil(broken, 768, 768); }, ErrorKind::BadInput, {"47 bytes for 4x4"});
    expectError([&] { resizeBicubicPil(src, 0, 768); }, ErrorKind::BadInput, {"target size 0x768"});
    expectError([&] { resizeBicubicPil(src, 768, 70000); }, ErrorKind::BadInput, {"target size 768x70000"});
}

FLORENCE_TEST_CLASS(TestResize)
#include "test_resize.moc"
