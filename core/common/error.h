#pragma once
// The one exception type thrown by Florence Studio's core.

#include <atomic>
#include <stdexcept>
#include <string>

namespace florence {

/// What kind of failure an Error reports; lets callers pick the wording and exit status.
enum class ErrorKind {
    BadInput,     ///< the user's input is unusable (image, text, region, JSON file, arguments)
    ModelFormat,  ///< a model folder or checkpoint is missing pieces or malformed
    Io,           ///< a file could not be read or written
    Cancelled,    ///< the caller asked to stop
    Internal,     ///< a broken invariant inside the core (a bug)
};

/// Human-readable name of an ErrorKind ("bad input", "model format", ...).
const char *toString(ErrorKind kind);

/// Exception carrying an ErrorKind and an English, technical message that names
/// what failed, where (file, key, field, token id) and expected vs. got.
class Error : public std::runtime_error
{
public:
    Error(ErrorKind kind, const std::string &message);

    ErrorKind kind() const { return m_kind; }

private:
    ErrorKind m_kind;
};

/// Throws Error(Cancelled) "run cancelled <where>" when `cancel` is set (a null `cancel` never is).
/// Long computations call it between their steps (vision blocks, encoder layers, decoder steps).
void throwIfCancelled(const std::atomic<bool> *cancel, const std::string &where);

} // namespace florence
