#pragma once
// Florence-2 fine-tuning JSONL as a dataset format: the registry's face of core/train's converter.
// Writing turns every image into its examples with answersForImage() and toJsonlLine() (the same
// code `florence-cli train --export-jsonl` and the trainer use; nothing is converted twice), one
// file per split: train.jsonl, valid.jsonl (always, possibly empty) and test.jsonl (when the split
// has a test part). Reading parses the files with parseJsonl() and post-processes each answer as
// the model's own output would be (postprocessGeneration + annotationsFromResult), so an export
// reads back within one location bin (image side / 1000).
//
// The 1024-token warning: Florence-2's decoder has 1024 positions; an answer longer than that is
// cut when training. Without the model's tokenizer the writer estimates an answer's length (every
// <loc_N> and <sep> is one token, other text one token per 4 bytes, rounded up) and lists the
// examples at or above the limit in the summary's warnings; `florence-cli train` counts exactly.

#include "annotate/formats/dataset.h"
#include "annotate/formats/registry.h"

#include <string>

namespace florence::formats {

/// Builds a Florence-2 JSONL export. options.variant chooses the tasks: "default" (<OD>,
/// <OCR_WITH_REGION>, <CAPTION>, <DETAILED_CAPTION>, <MORE_DETAILED_CAPTION>: what `florence-cli
/// train` uses), "od", "ocr", "dense" (<DENSE_REGION_CAPTION>) or "captions". Images go to
/// images/<path> (their JSONL path relative to the file) when options.copyImages, else the JSONL
/// names the source file by its absolute path. Splits: "val" is written to valid.jsonl.
/// Throws Error(BadInput) naming an image whose size cannot be read.
ExportResult writeFlorenceJsonl(const Dataset &dataset, const ExportOptions &options);

/// Reads a .jsonl file, or a folder holding train.jsonl / valid.jsonl / test.jsonl (and any other
/// *.jsonl). Each example's task comes from its prefix; answers of region tasks (they describe one
/// region, not the image) are skipped and counted in the notes. Image paths are resolved against the
/// JSONL file's folder; every image must exist (its size is read from its header). Shapes get origin
/// "manual", captions the task token they answer. Throws Error(BadInput) naming file and line.
Dataset readFlorenceJsonl(const std::string &input, const ImportOptions &options);

/// Estimated tokens of an answer without a tokenizer (see the design note): <loc_N> and <sep> one
/// each, other text ceil(bytes / 4).
int estimateAnswerTokens(const std::string &suffix);

} // namespace florence::formats
