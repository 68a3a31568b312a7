#pragma once
// Version of Florence Studio's core, shared by the GUI and the CLI.

namespace florence {
/// Semantic version string, e.g. "0.1.0".
const char *versionString();
} // namespace florence
