// Tests of the tiler (plans, crops, tile -> image mapping with EXIF-rotated images, region crops)
// and of the merge rules across tile borders (core/tiling/).
#include "tiling/merge.h"
#include "tiling/tiler.h"

#include "common/error.h"
#include "image/decode.h"
#include "test_registry.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QElapsedTimer>
#include <QtTest>

#include <cstring>

using namespace florence;

namespace {

using Bytes = std::vector<std::uint8_t>;

void put16be(Bytes &b, std::size_t at, std::uint32_t v)
{
    b[at] = std::uint8_t(v >> 8);
    b[at + 1] = std::uint8_t(v);
}
void put32be(Bytes &b, std::size_t at, std::uint32_t v)
{
    put16be(b, at, v >> 16);
    put16be(b, at + 2, v & 0xffff);
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

/// A PNG of `bgr` with an eXIf chunk whose IFD0 holds Orientation = `orientation` (big endian TIFF).
Bytes pngWithOrientation(const cv::Mat &bgr, int orientation)
{
    std::vector<uchar> buf;
    if (!cv::imencode(".png", bgr, buf))
        qFatal("imencode failed");
    Bytes png(buf.begin(), buf.end());
    Bytes tiff(26, 0);
    tiff[0] = tiff[1] = 'M';
    put16be(tiff, 2, 42);
    put32be(tiff, 4, 8);
    put16be(tiff, 8, 1);
    put16be(tiff, 10, 0x0112);
    put16be(tiff, 12, 3);
    put32be(tiff, 14, 1);
    put16be(tiff, 18, std::uint32_t(orientation));
    Bytes chunk(8, 0);
    put32be(chunk, 0, std::uint32_t(tiff.size()));
    std::memcpy(chunk.data() + 4, "eXIf", 4);
    chunk.insert(chunk.end(), tiff.begin(), tiff.end());
    chunk.resize(chunk.size() + 4);
    put32be(chunk, chunk.size() - 4, crc32(chunk.data() + 4, chunk.size() - 8));
    png.insert(png.begin() + 33, chunk.begin(), chunk.end());
    return png;
}

/// Centre of the pure-red pixels of an RGB image (-1, -1 when there are none).
Point redCentre(const RgbImage &img)
{
    double sx = 0, sy = 0;
    int n = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const std::uint8_t *p = img.pixels.data() + (std::size_t(y) * img.width + x) * 3;
            if (p[0] > 200 && p[1] < 60 && p[2] < 60) {
                sx += x;
                sy += y;
                ++n;
            }
        }
    return n ? Point{sx / n, sy / n} : Point{-1, -1};
}

Shape box(double x1, double y1, double x2, double y2, const std::string &label, std::optional<double> score = {})
{
    Shape s;
    s.kind = ShapeKind::Box;
    s.box = Box{x1, y1, x2, y2};
    s.label = label;
    s.score = score;
    s.origin = "<OD>";
    return s;
}

Shape quad(double x1, double y1, double x2, double y2, const std::string &text)
{
    Shape s;
    s.kind = ShapeKind::Quad;
    s.rings = {{{x1, y1}, {x2, y1}, {x2, y2}, {x1, y2}}};
    s.label = "text";
    s.text = text;
    s.origin = "<OCR_WITH_REGION>";
    return s;
}

Shape square(double x1, double y1, double x2, double y2, const std::string &label)
{
    Shape s;
    s.kind = ShapeKind::Polygon;
    s.rings = {{{x1, y1}, {x2, y1}, {x2, y2}, {x1, y2}}};
    s.label = label;
    return s;
}

Tile tileAt(int x, int y, int w, int h, int row = 0, int col = 0)
{
    return Tile{PixelRect{x, y, w, h}, row, col, false};
}

void compareBox(const Box &got, const Box &want, double tol = 1e-9)
{
    QVERIFY2(std::abs(got.x1 - want.x1) <= tol && std::abs(got.y1 - want.y1) <= tol && std::abs(got.x2 - want.x2) <= tol
                 && std::abs(got.y2 - want.y2) <= tol,
             qPrintable(QString("got %1,%2,%3,%4 want %5,%6,%7,%8")
                            .arg(got.x1).arg(got.y1).arg(got.x2).arg(got.y2)
                            .arg(want.x1).arg(want.y1).arg(want.x2).arg(want.y2)));
}

} // namespace

