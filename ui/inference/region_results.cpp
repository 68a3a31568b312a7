#include "inference/region_results.h"

#include <regex>

namespace florence::ui {

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

std::optional<Shape> attachRegionAnswer(const Shape &region, Task task, const RegionAnswer &answer)
{
    Shape out = region;
    switch (task) {
    case Task::RegionToCategory:
    case Task::RegionToDescription:
    case Task::RegionToOcr: {
        const std::string text = stripLocationTokens(answer.text);
        if (text.empty())
            return std::nullopt;
        (task == Task::RegionToCategory ? out.label : out.text) = text;
        return out;
    }
    case Task::RegionToSegmentation: {
        if (answer.annotations.shapes.empty())
            return std::nullopt;
        out.kind = ShapeKind::Polygon;
        out.box = Box{};
        out.rings.clear();
        for (const Shape &part : answer.annotations.shapes)
            out.rings.insert(out.rings.end(), part.rings.begin(), part.rings.end());
        out.score = answer.annotations.shapes.front().score;
        out.origin = taskInfo(task).token;
        return out;
    }
    default:
        return std::nullopt;
    }
}

} // namespace florence::ui
