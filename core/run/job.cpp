#include "run/job.h"

#include "common/error.h"

#include <algorithm>
#include "io/checkpoint_id.h"
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

std::string promptTableJobKey(Task task, const std::vector<PromptLabel> &table)
{
    return std::string(taskInfo(task).token) + "|prompts=" + io::shortSha256(promptTableToJson(PromptTable{{}, table}));
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

std::vector<JobOutcome> runJobBatch(Pipeline &pipeline, const std::vector<const RgbImage *> &images,
                                    const AnnotateJob &job, int batchSize, const BatchJobProgressCallback &progress,
                                    const std::atomic<bool> *cancel)
{
    job.validate();
    batchSize = std::max(batchSize, 1);
    std::vector<JobOutcome> out(images.size());
    std::vector<std::optional<PreprocessedImage>> inputs(images.size());
    std::vector<int> runsOf(images.size(), 1);
    auto fail = [&](std::size_t i, ErrorKind kind, const std::string &message) {
        if (kind == ErrorKind::Cancelled || kind == ErrorKind::Internal)
            throw Error(kind, message);
        out[i].annotations.reset();
        out[i].errorKind = kind;
        out[i].error = message;
    };
    // Runs `requests` (image index, request) in batches; hands each outcome to `take`.
    auto runAll = [&](const std::vector<std::pair<std::size_t, RunRequest>> &requests, int firstRun,
                      const std::function<void(std::size_t, const BatchOutcome &)> &take) {
        for (std::size_t b = 0; b < requests.size(); b += std::size_t(batchSize)) {
            const std::size_t e = std::min(requests.size(), b + std::size_t(batchSize));
            std::vector<BatchRequest> batch;
            for (std::size_t k = b; k < e; ++k) {
                BatchRequest r;
                r.input = &*inputs[requests[k].first];
                r.request = requests[k].second;
                batch.push_back(std::move(r));
            }
            const std::vector<BatchOutcome> outcomes = pipeline.runBatch(
                batch,
                [&](std::size_t k, const RunProgress &p) {
                    if (progress) {
                        const std::size_t image = requests[b + k].first;
                        progress(image, JobProgress{firstRun + int(b + k), runsOf[image], p});
                    }
                },
                cancel);
            for (std::size_t k = b; k < e; ++k)
                take(k, outcomes[k - b]);
        }
    };

    std::vector<std::pair<std::size_t, RunRequest>> first;
    for (std::size_t i = 0; i < images.size(); ++i) {
        try {
            if (!images[i] || images[i]->empty())
                throw Error(ErrorKind::BadInput, "cannot run " + std::string(taskInfo(job.task).token) + " on an empty image");
            inputs[i] = pipeline.preprocess(*images[i]);
            first.emplace_back(i, job.request());
        } catch (const Error &e) {
            fail(i, e.kind(), e.what());
        }
    }
    const std::string fallback = job.task == Task::RegionProposal ? "region" : job.text;
    runAll(first, 1, [&](std::size_t k, const BatchOutcome &o) {
        const std::size_t i = first[k].first;
        if (!o.ok())
            return fail(i, o.errorKind, o.error);
        out[i].annotations = annotationsFromResult(o.result->result, images[i]->width, images[i]->height, fallback);
        out[i].runs.push_back(*o.result);
    });
    // Every shape of the batch carries the same provenance as runJob's (one stamp per batch).
    const Provenance provenance = runProvenance(pipeline, job.text);
    const auto stampAll = [&] {
        for (JobOutcome &o : out)
            if (o.ok())
                stampProvenance(o.annotations->shapes, provenance);
    };
    if (job.chain == Chain::None) {
        stampAll();
        return out;
    }

    // The chain: every box of an image in batches (one image's requests share its features).
    const Task second = chainRegionTask(job.chain);
    for (std::size_t i = 0; i < images.size(); ++i) {
        if (!out[i].ok())
            continue;
        std::vector<Shape> &shapes = out[i].annotations->shapes;
        runsOf[i] = 1 + int(shapes.size());
        std::vector<std::pair<std::size_t, RunRequest>> regions;
        for (const Shape &shape : shapes)
            regions.emplace_back(i, job.regionRequest(second, shape.boundingBox()));
        bool failed = false;
        runAll(regions, 2, [&](std::size_t k, const BatchOutcome &o) {
            if (failed)
                return;
            if (!o.ok()) {
                failed = true;
                return fail(i, o.errorKind, o.error);
            }
            if (std::optional<Shape> attached = attachRegionAnswer(shapes[k], *o.result))
                shapes[k] = std::move(*attached);
            out[i].runs.push_back(*o.result);
        });
    }
    stampAll();
    return out;
}

} // namespace florence
