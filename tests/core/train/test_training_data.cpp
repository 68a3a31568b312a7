// Training data: answers built from shapes (the inverse of post-processing), the fine-tuning JSONL
// and the length check. The round trip annotations -> JSONL -> parsed -> post-processed must give
// back every shape within one location bin (size / 1000).
#include "test_registry.h"

#include "common/error.h"
#include "tasks/answer_text.h"
#include "tasks/postprocess.h"
#include "tasks/result_annotations.h"
#include "text/tokenizer.h"
#include "train/training_data.h"

#include <QtTest>

#include <cmath>
#include <map>
#include <set>

using namespace florence;

namespace {

Shape box(const std::string &label, double x1, double y1, double x2, double y2, const std::string &text = {})
{
    Shape s;
    s.kind = ShapeKind::Box;
    s.box = Box{x1, y1, x2, y2};
    s.label = label;
    s.text = text;
    return s;
}

Shape quad(const std::string &text, std::vector<Point> pts)
{
    Shape s;
    s.kind = ShapeKind::Quad;
    s.rings = {pts};
    s.label = "text";
    s.text = text;
    return s;
}

Shape polygon(const std::string &label, std::vector<Ring> rings)
{
    Shape s;
    s.kind = ShapeKind::Polygon;
    s.rings = std::move(rings);
    s.label = label;
    return s;
}

ImageRecord sampleImage()
{
    ImageRecord img;
    img.path = "/data/street.jpg";
    img.width = 640;
    img.height = 480;
    img.status = ImageStatus::Reviewed;
    img.shapes.push_back(box("car", 12.3, 40.9, 300.2, 250.7, "a red car"));
    img.shapes.push_back(box("person", 400, 10, 639.9, 479.99));
    img.shapes.push_back(box("car", 0, 0, 1, 1));
    img.shapes.push_back(quad("HELLO 42", {{100, 100}, {300, 102}, {299, 150}, {99, 148}}));
    img.shapes.push_back(polygon("road", {{{0, 300}, {640, 300}, {640, 480}, {0, 480}}, {{10, 10}, {50, 10}, {30, 40}}}));
    img.captions.push_back(Caption{"A red car next to a person.", kManualOrigin});
    img.captions.push_back(Caption{"A detailed scene.", "<DETAILED_CAPTION>"});
    return img;
}

std::vector<Task> allTasks()
{
    std::vector<Task> t;
    for (const TaskInfo &info : taskTable())
        t.push_back(info.task);
    return t;
}

// |a - b| within one location bin of an axis of `size` pixels.
bool withinBin(double a, double b, int size)
{
    return std::abs(a - b) <= double(size) / 1000.0 + 1e-4;
}

} // namespace

