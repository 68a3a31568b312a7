#include "run/region_answer.h"

#include "tasks/result_annotations.h"

#include <regex>

namespace florence {

std::string stripLocationTokens(const std::string &text)
{
    static const std::regex loc("<loc_[0-9]+>");
    const std::string plain = std::regex_replace(text, loc, " ");
    std::string out;
    bool space = false;
    for (char c : plain) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::optional<Shape> attachRegionAnswer(const Shape &region, const RunResult &answer)
{
    const std::string token = taskInfo(answer.task).token;
    Shape out = region;
    out.origin = region.origin == kManualOrigin || region.origin.empty() ? token : region.origin + "+" + token;
    switch (answer.task) {
    case Task::RegionToCategory:
    case Task::RegionToDescription:
    case Task::RegionToOcr: {
        const std::string text = stripLocationTokens(answer.result.text);
        if (text.empty())
            return std::nullopt;
        (answer.task == Task::RegionToCategory ? out.label : out.text) = text;
        return out;
    }
    case Task::RegionToSegmentation: {
        const ResultAnnotations parts = annotationsFromResult(answer.result, answer.imageWidth, answer.imageHeight);
        if (parts.shapes.empty())
            return std::nullopt;
        out.kind = ShapeKind::Polygon;
        out.box = Box{};
        out.rings.clear();
        for (const Shape &part : parts.shapes)
            out.rings.insert(out.rings.end(), part.rings.begin(), part.rings.end());
        if (!out.score)
            out.score = parts.shapes.front().score;
        return out;
    }
    default:
        return std::nullopt;
    }
}

} // namespace florence