class TestTiling : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plans_data();
    void plans();
    void planCoversImageWithOverlap();
    void documentedDefaults();
    void gridAndOverlapParsing_data();
    void gridAndOverlapParsing();
    void badOptions_data();
    void badOptions();
    void cropAndMapWithExifRotation_data();
    void cropAndMapWithExifRotation();
    void regionCrops();
    void regionCropOutsideImage();

    void boxCutByBorderJoined();
    void boxAcrossFourTilesJoined();
    void duplicateInOverlapNms();
    void duplicateInOverlapWbf();
    void classAwareNoMixing();
    void singleTileUnchanged();
    void cutPieceInsideFullPassDropped();
    void ocrLineSplitAcrossTiles();
    void ocrDuplicateNeedsSimilarText();
    void polygonsTouchingAcrossBorderJoined();
    void polygonsNotTouchingStayApart();
    void lineTextJoin_data();
    void lineTextJoin();
    void denseGridMergesBackExactly_data();
    void denseGridMergesBackExactly();
};

void TestTiling::plans_data()
{
    QTest::addColumn<int>("w");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("tile");
    QTest::addColumn<double>("overlap");
    QTest::addColumn<int>("cols");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("tileW");
    QTest::addColumn<int>("tileH");
    QTest::addColumn<int>("count");
    // grid columns/rows given as cols/rows >0 in the options below when tile == 0
    QTest::newRow("small image: one tile") << 640 << 480 << 1024 << 128.0 << 0 << 0 << 640 << 480 << 1;
    QTest::newRow("2048 wide, 1024 tiles, 128 overlap") << 2048 << 1000 << 1024 << 128.0 << 0 << 0 << 1024 << 1000 << 3;
    QTest::newRow("no overlap divides evenly") << 2048 << 1024 << 1024 << 0.0 << 0 << 0 << 1024 << 1024 << 2;
    QTest::newRow("fraction overlap") << 3000 << 1000 << 1000 << 0.1 << 0 << 0 << 1000 << 1000 << 4;
    QTest::newRow("grid 3x2, 100 px overlap") << 3000 << 2000 << 0 << 100.0 << 3 << 2 << 1067 << 1050 << 6;
    QTest::newRow("grid 2x2 no overlap") << 1024 << 512 << 0 << 0.0 << 2 << 2 << 512 << 256 << 4;
    QTest::newRow("grid 4x1 on 10 px") << 10 << 10 << 0 << 0.0 << 4 << 1 << 3 << 10 << 4;
}

void TestTiling::plans()
{
    QFETCH(int, w);
    QFETCH(int, h);
    QFETCH(int, tile);
    QFETCH(double, overlap);
    QFETCH(int, cols);
    QFETCH(int, rows);
    QFETCH(int, tileW);
    QFETCH(int, tileH);
    QFETCH(int, count);
    TilingOptions o;
    o.tileSize = tile ? tile : 1024;
    o.gridCols = cols;
    o.gridRows = rows;
    o.overlap = overlap;
    const std::vector<Tile> tiles = planTiles(w, h, o);
    QCOMPARE(int(tiles.size()), count);
    for (const Tile &t : tiles) {
        QCOMPARE(t.rect.width, tileW);
        QCOMPARE(t.rect.height, tileH);
        QVERIFY(t.rect.x >= 0 && t.rect.right() <= w);
        QVERIFY(t.rect.y >= 0 && t.rect.bottom() <= h);
    }
    QCOMPARE(tiles.front().rect.x, 0);
    QCOMPARE(tiles.back().rect.right(), w);
    QCOMPARE(tiles.back().rect.bottom(), h);
}

