#pragma once
// Access to the reference fixtures under tests/data/fixtures for the Qt Test suites.

#include <nlohmann/json.hpp>

#include <QtTest>

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

} // namespace florence::test
