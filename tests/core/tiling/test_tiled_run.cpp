// End-to-end tests of tiled runs and region crops with the tiny random model biased towards
// <loc_N> tokens (so that it answers with boxes, quads and polygons): tile answers land at the
// right image coordinates, EXIF-rotated files tile like their upright twin, the max_new_tokens
// flag, per-tile progress and cancel.
#include "tiling/tiled_run.h"

#include "common/error.h"
#include "image/decode.h"
#include "model_variants.h"
#include "tasks/result_annotations.h"
#include "run/job.h"
#include "test_registry.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace florence;
using namespace florence::test;

namespace {

/// RGB image from an OpenCV BGR matrix.
RgbImage fromBgr(const cv::Mat &bgr)
{
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    RgbImage img;
    img.width = rgb.cols;
    img.height = rgb.rows;
    img.pixels.assign(rgb.data, rgb.data + rgb.total() * 3);
    return img;
}

/// A 512 x 512 tile with some structure (seeded noise and a few shapes).
cv::Mat patternTile()
{
    cv::Mat m(512, 512, CV_8UC3);
    cv::RNG rng(1234);
    rng.fill(m, cv::RNG::UNIFORM, 0, 255);
    cv::rectangle(m, cv::Rect(60, 80, 150, 120), cv::Scalar(20, 200, 30), cv::FILLED);
    cv::circle(m, cv::Point(380, 300), 70, cv::Scalar(200, 40, 40), cv::FILLED);
    cv::putText(m, "TILE", cv::Point(100, 420), cv::FONT_HERSHEY_SIMPLEX, 3.0, cv::Scalar(0, 0, 0), 8);
    return m;
}

/// Shapes moved by (dx, dy).
std::vector<Shape> shifted(std::vector<Shape> shapes, double dx, double dy)
{
    for (Shape &s : shapes)
        s = shapeToImage(s, PixelRect{int(dx), int(dy), 1, 1});
    return shapes;
}

bool sameGeometry(const std::vector<Shape> &a, const std::vector<Shape> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].kind != b[i].kind || a[i].label != b[i].label || a[i].text != b[i].text)
            return false;
        const Box ba = a[i].boundingBox(), bb = b[i].boundingBox();
        if (std::abs(ba.x1 - bb.x1) > 1e-6 || std::abs(ba.y1 - bb.y1) > 1e-6 || std::abs(ba.x2 - bb.x2) > 1e-6
            || std::abs(ba.y2 - bb.y2) > 1e-6)
            return false;
    }
    return true;
}

} // namespace

class TestTiledRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void identicalTilesGiveShiftedAnswers();
    void exifRotatedFileTilesLikeUprightTwin();
    void singleTileEqualsWholeImageRun();
    void overlapDuplicatesMerged();
    void truncationFlag();
    void regionCropRunsAtFullResolution();
    void progressAndCancel();
    void refusesUntileableTask();

private:
    RunRequest request(Task task) const;

    QTemporaryDir m_tmp;
    std::unique_ptr<Pipeline> m_loc;
    RgbImage m_twin; // 1024 x 512: the same 512 x 512 pattern twice, side by side
    cv::Mat m_twinBgr;
};

void TestTiledRun::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    writeLocModel(m_tmp.filePath("model_loc"));
    m_loc = std::make_unique<Pipeline>(m_tmp.filePath("model_loc").toStdString());
    const cv::Mat tile = patternTile();
    cv::hconcat(tile, tile, m_twinBgr);
    m_twin = fromBgr(m_twinBgr);
}

RunRequest TestTiledRun::request(Task task) const
{
    RunRequest r;
    r.task = task;
    r.numBeams = 1;
    r.maxNewTokens = 40; // the tiny model at 40 tokens: ~0.1 s a run
    return r;
}

