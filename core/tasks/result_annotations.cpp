#include "tasks/result_annotations.h"

#include <algorithm>
#include <cmath>

namespace florence {

namespace {

Box widenedBox(const std::array<float, 4> &b, int imageWidth, int imageHeight)
{
    Box box = Box{b[0], b[1], b[2], b[3]}.normalized();
    const double binW = double(imageWidth) / 1000.0;
    const double binH = double(imageHeight) / 1000.0;
    if (box.width() <= 0.0) {
        box.x1 -= binW / 2;
        box.x2 += binW / 2;
    }
    if (box.height() <= 0.0) {
        box.y1 -= binH / 2;
        box.y2 += binH / 2;
    }
    return box;
}

} // namespace

ResultAnnotations annotationsFromResult(const PostprocessResult &result, int imageWidth, int imageHeight,
                                        const std::string &fallbackLabel)
{
    ResultAnnotations out;
    if (result.kind == ResultKind::PureText) {
        out.captions.push_back(Caption{result.text, result.task});
        return out;
    }
    for (const PostprocessInstance &inst : result.instances) {
        Shape s;
        s.origin = result.task;
        // The reference's score is exp(mean transition score). With beams that is a probability;
        // with 1 beam (greedy) the transition scores are processed logits, so the number can exceed
        // 1. The raw result keeps it; a shape's confidence is a probability, so it is clamped to
        // 0..1 here (NaN: no score).
        if (inst.score && !std::isnan(*inst.score))
            s.score = std::clamp(*inst.score, 0.0, 1.0);
        s.label = inst.label.empty() ? fallbackLabel : inst.label;
        switch (inst.geometry) {
        case InstanceGeometry::Box:
            s.kind = ShapeKind::Box;
            s.box = widenedBox(inst.box, imageWidth, imageHeight);
            break;
        case InstanceGeometry::Quad: {
            s.kind = ShapeKind::Quad;
            Ring ring;
            for (int i = 0; i < 4; ++i)
                ring.push_back(Point{inst.quad[2 * i], inst.quad[2 * i + 1]});
            s.rings.push_back(std::move(ring));
            s.label = "text";
            s.text = inst.label;
            // The reference keeps a leading </s> in the first OCR line (it removes only <s>);
            // parity keeps it in the post-processed result, but it is no text the user wants.
            if (s.text.compare(0, 4, "</s>") == 0)
                s.text.erase(0, 4);
            break;
        }
        case InstanceGeometry::Polygon:
            s.kind = ShapeKind::Polygon;
            for (const std::vector<float> &flat : inst.rings) {
                if (flat.size() < 6)
                    continue;
                Ring ring;
                for (std::size_t i = 0; i + 1 < flat.size(); i += 2)
                    ring.push_back(Point{flat[i], flat[i + 1]});
                s.rings.push_back(std::move(ring));
            }
            if (s.rings.empty()) {
                ++out.droppedInstances;
                continue;
            }
            break;
        }
        out.shapes.push_back(std::move(s));
    }
    return out;
}

} // namespace florence
