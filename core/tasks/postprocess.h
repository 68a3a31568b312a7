#pragma once
// Parsing of Florence-2's generated text into results: a port of Florence2PostProcesser and
// Florence2Processor.post_process_generation (processing_florence2.py), including the score mode
// (sequence + transition scores -> decode_with_spans -> avg_loc_scores -> exp(mean)).

#include "tasks/task.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace florence {

class Tokenizer;

/// The geometry one parsed instance carries.
enum class InstanceGeometry {
    Box,      ///< `box` holds x1, y1, x2, y2
    Quad,     ///< `quad` holds four corners x1, y1, ..., x4, y4 (OCR line, in the model's order)
    Polygon,  ///< `rings` holds one or more rings (<sep>-separated parts of one mask)
};

/// One object of a parsed answer. Coordinates are original-image pixels, float32 values exactly
/// as the reference computes them ((bin + 0.5) * size / 1000), not clamped to the image.
struct PostprocessInstance
{
    InstanceGeometry geometry = InstanceGeometry::Box;
    std::array<float, 4> box{};              ///< Box
    std::array<float, 8> quad{};             ///< Quad
    std::vector<std::vector<float>> rings;   ///< Polygon: flat x, y lists; a ring may hold fewer than
                                             ///< three points (even none) when the model said so
    std::string label;                       ///< category / phrase / OCR text (UTF-8), may be empty
    std::optional<double> score;             ///< exp(mean transition score of its loc tokens), score mode only
};

/// The parsed answer of one task.
struct PostprocessResult
{
    std::string task;        ///< the task token passed in (key of the reference's result dict)
    ResultKind kind = ResultKind::PureText;
    std::string text;        ///< PureText: the answer without <s> and </s>; otherwise the text parsed
    std::vector<PostprocessInstance> instances; ///< in the reference's order (empty for PureText)
};

/// post_process_generation(text, task, image_size=(width, height)) on decoded text (decode with
/// skip_special_tokens=False). An unknown task token parses as pure text, like the reference.
/// Throws Error(BadInput) for invalid UTF-8, a non-positive image size, or a <loc_N> value too
/// large for int64 in a parsed group (the reference raises there too).
PostprocessResult postprocessGeneration(const std::string &text, const std::string &task, int width, int height);

/// post_process_generation(sequence=..., transition_beam_score=..., task, image_size) on generated
/// ids (starting with the decoder start token, which is dropped). `scores` holds one float32
/// transition score per id after the first (len(sequence) - 1 values), or nothing; with scores,
/// description_with_bboxes instances get exp(mean score of the tokens covering their 4 loc tokens).
/// Throws Error(BadInput) for a score count mismatch or an id outside the vocabulary, and as
/// postprocessGeneration.
PostprocessResult postprocessSequence(const std::vector<std::int64_t> &sequence,
                                      const std::optional<std::vector<float>> &scores, const std::string &task,
                                      int width, int height, const Tokenizer &tokenizer);

/// The reference's return value {task: answer} with its keys, nesting and order ("bboxes",
/// "labels", optional "scores"; "quad_boxes"; "polygons"; "bboxes_labels", "polygons_labels").
nlohmann::ordered_json toReferenceJson(const PostprocessResult &result);

/// Result kind the reference uses for a task token: tasks_answer_post_processing_type.get(task,
/// 'pure_text').
ResultKind resultKindForTask(const std::string &task);

} // namespace florence