void TestTiledRun::identicalTilesGiveShiftedAnswers()
{
    TiledRunOptions o;
    o.tiling.gridCols = 2;
    o.tiling.gridRows = 1;
    o.tiling.overlap = 0;
    for (Task task : {Task::ObjectDetection, Task::RegionProposal}) {
        const TiledResult r = runTiled(*m_loc, m_twin, request(task), o);
        QCOMPARE(int(r.tiles.size()), 2);
        QCOMPARE(r.tiles[1].rect, (PixelRect{512, 0, 512, 512}));
        const std::vector<Shape> &left = r.runs[0].shapes, &right = r.runs[1].shapes;
        QVERIFY2(!left.empty(), taskInfo(task).token);
        // The same pixels give the same answer; tile 2's shapes are tile 1's moved by its origin.
        QVERIFY(sameGeometry(right, shifted(left, 512, 0)));
        // Every shape lies inside the tile that produced it.
        for (const TileRun &run : r.runs)
            for (const Shape &s : run.shapes) {
                const Box b = s.boundingBox();
                QVERIFY(b.x1 >= run.tile.rect.x - 1e-6 && b.x2 <= run.tile.rect.right() + 1e-6);
                QVERIFY(b.y1 >= -1e-6 && b.y2 <= 512 + 1e-6);
            }
        // And tile 1 alone, as its own image, gives exactly those shapes (no offset for x = 0).
        const RunResult alone = m_loc->run(fromBgr(patternTile()), request(task));
        const ResultAnnotations ann = annotationsFromResult(alone.result, 512, 512, task == Task::RegionProposal ? "region" : "");
        QVERIFY(sameGeometry(left, ann.shapes));
        QVERIFY(r.merge.output <= r.merge.input);
        QCOMPARE(r.merge.input, int(left.size() + right.size()));
    }
}

void TestTiledRun::exifRotatedFileTilesLikeUprightTwin()
{
    // Stored 512 wide x 1024 high with EXIF orientation 6 (rotate 90 degrees clockwise to display):
    // displayed, it is the 1024 x 512 twin image.
    cv::Mat stored;
    cv::rotate(m_twinBgr, stored, cv::ROTATE_90_COUNTERCLOCKWISE);
    std::vector<uchar> png;
    QVERIFY(cv::imencode(".png", stored, png));
    // eXIf chunk with Orientation = 6 after IHDR (big-endian TIFF, one IFD entry).
    const std::vector<std::uint8_t> tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
                                            0, 6, 0, 0, 0, 0, 0, 0};
    std::vector<std::uint8_t> chunk = {0, 0, 0, std::uint8_t(tiff.size()), 'e', 'X', 'I', 'f'};
    chunk.insert(chunk.end(), tiff.begin(), tiff.end());
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = 4; i < chunk.size(); ++i) {
        c ^= chunk[i];
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    c ^= 0xFFFFFFFFu;
    for (int s : {24, 16, 8, 0})
        chunk.push_back(std::uint8_t(c >> s));
    std::vector<std::uint8_t> file(png.begin(), png.end());
    file.insert(file.begin() + 33, chunk.begin(), chunk.end());
    const RgbImage shown = decodeImageBytes(file, "rotated.png");
    QCOMPARE(shown.width, 1024);
    QCOMPARE(shown.height, 512);
    QVERIFY(shown.pixels == m_twin.pixels);

    TiledRunOptions o;
    o.tiling.tileSize = 512;
    o.tiling.overlap = 0;
    const TiledResult rotated = runTiled(*m_loc, shown, request(Task::ObjectDetection), o);
    const TiledResult upright = runTiled(*m_loc, m_twin, request(Task::ObjectDetection), o);
    QVERIFY(!upright.shapes.empty());
    QVERIFY(sameGeometry(rotated.shapes, upright.shapes));
    QVERIFY(sameGeometry(rotated.runs[1].shapes, shifted(rotated.runs[0].shapes, 512, 0)));
}

