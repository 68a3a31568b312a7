#include "tasks/answer_text.h"

#include "common/error.h"
#include "tasks/quantizer.h"
#include "text/utf8.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace florence {

namespace {

std::string lowerAscii(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string ringAnswer(const Ring &ring, int width, int height)
{
    std::string out;
    for (const Point &p : ring)
        out += pointToLocationTokens(p, width, height);
    return out;
}

bool isQuad(const Shape &s)
{
    return s.kind == ShapeKind::Quad;
}

// Captions that answer a caption-like task: its own origin, and manual captions for <CAPTION>.
bool captionFeeds(const Caption &c, Task task)
{
    const std::string token = taskInfo(task).token;
    if (c.origin == token)
        return true;
    return task == Task::Caption && c.origin == kManualOrigin;
}

} // namespace

std::string TaskAnswer::prefix() const
{
    return std::string(taskInfo(task).token) + input;
}

std::string answerLabel(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text)
        if (c != '<' && c != '>')
            out += c;
    return std::string(utf8::strip(out));
}

std::string boxAnswer(const std::string &label, const Box &box, int width, int height)
{
    return answerLabel(label) + boxToLocationTokens(box.normalized(), width, height);
}

std::string polygonAnswer(const std::vector<Ring> &rings, int width, int height)
{
    std::string out;
    for (std::size_t i = 0; i < rings.size(); ++i) {
        if (i)
            out += "<sep>";
        out += ringAnswer(rings[i], width, height);
    }
    return out;
}

std::string quadAnswer(const Shape &quad, int width, int height)
{
    if (quad.kind != ShapeKind::Quad || quad.rings.size() != 1 || quad.rings[0].size() != 4)
        throw Error(ErrorKind::BadInput, "OCR answer: the shape is not a quad of one ring with four points");
    return answerLabel(quad.text) + ringAnswer(quad.rings[0], width, height);
}

std::vector<TaskAnswer> answersForImage(const ImageRecord &image, const std::vector<Task> &tasks)
{
    const int w = image.width, h = image.height;
    if (w <= 0 || h <= 0)
        throw Error(ErrorKind::BadInput, "image '" + image.path + "': its size is unknown (width " + std::to_string(w)
                                             + ", height " + std::to_string(h) + "); open it once so it is measured");
    std::vector<TaskAnswer> out;
    auto add = [&](Task task, std::string input, std::string suffix) {
        if (!suffix.empty())
            out.push_back(TaskAnswer{task, std::move(input), std::move(suffix)});
    };
    for (Task task : tasks) {
        switch (task) {
        case Task::Caption:
        case Task::DetailedCaption:
        case Task::MoreDetailedCaption:
        case Task::Ocr:
            for (const Caption &c : image.captions)
                if (captionFeeds(c, task))
                    add(task, "", std::string(utf8::strip(c.text)));
            break;
        case Task::ObjectDetection: {
            std::string s;
            for (const Shape &sh : image.shapes)
                if (!isQuad(sh) && !answerLabel(sh.label).empty())
                    s += boxAnswer(sh.label, sh.boundingBox(), w, h);
            add(task, "", s);
            break;
        }
        case Task::DenseRegionCaption: {
            std::string s;
            for (const Shape &sh : image.shapes)
                if (!isQuad(sh) && !answerLabel(sh.text).empty())
                    s += boxAnswer(sh.text, sh.boundingBox(), w, h);
            add(task, "", s);
            break;
        }
        case Task::RegionProposal: {
            std::string s;
            for (const Shape &sh : image.shapes)
                if (!isQuad(sh))
                    s += boxToLocationTokens(sh.boundingBox(), w, h);
            add(task, "", s);
            break;
        }
        case Task::OcrWithRegion: {
            std::string s;
            for (const Shape &sh : image.shapes)
                if (isQuad(sh) && !answerLabel(sh.text).empty())
                    s += quadAnswer(sh, w, h);
            add(task, "", s);
            break;
        }
        case Task::CaptionToPhraseGrounding:
            for (const Caption &c : image.captions) {
                if (!captionFeeds(c, Task::Caption))
                    continue;
                const std::string caption(utf8::strip(c.text));
                const std::string lowerCaption = lowerAscii(caption);
                std::string s;
                for (const Shape &sh : image.shapes) {
                    const std::string label = answerLabel(sh.label);
                    if (!isQuad(sh) && !label.empty() && lowerCaption.find(lowerAscii(label)) != std::string::npos)
                        s += boxAnswer(label, sh.boundingBox(), w, h);
                }
                if (!caption.empty())
                    add(task, caption, s);
            }
            break;
        case Task::ReferringExpressionSegmentation: {
            // One example per label: every polygon of that label, rings joined by <sep>, which the
            // post-processor reads back as one instance with all the rings.
            std::vector<std::string> order;
            std::map<std::string, std::vector<Ring>> byLabel;
            for (const Shape &sh : image.shapes) {
                const std::string label = answerLabel(sh.label);
                if (sh.kind != ShapeKind::Polygon || label.empty())
                    continue;
                if (!byLabel.count(label))
                    order.push_back(label);
                auto &rings = byLabel[label];
                rings.insert(rings.end(), sh.rings.begin(), sh.rings.end());
            }
            for (const std::string &label : order)
                add(task, label, polygonAnswer(byLabel[label], w, h));
            break;
        }
        case Task::RegionToSegmentation:
            for (const Shape &sh : image.shapes)
                if (sh.kind == ShapeKind::Polygon)
                    add(task, boxToLocationTokens(sh.boundingBox(), w, h), polygonAnswer(sh.rings, w, h));
            break;
        case Task::OpenVocabularyDetection: {
            std::vector<std::string> order;
            std::map<std::string, std::string> byLabel;
            for (const Shape &sh : image.shapes) {
                const std::string label = answerLabel(sh.label);
                if (isQuad(sh) || label.empty())
                    continue;
                if (!byLabel.count(label))
                    order.push_back(label);
                byLabel[label] += boxAnswer(label, sh.boundingBox(), w, h);
            }
            for (const std::string &label : order)
                add(task, label, byLabel[label]);
            break;
        }
        case Task::RegionToCategory:
            for (const Shape &sh : image.shapes)
                if (!isQuad(sh) && !answerLabel(sh.label).empty()) {
                    const std::string region = boxToLocationTokens(sh.boundingBox(), w, h);
                    add(task, region, answerLabel(sh.label) + region);
                }
            break;
        case Task::RegionToDescription:
            for (const Shape &sh : image.shapes)
                if (!isQuad(sh) && !answerLabel(sh.text).empty()) {
                    const std::string region = boxToLocationTokens(sh.boundingBox(), w, h);
                    add(task, region, answerLabel(sh.text) + region);
                }
            break;
        case Task::RegionToOcr:
            for (const Shape &sh : image.shapes)
                if (isQuad(sh) && !answerLabel(sh.text).empty())
                    add(task, boxToLocationTokens(sh.boundingBox(), w, h), answerLabel(sh.text));
            break;
        }
    }
    return out;
}

} // namespace florence
