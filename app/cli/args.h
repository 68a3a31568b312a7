#pragma once
// Tiny command-line parser of florence-cli: "--name value", "--name=value", flags and positionals.

#include "tasks/task.h"
#include "tiling/tiled_run.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace florence::cli {

/// Parsed arguments of one sub-command. Throws florence::Error(BadInput) on misuse, with the
/// option's name in the message.
class Args
{
public:
    /// `argv` holds the sub-command's arguments only. `flags` are the options that take no value
    /// (e.g. "--scores"); every other "--name" takes one, either as "--name=v" or "--name v".
    /// A value that starts with '-' must use the "--name=-0.5" form.
    Args(const std::vector<std::string> &argv, const std::set<std::string> &flags);

    bool has(const std::string &name) const;
    /// The value of a required option; throws when absent.
    std::string required(const std::string &name) const;
    std::optional<std::string> value(const std::string &name) const;
    std::string value(const std::string &name, const std::string &fallback) const;
    /// Integer option; throws when not an integer or outside [min, max].
    int intValue(const std::string &name, int fallback, int min, int max) const;
    const std::vector<std::string> &positionals() const { return m_positionals; }

    /// Throws when an option outside `known` (plus the flags) was given.
    void allowOnly(const std::set<std::string> &known) const;

private:
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positionals;
};

/// Splits "a,b,c" into its parts (empty string -> empty list).
std::vector<std::string> splitList(const std::string &text);
/// Parses "1,2,3" into integers; throws Error(BadInput) naming `what` on a bad element.
std::vector<long long> parseIntList(const std::string &text, const std::string &what);
/// Parses "0.5,-1e-3" into doubles; throws Error(BadInput) naming `what` on a bad element.
std::vector<double> parseDoubleList(const std::string &text, const std::string &what);

/// A task given on the command line as its token ("<OD>") or without brackets ("OD").
/// Throws Error(BadInput) listing the valid tokens when unknown.
Task parseTaskArg(const std::string &text);

/// Tiling settings from --tiles NxM | --tile-size PX, --overlap PX|FRAC, --full-pass and
/// --merge nms|wbf (run and annotate); std::nullopt when neither --tiles nor --tile-size nor
/// --overlap nor --full-pass was given. Throws Error(BadInput) naming the option.
std::optional<TiledRunOptions> tilingFromArgs(const Args &args);

} // namespace florence::cli