void TestTiledRun::singleTileEqualsWholeImageRun()
{
    const RgbImage img = decodeImageFile(fixturePath("images/img0_photo_640x480.jpg"));
    const TiledResult tiled = runTiled(*m_loc, img, request(Task::DenseRegionCaption), TiledRunOptions{});
    QCOMPARE(int(tiled.tiles.size()), 1);
    const RunResult whole = m_loc->run(img, request(Task::DenseRegionCaption));
    ResultAnnotations ann = annotationsFromResult(whole.result, img.width, img.height);
    QVERIFY(!ann.shapes.empty());
    // A tiled run stamps its shapes like runJob does (model, checkpoint, time); the rest is equal.
    QCOMPARE(tiled.shapes.front().provenance.model, m_loc->summary().name);
    QCOMPARE(tiled.shapes.front().provenance.checkpoint, m_loc->summary().checkpointId);
    stampProvenance(ann.shapes, tiled.shapes.front().provenance);
    QCOMPARE(tiled.shapes, ann.shapes);
}

void TestTiledRun::overlapDuplicatesMerged()
{
    // Three tiles over the twin image; the middle one overlaps both: the merge never adds shapes
    // and every merged shape stays inside the image.
    TiledRunOptions o;
    o.tiling.tileSize = 512;
    o.tiling.overlap = 256;
    QVERIFY_THROWS_EXCEPTION(Error, runTiled(*m_loc, m_twin, request(Task::ObjectDetection), o)); // half a tile
    o.tiling.overlap = 200;
    const TiledResult r = runTiled(*m_loc, m_twin, request(Task::ObjectDetection), o);
    QCOMPARE(int(r.tiles.size()), 3);
    QCOMPARE(r.tiles[1].rect.x, 256);
    QVERIFY(r.merge.output <= r.merge.input);
    QCOMPARE(r.merge.output, int(r.shapes.size()));
    for (const Shape &s : r.shapes) {
        QCOMPARE(s.origin, std::string("<OD>"));
        const Box b = s.boundingBox();
        QVERIFY(b.x1 >= -1e-6 && b.x2 <= 1024 + 1e-6 && b.y1 >= -1e-6 && b.y2 <= 512 + 1e-6);
    }
}

void TestTiledRun::truncationFlag()
{
    // The loc-biased model babbles location tokens until the budget ends.
    RunRequest req = request(Task::ObjectDetection);
    req.maxNewTokens = 8;
    const RunResult cut = m_loc->run(m_twin, req);
    QCOMPARE(int(cut.sequence.size()), 9);
    QVERIFY(cut.truncated);
    TiledRunOptions o;
    o.tiling.gridCols = 2;
    o.tiling.gridRows = 1;
    o.tiling.overlap = 0;
    const TiledResult tiled = runTiled(*m_loc, m_twin, req, o);
    QCOMPARE(tiled.truncatedTiles, 2);
    QVERIFY(tiled.truncated());
    QVERIFY(tiled.runs[0].truncated);
    // The EOS-biased model on fixture case eos000 (<CAPTION> of img0, 3 beams) ends after 13 of
    // 48 tokens (manifest lengths.cases_eos): not truncated.
    writeEosModel(m_tmp.filePath("model_eos"));
    Pipeline eos(m_tmp.filePath("model_eos").toStdString());
    RunRequest caption;
    caption.task = Task::Caption;
    caption.numBeams = 3;
    caption.maxNewTokens = 48;
    const RunResult done = eos.run(decodeImageFile(fixturePath("images/img0_photo_640x480.jpg")), caption);
    QCOMPARE(int(done.sequence.size()) - 1, 13);
    QVERIFY(!done.truncated);
}

