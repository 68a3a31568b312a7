#pragma once
// Prompt construction of Florence2Processor._construct_prompts and validation of a user's task
// request before any model work.

#include "tasks/task.h"

#include <string>

namespace florence {

/// Florence2Processor._construct_prompts for one text (the processor's `text` argument, e.g.
/// "<OD>" or "<CAPTION_TO_PHRASE_GROUNDING>a green car"): a task token without inputs must be the
/// whole text and becomes its fixed prompt; the first task token with input (in the reference's
/// dictionary order) is removed from the text everywhere and the rest fills "{input}"; any other
/// text is returned unchanged. Throws Error(BadInput) where the reference's assert fails
/// ("Task token <OD> should be the only token in the text.") and for invalid UTF-8.
std::string constructPrompt(const std::string &text);

/// Checks the input a user gives a task: a task without input takes none; a text task needs
/// non-blank text; a region task needs exactly four <loc_0..999> tokens (see
/// boxToLocationTokens). With `force`, a missing or unusual text/region is accepted (the reference
/// would run with it), but text for a task without input is still refused. Throws
/// Error(BadInput) naming the task token and what was expected vs. got.
void validateTaskInput(Task task, const std::string &input, bool force = false);

/// The processor text of a request (task token + input) turned into the model prompt: checks it
/// with validateTaskInput, then constructPrompt(token + input). Throws as both.
std::string buildPrompt(Task task, const std::string &input, bool force = false);

} // namespace florence
