// Design note: every regular expression below is the reference's Python `re` pattern, run with
// PCRE2. Python's \s (str.isspace) is spelled out as a class because PCRE2's \s differs; \d is
// \p{Nd} in both, and int() of such digits is reproduced (Unicode digits included). `.` excludes
// only '\n' and `$` also matches before a final '\n', as in Python. The reference mixes offsets
// of the cleaned text (without <s>, </s>, <pad>) with token spans of the raw text in score mode;
// this port keeps that, counting in code points as Python's len() does.
#include "tasks/postprocess.h"

#include "common/error.h"
#include "tasks/quantizer.h"
#include "text/regex.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

#include <cmath>
#include <limits>
#include <set>
#include <utility>

namespace florence {
namespace {

using text::Regex;
using text::RegexMatch;

// Python's \s as a character class.
#define FLORENCE_PY_SPACE "[\\t-\\r\\x{1C}-\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]"
#define FLORENCE_LOC "<loc_(\\d+)>"

struct Patterns
{
    // Florence2PostProcesser config 'ocr' PATTERN.
    Regex ocr{"(.+?)" FLORENCE_LOC FLORENCE_LOC FLORENCE_LOC FLORENCE_LOC FLORENCE_LOC FLORENCE_LOC FLORENCE_LOC
              FLORENCE_LOC};
    // parse_description_with_bboxes_from_text_and_spans / parse_phrase_grounding_from_text_and_spans.
    Regex phraseWithBoxes{"([^<]+(?:<loc_\\d+>){4,})"};
    Regex boxesOnly{"(?:(?:<loc_\\d+>){4,})"};
    Regex phrase{"^" FLORENCE_PY_SPACE "*(.*?)(?=<od>|</od>|<box>|</box>|<bbox>|</bbox>|<loc_)"};
    Regex box{FLORENCE_LOC FLORENCE_LOC FLORENCE_LOC FLORENCE_LOC};
    // parse_description_with_polygons_from_text_and_spans.
    Regex phraseWithPolygons{"([^<]+(?:<loc_\\d+>|<sep>|<poly>|</poly>){4,})"};
    Regex polygonsOnly{"(?:(?:<loc_\\d+>|<sep>|<poly>|</poly>){4,})"};
    Regex polygonPhrase{"^" FLORENCE_PY_SPACE "*(.*?)(?=<od>|</od>|<box>|</box>|<bbox>|</bbox>|<loc_|<poly>)"};
    Regex polygon{"((?:<loc_\\d+>)+)(?:<sep>|$)"};
    Regex polygonInstance{"<poly>(.*?)</poly>"};
    Regex locPrefix{"^loc_\\d+>"};
    Regex loc{FLORENCE_LOC};
    Regex decimalDigit{"^\\d\\z"};
};

#undef FLORENCE_LOC
#undef FLORENCE_PY_SPACE

const Patterns &patterns()
{
    static const Patterns p;
    return p;
}

// _create_black_list_of_phrase_grounding.
const std::set<std::string> &phraseGroundingBlackList()
{
    static const std::set<std::string> list = {
        "it", "I", "me", "mine", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "they", "them",
        "their", "theirs", "one", "oneself", "we", "us", "our", "ours", "its", "myself", "yourself", "himself",
        "herself", "itself", "ourselves", "yourselves", "themselves", "this", "that", "these", "those", "who",
        "whom", "whose", "which", "what", "all", "another", "any", "anybody", "anyone", "anything", "each",
        "everybody", "everyone", "everything", "few", "many", "nobody", "none", "several", "some", "somebody",
        "someone", "something", "each other", "one another", "the image", "image", "images", "the", "a", "an",
        "a group", "other objects", "lots", "a set",
    };
    return list;
}

bool isDecimal(char32_t cp)
{
    std::string s;
    utf8::append(s, cp);
    RegexMatch m;
    return patterns().decimalDigit.search(s, 0, m);
}

// Value of a Unicode decimal digit: decimal digits come in runs of ten from 0 to 9 (Unicode
// stability policy), so the value is the distance to the start of its run of digits, modulo 10.
int digitValue(char32_t cp)
{
    if (cp >= '0' && cp <= '9')
        return int(cp - '0');
    char32_t first = cp;
    while (first > 0 && isDecimal(first - 1))
        --first;
    return int((cp - first) % 10);
}

// A <loc_N> number as Python's int() reads it; empty when it does not fit torch's int64.
struct LocValue
{
    std::optional<std::int64_t> value;
    std::string digits;