void TestTiledRun::regionCropRunsAtFullResolution()
{
    const RgbImage img = decodeImageFile(fixturePath("images/img0_photo_640x480.jpg"));
    RunRequest req = request(Task::RegionToSegmentation);
    req.region = Box{300, 200, 380, 260};
    PixelRect crop;
    const RunResult r = runRegionCrop(*m_loc, img, req, 0.25, {}, nullptr, &crop);
    QCOMPARE(crop, (PixelRect{280, 180, 120, 100}));
    QCOMPARE(r.imageWidth, 640);
    // The model saw the crop, the region in crop pixels: 20,20,100,80 of 120 x 100 -> bins.
    RunRequest inCrop = req;
    inCrop.region = Box{20, 20, 100, 80};
    QCOMPARE(requestInput(inCrop, 120, 100), std::string("<loc_166><loc_200><loc_833><loc_800>"));
    QVERIFY2(r.prompt.find("<loc_166><loc_200><loc_833><loc_800>") != std::string::npos, r.prompt.c_str());
    // Same answer as running the crop by hand, moved by the crop origin; every point inside the crop.
    RunResult byHand = m_loc->run(cropImage(img, crop), inCrop);
    translateResult(byHand.result, 280, 180);
    QCOMPARE(r.result.instances.size(), byHand.result.instances.size());
    QVERIFY(!r.result.instances.empty());
    for (std::size_t i = 0; i < r.result.instances.size(); ++i) {
        QVERIFY(r.result.instances[i].rings == byHand.result.instances[i].rings);
        for (const auto &ring : r.result.instances[i].rings)
            for (std::size_t k = 0; k + 1 < ring.size(); k += 2) {
                QVERIFY(ring[k] >= 280 && ring[k] <= 400);
                QVERIFY(ring[k + 1] >= 180 && ring[k + 1] <= 280);
            }
    }
    // Not a region task / no region: clear errors.
    QVERIFY_THROWS_EXCEPTION(Error, runRegionCrop(*m_loc, img, request(Task::ObjectDetection)));
    QVERIFY_THROWS_EXCEPTION(Error, runRegionCrop(*m_loc, img, request(Task::RegionToSegmentation)));
}

void TestTiledRun::progressAndCancel()
{
    TiledRunOptions o;
    o.tiling.gridCols = 2;
    o.tiling.gridRows = 2;
    o.tiling.overlap = 0;
    o.tiling.fullPass = true;
    std::vector<int> started, finished;
    std::atomic<bool> cancel{false};
    TiledCallbacks cb;
    cb.progress = [&](const TileProgress &p) {
        QCOMPARE(p.tiles, 5);
        if (started.empty() || started.back() != p.tile)
            started.push_back(p.tile);
    };
    cb.tileDone = [&](const TileRun &run) {
        finished.push_back(run.index);
        if (run.index == 1)
            cancel = true;
    };
    try {
        runTiled(*m_loc, m_twin, request(Task::RegionProposal), o, cb, &cancel);
        QFAIL("not cancelled");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Cancelled);
        QVERIFY2(std::string(e.what()).find("before tile 3 of 5") != std::string::npos, e.what());
    }
    QCOMPARE(finished, (std::vector<int>{0, 1}));
    QCOMPARE(started, (std::vector<int>{0, 1}));
    // Uncancelled: every tile reports, the full-image pass last.
    cancel = false;
    cb.tileDone = [&](const TileRun &run) { finished.push_back(run.index); };
    finished.clear();
    started.clear();
    const TiledResult r = runTiled(*m_loc, m_twin, request(Task::RegionProposal), o, cb, &cancel);
    QCOMPARE(finished, (std::vector<int>{0, 1, 2, 3, 4}));
    QVERIFY(r.tiles[4].fullImage);
    for (const Shape &s : r.shapes)
        QCOMPARE(s.label, std::string("region"));
}

void TestTiledRun::refusesUntileableTask()
{
    try {
        runTiled(*m_loc, m_twin, request(Task::Caption), TiledRunOptions{});
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QVERIFY2(std::string(e.what()).find("<CAPTION> cannot run tiled") != std::string::npos, e.what());
    }
}

FLORENCE_TEST_CLASS(TestTiledRun)
#include "test_tiled_run.moc"
