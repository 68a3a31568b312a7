#pragma once
// Shared pieces of the dataset format tests: sample folders copied into a temporary folder, shape
// comparison within a tolerance, and the check that an Error names its file and line.

#include "annotate/annotation.h"
#include "annotate/formats/dataset.h"
#include "common/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace florence::test {

/// Path of a sample under tests/data/formats/.
inline std::string formatSample(const std::string &name)
{
    return std::string(FLORENCE_TEST_DATA) + "/formats/" + name;
}

/// Copies tests/data/formats/<name> into `dir` and returns the copy's path.
inline std::string copySample(const QTemporaryDir &dir, const std::string &name)
{
    const std::string target = dir.path().toStdString() + "/" + name;
    std::filesystem::copy(formatSample(name), target, std::filesystem::copy_options::recursive);
    return target;
}

inline void writeFile(const std::string &path, const std::string &data)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << data;
}

inline std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Every point of a shape's geometry (box corners for boxes, in ring order otherwise).
inline std::vector<Point> geometryPoints(const Shape &s)
{
    if (s.kind == ShapeKind::Box)
        return {{s.box.x1, s.box.y1}, {s.box.x2, s.box.y2}};
    std::vector<Point> out;
    for (const Ring &r : s.rings)
        out.insert(out.end(), r.begin(), r.end());
    return out;
}

/// "" when `got` has the kind, label, text and geometry of `want` within `tol` pixels, else what differs.
inline std::string shapeDifference(const Shape &want, const Shape &got, double tol)
{
    std::ostringstream d;
    if (want.kind != got.kind)
        d << "kind " << toString(want.kind) << " vs " << toString(got.kind) << "; ";
    if (want.label != got.label)
        d << "label '" << want.label << "' vs '" << got.label << "'; ";
    if (want.text != got.text)
        d << "text '" << want.text << "' vs '" << got.text << "'; ";
    const auto a = geometryPoints(want), b = geometryPoints(got);
    if (a.size() != b.size()) {
        d << a.size() << " vs " << b.size() << " points; ";
    } else {
        for (std::size_t i = 0; i < a.size(); ++i)
            if (std::abs(a[i].x - b[i].x) > tol || std::abs(a[i].y - b[i].y) > tol)
                d << "point " << i << " (" << a[i].x << "," << a[i].y << ") vs (" << b[i].x << "," << b[i].y << "); ";
    }
    return d.str();
}

/// Runs `f`, which must throw Error(BadInput) whose message contains every one of `parts`.
template <typename F>
void expectBadInput(F &&f, const std::vector<std::string> &parts)
{
    try {
        f();
    } catch (const Error &e) {
        QCOMPARE(int(e.kind()), int(ErrorKind::BadInput));
        const std::string msg = e.what();
        for (const std::string &p : parts)
            QVERIFY2(msg.find(p) != std::string::npos, ("message lacks '" + p + "': " + msg).c_str());
        return;
    }
    QFAIL("no Error was thrown");
}

} // namespace florence::test
