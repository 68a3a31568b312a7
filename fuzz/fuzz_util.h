#pragma once
// Helpers shared by the libFuzzer harnesses (fuzz/fuzz_*.cpp): temporary files for readers that
// take a path, and the test-data folder for fixtures a harness starts from.

#include "common/error.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace florence::fuzz {

/// Writes `size` bytes to a per-process file named `name` in $TMPDIR (default /tmp) and returns
/// its path; the same path is reused on every call, so nothing piles up.
inline std::string writeTemp(const std::string &name, const std::uint8_t *data, std::size_t size)
{
    const char *tmp = std::getenv("TMPDIR");
    const std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/florence-fuzz-" + std::to_string(::getpid())
                             + "-" + name;
    std::FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        std::abort();
    if (size > 0 && std::fwrite(data, 1, size, f) != size)
        std::abort();
    std::fclose(f);
    return path;
}

/// tests/data of the source tree (FLORENCE_FUZZ_DATA overrides it).
inline std::string testData()
{
    const char *env = std::getenv("FLORENCE_FUZZ_DATA");
    return env && *env ? env : FLORENCE_TEST_DATA;
}

} // namespace florence::fuzz

/// Runs `body`; florence::Error is the expected answer to bad input. Anything else (another
/// exception type, a crash, a sanitizer report) is a finding.
#define FLORENCE_FUZZ_EXPECT_ERRORS(body)                                                                           \
    try {                                                                                                          \
        body;                                                                                                      \
    } catch (const florence::Error &) {                                                                            \
    }