    std::int64_t get() const
    {
        if (!value)
            throw Error(ErrorKind::BadInput, "<loc_" + digits + "> holds a value too large for a 64-bit integer; "
                                                 "the reference fails to convert it as well");
        return *value;
    }
};

LocValue parseLoc(std::string_view digits)
{
    LocValue out;
    out.digits = std::string(digits);
    std::int64_t value = 0;
    std::size_t pos = 0;
    while (pos < digits.size()) {
        const int d = digitValue(utf8::next(digits, pos));
        if (value > (std::numeric_limits<std::int64_t>::max() - d) / 10)
            return out;
        value = value * 10 + d;
    }
    out.value = value;
    return out;
}

std::string asciiOnly(std::string_view s)
{
    std::string out;
    for (char c : s)
        if (static_cast<unsigned char>(c) < 0x80)
            out.push_back(c);
    return out;
}

std::string removeSpecialMarkers(const std::string &text)
{
    return utf8::replace(utf8::replace(utf8::replace(text, "<s>", ""), "</s>", ""), "<pad>", "");
}

bool startsWith(const std::string &s, const char *prefix)
{
    return s.compare(0, std::char_traits<char>::length(prefix), prefix) == 0;
}

// Code-point length of s[0, byteOffset): Python's string index of that position.
std::size_t cpIndex(std::string_view s, std::size_t byteOffset)
{
    return utf8::length(s.substr(0, byteOffset));
}

using Spans = std::vector<std::pair<std::size_t, std::size_t>>; // [start, end) in code points

struct Context
{
    int width;
    int height;
};

std::array<float, 4> dequantizeBoxMatch(const RegexMatch &m, std::string_view subject, const Context &ctx)
{
    std::array<std::int64_t, 4> bins{};
    for (int j = 0; j < 4; ++j)
        bins[j] = parseLoc(m.view(subject, j + 1)).get();
    return dequantizeBox(bins, ctx.width, ctx.height);
}

// parse_ocr_from_text_and_spans (AREA_THRESHOLD 0.0, so nothing is filtered).
std::vector<PostprocessInstance> parseOcr(const std::string &input, const Context &ctx)
{
    const std::string text = utf8::replace(input, "<s>", "");
    std::vector<PostprocessInstance> out;
    for (const RegexMatch &m : patterns().ocr.findAll(text)) {
        PostprocessInstance inst;
        inst.geometry = InstanceGeometry::Quad;
        std::array<std::int64_t, 8> bins{};
        for (int j = 0; j < 8; ++j)
            bins[j] = parseLoc(m.view(text, j + 2)).get();
        for (int j = 0; j < 4; ++j) {
            const auto point = dequantizePoint(bins[2 * j], bins[2 * j + 1], ctx.width, ctx.height);
            inst.quad[2 * j] = point[0];
            inst.quad[2 * j + 1] = point[1];
        }
        inst.label = std::string(m.view(text, 1));
        out.push_back(std::move(inst));
    }
    return out;
}

// parse_phrase_grounding_from_text_and_spans.
std::vector<PostprocessInstance> parsePhraseGrounding(const std::string &input, const Context &ctx)
{
    const std::string text = removeSpecialMarkers(input);
    const Patterns &p = patterns();
    std::vector<PostprocessInstance> out;
    for (const RegexMatch &pm : p.phraseWithBoxes.findAll(text)) {
        const std::string phraseText(pm.view(text, 1));
        // The reference overwrites its '<ground>' removal with this one.
        const std::string stripped = utf8::replace(phraseText, "<obj>", "", 1);
        if (stripped.empty())
            continue;
        RegexMatch phrase;
        if (!p.phrase.search(stripped, 0, phrase))
            continue;
        const std::vector<RegexMatch> boxes = p.box.findAll(phraseText);
        if (boxes.empty())
            continue;
        const std::string name(utf8::strip(phrase.view(stripped)));
        if (phraseGroundingBlackList().count(name))
            continue;
        std::vector<std::array<float, 4>> coords;
        for (const RegexMatch &b : boxes)
            coords.push_back(dequantizeBoxMatch(b, phraseText, ctx));
        for (const auto &c : coords) {
            PostprocessInstance inst;
            inst.box = c;
            inst.label = asciiOnly(name);
            out.push_back(std::move(inst));
        }
    }
    return out;
}

// parse_description_with_bboxes_from_text_and_spans; `spans` and `scores` given in score mode
// ('avg_loc_scores').
std::vector<PostprocessInstance> parseDescriptionWithBoxes(const std::string &input, const Spans *spans,
                                                           const std::vector<float> *scores, bool allowEmptyPhrase,
                                                           const Context &ctx)
{
    std::size_t curSpan = startsWith(input, "<s>") ? 3 : 0;
    const std::string text = removeSpecialMarkers(input);
    const Patterns &p = patterns();
    std::vector<PostprocessInstance> out;
    const std::vector<RegexMatch> phrases = allowEmptyPhrase ? p.boxesOnly.findAll(text) : p.phraseWithBoxes.findAll(text);
    for (const RegexMatch &pm : phrases) {
        const std::string phraseText(pm.view(text, 0));
        const std::size_t phraseLength = utf8::length(phraseText);
        const std::string stripped = utf8::replace(phraseText, "<obj>", "", 1);
        RegexMatch phrase;
        const std::vector<RegexMatch> boxes = p.box.findAll(phraseText);
        if ((stripped.empty() && !allowEmptyPhrase) || !p.phrase.search(stripped, 0, phrase) || boxes.empty()) {
            curSpan += phraseLength;
            continue;
        }
        const std::string name(utf8::strip(phrase.view(stripped)));
        std::vector<std::array<float, 4>> coords;
        for (const RegexMatch &b : boxes)
            coords.push_back(dequantizeBoxMatch(b, phraseText, ctx));

        std::vector<double> boxScores;
        if (spans && scores) {
            for (const RegexMatch &b : boxes) {
                const std::size_t start = cpIndex(phraseText, b.start()) + curSpan;
                const std::size_t end = cpIndex(phraseText, b.end()) + curSpan;
                double sum = 0.0;
                std::size_t count = 0;
                for (std::size_t i = 0; i < spans->size(); ++i) {
                    const auto &s = (*spans)[i];
                    if (!(s.second <= start || s.first >= end)) {
                        sum += static_cast<double>((*scores)[i]);
                        ++count;
                    }
                }
                if (count == 0)
                    throw Error(ErrorKind::BadInput, "score mode: no token covers the location tokens at characters "
                                                         + std::to_string(start) + ".." + std::to_string(end)
                                                         + " (the reference divides by zero here)");
                boxScores.push_back(sum / static_cast<double>(count));
            }
        }
        const std::string label = asciiOnly(name);
        for (std::size_t i = 0; i < coords.size(); ++i) {
            PostprocessInstance inst;
            inst.box = coords[i];
            inst.label = label;
            if (!boxScores.empty())
                inst.score = std::exp(boxScores[i]);
            out.push_back(std::move(inst));
        }
        curSpan += phraseLength;
    }
    return out;
}

// parse_description_with_polygons_from_text_and_spans (with_box_at_start=False).
std::vector<PostprocessInstance> parseDescriptionWithPolygons(const std::string &input, bool allowEmptyPhrase,
                                                              const Context &ctx)
{
    const std::string text = removeSpecialMarkers(input);
    const Patterns &p = patterns();
    std::vector<PostprocessInstance> out;
    const std::vector<RegexMatch> phrases =
        allowEmptyPhrase ? p.polygonsOnly.findAll(text) : p.phraseWithPolygons.findAll(text);
    for (const RegexMatch &pm : phrases) {
        const std::string phraseText(pm.view(text, 0));
        std::string stripped = phraseText;
        RegexMatch prefix;
        if (p.locPrefix.search(stripped, 0, prefix))
            stripped.erase(prefix.start(), prefix.end() - prefix.start());
        if (stripped.empty() && !allowEmptyPhrase)
            continue;
        RegexMatch phrase;
        if (!p.polygonPhrase.search(stripped, 0, phrase))
            continue;
        const std::string name(utf8::strip(phrase.view(stripped)));

        std::vector<std::string> pieces;
        if (phraseText.find("<poly>") != std::string::npos && phraseText.find("</poly>") != std::string::npos) {
            for (const RegexMatch &im : p.polygonInstance.findAll(phraseText))
                pieces.emplace_back(im.view(phraseText, 1));
        } else {
            pieces.push_back(phraseText);
        }
        for (const std::string &piece : pieces) {
            const std::vector<RegexMatch> polygons = p.polygon.findAll(piece);
            if (polygons.empty())
                continue;
            PostprocessInstance inst;
            inst.geometry = InstanceGeometry::Polygon;
            inst.label = name;
            for (const RegexMatch &polygonMatch : polygons) {
                const std::string locs(polygonMatch.view(piece, 1));
                std::vector<LocValue> values;
                for (const RegexMatch &lm : p.loc.findAll(locs))
                    values.push_back(parseLoc(lm.view(locs, 1)));
                if (values.size() % 2 == 1)
                    values.pop_back(); // abandon the last element if it is not paired
                std::vector<float> ring;
                for (std::size_t k = 0; k + 1 < values.size(); k += 2) {
                    const auto point = dequantizePoint(values[k].get(), values[k + 1].get(), ctx.width, ctx.height);
                    ring.push_back(point[0]);
                    ring.push_back(point[1]);
                }
                inst.rings.push_back(std::move(ring));
            }
            out.push_back(std::move(inst));
        }
    }
    return out;
}

PostprocessResult parse(const std::string &text, const Spans *spans, const std::vector<float> *scores,
                        const std::string &task, int width, int height)
{
    if (width <= 0 || height <= 0)
        throw Error(ErrorKind::BadInput, "image size must be positive (width, height), got (" + std::to_string(width)
                                             + ", " + std::to_string(height) + ")");
    const Context ctx{width, height};
    PostprocessResult result;
    result.task = task;
    result.kind = resultKindForTask(task);
    result.text = text;
    switch (result.kind) {
    case ResultKind::PureText:
        result.text = utf8::replace(utf8::replace(text, "<s>", ""), "</s>", "");
        break;
    case ResultKind::Ocr:
        result.instances = parseOcr(text, ctx);
        break;
    case ResultKind::PhraseGrounding:
        result.instances = parsePhraseGrounding(text, ctx);
        break;
    case ResultKind::DescriptionWithBboxes:
        result.instances = parseDescriptionWithBoxes(text, spans, scores, false, ctx);
        break;
    case ResultKind::Bboxes:
        result.instances = parseDescriptionWithBoxes(text, nullptr, nullptr, true, ctx);
        break;
    case ResultKind::Polygons:
        result.instances = parseDescriptionWithPolygons(text, true, ctx);
        break;
    case ResultKind::DescriptionWithBboxesOrPolygons:
        if (text.find("<poly>") != std::string::npos)
            result.instances = parseDescriptionWithPolygons(text, false, ctx);
        else
            result.instances = parseDescriptionWithBoxes(text, nullptr, nullptr, false, ctx);
        break;
    }
    return result;
}

nlohmann::ordered_json floats(const float *values, std::size_t n)
{
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < n; ++i)
        array.push_back(static_cast<double>(values[i])); // torch's tolist(): float32 -> Python float
    return array;
}

nlohmann::ordered_json rings(const PostprocessInstance &inst)
{
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const auto &ring : inst.rings)
        array.push_back(floats(ring.data(), ring.size()));
    return array;
}

} // namespace

