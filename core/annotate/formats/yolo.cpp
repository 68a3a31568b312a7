// YOLO reader and writer. Design note: the reader resolves images first (every label file must have
// its image, whose header gives the size that un-normalizes the coordinates), parses every label file
// completely and only then returns, so one bad line imports nothing. The data.yaml reader is a small
// hand-written subset parser (no YAML library on Debian that is both small and safe by default):
// it understands exactly the keys Ultralytics' dataset files use and ignores the rest.
#include "annotate/formats/yolo.h"

#include "annotate/formats/shape_convert.h"
#include "annotate/formats/text_lines.h"
#include "annotate/json_format.h"
#include "common/error.h"
#include "common/file_io.h"
#include "image/image_header.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace florence::formats {

using namespace detail;

namespace {

const char *kLabelWhat = "YOLO label file";
const char *kYamlWhat = "YOLO data.yaml";

const char *variantName(YoloVariant v)
{
    switch (v) {
    case YoloVariant::Auto: return "auto";
    case YoloVariant::Detect: return "detect";
    case YoloVariant::Segment: return "segment";
    case YoloVariant::Obb: return "obb";
    }
    return "?";
}

} // namespace

std::vector<Shape> parseYoloLabels(const std::string &text, const std::string &fileName, YoloVariant variant,
                                   const std::vector<std::string> &names, int width, int height)
{
    std::vector<Shape> shapes;
    for (const Line &line : splitLines(text, kLabelWhat, fileName)) {
        const std::vector<std::string_view> f = splitFields(line.text);
        if (f.empty())
            continue;
        auto fail = [&](const std::string &problem) { failAt(kLabelWhat, fileName, line.number, problem); };
        if (shapes.size() >= florence::detail::kMaxShapesPerImage)
            fail("more than " + std::to_string(florence::detail::kMaxShapesPerImage) + " objects");
        const std::size_t n = f.size();
        const bool ok = variant == YoloVariant::Detect ? n == 5
                        : variant == YoloVariant::Obb  ? n == 9
                        : variant == YoloVariant::Segment ? (n >= 7 && n % 2 == 1)
                                                          : (n == 5 || (n >= 7 && n % 2 == 1));
        if (!ok) {
            const char *expected = variant == YoloVariant::Detect ? "5 columns (class cx cy w h)"
                                   : variant == YoloVariant::Obb  ? "9 columns (class x1 y1 x2 y2 x3 y3 x4 y4)"
                                   : variant == YoloVariant::Segment
                                       ? "an odd number >= 7 of columns (class x1 y1 x2 y2 x3 y3 ...)"
                                       : "5 columns (class cx cy w h) or an odd number >= 7 (class x1 y1 x2 y2 x3 y3 ...)";
            fail(std::string("expected ") + expected + " for YOLO " + variantName(variant) + ", got "
                 + std::to_string(n));
        }
        if ((n - 1) / 2 > florence::detail::kMaxRingPoints)
            fail("more than " + std::to_string(florence::detail::kMaxRingPoints) + " points");
        long long cls = 0;
        if (!parseIndex(f[0], cls))
            fail("class id " + formats::detail::quoted(f[0]) + " is not a non-negative integer");
        if (cls >= (long long)names.size())
            fail("class id " + std::to_string(cls) + " is unknown: the dataset names " + std::to_string(names.size())
                 + " classes (0.." + std::to_string(names.size()) + "-1)");
        std::vector<double> v(n - 1);
        for (std::size_t i = 1; i < n; ++i) {
            if (!parseNumber(f[i], v[i - 1]))
                fail("column " + std::to_string(i + 1) + ": " + formats::detail::quoted(f[i]) + " is not a finite number");
            if (v[i - 1] < 0 || v[i - 1] > 1)
                fail("column " + std::to_string(i + 1) + ": " + formats::detail::quoted(f[i])
                     + " is outside 0..1 (YOLO coordinates are normalized by the image size)");
        }
        Shape s;
        s.label = names[std::size_t(cls)];
        if (n == 5) {
            const double cx = v[0] * width, cy = v[1] * height, w = v[2] * width, h = v[3] * height;
            s.kind = ShapeKind::Box;
            s.box = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
        } else {
            Ring ring;
            for (std::size_t i = 0; i + 1 < v.size(); i += 2)
                ring.push_back({v[i] * width, v[i + 1] * height});
            s.kind = variant == YoloVariant::Obb ? ShapeKind::Quad : ShapeKind::Polygon;
            s.rings = {std::move(ring)};
        }
        shapes.push_back(std::move(s));
    }
    return shapes;
}

