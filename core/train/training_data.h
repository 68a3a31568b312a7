#pragma once
// Fine-tuning examples and the Florence-2 fine-tuning JSONL format that the Python recipes read
// (one JSON object per line: {"image": PATH, "prefix": PROCESSOR_TEXT, "suffix": ANSWER}).
// Torch-free: used by the CLI, the trainer and (later) the GUI dialog.

#include "annotate/project.h"
#include "tasks/task.h"

#include <cstdint>
#include <string>
#include <vector>

namespace florence {

class Tokenizer;

/// One fine-tuning example.
struct TrainingExample
{
    std::string image;   ///< image path (absolute, or relative to the JSONL file / project folder)
    std::string prefix;  ///< processor text: task token + input ("<OD>", "<CAPTION_TO_PHRASE_GROUNDING>a car")
    std::string suffix;  ///< answer the model should generate, without <s> and </s>
    int line = 0;        ///< 1-based line in the JSONL file it came from (0: not from a file)
};

/// Examples of a project: every image with status Reviewed (all images with annotations when
/// `reviewedOnly` is false) through answersForImage(). Image paths are made absolute against
/// project.rootDir. Throws Error(BadInput) naming the image when its size is unknown.
std::vector<TrainingExample> examplesFromProject(const Project &project, const std::vector<Task> &tasks,
                                                 bool reviewedOnly = true);

/// One JSONL line (no newline) of an example: {"image": ..., "prefix": ..., "suffix": ...}.
std::string toJsonlLine(const TrainingExample &example);
/// All examples as JSONL text, one line each.
std::string toJsonl(const std::vector<TrainingExample> &examples);

/// Parses JSONL text. Blank lines are skipped. Each line must be a JSON object with string fields
/// "image", "prefix" and "suffix" (other fields are ignored), at most 1 MiB long and nested at most
/// 16 deep. A relative image path is resolved against `baseDir` when it is not empty.
/// Throws Error(BadInput) naming `fileName`, the line and the field on anything else.
std::vector<TrainingExample> parseJsonl(const std::string &text, const std::string &fileName,
                                        const std::string &baseDir = {});
/// Reads and parses a JSONL file (relative image paths resolved against its folder). Throws
/// Error(Io) when the file cannot be read, and as parseJsonl.
std::vector<TrainingExample> loadJsonl(const std::string &path);

/// A deterministic train/validation split that keeps every image on one side: an image goes to
/// validation when a hash of its path (FNV-1a 64) mod 1000 is below validFraction * 1000.
struct TrainValidSplit
{
    std::vector<TrainingExample> train;
    std::vector<TrainingExample> valid;
};
TrainValidSplit splitTrainValid(const std::vector<TrainingExample> &examples, double validFraction);

/// Length check against the model's positions: the encoder sees `imageTokens` image features plus
/// the prompt's tokens, the decoder the answer's tokens plus <s>/</s> and the start token; both are
/// limited to `maxPositions` (max_position_embeddings, 1024 in Florence-2). One warning per
/// example that does not fit, naming its line (or index), image, and the counts.
std::vector<std::string> checkExampleLengths(const std::vector<TrainingExample> &examples, const Tokenizer &tokenizer,
                                             int imageTokens = 577, int maxPositions = 1024);

} // namespace florence
