#pragma once
// Access to the reference fixtures under tests/data/fixtures for the Qt Test suites.

#include <nlohmann/json.hpp>

#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace florence::test {

/// Fixture JSON keeps the file's key order: the reference's result dicts are ordered.
using FixtureJson = nlohmann::ordered_json;

/// Absolute path of a file under tests/data/fixtures.
inline std::string fixturePath(const std::string &relative)
{
    return std::string(FLORENCE_TEST_DATA) + "/fixtures/" + relative;
}

/// Parses a JSON fixture; a missing or broken fixture is a test setup error (throws).
inline FixtureJson loadFixtureJson(const std::string &relative)
{
    std::ifstream in(fixturePath(relative), std::ios::binary);
    if (!in)
        throw std::runtime_error("missing fixture " + fixturePath(relative));
    std::stringstream buffer;
    buffer << in.rdbuf();
    return FixtureJson::parse(buffer.str());
}

/// The fixture JSON cached per file (the suites read the same files many times).
inline const FixtureJson &fixtureJson(const std::string &relative)
{
    static std::map<std::string, FixtureJson> cache;
    auto it = cache.find(relative);
    if (it == cache.end())
        it = cache.emplace(relative, loadFixtureJson(relative)).first;
    return it->second;
}

/// Every generation record of manifest.json: (case list, case, "num_beams=K", record), in order.
template <typename Fn>
void forEachGeneration(Fn &&fn)
{
    const FixtureJson &manifest = fixtureJson("manifest.json");
    for (const char *list : {"cases", "cases_long", "cases_eos", "cases_bin"}) {
        for (const FixtureJson &c : manifest.at(list))
            for (auto it = c.at("generate").begin(); it != c.at("generate").end(); ++it)
                fn(std::string(list), c, it.key(), it.value());
    }
}

/// QString of a UTF-8 std::string (for QCOMPARE messages that show the text).
inline QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), int(s.size()));
}

// Compares `got` with `expected` recursively: same keys in the same order, same array lengths,
// strings and booleans exact, numbers within `atol`. Returns "" or where they differ.
inline std::string compareJson(const FixtureJson &got, const FixtureJson &expected, double atol, const std::string &path = "$")
{
    if (expected.is_number()) {
        if (!got.is_number())
            return path + ": expected a number, got " + got.dump();
        const double a = got.get<double>();
        const double b = expected.get<double>();
        return std::abs(a - b) <= atol ? "" : path + ": " + std::to_string(a) + " vs " + std::to_string(b);
    }
    if (got.type() != expected.type())
        return path + ": expected " + expected.dump().substr(0, 80) + ", got " + got.dump().substr(0, 80);
    if (expected.is_object()) {
        if (got.size() != expected.size())
            return path + ": keys " + got.dump().substr(0, 120) + " vs " + expected.dump().substr(0, 120);
        auto g = got.begin();
        for (auto e = expected.begin(); e != expected.end(); ++e, ++g) {
            if (g.key() != e.key())
                return path + ": key '" + g.key() + "' where '" + e.key() + "' was expected";
            const std::string diff = compareJson(g.value(), e.value(), atol, path + "." + e.key());
            if (!diff.empty())
                return diff;
        }
        return "";
    }
    if (expected.is_array()) {
        if (got.size() != expected.size())
            return path + ": " + std::to_string(got.size()) + " elements vs " + std::to_string(expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const std::string diff = compareJson(got[i], expected[i], atol, path + "[" + std::to_string(i) + "]");
            if (!diff.empty())
                return diff;
        }
        return "";
    }
    return got == expected ? "" : path + ": " + got.dump().substr(0, 120) + " vs " + expected.dump().substr(0, 120);
}

} // namespace florence::test
