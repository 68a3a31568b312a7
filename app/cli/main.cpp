// florence-cli: headless Florence Studio (tokenize, run a task, annotate folders, ...).
// Each sub-command is a cmd_<name>.cpp; this file dispatches and turns errors into exit statuses.
#include "commands.h"

#include "common/process_setup.h"
#include "common/error.h"
#include "version.h"

#include <algorithm>
#include <iostream>

namespace florence::cli {

std::vector<Command> &commands()
{
    static std::vector<Command> all;
    return all;
}

CommandRegistration::CommandRegistration(Command command)
{
    auto &all = commands();
    all.push_back(std::move(command));
    std::sort(all.begin(), all.end(), [](const Command &a, const Command &b) { return a.name < b.name; });
}

} // namespace florence::cli

namespace {

using namespace florence::cli;

void printHelp(std::ostream &out)
{
    out << "florence-cli " << florence::versionString() << " — Florence-2 on the command line\n\n"
        << "Usage: florence-cli <command> [options]\n"
        << "       florence-cli <command> --help\n"
        << "       florence-cli --version\n\n"
        << "Commands:\n";
    for (const Command &c : commands())
        out << "  " << c.name << std::string(c.name.size() < 18 ? 18 - c.name.size() : 1, ' ') << c.summary << "\n";
    out << "\nExit status: 0 success, 1 some inputs failed, 2 bad arguments or input, 3 unusable model,\n"
        << "4 file I/O error, 5 cancelled, 70 internal error.\n";
}

int exitStatusFor(florence::ErrorKind kind)
{
    switch (kind) {
    case florence::ErrorKind::BadInput: return kExitUsage;
    case florence::ErrorKind::ModelFormat: return kExitModel;
    case florence::ErrorKind::Io: return kExitIo;
    case florence::ErrorKind::Cancelled: return kExitCancelled;
    case florence::ErrorKind::Internal: return kExitInternal;
    }
    return kExitInternal;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printHelp(std::cout);
        return args.empty() ? kExitUsage : kExitOk;
    }
    if (args[0] == "--version" || args[0] == "-V") {
        std::cout << "florence-cli " << florence::versionString() << "\n";
        return kExitOk;
    }
    const auto &all = commands();
    const auto it = std::find_if(all.begin(), all.end(), [&](const Command &c) { return c.name == args[0]; });
    if (it == all.end()) {
        std::cerr << "florence-cli: unknown command '" << args[0] << "' (see florence-cli --help)\n";
        return kExitUsage;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (std::find(rest.begin(), rest.end(), "--help") != rest.end()) {
        std::cout << "Usage: florence-cli " << it->usage << "\n";
        return kExitOk;
    }
    // Commands that run the model get OpenBLAS's right GEMM kernels for this CPU and an allocator that
    // keeps large buffers (common/process_setup.h); the others do not pay for the re-execution.
    if (it->name == "run" || it->name == "annotate" || it->name == "train")
        florence::setUpInferenceProcess(argv);
    try {
        return it->run(rest);
    } catch (const florence::Error &e) {
        std::cerr << "florence-cli " << it->name << ": error (" << florence::toString(e.kind()) << "): " << e.what() << "\n";
        return exitStatusFor(e.kind());
    } catch (const std::bad_alloc &) {
        std::cerr << "florence-cli " << it->name << ": error: out of memory\n";
        return kExitIo;
    } catch (const std::exception &e) {
        std::cerr << "florence-cli " << it->name << ": internal error: " << e.what() << "\n";
        return kExitInternal;
    }
}