void TestTiling::planCoversImageWithOverlap()
{
    TilingOptions o; // defaults
    o.fullPass = true;
    const int w = 5000, h = 3333;
    const std::vector<Tile> tiles = planTiles(w, h, o);
    QVERIFY(tiles.back().fullImage);
    QCOMPARE(tiles.back().rect, (PixelRect{0, 0, w, h}));
    // Neighbours overlap by at least the requested 128 px; every pixel is covered.
    std::vector<int> colStarts;
    for (const Tile &t : tiles)
        if (!t.fullImage && t.row == 0)
            colStarts.push_back(t.rect.x);
    for (std::size_t i = 1; i < colStarts.size(); ++i)
        QVERIFY(colStarts[i - 1] + 1024 - colStarts[i] >= 128);
    // Rows and columns each cover their axis without a gap: every pixel lies in some tile.
    auto coversAxis = [](std::vector<std::pair<int, int>> spans, int length) {
        std::sort(spans.begin(), spans.end());
        int reached = 0;
        for (const auto &s : spans) {
            if (s.first > reached)
                return false;
            reached = std::max(reached, s.second);
        }
        return reached == length;
    };
    std::vector<std::pair<int, int>> xs, ys;
    for (const Tile &t : tiles) {
        if (t.fullImage)
            continue;
        if (t.row == 0)
            xs.emplace_back(t.rect.x, t.rect.right());
        if (t.col == 0)
            ys.emplace_back(t.rect.y, t.rect.bottom());
    }
    QVERIFY(coversAxis(xs, w));
    QVERIFY(coversAxis(ys, h));
}

void TestTiling::documentedDefaults()
{
    // docs/tiling.md: an A4 page at 300 dpi gives 3 x 4 tiles, a 6000 x 4000 photo 7 x 5 (4 x 3
    // with 2048 tiles), 12000 x 9000 14 x 10.
    const TilingOptions o;
    QCOMPARE(int(planTiles(2480, 3508, o).size()), 12);
    QCOMPARE(int(planTiles(6000, 4000, o).size()), 35);
    QCOMPARE(int(planTiles(12000, 9000, o).size()), 140);
    TilingOptions photo;
    photo.tileSize = 2048;
    QCOMPARE(int(planTiles(6000, 4000, photo).size()), 12);
    QCOMPARE(overlapPixels(o, 1024), 128);
}

void TestTiling::gridAndOverlapParsing_data()
{
    QTest::addColumn<QString>("grid");
    QTest::addColumn<int>("cols");
    QTest::addColumn<int>("rows");
    QTest::newRow("3x4") << "3x4" << 3 << 4;
    QTest::newRow("upper X") << "2X1" << 2 << 1;
    QTest::newRow("256x256") << "256x256" << 256 << 256;
}

void TestTiling::gridAndOverlapParsing()
{
    QFETCH(QString, grid);
    QFETCH(int, cols);
    QFETCH(int, rows);
    const auto g = parseGrid(grid.toStdString());
    QCOMPARE(g.first, cols);
    QCOMPARE(g.second, rows);
    QCOMPARE(parseOverlap("128"), 128.0);
    QCOMPARE(parseOverlap("0.1"), 0.1);
    QCOMPARE(parseOverlap("10%"), 0.1);
    QCOMPARE(parseOverlap("0"), 0.0);
}