ResultKind resultKindForTask(const std::string &task)
{
    const auto known = taskFromToken(task);
    return known ? taskInfo(*known).result : ResultKind::PureText;
}

PostprocessResult postprocessGeneration(const std::string &text, const std::string &task, int width, int height)
{
    utf8::validate(text, "generated text");
    return parse(text, nullptr, nullptr, task, width, height);
}

PostprocessResult postprocessSequence(const std::vector<std::int64_t> &sequence,
                                      const std::optional<std::vector<float>> &scores, const std::string &task,
                                      int width, int height, const Tokenizer &tokenizer)
{
    const std::size_t tokens = sequence.empty() ? 0 : sequence.size() - 1; // sequence.tolist()[1:]
    if (scores && scores->size() != tokens)
        throw Error(ErrorKind::BadInput, "score mode: expected one transition score per generated token after the "
                                         "first, i.e. "
                                             + std::to_string(tokens) + " for a sequence of "
                                             + std::to_string(sequence.size()) + " ids; got "
                                             + std::to_string(scores->size()));
    // decode_with_spans: per-token texts concatenated, spans in code points.
    std::string text;
    Spans spans;
    std::size_t length = 0;
    for (std::size_t i = 1; i < sequence.size(); ++i) {
        const std::string piece = tokenizer.tokenText(sequence[i]);
        const std::size_t n = utf8::length(piece);
        spans.emplace_back(length, length + n);
        length += n;
        text += piece;
    }
    return parse(text, &spans, scores ? &*scores : nullptr, task, width, height);
}

