#include "batch/batch_annotate.h"

#include "batch/checkpoint.h"

#include "annotate/coco.h"
#include "annotate/project.h"
#include "common/error.h"
#include "common/file_io.h"
#include "image/decode.h"
#include "run/job.h"
#include "tasks/task.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sys/stat.h>
#include <set>
#include <unistd.h>

namespace florence {

namespace fs = std::filesystem;

namespace {

bool isImageName(const std::string &name)
{
    const auto dot = name.rfind('.');
    if (dot == std::string::npos)
        return false;
    std::string ext = name.substr(dot + 1);
    for (char &c : ext)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    static const char *known[] = {"jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp"};
    return std::find_if(std::begin(known), std::end(known), [&](const char *k) { return ext == k; }) != std::end(known);
}

std::string shardText(int index, int count)
{
    return std::to_string(index + 1) + "/" + std::to_string(count);
}

} // namespace

std::string batchJobKey(const BatchOptions &options)
{
    std::string key = options.job.key();
    if (!options.prompts.empty())
        key = promptTableJobKey(options.job.task, options.prompts);
    return withTilingKey(std::move(key), options.tiling);
}

std::string withTilingKey(std::string key, const std::optional<TiledRunOptions> &tiling)
{
    if (tiling) {
        const TilingOptions &t = tiling->tiling;
        key += "|tiles=";
        if (t.gridCols > 0)
            key += std::to_string(t.gridCols) + "x" + std::to_string(t.gridRows);
        else
            key += std::to_string(t.tileSize);
        char overlap[32];
        std::snprintf(overlap, sizeof overlap, "%g", t.overlap);
        key += std::string("/") + overlap;
        if (t.fullPass)
            key += "+full";
        key += std::string("/") + toString(tiling->merge.boxMerge);
    }
    return key;
}

std::vector<std::string> listImageFiles(const std::string &dir, bool recursive)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(ErrorKind::Io, "'" + dir + "' is not a readable folder");
    std::vector<std::string> out;
    const fs::path root(dir);
    auto consider = [&](const fs::directory_entry &e) {
        std::error_code fec;
        if (e.is_regular_file(fec) && isImageName(e.path().filename().string()))
            out.push_back(e.path().lexically_relative(root).generic_string());
    };
    if (recursive) {
        for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
             it.increment(ec))
            consider(*it);
    } else {
        for (fs::directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
             it.increment(ec))
            consider(*it);
    }
    if (ec)
        throw Error(ErrorKind::Io, "cannot list folder '" + dir + "': " + ec.message());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> shardOf(const std::vector<std::string> &files, int index, int count)
{
    if (count < 1 || index < 0 || index >= count)
        throw Error(ErrorKind::BadInput, "bad shard " + std::to_string(index + 1) + "/" + std::to_string(count));
    std::vector<std::string> out;
    for (std::size_t i = std::size_t(index); i < files.size(); i += std::size_t(count))
        out.push_back(files[i]);
    return out;
}

std::pair<int, int> parseShard(const std::string &text)
{
    const auto slash = text.find('/');
    auto bad = [&] {
        return Error(ErrorKind::BadInput, "--shard: expected I/N with 1 <= I <= N (e.g. 2/8), got '" + text + "'");
    };
    if (slash == std::string::npos || slash == 0 || slash + 1 >= text.size())
        throw bad();
    const std::string a = text.substr(0, slash), b = text.substr(slash + 1);
    if (a.find_first_not_of("0123456789") != std::string::npos || b.find_first_not_of("0123456789") != std::string::npos
        || a.size() > 6 || b.size() > 6)
        throw bad();
    const int i = std::stoi(a), n = std::stoi(b);
    if (n < 1 || i < 1 || i > n)
        throw bad();
    return {i - 1, n};
}

std::string checkpointPathFor(const std::string &instancesPath)
{
    return instancesPath + ".checkpoint.jsonl";
}