void TestTiling::badOptions_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("expected");
    QTest::newRow("grid 0x3") << "grid:0x3" << "--tiles: expected COLUMNSxROWS";
    QTest::newRow("grid garbage") << "grid:3by4" << "got '3by4'";
    QTest::newRow("grid huge") << "grid:99999999x2" << "got '99999999x2'";
    QTest::newRow("overlap half") << "overlap:0.5" << "--overlap: expected pixels";
    QTest::newRow("overlap fractional px") << "overlap:12.5" << "got '12.5'";
    QTest::newRow("overlap negative") << "overlap:-3" << "got '-3'";
    QTest::newRow("tile too small") << "tile:8" << "tile size: expected 64..65535 pixels, got 8";
    QTest::newRow("overlap >= half tile") << "tileoverlap:600" << "tile overlap: expected 0";
}

void TestTiling::badOptions()
{
    QFETCH(QString, what);
    QFETCH(QString, expected);
    const std::string w = what.toStdString();
    const std::string arg = w.substr(w.find(':') + 1);
    try {
        if (w.rfind("grid:", 0) == 0) {
            parseGrid(arg);
        } else if (w.rfind("overlap:", 0) == 0) {
            parseOverlap(arg);
        } else {
            TilingOptions o;
            if (w.rfind("tile:", 0) == 0)
                o.tileSize = std::stoi(arg);
            else
                o.overlap = std::stod(arg);
            planTiles(4000, 3000, o);
        }
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QVERIFY2(std::string(e.what()).find(expected.toStdString()) != std::string::npos, e.what());
    }
}

void TestTiling::cropAndMapWithExifRotation_data()
{
    QTest::addColumn<int>("orientation");
    for (int o : {1, 3, 6, 8})
        QTest::newRow(qPrintable(QString("orientation %1").arg(o))) << o;
}

void TestTiling::cropAndMapWithExifRotation()
{
    QFETCH(int, orientation);
    // Stored 300 x 200 pixels, a 5x5 red marker centred at stored (row 40, column 250).
    cv::Mat stored(200, 300, CV_8UC3, cv::Scalar(255, 255, 255));
    cv::rectangle(stored, cv::Rect(248, 38, 5, 5), cv::Scalar(0, 0, 255), cv::FILLED);
    const Bytes png = pngWithOrientation(stored, orientation);
    const RgbImage img = decodeImageBytes(png, "marker.png");
    // Where the EXIF specification puts stored (r=40, c=250) on screen.
    const int r = 40, c = 250, sw = 300, sh = 200;
    Point want;
    switch (orientation) {
    case 1: want = {double(c), double(r)}; break;
    case 3: want = {double(sw - 1 - c), double(sh - 1 - r)}; break;
    case 6: want = {double(sh - 1 - r), double(c)}; break;
    case 8: want = {double(r), double(sw - 1 - c)}; break;
    }
    QCOMPARE(img.width, orientation >= 5 ? 200 : 300);
    QCOMPARE(redCentre(img).x, want.x);
    QCOMPARE(redCentre(img).y, want.y);

    TilingOptions o;
    o.tileSize = 96;
    o.overlap = 24;
    int seen = 0;
    for (const Tile &t : planTiles(img.width, img.height, o)) {
        const RgbImage crop = cropImage(img, t.rect);
        QCOMPARE(crop.width, t.rect.width);
        const Point inCrop = redCentre(crop);
        // Only tiles holding the whole marker (its 5x5 block) can locate it exactly.
        if (!(want.x - 2 >= t.rect.x && want.x + 2 < t.rect.right() && want.y - 2 >= t.rect.y && want.y + 2 < t.rect.bottom()))
            continue;
        ++seen;
        // A detection around the marker in tile pixels lands on the marker in image pixels.
        const Shape mapped = shapeToImage(box(inCrop.x - 2, inCrop.y - 2, inCrop.x + 2, inCrop.y + 2, "marker"), t.rect);
        compareBox(mapped.box, Box{want.x - 2, want.y - 2, want.x + 2, want.y + 2});
        Shape q = quad(inCrop.x - 2, inCrop.y - 2, inCrop.x + 2, inCrop.y + 2, "m");
        QCOMPARE(shapeToImage(q, t.rect).rings[0][2], (Point{want.x + 2, want.y + 2}));
        PostprocessResult pr;
        PostprocessInstance inst;
        inst.box = {float(inCrop.x), float(inCrop.y), float(inCrop.x), float(inCrop.y)};
        inst.rings = {{float(inCrop.x), float(inCrop.y)}};
        pr.instances = {inst};
        translateResult(pr, t.rect.x, t.rect.y);
        QCOMPARE(double(pr.instances[0].box[0]), want.x);
        QCOMPARE(double(pr.instances[0].rings[0][1]), want.y);
    }
    QVERIFY(seen >= 1);
}

