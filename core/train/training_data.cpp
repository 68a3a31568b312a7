#include "train/training_data.h"

#include "annotate/review.h"

#include "common/json_reader.h"
#include "common/error.h"
#include "common/file_io.h"
#include "tasks/answer_text.h"
#include "tasks/prompt.h"
#include "text/tokenizer.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace florence {

namespace {

constexpr std::size_t kMaxLineBytes = 1u << 20;
constexpr int kMaxNesting = 16;

std::string resolvePath(const std::string &path, const std::string &baseDir)
{
    if (baseDir.empty() || path.empty())
        return path;
    const std::filesystem::path p = std::filesystem::u8path(path);
    if (p.is_absolute())
        return path;
    return (std::filesystem::u8path(baseDir) / p).lexically_normal().u8string();
}

std::uint64_t fnv1a(const std::string &s)
{
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::string where(const TrainingExample &e, std::size_t index)
{
    return (e.line > 0 ? "line " + std::to_string(e.line) : "example " + std::to_string(index + 1)) + " (" + e.image
           + ")";
}

} // namespace

std::vector<TrainingExample> examplesFromProject(const Project &project, const std::vector<Task> &tasks,
                                                 bool reviewedOnly)
{
    std::vector<TrainingExample> out;
    for (const ImageRecord &image : project.images) {
        if (reviewedOnly ? image.status != ImageStatus::Reviewed : image.status == ImageStatus::None)
            continue;
        const std::string path = resolvePath(image.path, project.rootDir);
        // Pending suggestions are nobody's answer yet: trained on once accepted.
        for (const TaskAnswer &a : answersForImage(acceptedOnly({image}).front(), tasks))
            out.push_back(TrainingExample{path, a.prefix(), a.suffix, 0});
    }
    return out;
}

std::string toJsonlLine(const TrainingExample &example)
{
    nlohmann::ordered_json j;
    j["image"] = example.image;
    j["prefix"] = example.prefix;
    j["suffix"] = example.suffix;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

std::string toJsonl(const std::vector<TrainingExample> &examples)
{
    std::string out;
    for (const TrainingExample &e : examples)
        out += toJsonlLine(e) + "\n";
    return out;
}

std::vector<TrainingExample> parseJsonl(const std::string &text, const std::string &fileName, const std::string &baseDir)
{
    std::vector<TrainingExample> out;
    std::size_t pos = 0;
    int lineNo = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        ++lineNo;
        std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        const std::string at = fileName + ", line " + std::to_string(lineNo);
        if (line.size() > kMaxLineBytes)
            throw Error(ErrorKind::BadInput, at + ": line is " + std::to_string(line.size()) + " bytes, more than the limit of "
                                                 + std::to_string(kMaxLineBytes));
        if (JsonFieldReader::nestingDepth(line, kMaxNesting) > kMaxNesting)
            throw Error(ErrorKind::BadInput, at + ": JSON nested deeper than " + std::to_string(kMaxNesting) + " levels");
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception &e) {
            throw Error(ErrorKind::BadInput, at + ": not valid JSON (" + e.what() + ")");
        }
        if (!j.is_object())
            throw Error(ErrorKind::BadInput, at + ": expected a JSON object {\"image\", \"prefix\", \"suffix\"}");
        TrainingExample ex;
        ex.line = lineNo;
        for (const char *field : {"image", "prefix", "suffix"}) {
            const auto it = j.find(field);
            if (it == j.end())
                throw Error(ErrorKind::BadInput, at + ": field \"" + field + "\" is missing");
            if (!it->is_string())
                throw Error(ErrorKind::BadInput, at + ": field \"" + field + "\" must be a string, got "
                                                     + it->type_name());
        }
        ex.image = resolvePath(j["image"].get<std::string>(), baseDir);
        ex.prefix = j["prefix"].get<std::string>();
        ex.suffix = j["suffix"].get<std::string>();
        if (ex.image.empty())
            throw Error(ErrorKind::BadInput, at + ": field \"image\" is empty");
        if (ex.prefix.empty())
            throw Error(ErrorKind::BadInput, at + ": field \"prefix\" is empty (expected a task token such as <OD>)");
        try {
            (void)constructPrompt(ex.prefix);
        } catch (const Error &e) {
            throw Error(ErrorKind::BadInput, at + ": field \"prefix\": " + e.what());
        }
        out.push_back(std::move(ex));
    }
    return out;
}

std::vector<TrainingExample> loadJsonl(const std::string &path)
{
    const std::string base = std::filesystem::u8path(path).parent_path().u8string();
    return parseJsonl(readTextFile(path), path, base);
}

TrainValidSplit splitTrainValid(const std::vector<TrainingExample> &examples, double validFraction)
{
    if (!(validFraction >= 0.0 && validFraction < 1.0))
        throw Error(ErrorKind::BadInput, "validation fraction must be in [0, 1), got " + std::to_string(validFraction));
    const std::uint64_t threshold = std::uint64_t(validFraction * 1000.0 + 0.5);
    TrainValidSplit out;
    for (const TrainingExample &e : examples)
        (fnv1a(e.image) % 1000 < threshold ? out.valid : out.train).push_back(e);
    return out;
}

std::vector<std::string> checkExampleLengths(const std::vector<TrainingExample> &examples, const Tokenizer &tokenizer,
                                             int imageTokens, int maxPositions)
{
    std::vector<std::string> warnings;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const TrainingExample &e = examples[i];
        const std::size_t prompt = tokenizer.encode(constructPrompt(e.prefix)).size();
        const std::size_t answer = tokenizer.encode(e.suffix).size(); // labels: <s> answer </s>
        if (std::size_t(imageTokens) + prompt > std::size_t(maxPositions))
            warnings.push_back(where(e, i) + ": the encoder input is " + std::to_string(imageTokens) + " image + "
                               + std::to_string(prompt) + " prompt tokens, more than the model's "
                               + std::to_string(maxPositions) + " positions");
        if (answer > std::size_t(maxPositions))
            warnings.push_back(where(e, i) + ": the answer is " + std::to_string(answer)
                               + " tokens, more than the model's " + std::to_string(maxPositions)
                               + " decoder positions; it would be cut");
    }
    return warnings;
}

} // namespace florence