namespace {

/// Unquotes a YAML scalar ('single', "double" or plain); throws on a broken quote.
std::string yamlScalar(std::string_view s, const std::string &fileName, std::size_t line)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    if (s.empty())
        return {};
    if (s.front() == '\'') {
        if (s.size() < 2 || s.back() != '\'')
            failAt(kYamlWhat, fileName, line, "unterminated single-quoted string " + formats::detail::quoted(s));
        std::string out;
        for (std::size_t i = 1; i + 1 < s.size(); ++i) {
            if (s[i] == '\'') {
                if (i + 2 < s.size() && s[i + 1] == '\'')
                    ++i;
                else
                    failAt(kYamlWhat, fileName, line, "stray quote in " + formats::detail::quoted(s));
            }
            out += s[i];
        }
        return out;
    }
    if (s.front() == '"') {
        if (s.size() < 2 || s.back() != '"')
            failAt(kYamlWhat, fileName, line, "unterminated double-quoted string " + formats::detail::quoted(s));
        std::string out;
        for (std::size_t i = 1; i + 1 < s.size(); ++i) {
            char c = s[i];
            if (c == '"')
                failAt(kYamlWhat, fileName, line, "stray quote in " + formats::detail::quoted(s));
            if (c == '\\') {
                if (i + 2 >= s.size())
                    failAt(kYamlWhat, fileName, line, "backslash at the end of " + formats::detail::quoted(s));
                const char e = s[++i];
                c = e == 'n' ? '\n' : e == 't' ? '\t' : e == '"' ? '"' : e == '\\' ? '\\' : e == '/' ? '/' : '\0';
                if (c == '\0')
                    failAt(kYamlWhat, fileName, line, std::string("unsupported escape \\") + e + " in " + formats::detail::quoted(s));
            }
            out += c;
        }
        return out;
    }
    if (s.front() == '&' || s.front() == '*' || s.front() == '!' || s.front() == '|' || s.front() == '>')
        failAt(kYamlWhat, fileName, line, "anchors, aliases, tags and block scalars are not supported: " + formats::detail::quoted(s));
    return std::string(s);
}

/// Removes a comment (" #...") outside quotes.
std::string_view stripComment(std::string_view s)
{
    char quote = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (c == '\\' && quote == '"')
                ++i;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
            return s.substr(0, i);
        }
    }
    return s;
}

/// Splits a flow collection's inside at top-level commas (quotes respected).
std::vector<std::string_view> splitFlow(std::string_view s)
{
    std::vector<std::string_view> parts;
    char quote = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (c == '\\' && quote == '"')
                ++i;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == ',') {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(s.substr(start));
    return parts;
}

/// Position of the "key:" colon outside quotes (followed by space or end), npos when none.
std::size_t keyColon(std::string_view s)
{
    char quote = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == ':' && (i + 1 == s.size() || s[i + 1] == ' ' || s[i + 1] == '\t')) {
            return i;
        }
    }
    return std::string_view::npos;
}

} // namespace