void TestTiling::regionCrops()
{
    // 100 x 50 region, margin 0.25 of the larger side = 25 px.
    PixelRect r = regionCropRect(Box{1000, 2000, 1100, 2050}, 6000, 4000);
    QCOMPARE(r, (PixelRect{975, 1975, 150, 100}));
    QCOMPARE(regionInCrop(Box{1000, 2000, 1100, 2050}, r), (Box{25, 25, 125, 75}));
    // Clamped at the image border; tiny regions get at least 16 px.
    r = regionCropRect(Box{2, 3, 12, 8}, 6000, 4000);
    QCOMPARE(r, (PixelRect{0, 0, 28, 24}));
    // Inverted corners are normalised; pixels margin.
    r = regionCropRect(Box{5990, 3990, 5900, 3900}, 6000, 4000, 50);
    QCOMPARE(r, (PixelRect{5850, 3850, 150, 150}));
    // The crop's pixels are the image's pixels.
    RgbImage img;
    img.width = 40;
    img.height = 30;
    img.pixels.resize(40 * 30 * 3);
    for (std::size_t i = 0; i < img.pixels.size(); ++i)
        img.pixels[i] = std::uint8_t(i * 7);
    const RgbImage crop = cropImage(img, PixelRect{10, 5, 20, 10});
    QCOMPARE(crop.width, 20);
    QCOMPARE(crop.height, 10);
    QCOMPARE(crop.pixels[(3 * 20 + 4) * 3 + 1], img.pixels[((5 + 3) * 40 + 10 + 4) * 3 + 1]);
}

void TestTiling::regionCropOutsideImage()
{
    QVERIFY_THROWS_EXCEPTION(Error, regionCropRect(Box{700, 10, 800, 20}, 640, 480));
    try {
        regionCropRect(Box{-50, -50, -1, -1}, 640, 480);
        QFAIL("no error");
    } catch (const Error &e) {
        QVERIFY2(std::string(e.what()).find("does not intersect the 640x480 image") != std::string::npos, e.what());
    }
    RgbImage img;
    img.width = img.height = 4;
    img.pixels.resize(48);
    QVERIFY_THROWS_EXCEPTION(Error, cropImage(img, PixelRect{2147483600, 0, 2147483647, 4}));
}

// Two 600 x 600 tiles of a 1072 x 600 image overlapping by 128 px: A = x 0..600, B = x 472..1072.
static std::vector<TileShapes> twoTiles(std::vector<Shape> a, std::vector<Shape> b)
{
    return {TileShapes{tileAt(0, 0, 600, 600, 0, 0), std::move(a)}, TileShapes{tileAt(472, 0, 600, 600, 0, 1), std::move(b)}};
}

