#include "annotate/formats/florence_jsonl.h"

#include "common/error.h"
#include "common/file_io.h"
#include "tasks/answer_text.h"
#include "tasks/postprocess.h"
#include "tasks/result_annotations.h"
#include "tasks/task.h"
#include "train/training_data.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace florence::formats {

namespace {

constexpr int kDecoderPositions = 1024; // max_position_embeddings of every Florence-2 checkpoint

std::vector<Task> tasksOfVariant(const std::string &variant)
{
    if (variant.empty() || variant == "default")
        return {Task::ObjectDetection, Task::OcrWithRegion, Task::Caption, Task::DetailedCaption, Task::MoreDetailedCaption};
    if (variant == "od")
        return {Task::ObjectDetection};
    if (variant == "ocr")
        return {Task::OcrWithRegion};
    if (variant == "dense")
        return {Task::DenseRegionCaption};
    if (variant == "captions")
        return {Task::Caption, Task::DetailedCaption, Task::MoreDetailedCaption};
    throw Error(ErrorKind::BadInput, "unknown Florence-2 JSONL variant '" + variant
                                         + "' (expected default, od, ocr, dense or captions)");
}

bool has(const std::vector<Task> &tasks, Task t)
{
    return std::find(tasks.begin(), tasks.end(), t) != tasks.end();
}

std::string taskList(const std::vector<Task> &tasks)
{
    std::string out;
    for (Task t : tasks)
        out += (out.empty() ? "" : " ") + std::string(taskInfo(t).token);
    return out;
}

/// Counts, for the summary, what of `image` the chosen tasks' answers keep, convert and drop.
void account(ExportSummary &sum, const ImageRecord &image, const std::vector<Task> &tasks)
{
    const bool od = has(tasks, Task::ObjectDetection), dense = has(tasks, Task::DenseRegionCaption),
               ocr = has(tasks, Task::OcrWithRegion);
    const std::string chosen = " (tasks: " + taskList(tasks) + ")";
    for (const Shape &s : image.shapes) {
        const bool quad = s.kind == ShapeKind::Quad;
        bool used = false;
        if (quad) {
            if (ocr && !answerLabel(s.text).empty()) {
                used = true;
                if (!s.label.empty() && s.label != "text")
                    sum.drop("label of an OCR quad: <OCR_WITH_REGION> answers carry the text only");
            } else if (ocr) {
                sum.drop("OCR quad without text: an <OCR_WITH_REGION> answer is text + quad");
            } else {
                sum.drop("quad: no chosen task answers with quads" + chosen);
            }
        } else {
            const bool byLabel = od && !answerLabel(s.label).empty();
            const bool byText = dense && !answerLabel(s.text).empty();
            used = byLabel || byText;
            if (!used)
                sum.drop(std::string(od || dense ? "box/polygon without a label (or text for <DENSE_REGION_CAPTION>)"
                                                 : "box/polygon: no chosen task answers with boxes")
                         + chosen);
            else if (s.kind == ShapeKind::Polygon)
                sum.convert("polygon -> its bounding box: <OD> / <DENSE_REGION_CAPTION> answers are boxes");
            if (used && !dense && !s.text.empty())
                sum.drop("shape text: only <DENSE_REGION_CAPTION> answers carry it" + chosen);
            if (used && dense && !od && !s.label.empty())
                sum.drop("label: <DENSE_REGION_CAPTION> answers carry the text, not the label" + chosen);
        }
        if (used) {
            sum.objectsPerClass[quad ? std::string("text") : s.label] += 1;
            if (answerLabel(s.label) != s.label || answerLabel(s.text) != s.text)
                sum.convert("'<', '>' and surrounding spaces removed from a label or text: '<' would start a special token");
        }
    }
    for (const Caption &c : image.captions) {
        bool fed = false;
        for (Task t : tasks)
            if (c.origin == taskInfo(t).token || (t == Task::Caption && c.origin == kManualOrigin))
                fed = true;
        if (!fed)
            sum.drop("caption of origin " + c.origin + ": no chosen task answers with it" + chosen);
    }
    noteUnheld(sum, image, "Florence-2 JSONL", true, false, true);
}

std::string splitFile(const std::string &split)
{
    return split == "val" ? "valid.jsonl" : split + ".jsonl";
}

std::string splitOfFile(const std::string &name)
{
    if (name == "valid.jsonl" || name == "val.jsonl" || name == "validation.jsonl")
        return "val";
    if (name == "test.jsonl")
        return "test";
    return "train";
}

} // namespace