nlohmann::ordered_json toReferenceJson(const PostprocessResult &result)
{
    using ojson = nlohmann::ordered_json;
    ojson answer;
    ojson labels = ojson::array();
    switch (result.kind) {
    case ResultKind::PureText:
        answer = result.text;
        break;
    case ResultKind::DescriptionWithBboxes:
    case ResultKind::Bboxes:
    case ResultKind::PhraseGrounding: {
        ojson boxes = ojson::array();
        ojson scores = ojson::array();
        for (const PostprocessInstance &inst : result.instances) {
            boxes.push_back(floats(inst.box.data(), 4));
            labels.push_back(inst.label);
            if (inst.score)
                scores.push_back(*inst.score);
        }
        answer["bboxes"] = boxes;
        answer["labels"] = labels;
        // 'scores' exists when the first instance has one (description_with_bboxes / bboxes only).
        if (result.kind != ResultKind::PhraseGrounding && !result.instances.empty() && result.instances[0].score)
            answer["scores"] = scores;
        break;
    }
    case ResultKind::Ocr: {
        ojson quads = ojson::array();
        for (const PostprocessInstance &inst : result.instances) {
            quads.push_back(floats(inst.quad.data(), 8));
            labels.push_back(inst.label);
        }
        answer["quad_boxes"] = quads;
        answer["labels"] = labels;
        break;
    }
    case ResultKind::Polygons: {
        ojson polygons = ojson::array();
        for (const PostprocessInstance &inst : result.instances) {
            polygons.push_back(rings(inst));
            labels.push_back(inst.label);
        }
        answer["polygons"] = polygons;
        answer["labels"] = labels;
        break;
    }
    case ResultKind::DescriptionWithBboxesOrPolygons: {
        ojson boxes = ojson::array();
        ojson boxLabels = ojson::array();
        ojson polygons = ojson::array();
        ojson polygonLabels = ojson::array();
        for (const PostprocessInstance &inst : result.instances) {
            if (inst.geometry == InstanceGeometry::Polygon) {
                polygons.push_back(rings(inst));
                polygonLabels.push_back(inst.label);
            } else {
                boxes.push_back(floats(inst.box.data(), 4));
                boxLabels.push_back(inst.label);
            }
        }
        answer["bboxes"] = boxes;
        answer["bboxes_labels"] = boxLabels;
        answer["polygons"] = polygons;
        answer["polygons_labels"] = polygonLabels;
        break;
    }
    }
    ojson out;
    out[result.task] = answer;
    return out;
}

} // namespace florence