void TestTiling::boxCutByBorderJoined()
{
    // A car at x 400..800: A sees 400..600 (cut at its right edge), B sees 472..800 (cut at its left).
    MergeStats st;
    const auto out = mergeTileShapes(twoTiles({box(400, 100, 600, 300, "car", 0.8)}, {box(472, 104, 800, 298, "car", 0.6)}),
                                     1072, 600, {}, &st);
    QCOMPARE(int(out.size()), 1);
    compareBox(out[0].box, Box{400, 100, 800, 300});
    QCOMPARE(st.joined, 1);
    QVERIFY(out[0].score && *out[0].score > 0.6 && *out[0].score < 0.8);
    // A box that merely reaches the image border is not "cut": nothing to join with.
    const auto edge = mergeTileShapes(twoTiles({box(0, 0, 100, 100, "car")}, {box(972, 0, 1072, 100, "car")}), 1072, 600);
    QCOMPARE(int(edge.size()), 2);
    // Large tiles: the model places an edge to a bin (4 px for 4000 px tiles), so 7 px from the
    // tile edge still counts as cut (two bins = 8 px).
    const std::vector<TileShapes> big = {{tileAt(0, 0, 4000, 4000, 0, 0), {box(3000, 100, 3993, 300, "ship")}},
                                         {tileAt(3500, 0, 4000, 4000, 0, 1), {box(3507, 100, 4200, 300, "ship")}}};
    const auto joined = mergeTileShapes(big, 7500, 4000);
    QCOMPARE(int(joined.size()), 1);
    compareBox(joined[0].box, Box{3000, 100, 4200, 300});
}

void TestTiling::boxAcrossFourTilesJoined()
{
    // 2 x 2 tiles of 600 without overlap on a 1200 x 1200 image; one object over the crossing.
    std::vector<TileShapes> tiles = {
        {tileAt(0, 0, 600, 600, 0, 0), {box(500, 500, 600, 600, "sign")}},
        {tileAt(600, 0, 600, 600, 0, 1), {box(600, 510, 700, 600, "sign")}},
        {tileAt(0, 600, 600, 600, 1, 0), {box(505, 600, 600, 690, "sign")}},
        {tileAt(600, 600, 600, 600, 1, 1), {box(600, 600, 710, 700, "sign")}},
    };
    const auto out = mergeTileShapes(tiles, 1200, 1200);
    QCOMPARE(int(out.size()), 1);
    compareBox(out[0].box, Box{500, 500, 710, 700});
}

void TestTiling::duplicateInOverlapNms()
{
    // A small object inside the overlap strip, seen whole by both tiles.
    MergeStats st;
    const auto out = mergeTileShapes(twoTiles({box(500, 200, 560, 260, "cup", 0.7), box(100, 100, 150, 150, "cup", 0.9)},
                                              {box(502, 201, 561, 262, "cup", 0.9)}),
                                     1072, 600, {}, &st);
    QCOMPARE(int(out.size()), 2);
    QCOMPARE(st.duplicates, 1);
    compareBox(out[0].box, Box{502, 201, 561, 262}); // the higher score survives, in the first piece's place
    compareBox(out[1].box, Box{100, 100, 150, 150});
}

void TestTiling::duplicateInOverlapWbf()
{
    MergeOptions o;
    o.boxMerge = BoxMerge::Wbf;
    const auto out = mergeTileShapes(twoTiles({box(500, 200, 560, 260, "cup", 0.25)}, {box(504, 204, 564, 264, "cup", 0.75)}),
                                     1072, 600, o);
    QCOMPARE(int(out.size()), 1);
    compareBox(out[0].box, Box{503, 203, 563, 263}, 1e-9); // weights 0.25 / 0.75
    QCOMPARE(*out[0].score, 0.5);
}

void TestTiling::classAwareNoMixing()
{
    const auto out = mergeTileShapes(twoTiles({box(500, 200, 560, 260, "cup", 0.7), box(400, 100, 600, 300, "car")},
                                              {box(502, 201, 561, 262, "mug", 0.9), box(472, 100, 800, 300, "bus")}),
                                     1072, 600);
    QCOMPARE(int(out.size()), 4);
}

void TestTiling::singleTileUnchanged()
{
    // Overlapping boxes of one tile are the model's own answer: kept as they are.
    const std::vector<Shape> shapes = {box(10, 10, 100, 100, "a", 0.5), box(12, 12, 100, 100, "a", 0.6)};
    const auto out = mergeTileShapes({TileShapes{tileAt(0, 0, 640, 480), shapes}}, 640, 480);
    QCOMPARE(out, shapes);
}

