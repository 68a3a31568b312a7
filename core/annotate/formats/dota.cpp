#include "annotate/formats/dota.h"

#include "annotate/formats/shape_convert.h"
#include "annotate/formats/text_lines.h"
#include "annotate/json_format.h"
#include "common/error.h"
#include "common/file_io.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace florence::formats {

using namespace detail;

namespace {
const char *kWhat = "DOTA label file";
}

std::vector<Shape> parseDotaLabels(const std::string &text, const std::string &fileName, std::size_t *difficult)
{
    std::vector<Shape> shapes;
    std::size_t nDifficult = 0;
    for (const Line &line : splitLines(text, kWhat, fileName)) {
        const auto f = splitFields(line.text);
        if (f.empty())
            continue;
        auto fail = [&](const std::string &problem) { failAt(kWhat, fileName, line.number, problem); };
        if (f.size() == 1 && (f[0].rfind("imagesource:", 0) == 0 || f[0].rfind("gsd:", 0) == 0))
            continue; // DOTA v1.0 header lines
        if (f.size() != 9 && f.size() != 10)
            fail("expected 10 columns (x1 y1 x2 y2 x3 y3 x4 y4 category difficult), got " + std::to_string(f.size()));
        if (shapes.size() >= florence::detail::kMaxShapesPerImage)
            fail("more than " + std::to_string(florence::detail::kMaxShapesPerImage) + " objects");
        Ring ring;
        for (std::size_t i = 0; i < 8; i += 2) {
            double x = 0, y = 0;
            for (std::size_t k : {i, i + 1})
                if (!parseNumber(f[k], k == i ? x : y) || std::abs(k == i ? x : y) > florence::detail::kMaxCoordinate)
                    fail("column " + std::to_string(k + 1) + ": " + formats::detail::quoted(f[k]) + " is not a finite pixel coordinate (|v| <= 1e9)");
            ring.push_back({x, y});
        }
        if (f.size() == 10) {
            if (f[9] != "0" && f[9] != "1")
                fail("column 10: difficult must be 0 or 1, got " + formats::detail::quoted(f[9]));
            nDifficult += f[9] == "1";
        }
        Shape s;
        s.kind = ShapeKind::Quad;
        s.rings = {std::move(ring)};
        s.label = std::string(f[8]);
        shapes.push_back(std::move(s));
    }
    if (difficult)
        *difficult += nDifficult;
    return shapes;
}

Dataset readDota(const std::string &input, const ImportOptions &)
{
    std::error_code ec;
    if (!fs::is_directory(input, ec))
        throw Error(ErrorKind::BadInput, "DOTA dataset '" + input + "' is not a folder");
    std::vector<std::pair<std::string, std::string>> parts; // folder, split
    if (fs::is_directory(input + "/labelTxt", ec))
        parts.emplace_back(input, "");
    for (const char *split : {"train", "val", "test"})
        if (fs::is_directory(input + "/" + split + "/labelTxt", ec))
            parts.emplace_back(input + "/" + split, split);
    if (parts.empty())
        throw Error(ErrorKind::BadInput, "DOTA dataset '" + input + "' has no labelTxt/ folder (nor train/labelTxt, val/labelTxt, test/labelTxt)");
    Dataset ds;
    ds.root = input;
    std::size_t difficult = 0;
    for (const auto &[folder, split] : parts) {
        // Images by stem, so that P0001.txt finds P0001.png whatever the extension.
        std::map<std::string, std::string> imageByStem;
        if (fs::is_directory(folder + "/images", ec))
            for (const std::string &rel : listFiles(folder + "/images"))
                if (hasImageExtension(rel))
                    imageByStem.emplace(stripExtension(rel), rel);
        for (const std::string &rel : listFiles(folder + "/labelTxt")) {
            if (rel.size() < 4 || rel.compare(rel.size() - 4, 4, ".txt") != 0)
                continue;
            const std::string file = folder + "/labelTxt/" + rel;
            const auto it = imageByStem.find(stripExtension(rel));
            if (it == imageByStem.end())
                throw Error(ErrorKind::BadInput, std::string(kWhat) + " '" + file + "' has no image (looked for "
                                                     + folder + "/images/" + stripExtension(rel) + ".<png|jpg|...>)");
            ImageRecord rec;
            rec.path = split.empty() ? it->second : split + "/" + it->second;
            rec.shapes = parseDotaLabels(readLimitedFile(file, kWhat, kMaxLabelFileBytes), file, &difficult);
            for (const Shape &s : rec.shapes)
                if (std::find(ds.labels.begin(), ds.labels.end(), s.label) == ds.labels.end())
                    ds.labels.push_back(s.label);
            rec.status = florence::detail::importedStatus(rec);
            ds.images.push_back(std::move(rec));
            ds.splits.push_back(split);
            ds.sources.push_back(folder + "/images/" + it->second);
        }
    }
    if (ds.images.empty())
        throw Error(ErrorKind::BadInput, "DOTA dataset '" + input + "' holds no label files");
    fillImageSizes(ds);
    if (difficult)
        ds.notes.push_back(std::to_string(difficult) + " objects marked difficult: the flag is not kept");
    return ds;
}

ExportResult writeDota(const Dataset &ds, const ExportOptions &options)
{
    const std::vector<std::string> splits = assignSplits(ds, options.split);
    const bool flat = std::all_of(splits.begin(), splits.end(), [](const std::string &s) { return s == "train"; })
                      && (options.split.mode == SplitOptions::Mode::Keep || options.split.mode == SplitOptions::Mode::None);
    ExportResult result;
    ExportSummary &sum = result.summary;
    sum.format = "DOTA";
    std::set<std::string> names;
    for (std::size_t i = 0; i < ds.images.size(); ++i) {
        const ImageRecord &image = ds.images[i];
        std::string name = pathWithinSplit(image.path, splits[i]);
        std::replace(name.begin(), name.end(), '/', '_');
        const std::string dir = flat ? std::string() : splits[i] + "/";
        if (!names.insert(dir + name).second)
            throw Error(ErrorKind::BadInput, "cannot write DOTA: two images would be named '" + dir + "images/" + name + "'");
        std::string text;
        for (const Shape &shape : image.shapes) {
            const Ring quad = quadFor(shape, sum, "DOTA");
            for (const Point &p : quad)
                text += formatNumber(p.x) + " " + formatNumber(p.y) + " ";
            text += tokenLabel(shape.label, sum, "DOTA") + " 0\n";
            sum.objectsPerClass[shape.label] += 1;
        }
        noteUnheld(sum, image, "DOTA", false, false, false);
        result.files.push_back({dir + "labelTxt/" + stripExtension(name) + ".txt", text});
        if (options.copyImages)
            result.copies.push_back({sourcePath(ds, i), dir + "images/" + name});
        sum.splitImages[splits[i]] += 1;
    }
    sum.images = ds.images.size();
    sum.files = {flat ? "labelTxt/*.txt" : "<split>/labelTxt/*.txt", flat ? "images/*" : "<split>/images/*"};
    return result;
}

} // namespace florence::formats