int estimateAnswerTokens(const std::string &suffix)
{
    int tokens = 0;
    std::size_t textBytes = 0;
    for (std::size_t i = 0; i < suffix.size();) {
        if (suffix.compare(i, 5, "<loc_") == 0) {
            const std::size_t end = suffix.find('>', i);
            if (end != std::string::npos) {
                ++tokens;
                i = end + 1;
                continue;
            }
        }
        if (suffix.compare(i, 5, "<sep>") == 0) {
            ++tokens;
            i += 5;
            continue;
        }
        ++textBytes;
        ++i;
    }
    return tokens + int((textBytes + 3) / 4);
}

ExportResult writeFlorenceJsonl(const Dataset &input, const ExportOptions &options)
{
    const std::vector<Task> tasks = tasksOfVariant(options.variant);
    Dataset ds = input;
    fillImageSizes(ds);
    const std::vector<std::string> splits = assignSplits(ds, options.split);
    ExportResult result;
    ExportSummary &sum = result.summary;
    sum.format = "Florence-2 JSONL (" + taskList(tasks) + ")";
    std::map<std::string, std::vector<TrainingExample>> bySplit{{"train", {}}, {"val", {}}};
    std::size_t tooLong = 0, withoutExamples = 0;
    std::string firstTooLong;
    for (std::size_t i = 0; i < ds.images.size(); ++i) {
        const ImageRecord &image = ds.images[i];
        account(sum, image, tasks);
        const std::string source = sourcePath(ds, i);
        std::string jsonlImage = image.path;
        if (options.copyImages) {
            jsonlImage = "images/" + image.path;
            result.copies.push_back({source, jsonlImage});
        } else {
            jsonlImage = fs::absolute(fs::u8path(source)).lexically_normal().u8string();
        }
        const std::vector<TaskAnswer> answers = answersForImage(image, tasks);
        if (answers.empty())
            ++withoutExamples;
        for (const TaskAnswer &a : answers) {
            // +3: <s>, </s> and the decoder start token share the decoder's positions.
            const int estimate = estimateAnswerTokens(a.suffix) + 3;
            if (estimate >= kDecoderPositions) {
                if (!tooLong++)
                    firstTooLong = image.path + " " + taskInfo(a.task).token + " (about " + std::to_string(estimate)
                                   + " tokens)";
            }
            bySplit[splits[i]].push_back(TrainingExample{jsonlImage, a.prefix(), a.suffix, 0});
        }
        sum.splitImages[splits[i] == "val" ? "valid" : splits[i]] += 1;
    }
    sum.images = ds.images.size();
    for (const auto &[split, examples] : bySplit) {
        if (split == "test" && examples.empty())
            continue;
        result.files.push_back({splitFile(split), toJsonl(examples)});
        sum.files.push_back(splitFile(split) + " (" + std::to_string(examples.size()) + " examples)");
    }
    if (withoutExamples)
        sum.warnings.push_back(std::to_string(withoutExamples)
                               + " image(s) give no example for the chosen tasks (nothing to learn from them)");
    if (tooLong)
        sum.warnings.push_back(std::to_string(tooLong) + " answer(s) reach Florence-2's " + std::to_string(kDecoderPositions)
                               + "-token limit (estimated; first: " + firstTooLong
                               + "): training cuts them. Tile the images (crop them into parts) or choose fewer "
                                 "tasks; florence-cli train counts the tokens exactly with the model's tokenizer");
    return result;
}

