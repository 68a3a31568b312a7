#include "batch/job.h"

#include "common/error.h"

namespace florence {

const char *toString(Chain chain)
{
    switch (chain) {
    case Chain::None: return "none";
    case Chain::DetectThenSegment: return "segment";
    case Chain::DetectThenDescribe: return "describe";
    }
    return "none";
}

Chain chainFromString(const std::string &name)
{
    for (Chain c : {Chain::None, Chain::DetectThenSegment, Chain::DetectThenDescribe})
        if (name == toString(c))
            return c;
    throw Error(ErrorKind::BadInput, "unknown chain '" + name + "' (expected segment or describe)");
}

std::string AnnotateJob::key() const
{
    std::string k = taskInfo(task).token;
    if (chain != Chain::None)
        k += std::string("+") + toString(chain);
    if (!text.empty())
        k += ":" + text;
    return k;
}

void AnnotateJob::validate() const
{
    const TaskInfo &info = taskInfo(task);
    if (info.input == TaskInput::Region)
        throw Error(ErrorKind::BadInput, std::string(info.token)
                                             + " needs a region on each image; it cannot pre-annotate whole images "
                                               "(use a chain: --chain segment or --chain describe)");
    if (info.input == TaskInput::Text && text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw Error(ErrorKind::BadInput, std::string(info.token) + " needs a text input (--text)");
    if (info.input == TaskInput::None && !text.empty())
        throw Error(ErrorKind::BadInput, std::string(info.token) + " takes no text input");
    if (chain != Chain::None && info.result != ResultKind::DescriptionWithBboxes && info.result != ResultKind::Bboxes
        && info.result != ResultKind::PhraseGrounding && info.result != ResultKind::DescriptionWithBboxesOrPolygons)
        throw Error(ErrorKind::BadInput, std::string("a ") + toString(chain) + " chain needs a detection task first (e.g. <OD>), not "
                                             + info.token);
}

ResultAnnotations runJob(Pipeline &pipeline, const RgbImage &image, const AnnotateJob &job,
                         const std::function<void(const JobProgress &)> &progress, const std::atomic<bool> *cancel,
                         std::vector<RunResult> *runResults)
{
    job.validate();
    RunRequest request;
    request.task = job.task;
    request.text = job.text;
    request.numBeams = job.numBeams;
    request.maxNewTokens = job.maxNewTokens;
    request.scores = job.scores;

    int runs = 1;
    int current = 1;
    auto forward = [&](const RunProgress &p) {
        if (progress)
            progress(JobProgress{current, runs, p});
    };
    const RunResult first = pipeline.run(image, request, forward, cancel);
    if (runResults)
        runResults->push_back(first);
    const std::string fallback = job.task == Task::RegionProposal ? "region" : job.text;
    ResultAnnotations out = annotationsFromResult(first.result, image.width, image.height, fallback);
    if (job.chain == Chain::None)
        return out;

    const Task second = job.chain == Chain::DetectThenSegment ? Task::RegionToSegmentation : Task::RegionToDescription;
    runs = 1 + int(out.shapes.size());
    std::vector<Shape> chained;
    for (Shape &shape : out.shapes) {
        ++current;
        RunRequest step;
        step.task = second;
        step.region = shape.boundingBox();
        step.numBeams = job.numBeams;
        step.maxNewTokens = job.maxNewTokens;
        const RunResult r = pipeline.run(image, step, forward, cancel);
        if (runResults)
            runResults->push_back(r);
        const std::string origin = taskInfo(job.task).token + std::string("+") + taskInfo(second).token;
        if (second == Task::RegionToSegmentation) {
            ResultAnnotations seg = annotationsFromResult(r.result, image.width, image.height, shape.label);
            if (!seg.shapes.empty()) {
                // One object: every ring of the answer belongs to it.
                Shape polygon = std::move(seg.shapes.front());
                for (std::size_t i = 1; i < seg.shapes.size(); ++i)
                    for (Ring &ring : seg.shapes[i].rings)
                        polygon.rings.push_back(std::move(ring));
                polygon.label = shape.label;
                polygon.score = shape.score;
                polygon.origin = origin;
                chained.push_back(std::move(polygon));
                continue;
            }
            shape.origin = origin; // no polygon: keep the detection
        } else {
            shape.text = r.result.text;
            shape.origin = origin;
        }
        chained.push_back(std::move(shape));
    }
    out.shapes = std::move(chained);
    return out;
}

} // namespace florence