void TestTiling::cutPieceInsideFullPassDropped()
{
    auto tiles = twoTiles({box(400, 100, 600, 300, "car")}, {box(472, 100, 800, 300, "car")});
    tiles.push_back(TileShapes{Tile{PixelRect{0, 0, 1072, 600}, -1, -1, true}, {box(395, 95, 805, 305, "car")}});
    MergeStats st;
    const auto out = mergeTileShapes(tiles, 1072, 600, {}, &st);
    QCOMPARE(int(out.size()), 1);
    compareBox(out[0].box, Box{395, 95, 805, 305});
    QCOMPARE(st.contained, 2);
}

void TestTiling::ocrLineSplitAcrossTiles()
{
    // "Hello world again" at x 300..900; A reads up to its edge at 600, B from its edge at 472.
    MergeStats st;
    const auto out = mergeTileShapes(twoTiles({quad(300, 50, 600, 80, "Hello wor"), quad(100, 200, 300, 230, "left")},
                                              {quad(472, 51, 900, 81, "world again")}),
                                     1072, 600, {}, &st);
    QCOMPARE(int(out.size()), 2);
    QCOMPARE(out[0].kind, ShapeKind::Quad);
    QCOMPARE(out[0].text, std::string("Hello world again"));
    QCOMPARE(out[0].rings.size(), std::size_t(1));
    QCOMPARE(out[0].rings[0][0], (Point{300, 50}));
    QCOMPARE(out[0].rings[0][1], (Point{900, 51}));
    QCOMPARE(out[0].rings[0][2], (Point{900, 81}));
    QCOMPARE(out[0].rings[0][3], (Point{300, 80}));
    QCOMPARE(out[1].text, std::string("left"));
    QCOMPARE(st.joined, 1);
    // The same line read whole by both tiles is one line.
    const auto dup = mergeTileShapes(twoTiles({quad(480, 300, 590, 330, "overlap")}, {quad(481, 301, 590, 331, "overIap")}),
                                     1072, 600);
    QCOMPARE(int(dup.size()), 1);
}

void TestTiling::ocrDuplicateNeedsSimilarText()
{
    // Same place, unrelated texts (two stacked short words the boxes cannot tell apart): both kept.
    const auto out = mergeTileShapes(twoTiles({quad(480, 300, 590, 330, "PRICE")}, {quad(481, 301, 590, 331, "12.99")}),
                                     1072, 600);
    QCOMPARE(int(out.size()), 2);
}

void TestTiling::polygonsTouchingAcrossBorderJoined()
{
    // Tiles without overlap: A = x 0..600, B = x 600..1200; a lake across x = 600.
    std::vector<TileShapes> tiles = {{tileAt(0, 0, 600, 600, 0, 0), {square(500, 100, 600, 200, "lake")}},
                                     {tileAt(600, 0, 600, 600, 0, 1), {square(601, 110, 700, 190, "lake")}}};
    MergeStats st;
    const auto out = mergeTileShapes(tiles, 1200, 600, {}, &st);
    QCOMPARE(int(out.size()), 1);
    QCOMPARE(st.joined, 1);
    const Box bb = out[0].boundingBox();
    compareBox(bb, Box{500, 100, 700, 200}, 1.0);
    // The union's area: 100x100 + the gap of 1 px bridged + 99x80.
    QVERIFY2(std::abs(out[0].area() - (10000 + 80 + 99 * 80)) < 300, qPrintable(QString::number(out[0].area())));
}

void TestTiling::polygonsNotTouchingStayApart()
{
    std::vector<TileShapes> tiles = {{tileAt(0, 0, 600, 600, 0, 0), {square(500, 100, 600, 200, "lake")}},
                                     {tileAt(600, 0, 600, 600, 0, 1), {square(601, 300, 700, 400, "lake"),
                                                                       square(601, 110, 700, 190, "road")}}};
    QCOMPARE(int(mergeTileShapes(tiles, 1200, 600).size()), 3);
}

