#include "run/job.h"

#include "common/error.h"
#include "run/region_answer.h"

#include <ctime>

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

Task chainRegionTask(Chain chain)
{
    switch (chain) {
    case Chain::DetectThenSegment: return Task::RegionToSegmentation;
    case Chain::DetectThenDescribe: return Task::RegionToDescription;
    case Chain::None: break;
    }
    throw Error(ErrorKind::BadInput, "a job without a chain has no region step");
}

std::string AnnotateJob::key() const
{
    std::string k = taskInfo(task).token;
    if (!customPrompt.empty())
        k = "custom:" + k + ":" + customPrompt;
    if (chain != Chain::None)
        k += std::string("+") + toString(chain);
    if (!text.empty())
        k += ":" + text;
    return k;
}

void AnnotateJob::validate() const
{
    const TaskInfo &info = taskInfo(task);
    if (!customPrompt.empty()) {
        if (info.input == TaskInput::Region)
            throw Error(ErrorKind::BadInput, std::string("a custom task cannot use the region task ") + info.token
                                                 + " as its parser");
        if (!text.empty())
            throw Error(ErrorKind::BadInput, "a custom task takes no text input (its prompt is the whole input)");
    } else if (info.input == TaskInput::Region)
        throw Error(ErrorKind::BadInput, std::string(info.token)
                                             + " needs a region on each image; it cannot pre-annotate whole images "
                                               "(use a chain: --chain segment or --chain describe)");
    if (customPrompt.empty() && info.input == TaskInput::Text && text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw Error(ErrorKind::BadInput, std::string(info.token) + " needs a text input (--text)");
    if (customPrompt.empty() && info.input == TaskInput::None && !text.empty())
        throw Error(ErrorKind::BadInput, std::string(info.token) + " takes no text input");
    if (chain != Chain::None && info.result != ResultKind::DescriptionWithBboxes && info.result != ResultKind::Bboxes
        && info.result != ResultKind::PhraseGrounding && info.result != ResultKind::DescriptionWithBboxesOrPolygons)
        throw Error(ErrorKind::BadInput, std::string("a ") + toString(chain) + " chain needs a detection task first (e.g. <OD>), not "
                                             + info.token);
}

RunRequest AnnotateJob::request() const
{
    RunRequest r;
    r.task = task;
    r.text = text;
    r.numBeams = numBeams;
    r.maxNewTokens = maxNewTokens;
    r.scores = scores;
    r.customPrompt = customPrompt;
    return r;
}

RunRequest AnnotateJob::regionRequest(Task regionTask, const Box &region) const
{
    RunRequest r = request();
    r.task = regionTask;
    r.text.clear();
    r.customPrompt.clear(); // a chain's region step is the built-in region task
    r.region = region;
    return r;
}

std::vector<RunResult> runRegions(Pipeline &pipeline, const RgbImage &image, const AnnotateJob &job,
                                  const std::vector<Box> &regions, const JobProgressCallback &progress,
                                  const std::atomic<bool> *cancel)
{
    const TaskInfo &info = taskInfo(job.task);
    if (info.input != TaskInput::Region)
        throw Error(ErrorKind::BadInput, std::string(info.token) + " is not a region task");
    if (regions.empty())
        throw Error(ErrorKind::BadInput, std::string(info.token) + " needs a region: draw a box or select shapes");
    const int runs = int(regions.size());
    std::vector<RunResult> out;
    out.reserve(regions.size());
    for (int i = 0; i < runs; ++i)
        out.push_back(pipeline.run(
            image, job.regionRequest(job.task, regions[std::size_t(i)]),
            [&](const RunProgress &p) {
                if (progress)
                    progress(JobProgress{i + 1, runs, p});
            },
            cancel));
    return out;
}

ResultAnnotations runJob(Pipeline &pipeline, const RgbImage &image, const AnnotateJob &job,
                         const JobProgressCallback &progress, const std::atomic<bool> *cancel,
                         std::vector<RunResult> *runResults)
{
    job.validate();
    int runs = 1;
    int current = 1;
    auto forward = [&](const RunProgress &p) {
        if (progress)
            progress(JobProgress{current, runs, p});
    };
    const RunResult first = pipeline.run(image, job.request(), forward, cancel);
    if (runResults)
        runResults->push_back(first);
    const std::string fallback = job.task == Task::RegionProposal ? "region" : job.text;
    ResultAnnotations out = annotationsFromResult(first.result, image.width, image.height, fallback);
    const Provenance provenance = runProvenance(pipeline, job.text);
    if (job.chain == Chain::None) {
        stampProvenance(out.shapes, provenance);
        return out;
    }

    const Task second = chainRegionTask(job.chain);
    runs = 1 + int(out.shapes.size());
    for (Shape &shape : out.shapes) {
        ++current;
        const RunResult r = pipeline.run(image, job.regionRequest(second, shape.boundingBox()), forward, cancel);
        if (std::optional<Shape> attached = attachRegionAnswer(shape, r))
            shape = std::move(*attached);
        if (runResults)
            runResults->push_back(r);
    }
    stampProvenance(out.shapes, provenance);
    return out;
}

std::string utcTimestamp()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

bool isPromptTableTask(Task task)
{
    return isPromptTableTaskToken(taskInfo(task).token);
}

Provenance runProvenance(const Pipeline &pipeline, const std::string &prompt)
{
    Provenance p;
    p.model = pipeline.summary().name;
    p.checkpoint = pipeline.summary().checkpointId;
    p.prompt = prompt;
    p.time = utcTimestamp();
    return p;
}

void stampProvenance(std::vector<Shape> &shapes, const Provenance &provenance)
{
    for (Shape &s : shapes)
        s.provenance = provenance;
}

ResultAnnotations runPromptTable(Pipeline &pipeline, const RgbImage &image, const AnnotateJob &job,
                                 const std::vector<PromptLabel> &table, const JobProgressCallback &progress,
                                 const std::atomic<bool> *cancel, std::vector<RunResult> *runResults)
{
    if (!isPromptTableTask(job.task))
        throw Error(ErrorKind::BadInput, std::string("a prompt table runs ") + kPromptTableTasks + ", not "
                                             + taskInfo(job.task).token);
    if (table.empty())
        throw Error(ErrorKind::BadInput, "the prompt table is empty");
    ResultAnnotations out;
    for (std::size_t row = 0; row < table.size(); ++row) {
        AnnotateJob rowJob = job;
        rowJob.text = table[row].prompt;
        const auto forward = [&](const JobProgress &p) {
            if (progress)
                progress(JobProgress{int(row) + 1, int(table.size()), p.progress});
        };
        ResultAnnotations answer = runJob(pipeline, image, rowJob, forward, cancel, runResults);
        for (Shape &s : answer.shapes) {
            if (!table[row].label.empty())
                s.label = table[row].label;
            out.shapes.push_back(std::move(s));
        }
        for (Caption &c : answer.captions)
            out.captions.push_back(std::move(c));
    }
    return out;
}

} // namespace florence
