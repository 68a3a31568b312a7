#include "args.h"

#include "common/error.h"

#include <cerrno>
#include <cstdlib>

namespace florence::cli {

Args::Args(const std::vector<std::string> &argv, const std::set<std::string> &flags)
{
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string &a = argv[i];
        if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
            const auto eq = a.find('=');
            const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            if (flags.count(name)) {
                if (eq != std::string::npos)
                    throw Error(ErrorKind::BadInput, "option --" + name + " takes no value");
                m_flags.insert(name);
            } else if (eq != std::string::npos) {
                m_values[name] = a.substr(eq + 1);
            } else {
                if (i + 1 >= argv.size() || (argv[i + 1].size() > 1 && argv[i + 1][0] == '-' && argv[i + 1][1] == '-'))
                    throw Error(ErrorKind::BadInput, "option --" + name + " needs a value (use --" + name
                                                         + "=VALUE for values starting with '-')");
                m_values[name] = argv[++i];
            }
        } else {
            m_positionals.push_back(a);
        }
    }
}

bool Args::has(const std::string &name) const
{
    return m_flags.count(name) || m_values.count(name);
}

std::string Args::required(const std::string &name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end())
        throw Error(ErrorKind::BadInput, "missing required option --" + name);
    return it->second;
}

std::optional<std::string> Args::value(const std::string &name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

std::string Args::value(const std::string &name, const std::string &fallback) const
{
    return value(name).value_or(fallback);
}

int Args::intValue(const std::string &name, int fallback, int min, int max) const
{
    auto v = value(name);
    if (!v)
        return fallback;
    errno = 0;
    char *end = nullptr;
    const long long n = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || errno == ERANGE || n < min || n > max)
        throw Error(ErrorKind::BadInput, "option --" + name + ": expected an integer in [" + std::to_string(min) + ", "
                                             + std::to_string(max) + "], got '" + *v + "'");
    return int(n);
}

void Args::allowOnly(const std::set<std::string> &known) const
{
    for (const auto &kv : m_values)
        if (!known.count(kv.first))
            throw Error(ErrorKind::BadInput, "unknown option --" + kv.first);
    for (const auto &f : m_flags)
        if (!known.count(f))
            throw Error(ErrorKind::BadInput, "unknown option --" + f);
}

std::vector<std::string> splitList(const std::string &text)
{
    std::vector<std::string> out;
    if (text.empty())
        return out;
    size_t start = 0;
    while (true) {
        const size_t comma = text.find(',', start);
        out.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return out;
}

std::vector<long long> parseIntList(const std::string &text, const std::string &what)
{
    std::vector<long long> out;
    for (const std::string &s : splitList(text)) {
        errno = 0;
        char *end = nullptr;
        const long long n = std::strtoll(s.c_str(), &end, 10);
        if (s.empty() || *end != '\0' || errno == ERANGE)
            throw Error(ErrorKind::BadInput, what + ": '" + s + "' is not an integer");
        out.push_back(n);
    }
    return out;
}

std::vector<double> parseDoubleList(const std::string &text, const std::string &what)
{
    std::vector<double> out;
    for (const std::string &s : splitList(text)) {
        errno = 0;
        char *end = nullptr;
        const double d = std::strtod(s.c_str(), &end);
        if (s.empty() || *end != '\0' || errno == ERANGE)
            throw Error(ErrorKind::BadInput, what + ": '" + s + "' is not a number");
        out.push_back(d);
    }
    return out;
}

Task parseTaskArg(const std::string &text)
{
    if (auto t = taskFromToken(text))
        return *t;
    if (auto t = taskFromToken("<" + text + ">"))
        return *t;
    std::string known;
    for (const TaskInfo &info : taskTable())
        known += (known.empty() ? "" : ", ") + std::string(info.token);
    throw Error(ErrorKind::BadInput, "unknown task '" + text + "'; expected one of " + known);
}

std::optional<TiledRunOptions> tilingFromArgs(const Args &args)
{
    if (!args.has("tiles") && !args.has("tile-size") && !args.has("overlap") && !args.has("full-pass")) {
        if (args.has("merge"))
            throw Error(ErrorKind::BadInput, "--merge: only with tiling (--tiles or --tile-size)");
        return std::nullopt;
    }
    if (args.has("tiles") && args.has("tile-size"))
        throw Error(ErrorKind::BadInput, "give either --tiles NxM or --tile-size PX, not both");
    TiledRunOptions o;
    if (const auto grid = args.value("tiles"))
        std::tie(o.tiling.gridCols, o.tiling.gridRows) = parseGrid(*grid, "--tiles");
    o.tiling.tileSize = args.intValue("tile-size", o.tiling.tileSize, 64, 65535);
    if (const auto overlap = args.value("overlap"))
        o.tiling.overlap = parseOverlap(*overlap, "--overlap");
    o.tiling.fullPass = args.has("full-pass");
    o.merge.boxMerge = boxMergeFromString(args.value("merge", "nms"));
    o.tiling.validate();
    return o;
}

} // namespace florence::cli