YoloDataYaml parseYoloDataYaml(const std::string &text, const std::string &fileName)
{
    YoloDataYaml out;
    std::map<long long, std::string> nameMap;
    std::vector<std::string> nameList;
    std::size_t namesLine = 0;
    std::string block; // top-level key whose indented block we are in
    auto addMapName = [&](long long id, std::string name, std::size_t line) {
        if (nameMap.size() >= kMaxClasses)
            failAt(kYamlWhat, fileName, line, "more than " + std::to_string(kMaxClasses) + " names");
        if (!nameMap.emplace(id, std::move(name)).second)
            failAt(kYamlWhat, fileName, line, "class id " + std::to_string(id) + " named twice");
    };
    auto parseFlowNames = [&](std::string_view v, std::size_t line) {
        const bool isMap = v.front() == '{';
        if (v.back() != (isMap ? '}' : ']'))
            failAt(kYamlWhat, fileName, line, "flow collection not closed on the same line: " + formats::detail::quoted(v));
        v = v.substr(1, v.size() - 2);
        if (v.find_first_not_of(" \t") == std::string_view::npos)
            return;
        for (std::string_view part : splitFlow(v)) {
            if (isMap) {
                const std::size_t colon = keyColon(part);
                long long id = 0;
                std::string key = colon == std::string_view::npos ? std::string() : yamlScalar(part.substr(0, colon), fileName, line);
                if (colon == std::string_view::npos || !parseIndex(key, id))
                    failAt(kYamlWhat, fileName, line, "names entry " + formats::detail::quoted(part) + " is not 'id: name'");
                addMapName(id, yamlScalar(part.substr(colon + 1), fileName, line), line);
            } else {
                if (nameList.size() >= kMaxClasses)
                    failAt(kYamlWhat, fileName, line, "more than " + std::to_string(kMaxClasses) + " names");
                nameList.push_back(yamlScalar(part, fileName, line));
            }
        }
    };
    auto splitValue = [&](const std::string &key, std::string_view v, std::size_t line) {
        std::vector<std::string> *target = key == "train" ? &out.train : key == "val" ? &out.val : key == "test" ? &out.test : nullptr;
        if (key == "path") {
            out.path = yamlScalar(v, fileName, line);
        } else if (target) {
            if (!v.empty() && v.front() == '[') {
                if (v.back() != ']')
                    failAt(kYamlWhat, fileName, line, "flow list not closed on the same line");
                for (std::string_view part : splitFlow(v.substr(1, v.size() - 2)))
                    target->push_back(yamlScalar(part, fileName, line));
            } else if (!v.empty()) {
                target->push_back(yamlScalar(v, fileName, line));
            }
        }
    };
    for (const Line &line : splitLines(text, kYamlWhat, fileName)) {
        std::string_view s = stripComment(line.text);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
            s.remove_suffix(1);
        if (s.find_first_not_of(' ') == std::string_view::npos)
            continue;
        const std::size_t indent = s.find_first_not_of(' ');
        if (s[indent] == '\t')
            failAt(kYamlWhat, fileName, line.number, "tab in indentation (YAML allows spaces only)");
        if (indent == 0 && (s == "---" || s == "..."))
            continue;
        std::string_view body = s.substr(indent);
        if (indent == 0 && body.front() != '-') {
            const std::size_t colon = keyColon(body);
            if (colon == std::string_view::npos)
                failAt(kYamlWhat, fileName, line.number, "expected 'key: value', got " + formats::detail::quoted(body));
            block = yamlScalar(body.substr(0, colon), fileName, line.number);
            std::string_view value = body.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
                value.remove_prefix(1);
            if (block == "names") {
                if (namesLine)
                    failAt(kYamlWhat, fileName, line.number, "'names' given twice");
                namesLine = line.number;
                if (!value.empty()) {
                    if (value.front() != '[' && value.front() != '{')
                        failAt(kYamlWhat, fileName, line.number, "'names' must be a list or a map of id: name");
                    parseFlowNames(value, line.number);
                }
            } else {
                splitValue(block, value, line.number);
            }
            continue;
        }
        // Indented (or "- item" at column 0): belongs to the current block.
        if (block == "names") {
            if (body.front() == '-' && (body.size() == 1 || body[1] == ' ')) {
                if (!nameMap.empty())
                    failAt(kYamlWhat, fileName, line.number, "'names' mixes list items and id: name entries");
                if (nameList.size() >= kMaxClasses)
                    failAt(kYamlWhat, fileName, line.number, "more than " + std::to_string(kMaxClasses) + " names");
                nameList.push_back(yamlScalar(body.substr(1), fileName, line.number));
            } else {
                const std::size_t colon = keyColon(body);
                long long id = 0;
                const std::string key = colon == std::string_view::npos ? std::string() : yamlScalar(body.substr(0, colon), fileName, line.number);
                if (colon == std::string_view::npos || !parseIndex(key, id))
                    failAt(kYamlWhat, fileName, line.number, "names entry " + formats::detail::quoted(body) + " is not '- name' or 'id: name'");
                if (!nameList.empty())
                    failAt(kYamlWhat, fileName, line.number, "'names' mixes list items and id: name entries");
                addMapName(id, yamlScalar(body.substr(colon + 1), fileName, line.number), line.number);
            }
        } else if ((block == "train" || block == "val" || block == "test") && body.front() == '-') {
            splitValue(block, body.substr(1), line.number);
        }
        // Blocks of other keys (download scripts, ...) are ignored.
    }
    if (!nameMap.empty()) {
        long long expected = 0;
        for (const auto &[id, name] : nameMap) {
            if (id != expected)
                failAt(kYamlWhat, fileName, namesLine,
                       "class ids in 'names' must be 0..n-1 without gaps; id " + std::to_string(expected) + " is missing");
            ++expected;
            out.names.push_back(name);
        }
    } else {
        out.names = std::move(nameList);
    }
    if (!namesLine)
        throw Error(ErrorKind::BadInput, std::string(kYamlWhat) + " '" + fileName + "': no 'names' key");
    for (std::size_t i = 0; i < out.names.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (out.names[i] == out.names[j])
                failAt(kYamlWhat, fileName, namesLine, "class name " + formats::detail::quoted(out.names[i]) + " is used by ids "
                                                           + std::to_string(j) + " and " + std::to_string(i));
    return out;
}

namespace {

std::vector<std::string> readClassesTxt(const std::string &path)
{
    std::vector<std::string> names;
    const std::string text = readLimitedFile(path, "YOLO classes file", kMaxConfigFileBytes);
    std::set<std::string> seen;
    for (const Line &line : splitLines(text, "YOLO classes file", path)) {
        std::string name(line.text);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
            name.pop_back();
        if (name.empty())
            continue;
        if (names.size() >= kMaxClasses)
            failAt("YOLO classes file", path, line.number, "more than " + std::to_string(kMaxClasses) + " classes");
        if (!seen.insert(name).second)
            failAt("YOLO classes file", path, line.number, "class name " + formats::detail::quoted(name) + " is listed twice");
        names.push_back(name);
    }
    return names;
}

/// The label file Ultralytics reads for an image: the last "images" folder replaced by "labels".
std::string labelPathFor(const std::string &imagePath)
{
    const std::string stem = stripExtension(imagePath) + ".txt";
    const std::size_t pos = stem.rfind("/images/");
    if (pos != std::string::npos)
        return stem.substr(0, pos) + "/labels/" + stem.substr(pos + 8);
    if (stem.rfind("images/", 0) == 0)
        return "labels/" + stem.substr(7);
    return stem;
}

YoloVariant variantFromString(const std::string &v)
{
    if (v.empty() || v == "auto")
        return YoloVariant::Auto;
    if (v == "detect")
        return YoloVariant::Detect;
    if (v == "segment")
        return YoloVariant::Segment;
    if (v == "obb")
        return YoloVariant::Obb;
    throw Error(ErrorKind::BadInput, "unknown YOLO variant '" + v + "' (expected detect, segment, obb or auto)");
}

std::string joinPath(const std::string &a, const std::string &b)
{
    if (a.empty() || (!b.empty() && b[0] == '/'))
        return b;
    return a + "/" + b;
}

} // namespace

Dataset readYolo(const std::string &input, const ImportOptions &options)
{
    const YoloVariant variant = variantFromString(options.variant);
    std::error_code ec;
    if (!fs::is_directory(input, ec))
        throw Error(ErrorKind::BadInput, "YOLO dataset '" + input + "' is not a folder");
    std::string yamlPath;
    for (const char *name : {"data.yaml", "dataset.yaml", "data.yml"})
        if (isRegularFile(input + "/" + name)) {
            yamlPath = input + "/" + name;
            break;
        }
    Dataset ds;
    // Split folders (relative to the dataset root) and their split names.
    std::vector<std::pair<std::string, std::string>> splitDirs;
    std::string root = input;
    if (!yamlPath.empty()) {
        const YoloDataYaml yaml = parseYoloDataYaml(readLimitedFile(yamlPath, kYamlWhat, kMaxConfigFileBytes), yamlPath);
        ds.labels = yaml.names;
        if (!yaml.path.empty() && yaml.path != "." && fs::is_directory(joinPath(input, yaml.path), ec))
            root = joinPath(input, yaml.path);
        for (const auto &[list, split] : {std::pair{&yaml.train, "train"}, {&yaml.val, "val"}, {&yaml.test, "test"}})
            for (const std::string &dir : *list) {
                if (!fs::is_directory(joinPath(root, dir), ec))
                    throw Error(ErrorKind::BadInput, std::string(kYamlWhat) + " '" + yamlPath + "': " + split + " folder '"
                                                         + dir + "' does not exist under '" + root
                                                         + "' (image list files are not supported)");
                if (std::none_of(splitDirs.begin(), splitDirs.end(), [&](const auto &p) { return p.first == dir; }))
                    splitDirs.emplace_back(dir, split);
            }
    } else {
        std::string classes;
        for (const std::string &c : {input + "/classes.txt", input + "/labels/classes.txt"})
            if (isRegularFile(c)) {
                classes = c;
                break;
            }
        if (classes.empty())
            throw Error(ErrorKind::BadInput, "YOLO dataset '" + input + "' has neither data.yaml nor classes.txt");
        ds.labels = readClassesTxt(classes);
    }
    if (splitDirs.empty()) {
        if (fs::is_directory(input + "/images", ec)) {
            bool any = false;
            for (const char *split : {"train", "val", "valid", "test"})
                if (fs::is_directory(input + "/images/" + split, ec)) {
                    splitDirs.emplace_back(std::string("images/") + split, std::string(split) == "valid" ? "val" : split);
                    any = true;
                }
            if (!any)
                splitDirs.emplace_back("images", "");
        } else {
            splitDirs.emplace_back("", "");
        }
    }
    // Images: the logical path is "<split>/<path inside the split folder>" ("" split: just the path),
    // the file is root/<dir>/<path>; each has its label file.
    std::set<std::string> labelFilesUsed;
    struct Pending { std::string logical, image, label, split; };
    std::vector<Pending> pending;
    std::map<std::string, std::string> seenImages;
    for (const auto &[dir, split] : splitDirs) {
        const std::string abs = joinPath(root, dir);
        for (const std::string &rel : listFiles(abs)) {
            if (!hasImageExtension(rel))
                continue;
            const std::string image = dir.empty() ? rel : dir + "/" + rel;
            const std::string logical = split.empty() ? rel : split + "/" + rel;
            const auto [it, fresh] = seenImages.emplace(logical, image);
            if (!fresh) {
                if (it->second == image)
                    continue;
                throw Error(ErrorKind::BadInput, "YOLO dataset '" + input + "': images '" + it->second + "' and '" + image
                                                     + "' are both " + split + " image '" + rel + "'");
            }
            pending.push_back({logical, image, labelPathFor(image), split});
            labelFilesUsed.insert(pending.back().label);
        }
    }
    // A label file without its image is an error (its objects would silently vanish).
    for (const auto &[dir, split] : splitDirs) {
        const std::string probe = labelPathFor(dir.empty() ? std::string("x.jpg") : dir + "/x.jpg");
        const std::string labelDir = probe.size() > 6 ? probe.substr(0, probe.size() - 6) : std::string();
        const std::string abs = joinPath(root, labelDir);
        if (!fs::is_directory(abs, ec))
            continue;
        for (const std::string &rel : listFiles(abs)) {
            const std::string label = labelDir.empty() ? rel : labelDir + "/" + rel;
            const std::string base = fs::path(rel).filename().string();
            if (rel.size() < 4 || rel.compare(rel.size() - 4, 4, ".txt") != 0 || base == "classes.txt"
                || (labelDir.empty() && (base == "summary.txt" || base == "README.txt" || base == "readme.txt")))
                continue;
            if (!labelFilesUsed.count(label))
                throw Error(ErrorKind::BadInput, std::string(kLabelWhat) + " '" + joinPath(root, label)
                                                     + "' has no image (looked for an image of the same name in the images folder)");
        }
    }
    ds.root = root;
    for (const Pending &p : pending) {
        ImageRecord rec;
        rec.path = p.logical;
        const std::string imageFile = joinPath(root, p.image);
        const std::vector<std::uint8_t> bytes = readBinaryFile(imageFile);
        const ImageHeader header = probeImageHeader(bytes.data(), bytes.size(), imageFile);
        rec.width = header.displayWidth();
        rec.height = header.displayHeight();
        const std::string labelFile = joinPath(root, p.label);
        if (isRegularFile(labelFile))
            rec.shapes = parseYoloLabels(readLimitedFile(labelFile, kLabelWhat, kMaxLabelFileBytes), labelFile, variant, ds.labels, rec.width, rec.height);
        rec.status = florence::detail::importedStatus(rec);
        ds.images.push_back(std::move(rec));
        ds.splits.push_back(p.split);
        ds.sources.push_back(imageFile);
    }
    if (ds.images.empty())
        throw Error(ErrorKind::BadInput, "YOLO dataset '" + input + "' holds no images");
    return ds;
}

namespace {

/// YAML double-quoted scalar.
std::string yamlQuote(const std::string &s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '\t') {
            out += "\\t";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

double clamp01(double v, bool &clipped)
{
    if (v < 0) {
        clipped = true;
        return 0;
    }
    if (v > 1) {
        clipped = true;
        return 1;
    }
    return v;
}

} // namespace

ExportResult writeYolo(const Dataset &input, const ExportOptions &options)
{
    YoloVariant variant = variantFromString(options.variant.empty() ? "detect" : options.variant);
    if (variant == YoloVariant::Auto)
        variant = YoloVariant::Detect;
    Dataset ds = input;
    fillImageSizes(ds);
    const std::vector<std::string> classes = classList(ds);
    const std::vector<std::string> splits = assignSplits(ds, options.split);
    std::map<std::string, std::size_t> classIds;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        classIds.emplace(classes[i], i);
        if (classes[i].find('\n') != std::string::npos || classes[i].find('\r') != std::string::npos)
            throw Error(ErrorKind::BadInput, "cannot write YOLO: label '" + classes[i] + "' holds a line break");
    }
    ExportResult result;
    ExportSummary &sum = result.summary;
    const std::string fmt = std::string("YOLO ") + variantName(variant);
    sum.format = fmt;
    std::set<std::string> usedSplits;
    for (std::size_t i = 0; i < ds.images.size(); ++i) {
        const ImageRecord &image = ds.images[i];
        const std::string &split = splits[i];
        usedSplits.insert(split);
        const std::string rel = pathWithinSplit(image.path, split);
        const std::string imageTarget = "images/" + split + "/" + rel;
        const std::string labelTarget = "labels/" + split + "/" + stripExtension(rel) + ".txt";
        if (options.copyImages)
            result.copies.push_back({sourcePath(ds, i), imageTarget});
        const double w = image.width, h = image.height;
        std::string text;
        std::size_t clippedShapes = 0;
        for (const Shape &shape : image.shapes) {
            const std::string cls = std::to_string(classIds.at(shape.label));
            bool clipped = false;
            std::vector<Ring> rings;
            if (variant == YoloVariant::Detect) {
                const Box b = boxFor(shape, sum, fmt);
                const double x1 = clamp01(b.x1 / w, clipped), y1 = clamp01(b.y1 / h, clipped);
                const double x2 = clamp01(b.x2 / w, clipped), y2 = clamp01(b.y2 / h, clipped);
                if (x2 <= x1 || y2 <= y1) {
                    sum.drop("object outside its image or without area: nothing left to write");
                    continue;
                }
                text += cls + " " + formatFixed((x1 + x2) / 2, 6) + " " + formatFixed((y1 + y2) / 2, 6) + " "
                        + formatFixed(x2 - x1, 6) + " " + formatFixed(y2 - y1, 6) + "\n";
            } else {
                if (variant == YoloVariant::Obb)
                    rings = {quadFor(shape, sum, fmt)};
                else
                    rings = ringsFor(shape, sum, fmt);
                if (variant == YoloVariant::Segment && rings.size() > 1)
                    sum.convert("polygon with " + std::to_string(rings.size())
                                + " rings -> one line per ring: YOLO segment holds one polygon per line");
                for (const Ring &ring : rings) {
                    text += cls;
                    for (const Point &p : ring)
                        text += " " + formatFixed(clamp01(p.x / w, clipped), 6) + " " + formatFixed(clamp01(p.y / h, clipped), 6);
                    text += "\n";
                }
            }
            clippedShapes += clipped;
            sum.objectsPerClass[shape.label] += 1;
        }
        sum.convert("object reaching outside its image -> clipped to the image: YOLO coordinates are 0..1", clippedShapes);
        noteUnheld(sum, image, "YOLO", false, false, false);
        result.files.push_back({labelTarget, text});
        sum.splitImages[split] += 1;
    }
    sum.images = ds.images.size();
    std::string yaml = "# YOLO dataset written by Florence Studio (" + fmt + ")\npath: .\n";
    for (const char *split : {"train", "val", "test"})
        if (usedSplits.count(split))
            yaml += std::string(split) + ": images/" + split + "\n";
    if (!usedSplits.count("val"))
        yaml += "val: images/train  # no validation split was requested\n";
    yaml += "nc: " + std::to_string(classes.size()) + "\nnames:\n";
    std::string classesTxt;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        yaml += "  " + std::to_string(i) + ": " + yamlQuote(classes[i]) + "\n";
        classesTxt += classes[i] + "\n";
    }
    result.files.push_back({"data.yaml", yaml});
    result.files.push_back({"classes.txt", classesTxt});
    sum.files = {"data.yaml", "classes.txt", "labels/<split>/*.txt", "images/<split>/*"};
    return result;
}

} // namespace florence::formats