class TestTrainingData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answerFormats()
    {
        const ImageRecord img = sampleImage();
        QCOMPARE(QString::fromStdString(boxAnswer(" car ", Box{12.3, 40.9, 300.2, 250.7}, 640, 480)),
                 QStringLiteral("car<loc_19><loc_85><loc_469><loc_522>"));
        QCOMPARE(QString::fromStdString(quadAnswer(img.shapes[3], 640, 480)),
                 QStringLiteral("HELLO 42<loc_156><loc_208><loc_468><loc_212><loc_467><loc_312><loc_154><loc_308>"));
        QCOMPARE(QString::fromStdString(answerLabel("  <b>bold</b> ")), QStringLiteral("bbold/b"));
        // a box given with swapped corners is normalised first
        QCOMPARE(QString::fromStdString(boxAnswer("x", Box{300.2, 250.7, 12.3, 40.9}, 640, 480)),
                 QStringLiteral("x<loc_19><loc_85><loc_469><loc_522>"));
    }

    void examplesPerTask()
    {
        const std::vector<TaskAnswer> answers = answersForImage(sampleImage(), allTasks());
        std::map<std::string, int> count;
        for (const TaskAnswer &a : answers)
            ++count[taskInfo(a.task).token];
        QCOMPARE(count["<CAPTION>"], 1);
        QCOMPARE(count["<DETAILED_CAPTION>"], 1);
        QCOMPARE(count["<MORE_DETAILED_CAPTION>"], 0);
        QCOMPARE(count["<OD>"], 1);
        QCOMPARE(count["<OCR_WITH_REGION>"], 1);
        QCOMPARE(count["<REGION_TO_CATEGORY>"], 4); // 3 boxes + the polygon, not the quad
        QCOMPARE(count["<REGION_TO_DESCRIPTION>"], 1);
        QCOMPARE(count["<REGION_TO_OCR>"], 1);
        QCOMPARE(count["<OPEN_VOCABULARY_DETECTION>"], 3); // car, person, road
        QCOMPARE(count["<REFERRING_EXPRESSION_SEGMENTATION>"], 1);
        QCOMPARE(count["<REGION_TO_SEGMENTATION>"], 1);
        QCOMPARE(count["<CAPTION_TO_PHRASE_GROUNDING>"], 1);
        for (const TaskAnswer &a : answers) {
            if (a.task == Task::CaptionToPhraseGrounding)
                QCOMPARE(QString::fromStdString(a.prefix()),
                         QStringLiteral("<CAPTION_TO_PHRASE_GROUNDING>A red car next to a person."));
            if (a.task == Task::RegionToCategory) {
                QVERIFY(a.input.rfind("<loc_", 0) == 0);
                QVERIFY(a.suffix.size() > a.input.size());
                QCOMPARE(a.suffix.substr(a.suffix.size() - a.input.size()), a.input);
            }
        }
        ImageRecord unknown = sampleImage();
        unknown.width = 0;
        try {
            answersForImage(unknown, allTasks());
            QFAIL("expected an error for an image of unknown size");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find("/data/street.jpg") != std::string::npos, e.what());
        }
    }

    // annotations -> JSONL -> parsed back -> post-processed: the same shapes within one bin.
    void roundTrip()
    {
        Project project;
        project.rootDir = "/data";
        ImageRecord img = sampleImage();
        img.path = "street.jpg";
        project.images.push_back(img);
        ImageRecord notReviewed = img;
        notReviewed.path = "other.jpg";
        notReviewed.status = ImageStatus::PreAnnotated;
        project.images.push_back(notReviewed);

        const std::vector<TrainingExample> examples = examplesFromProject(project, allTasks());
        QVERIFY(!examples.empty());
        for (const TrainingExample &e : examples)
            QCOMPARE(QString::fromStdString(e.image), QStringLiteral("/data/street.jpg"));
        QCOMPARE(examplesFromProject(project, allTasks(), false).size(), 2 * examples.size());
        {   // A pending suggestion is not trained on: the examples equal those without it.
            Project withSuggestion = project;
            Shape suggestion = img.shapes.front();
            suggestion.pending = true;
            suggestion.label = "not yet reviewed";
            withSuggestion.images[0].shapes.push_back(suggestion);
            const std::vector<TrainingExample> same = examplesFromProject(withSuggestion, allTasks());
            QCOMPARE(same.size(), examples.size());
            for (std::size_t i = 0; i < same.size(); ++i)
                QCOMPARE(same[i].suffix, examples[i].suffix);
        }

        const std::vector<TrainingExample> parsed = parseJsonl(toJsonl(examples), "mem.jsonl");
        QCOMPARE(parsed.size(), examples.size());
        const int W = img.width, H = img.height;
        int checkedBoxes = 0, checkedQuads = 0, checkedPolys = 0;
        for (std::size_t i = 0; i < parsed.size(); ++i) {
            QCOMPARE(parsed[i].prefix, examples[i].prefix);
            QCOMPARE(parsed[i].suffix, examples[i].suffix);
            QCOMPARE(parsed[i].line, int(i + 1));
            const std::string token = parsed[i].prefix.substr(0, parsed[i].prefix.find('>') + 1);
            // what decode(skip_special_tokens=False) of the generated ids gives
            const PostprocessResult r = postprocessGeneration("</s><s>" + parsed[i].suffix + "</s>", token, W, H);
            if (token == "<OD>") {
                QCOMPARE(int(r.instances.size()), 4); // the three boxes and the polygon's bounding box, not the quad
                const int shapeOf[4] = {0, 1, 2, 4};
                for (int k = 0; k < 4; ++k) {
                    const Shape &sh = img.shapes[shapeOf[k]];
                    const Box b = sh.boundingBox();
                    QCOMPARE(QString::fromStdString(r.instances[k].label), QString::fromStdString(sh.label));
                    QVERIFY(withinBin(r.instances[k].box[0], b.x1, W) && withinBin(r.instances[k].box[1], b.y1, H));
                    QVERIFY(withinBin(r.instances[k].box[2], b.x2, W) && withinBin(r.instances[k].box[3], b.y2, H));
                    ++checkedBoxes;
                }
            } else if (token == "<OCR_WITH_REGION>") {
                // through the app's result -> shapes step (which drops the reference's leading </s>)
                const ResultAnnotations shapes = annotationsFromResult(r, W, H);
                QCOMPARE(int(shapes.shapes.size()), 1);
                const Shape &q = shapes.shapes[0];
                QCOMPARE(int(q.kind), int(ShapeKind::Quad));
                QCOMPARE(QString::fromStdString(q.text), QStringLiteral("HELLO 42"));
                for (int k = 0; k < 4; ++k) {
                    QVERIFY(withinBin(q.rings[0][k].x, img.shapes[3].rings[0][k].x, W));
                    QVERIFY(withinBin(q.rings[0][k].y, img.shapes[3].rings[0][k].y, H));
                }
                ++checkedQuads;
            } else if (token == "<REFERRING_EXPRESSION_SEGMENTATION>" || token == "<REGION_TO_SEGMENTATION>") {
                QCOMPARE(int(r.instances.size()), 1);
                const std::vector<Ring> &rings = img.shapes[4].rings;
                QCOMPARE(r.instances[0].rings.size(), rings.size());
                for (std::size_t k = 0; k < rings.size(); ++k) {
                    QCOMPARE(r.instances[0].rings[k].size(), 2 * rings[k].size());
                    for (std::size_t p = 0; p < rings[k].size(); ++p) {
                        QVERIFY(withinBin(r.instances[0].rings[k][2 * p], rings[k][p].x, W));
                        QVERIFY(withinBin(r.instances[0].rings[k][2 * p + 1], rings[k][p].y, H));
                    }
                }
                ++checkedPolys;
            } else if (token == "<DENSE_REGION_CAPTION>") {
                QCOMPARE(int(r.instances.size()), 1);
                QCOMPARE(QString::fromStdString(r.instances[0].label), QStringLiteral("a red car"));
            } else if (token == "<CAPTION>") {
                QCOMPARE(QString::fromStdString(r.text), QStringLiteral("A red car next to a person."));
            } else if (token == "<CAPTION_TO_PHRASE_GROUNDING>") {
                QCOMPARE(int(r.instances.size()), 3); // car, person, car ("road" is not in the caption)
            } else if (token == "<OPEN_VOCABULARY_DETECTION>" && parsed[i].prefix.find("car") != std::string::npos) {
                QCOMPARE(int(r.instances.size()), 2);
            }
        }
        QCOMPARE(checkedBoxes, 4);
        QCOMPARE(checkedQuads, 1);
        QCOMPARE(checkedPolys, 2);
    }

    void badJsonl_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{\"image\": \"a.jpg\", \"prefix\": \"<OD>\", \"suffix\": \"x\"}\n{oops"
                                  << "f.jsonl, line 2: not valid JSON";
        QTest::newRow("missing field") << "\n{\"image\": \"a.jpg\", \"suffix\": \"x\"}" << "line 2: field \"prefix\" is missing";
        QTest::newRow("wrong type") << "{\"image\": 3, \"prefix\": \"<OD>\", \"suffix\": \"x\"}"
                                    << "line 1: field \"image\" must be a string";
        QTest::newRow("array") << "[1, 2]" << "line 1: expected a JSON object";
        QTest::newRow("deep") << QString(40, '[') + QString(40, ']') << "line 1: JSON nested deeper than 16";
        QTest::newRow("bad prefix") << "{\"image\": \"a.jpg\", \"prefix\": \"<OD>x\", \"suffix\": \"x\"}"
                                    << "line 1: field \"prefix\"";
    }

    void badJsonl()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        try {
            parseJsonl(text.toStdString(), "f.jsonl");
            QFAIL("expected an error");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find(expected.toStdString()) != std::string::npos, e.what());
            QCOMPARE(int(e.kind()), int(ErrorKind::BadInput));
        }
    }

    void relativePathsAndSplit()
    {
        const auto ex = parseJsonl("{\"image\": \"img/a.jpg\", \"prefix\": \"<CAPTION>\", \"suffix\": \"x\", \"extra\": 1}\r\n"
                                   "{\"image\": \"/abs/b.jpg\", \"prefix\": \"<CAPTION>\", \"suffix\": \"y\"}\n",
                                   "f.jsonl", "/data/set");
        QCOMPARE(ex.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(ex[0].image), QStringLiteral("/data/set/img/a.jpg"));
        QCOMPARE(QString::fromStdString(ex[1].image), QStringLiteral("/abs/b.jpg"));

        std::vector<TrainingExample> many;
        for (int i = 0; i < 200; ++i)
            for (int k = 0; k < 2; ++k)
                many.push_back(TrainingExample{"img" + std::to_string(i) + ".jpg", "<CAPTION>", "c", 0});
        const TrainValidSplit split = splitTrainValid(many, 0.2);
        QCOMPARE(split.train.size() + split.valid.size(), many.size());
        QVERIFY(split.valid.size() > 40 && split.valid.size() < 120); // ~20 % of 200 images, 2 examples each
        std::set<std::string> trainImages;
        for (const auto &e : split.train)
            trainImages.insert(e.image);
        for (const auto &e : split.valid)
            QVERIFY(!trainImages.count(e.image)); // an image never lands on both sides
        QCOMPARE(splitTrainValid(many, 0.0).valid.size(), std::size_t(0));
    }

    void lengthWarning()
    {
        const Tokenizer tok = Tokenizer::fromModelDir(std::string(FLORENCE_TEST_DATA) + "/fixtures/model");
        std::string longAnswer;
        for (int i = 0; i < 300; ++i)
            longAnswer += "car<loc_1><loc_2><loc_3><loc_4>"; // 5 tokens each: 1500 + 2
        std::vector<TrainingExample> ex = {{"a.jpg", "<OD>", "car<loc_1><loc_2><loc_3><loc_4>", 1},
                                           {"b.jpg", "<OD>", longAnswer, 2},
                                           {"c.jpg", "<CAPTION_TO_PHRASE_GROUNDING>" + std::string(3000, 'a') + " b", "x", 3}};
        const std::vector<std::string> w = checkExampleLengths(ex, tok);
        QCOMPARE(int(w.size()), 2);
        QVERIFY2(w[0].find("line 2 (b.jpg): the answer is 1502 tokens") != std::string::npos, w[0].c_str());
        QVERIFY2(w[1].find("line 3 (c.jpg): the encoder input is 577 image + ") != std::string::npos, w[1].c_str());
    }
};

FLORENCE_TEST_CLASS(TestTrainingData)
#include "test_training_data.moc"
