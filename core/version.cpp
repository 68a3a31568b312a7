#include "version.h"

namespace florence {
const char *versionString() { return FLORENCE_VERSION; }
} // namespace florence
