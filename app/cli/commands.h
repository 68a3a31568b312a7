#pragma once
// Registry of florence-cli sub-commands. Each sub-command lives in its own cmd_<name>.cpp and
// registers itself with a static CommandRegistration.

#include "args.h"

#include <functional>
#include <string>
#include <vector>

namespace florence::cli {

/// Exit statuses of florence-cli (documented in README.md).
enum ExitStatus {
    kExitOk = 0,            ///< everything succeeded
    kExitPartial = 1,       ///< some inputs failed (each named on stderr), the rest was written
    kExitUsage = 2,         ///< bad arguments or bad input
    kExitModel = 3,         ///< the model folder is unusable
    kExitIo = 4,            ///< a file could not be read or written
    kExitCancelled = 5,     ///< interrupted
    kExitInternal = 70,     ///< a bug
};

/// One sub-command: its name, a one-line summary, its usage text and its entry point.
struct Command
{
    std::string name;
    std::string summary;
    std::string usage;
    std::function<int(const std::vector<std::string> &args)> run;
};

/// All registered sub-commands, sorted by name.
std::vector<Command> &commands();

/// Registers a sub-command at static-initialisation time.
struct CommandRegistration
{
    explicit CommandRegistration(Command command);
};

} // namespace florence::cli
