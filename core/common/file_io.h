#pragma once
// Whole-file reading and atomic writing, shared by every core component that touches files.

#include <cstdint>
#include <string>
#include <vector>

namespace florence {

/// Reads a whole file. Throws Error(Io) naming the file when it is missing or unreadable.
std::string readTextFile(const std::string &path);
/// Reads a whole file as bytes. Throws Error(Io) naming the file.
std::vector<std::uint8_t> readBinaryFile(const std::string &path);

/// Writes `data` to `path` atomically: writes a temporary file in the same folder, flushes it to
/// disk, then renames it over `path`. On any failure (read-only folder, full disk) the temporary file
/// is removed, the previous content of `path` is untouched, and Error(Io) names the file.
void writeFileAtomic(const std::string &path, const std::string &data);

/// True when `path` names an existing regular file.
bool isRegularFile(const std::string &path);

} // namespace florence