Dataset readFlorenceJsonl(const std::string &input, const ImportOptions &)
{
    std::vector<std::string> files;
    std::error_code ec;
    if (fs::is_directory(fs::u8path(input), ec)) {
        for (const std::string &rel : listFiles(input))
            if (rel.find('/') == std::string::npos && rel.size() > 6 && rel.compare(rel.size() - 6, 6, ".jsonl") == 0)
                files.push_back((fs::u8path(input) / fs::u8path(rel)).u8string());
        if (files.empty())
            throw Error(ErrorKind::BadInput, "folder '" + input + "' holds no .jsonl file (train.jsonl, valid.jsonl)");
    } else {
        files.push_back(input);
    }
    Dataset ds;
    ds.root = fs::is_directory(fs::u8path(input), ec) ? input : fs::u8path(input).parent_path().u8string();
    if (ds.root.empty())
        ds.root = ".";
    const fs::path rootAbs = fs::absolute(fs::u8path(ds.root)).lexically_normal();
    std::map<std::string, std::size_t> imageIndex; // resolved source path -> index into ds.images
    std::size_t regionAnswers = 0;
    for (const std::string &file : files) {
        const std::string split = splitOfFile(fs::u8path(file).filename().u8string());
        for (const TrainingExample &e : loadJsonl(file)) {
            const std::string where = "Florence-2 JSONL file '" + file + "' line " + std::to_string(e.line);
            const std::size_t close = e.prefix.find('>');
            const std::optional<Task> task =
                close == std::string::npos ? std::nullopt : taskFromToken(e.prefix.substr(0, close + 1));
            if (!task)
                throw Error(ErrorKind::BadInput, where + ": field \"prefix\": '" + e.prefix.substr(0, 60)
                                                     + "' does not start with a Florence-2 task token");
            const TaskInfo &info = taskInfo(*task);
            if (info.input == TaskInput::Region) {
                ++regionAnswers;
                continue;
            }
            const std::string source = fs::absolute(fs::u8path(e.image)).lexically_normal().u8string();
            auto it = imageIndex.find(source);
            if (it == imageIndex.end()) {
                if (!isRegularFile(source))
                    throw Error(ErrorKind::BadInput, where + ": image '" + e.image + "' does not exist");
                ImageRecord rec;
                const fs::path rel = fs::u8path(source).lexically_relative(rootAbs);
                const bool inside = !rel.empty() && rel.begin()->u8string() != "..";
                rec.path = inside ? rel.generic_u8string() : source;
                Dataset one;
                one.root = ds.root;
                one.images = {rec};
                one.sources = {source};
                try {
                    fillImageSizes(one);
                } catch (const Error &err) {
                    throw Error(ErrorKind::BadInput, where + ": " + err.what());
                }
                it = imageIndex.emplace(source, ds.images.size()).first;
                ds.images.push_back(one.images.front());
                ds.sources.push_back(source);
                ds.splits.push_back(split);
            }
            ImageRecord &image = ds.images[it->second];
            const std::string text = e.prefix.substr(close + 1);
            const PostprocessResult parsed = postprocessGeneration(e.suffix, info.token, image.width, image.height);
            ResultAnnotations a = annotationsFromResult(parsed, image.width, image.height, text);
            for (Shape &s : a.shapes) {
                s.origin = kManualOrigin;
                if (*task == Task::DenseRegionCaption) { // the answer's label is the region's description
                    s.text = s.label;
                    s.label.clear();
                }
                image.shapes.push_back(std::move(s));
            }
            for (Caption &c : a.captions)
                image.captions.push_back(std::move(c));
        }
    }
    if (regionAnswers)
        ds.notes.push_back(std::to_string(regionAnswers)
                           + " answers of region tasks: they describe one region of the prompt, not the image, so they "
                             "are not imported");
    std::set<std::string> seen;
    for (const ImageRecord &image : ds.images)
        for (const Shape &s : image.shapes)
            if (seen.insert(s.label).second)
                ds.labels.push_back(s.label);
    return ds;
}

} // namespace florence::formats
