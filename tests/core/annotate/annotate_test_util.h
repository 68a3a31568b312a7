#pragma once
// Shared pieces of the annotation format tests: varied sample images, a readable difference of two
// records, a JSON mutator for hostile-input tables and the check that an Error names its culprit.

#include "annotate/annotation.h"
#include "common/error.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace florence::test {

/// Shape builders for the samples.
inline Shape makeBox(Box box, std::string label, std::optional<double> score, std::string origin)
{
    Shape s;
    s.kind = ShapeKind::Box;
    s.box = box;
    s.label = std::move(label);
    s.score = score;
    s.origin = std::move(origin);
    return s;
}

inline Shape makeRings(ShapeKind kind, std::vector<Ring> rings, std::string label, std::string text,
                       std::optional<double> score, std::string origin)
{
    Shape s;
    s.kind = kind;
    s.rings = std::move(rings);
    s.label = std::move(label);
    s.text = std::move(text);
    s.score = score;
    s.origin = std::move(origin);
    return s;
}

/// Images covering what the formats must carry: unicode and empty labels, inexact and inverted boxes,
/// quads with OCR text, multi-ring polygons, scores and no scores, captions from several tasks, images
/// without annotations, images only with captions, unknown sizes, nested paths.
inline std::vector<ImageRecord> sampleImages()
{
    std::vector<ImageRecord> images(5);
    ImageRecord &a = images[0];
    a.path = "photos/cat.jpg";
    a.width = 640;
    a.height = 480;
    a.status = ImageStatus::Edited;
    a.doneTasks = {"<OD>", "<OCR_WITH_REGION>", "<CAPTION>"};
    a.shapes = {
        makeBox({10, 20, 110, 220}, "cat", 0.93, "<OD>"),
        makeBox({168.145, 0.2, 441.059, 0.7}, "cat", std::nullopt, kManualOrigin), // x + (x2 - x1) != x2
        makeBox({300.5, 200.25, 100.125, 50}, "", std::nullopt, kManualOrigin), // inverted corners
        makeRings(ShapeKind::Quad, {{{12.5, 30}, {200.75, 31}, {201, 60.5}, {12, 59}}}, "", "Grüße aus 東京 \"quoted\"\n2nd line",
                  std::nullopt, "<OCR_WITH_REGION>"),
        makeRings(ShapeKind::Polygon,
                  {{{1, 1}, {50, 1}, {50, 40}, {1, 40}}, {{60.333333333333336, 60}, {90, 61}, {75, 99.99999999999999}}},
                  "狗", "", 0.5, "<REFERRING_EXPRESSION_SEGMENTATION>"),
        makeRings(ShapeKind::Polygon, {{{5, 5}, {25, 5}, {15, 25}, {5, 20}, {4, 12}}}, "car", "a red car", 1.0,
                  "<REGION_TO_SEGMENTATION>"),
    };
    a.captions = {{"A cat sitting on a mat.", "<CAPTION>"},
                  {"A grey cat sits on a red mat next to a window. 🐈", "<DETAILED_CAPTION>"},
                  {"my own caption", kManualOrigin}};

    ImageRecord &b = images[1];
    b.path = "empty.png";
    b.width = 100;
    b.height = 50;

    ImageRecord &c = images[2];
    c.path = "sub/dir/ocr scan.jpg";
    c.status = ImageStatus::PreAnnotated;
    c.shapes = {
        makeRings(ShapeKind::Quad, {{{-3.5, -2}, {1e-7, 0}, {123456.789, 9}, {0, 1e6}}}, "🐈 label", "", 0.0, "<OCR_WITH_REGION>"),
        makeBox({1, 2, 3, 4}, "cat", 0.123456789012345678, "<DENSE_REGION_CAPTION>"),
        makeBox({0, 0, 0, 0}, "", 0.25, "<OD>"),
    };
    c.captions = {{"", "<OCR>"}};

    ImageRecord &d = images[3];
    d.path = "caption only.jpg";
    d.width = 1;
    d.height = 1;
    d.status = ImageStatus::Reviewed;
    d.captions = {{"Only a caption, from <MORE_DETAILED_CAPTION>.", "<MORE_DETAILED_CAPTION>"}};

    ImageRecord &e = images[4];
    e.path = "deep/ünïcödé/polygons.webp";
    e.width = 4000;
    e.height = 3000;
    e.shapes = {makeRings(ShapeKind::Polygon,
                          {{{0, 0}, {10, 0}, {0, 10}}, {{20, 20}, {30, 20}, {20, 30}}, {{40, 40}, {50, 40}, {40, 50}}},
                          "part", "three rings", std::nullopt, kManualOrigin),
                makeRings(ShapeKind::Polygon, {{{0, 0}, {10, 0}, {0, 10}}}, "part", "three rings", std::nullopt,
                          kManualOrigin)};
    return images;
}

