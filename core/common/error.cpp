#include "common/error.h"

namespace florence {

const char *toString(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::BadInput: return "bad input";
    case ErrorKind::ModelFormat: return "model format";
    case ErrorKind::Io: return "I/O";
    case ErrorKind::Cancelled: return "cancelled";
    case ErrorKind::Internal: return "internal";
    }
    return "unknown";
}

Error::Error(ErrorKind kind, const std::string &message)
    : std::runtime_error(message)
    , m_kind(kind)
{
}

void throwIfCancelled(const std::atomic<bool> *cancel, const std::string &where)
{
    if (cancel && cancel->load(std::memory_order_relaxed))
        throw Error(ErrorKind::Cancelled, "run cancelled " + where);
}

} // namespace florence