void TestTiling::lineTextJoin_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<QString>("joined");
    QTest::newRow("overlap") << "Hello wor" << "world again" << "Hello world again";
    QTest::newRow("no overlap") << "Hello" << "again" << "Hello again";
    QTest::newRow("one char is not an overlap") << "Hello" << "oh" << "Hello oh";
    QTest::newRow("space kept") << "Hello " << "again" << "Hello again";
    QTest::newRow("empty") << "" << "again" << "again";
    QTest::newRow("utf8") << QString::fromUtf8("Grüße") << QString::fromUtf8("üße aus") << QString::fromUtf8("Grüße aus");
}

void TestTiling::lineTextJoin()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(QString, joined);
    QCOMPARE(QString::fromStdString(joinLineText(left.toStdString(), right.toStdString())), joined);
}

void TestTiling::denseGridMergesBackExactly_data()
{
    QTest::addColumn<double>("overlap");
    QTest::addColumn<int>("grid");
    QTest::newRow("default plan: duplicates and contained pieces") << 128.0 << 0;
    QTest::newRow("6x4 grid without overlap: cut objects are joined") << 0.0 << 1;
}

void TestTiling::denseGridMergesBackExactly()
{
    // 6600 objects of 30 x 30 px every 60 px on a 6000 x 4000 image, seen through 35 tiles of 1024
    // px: each tile reports the objects it sees, clipped to the tile (cut pieces at its edges, whole
    // duplicates in the overlaps). Merged, exactly the objects remain.
    QFETCH(double, overlap);
    QFETCH(int, grid);
    TilingOptions plan;
    plan.overlap = overlap;
    if (grid) {
        plan.gridCols = 6; // tiles of exactly 1000 x 1000
        plan.gridRows = 4;
    }
    const int w = 6000, h = 4000;
    std::vector<Box> objects;
    for (int y = 23; y + 30 <= h; y += 60)
        for (int x = 17; x + 30 <= w; x += 60)
            objects.push_back(Box{double(x), double(y), double(x + 30), double(y + 30)});
    std::vector<TileShapes> tiles;
    int pieces = 0;
    for (const Tile &t : planTiles(w, h, plan)) {
        TileShapes ts{t, {}};
        for (const Box &o : objects) {
            const Box c{std::max(o.x1, double(t.rect.x)), std::max(o.y1, double(t.rect.y)),
                        std::min(o.x2, double(t.rect.right())), std::min(o.y2, double(t.rect.bottom()))};
            if (c.x2 > c.x1 && c.y2 > c.y1) {
                ts.shapes.push_back(box(c.x1, c.y1, c.x2, c.y2, "dot"));
                ++pieces;
            }
        }
        tiles.push_back(std::move(ts));
    }
    QElapsedTimer timer;
    timer.start();
    MergeStats st;
    std::vector<Shape> out = mergeTileShapes(tiles, w, h, {}, &st);
    qInfo("merged %d pieces from %d tiles into %d shapes in %lld ms (contained %d, joined %d, duplicates %d)", pieces,
          int(tiles.size()), int(out.size()), timer.elapsed(), st.contained, st.joined, st.duplicates);
    QCOMPARE(int(out.size()), int(objects.size()));
    QVERIFY(grid ? st.joined > 0 : st.duplicates > 0);
    std::sort(out.begin(), out.end(), [](const Shape &a, const Shape &b) {
        return a.box.y1 != b.box.y1 ? a.box.y1 < b.box.y1 : a.box.x1 < b.box.x1;
    });
    for (std::size_t i = 0; i < objects.size(); ++i)
        compareBox(out[i].box, objects[i]);
}

FLORENCE_TEST_CLASS(TestTiling)
#include "test_tiling.moc"
