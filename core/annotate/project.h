#pragma once
// The Florence Studio project file: every image of a folder with its annotations, review state and
// completed tasks, autosaved as JSON next to the images. Layout in docs/formats.md.

#include "annotate/annotation.h"
#include "annotate/prompt_table.h"

#include <string>
#include <vector>

namespace florence {

/// An annotation project: the images of one folder and the labels known so far.
struct Project
{
    std::string rootDir;                 ///< absolute folder that image paths are relative to (not serialized)
    std::vector<ImageRecord> images;
    std::vector<std::string> labels;     ///< known label names in first-use order (completion, stable order)
    PromptTable prompts;                 ///< prompt → label presets of the project (may be empty)
};

/// Version written into new project files; files with a higher version are refused.
constexpr int kProjectFormatVersion = 2; // 2: provenance, pending suggestions, rejected, prompt table
/// Value of the "format" key that identifies a project file.
inline const char *kProjectFormatName = "florence-studio-project";

/// Serializes `project` (without rootDir) as UTF-8 JSON; doubles are written in their shortest form
/// that reads back bit-identical. Throws Error(BadInput) naming the image and shape when something
/// cannot be written faithfully (non-UTF-8 string, NaN/inf or |coordinate| > 1e9, a ring with fewer
/// than 3 points, a quad that is not one ring of 4 points, a score outside 0..1, a duplicate path).
std::string projectToJson(const Project &project);

/// Parses a project file's text; `fileName` only names the file in messages. rootDir stays empty.
/// Throws Error(BadInput) naming the file and the JSON path for malformed JSON, a wrong "format", a
/// file written by a newer version ("written by a newer version (N) of Florence Studio"), missing or
/// mistyped fields, invalid geometry, duplicate image paths or labels. Never returns a partial project.
Project projectFromJson(const std::string &text, const std::string &fileName);

/// Writes the project file atomically (writeFileAtomic): a failure leaves the previous file intact.
/// Throws Error(BadInput) as projectToJson, Error(Io) when the file cannot be written.
void saveProject(const Project &project, const std::string &path);

/// Reads a project file and sets rootDir to the absolute folder holding it.
/// Throws Error(Io) when unreadable, Error(BadInput) as projectFromJson.
Project loadProject(const std::string &path);

/// The distinct labels of all shapes of `images` in first-use order (images in order, shapes in order),
/// the empty label included when some shape has it.
std::vector<std::string> labelsInFirstUseOrder(const std::vector<ImageRecord> &images);

} // namespace florence