/// `record` without the project-only workflow state (status, done tasks) that exchange formats drop.
inline ImageRecord withoutWorkflow(ImageRecord record)
{
    record.status = ImageStatus::None;
    record.doneTasks.clear();
    return record;
}

/// First difference between two records in words, or "" when equal.
inline std::string firstDifference(const ImageRecord &a, const ImageRecord &b)
{
    if (a.path != b.path)
        return "path '" + a.path + "' vs '" + b.path + "'";
    if (a.width != b.width || a.height != b.height)
        return a.path + ": size differs";
    if (a.status != b.status)
        return a.path + std::string(": status ") + toString(a.status) + " vs " + toString(b.status);
    if (a.shapes.size() != b.shapes.size())
        return a.path + ": " + std::to_string(a.shapes.size()) + " vs " + std::to_string(b.shapes.size()) + " shapes";
    for (size_t i = 0; i < a.shapes.size(); ++i)
        if (a.shapes[i] != b.shapes[i]) {
            const Shape &x = a.shapes[i], &y = b.shapes[i];
            return a.path + ": shape " + std::to_string(i) + " differs (kind " + toString(x.kind) + "/" + toString(y.kind)
                + ", label '" + x.label + "'/'" + y.label + "', text '" + x.text + "'/'" + y.text + "', origin " + x.origin
                + "/" + y.origin + ", rings " + std::to_string(x.rings.size()) + "/" + std::to_string(y.rings.size())
                + ", box equal " + std::to_string(x.box == y.box) + ", score equal " + std::to_string(x.score == y.score)
                + ", provenance equal " + std::to_string(x.provenance == y.provenance) + ", pending "
                + std::to_string(x.pending) + "/" + std::to_string(y.pending) + ")";
        }
    if (a.captions != b.captions)
        return a.path + ": captions differ";
    if (a.doneTasks != b.doneTasks)
        return a.path + ": done tasks differ";
    if (a.rejected != b.rejected)
        return a.path + ": rejected suggestions differ";
    return {};
}

/// Compares two image lists, reporting the first difference.
inline void compareImages(const std::vector<ImageRecord> &got, const std::vector<ImageRecord> &expected)
{
    QCOMPARE(got.size(), expected.size());
    for (size_t i = 0; i < got.size(); ++i) {
        const std::string diff = firstDifference(got[i], expected[i]);
        QVERIFY2(diff.empty(), diff.c_str());
    }
}

/// `text` with the value at JSON pointer `pointer` replaced by the raw bytes `replacement` (which need
/// not be valid JSON: NaN, 1e999, invalid UTF-8). Special replacements: "<delete>" removes the value,
/// "<huge-flat>" is a list of 200002 numbers, "<huge-pairs>" a list of 100001 [x, y] points,
/// "<deep>" arrays nested 100000 deep. An empty pointer replaces the whole document.
inline std::string mutateJson(const std::string &text, const QString &pointer, const QByteArray &replacement)
{
    std::string raw = replacement.toStdString();
    if (replacement == "<huge-flat>" || replacement == "<huge-pairs>") {
        const bool pairs = replacement == "<huge-pairs>";
        raw = "[";
        for (int i = 0; i < (pairs ? 100001 : 200002); ++i)
            raw += std::string(i ? "," : "") + (pairs ? "[1,2]" : "1");
        raw += "]";
    } else if (replacement == "<deep>") {
        raw = std::string(100000, '[') + std::string(100000, ']');
    }
    if (pointer.isEmpty())
        return raw;
    auto j = nlohmann::json::parse(text);
    const nlohmann::json::json_pointer ptr(pointer.toStdString());
    if (replacement == "<delete>") {
        auto &parent = j[ptr.parent_pointer()];
        if (parent.is_array())
            parent.erase(std::stoul(ptr.back()));
        else
            parent.erase(ptr.back());
        return j.dump();
    }
    j[ptr] = "@@REPLACED@@";
    std::string out = j.dump();
    const std::string marker = "\"@@REPLACED@@\"";
    out.replace(out.find(marker), marker.size(), raw);
    return out;
}

/// Runs `f`, expecting Error(BadInput) whose message names `fileName` and contains `expected`.
inline void expectBadInput(const std::function<void()> &f, const QString &fileName, const QString &expected)
{
    try {
        f();
        QFAIL("no error thrown");
    } catch (const Error &e) {
        const QString msg = QString::fromUtf8(e.what());
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QVERIFY2(msg.contains(fileName), e.what());
        QVERIFY2(msg.contains(expected), e.what());
    }
}

} // namespace florence::test