BatchSummary runBatch(Pipeline &pipeline, const BatchOptions &options, const std::function<void(const BatchEvent &)> &onImage,
                      const std::function<void(const JobProgress &)> &onProgress, const std::atomic<bool> *cancel)
{
    options.job.validate();
    if (options.tiling) {
        if (options.job.chain != Chain::None)
            throw Error(ErrorKind::BadInput, "tiling does not combine with a chain yet (issue 16); run the detection tiled "
                                             "without --chain");
        if (!isTileable(options.job.task))
            throw Error(ErrorKind::BadInput, std::string(taskInfo(options.job.task).token) + " cannot run tiled");
        options.tiling->tiling.validate();
    }
    const std::vector<std::string> files =
        shardOf(listImageFiles(options.inputDir, options.recursive), options.shardIndex, options.shardCount);
    const std::string shard = shardText(options.shardIndex, options.shardCount);
    const std::string checkpointPath = checkpointPathFor(options.outPath);
    const std::string jobKey = batchJobKey(options);

    CheckpointState previous;
    if (!options.restart)
        previous = readCheckpoint(checkpointPath, jobKey, shard);
    const std::map<std::string, ImageRecord> &done = previous.done;
    const bool fresh = options.restart || !previous.exists;
    // Issue 17, finding 8: `--out new/dir/out.json` creates the folder.
    const fs::path outDir = fs::path(options.outPath).parent_path();
    if (!outDir.empty()) {
        std::error_code ec;
        fs::create_directories(outDir, ec);
        if (ec)
            throw Error(ErrorKind::Io, "cannot create the output folder '" + outDir.string() + "': " + ec.message());
    }
    CheckpointWriter checkpoint(checkpointPath, fresh, previous.keepBytes, previous.addNewline);
    std::set<std::string> truncated = previous.truncated;
    if (fresh)
        checkpoint.appendHeader(jobKey, shard);

    BatchSummary summary;
    summary.total = int(files.size());
    BatchEvent event;
    event.total = summary.total;
    // Records in file order (a batch finishes its images together, skipped ones at once).
    std::vector<std::optional<ImageRecord>> slots(files.size());
    auto checkCancel = [&] {
        if (cancel && cancel->load())
            throw Error(ErrorKind::Cancelled, "batch cancelled after " + std::to_string(event.done) + " of "
                                                  + std::to_string(event.total) + " images; run again to resume");
    };
    auto finished = [&](std::size_t index, std::optional<ImageRecord> record, bool cut, const std::string &error,
                        double ms) {
        const std::string &rel = files[index];
        event.image = rel;
        event.error = error;
        event.imageMs = ms;
        if (record) {
            record->doneTasks = {jobKey};
            record->status = record->shapes.empty() && record->captions.empty() ? ImageStatus::None
                                                                                : ImageStatus::PreAnnotated;
            Project one;
            one.images = {*record};
            checkpoint.appendImage(rel, one, cut);
            if (cut)
                truncated.insert(rel);
            slots[index] = std::move(record);
            ++summary.processed;
        } else {
            summary.failures.emplace_back(rel, error);
            ++event.failed;
        }
        ++event.done;
        if (onImage)
            onImage(event);
    };
    auto recordOf = [&](const std::string &rel, const RgbImage &image, ResultAnnotations result) {
        ImageRecord record;
        record.path = rel;
        record.width = image.width;
        record.height = image.height;
        record.shapes = std::move(result.shapes);
        record.captions = std::move(result.captions);
        return record;
    };
    // Tiles and prompt tables run one image at a time (a prompt table is itself a loop of runs).
    const std::size_t batchSize = options.tiling || !options.prompts.empty() ? 1 : std::size_t(std::max(options.batchSize, 1));
    std::vector<std::size_t> pending; // images of the next model batch, in file order
    // Runs the pending images: decoded one by one, their runs batched.
    auto flush = [&] {
        if (pending.empty())
            return;
        const auto t0 = std::chrono::steady_clock::now();
        std::vector<std::optional<RgbImage>> decoded(pending.size());
        std::vector<std::string> errors(pending.size());
        std::vector<const RgbImage *> images;
        std::vector<std::size_t> decodedIndex;
        for (std::size_t k = 0; k < pending.size(); ++k) {
            try {
                decoded[k] = decodeImageFile((fs::path(options.inputDir) / files[pending[k]]).string());
                images.push_back(&*decoded[k]);
                decodedIndex.push_back(k);
            } catch (const Error &e) {
                if (e.kind() == ErrorKind::Cancelled || e.kind() == ErrorKind::Internal)
                    throw;
                errors[k] = e.what();
            }
        }
        std::vector<JobOutcome> outcomes;
        if (!images.empty())
            outcomes = runJobBatch(pipeline, images, options.job, int(batchSize),
                                   [&](std::size_t, const JobProgress &p) {
                                       if (onProgress)
                                           onProgress(p);
                                   },
                                   cancel);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count()
                          / double(pending.size());
        std::vector<std::optional<JobOutcome>> byPending(pending.size());
        for (std::size_t d = 0; d < decodedIndex.size(); ++d)
            byPending[decodedIndex[d]] = std::move(outcomes[d]);
        for (std::size_t k = 0; k < pending.size(); ++k) {
            if (!byPending[k]) {
                finished(pending[k], std::nullopt, false, errors[k], ms);
            } else if (!byPending[k]->ok()) {
                finished(pending[k], std::nullopt, false, byPending[k]->error, ms);
            } else {
                JobOutcome &o = *byPending[k];
                const bool cut = std::any_of(o.runs.begin(), o.runs.end(), [](const RunResult &r) { return r.truncated; });
                finished(pending[k], recordOf(files[pending[k]], *decoded[k], std::move(*o.annotations)), cut, "", ms);
            }
        }
        pending.clear();
    };
    for (std::size_t index = 0; index < files.size(); ++index) {
        const std::string &rel = files[index];
        checkCancel();
        if (auto it = done.find(rel); it != done.end()) {
            slots[index] = it->second;
            ++summary.skipped;
            ++event.skipped;
            event.image = rel;
            event.error.clear();
            event.imageMs = 0.0;
            ++event.done;
            if (onImage)
                onImage(event);
            continue;
        }
        if (batchSize > 1) {
            pending.push_back(index);
            if (pending.size() == batchSize)
                flush();
            continue;
        }
        const auto t0 = std::chrono::steady_clock::now();
        try {
            const RgbImage image = decodeImageFile((fs::path(options.inputDir) / rel).string());
            ResultAnnotations result;
            bool cut = false;
            if (options.tiling) {
                RunRequest request;
                request.task = options.job.task;
                request.text = options.job.text;
                request.numBeams = options.job.numBeams;
                request.maxNewTokens = options.job.maxNewTokens;
                request.scores = options.job.scores;
                TiledCallbacks callbacks;
                if (onProgress)
                    callbacks.progress = [&](const TileProgress &p) { onProgress(JobProgress{p.tile + 1, p.tiles, p.run}); };
                TiledResult tiled = runTiled(pipeline, image, request, *options.tiling, callbacks, cancel);
                result.shapes = std::move(tiled.shapes);
                cut = tiled.truncated();
            } else {
                std::vector<RunResult> runs;
                result = options.prompts.empty()
                    ? runJob(pipeline, image, options.job, onProgress, cancel, &runs)
                    : runPromptTable(pipeline, image, options.job, options.prompts, onProgress, cancel, &runs);
                cut = std::any_of(runs.begin(), runs.end(), [](const RunResult &r) { return r.truncated; });
            }
            finished(index, recordOf(rel, image, std::move(result)), cut, "",
                     std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        } catch (const Error &e) {
            if (e.kind() == ErrorKind::Cancelled || e.kind() == ErrorKind::Internal)
                throw;
            finished(index, std::nullopt, false, e.what(),
                     std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
    }
    checkCancel();
    flush();
    std::vector<ImageRecord> records;
    for (std::optional<ImageRecord> &r : slots)
        if (r)
            records.push_back(std::move(*r));

    const CocoFiles coco = exportCoco(records);
    writeFileAtomic(options.outPath, markCocoTruncated(coco.instances, {truncated.begin(), truncated.end()}));
    summary.truncated.assign(truncated.begin(), truncated.end());
    summary.instancesPath = options.outPath;
    const bool textAnswers = options.job.chain == Chain::None && taskInfo(options.job.task).result == ResultKind::PureText;
    const bool anyCaption = std::any_of(records.begin(), records.end(), [](const ImageRecord &r) { return !r.captions.empty(); });
    if (textAnswers || anyCaption) {
        summary.captionsPath = captionsPathFor(options.outPath);
        writeFileAtomic(summary.captionsPath, coco.captions);
    }
    return summary;
}

} // namespace florence
