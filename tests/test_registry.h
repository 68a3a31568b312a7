#pragma once
// Lets one test executable hold several QObject test classes: each .cpp registers its class with
// FLORENCE_TEST_CLASS(Class) and the executable's main() calls runAll().

#include <QObject>
#include <QtTest>

#include <functional>
#include <memory>
#include <vector>

namespace florence::test {

inline std::vector<std::function<std::unique_ptr<QObject>()>> &registry()
{
    static std::vector<std::function<std::unique_ptr<QObject>()>> r;
    return r;
}

struct Registration
{
    explicit Registration(std::function<std::unique_ptr<QObject>()> make) { registry().push_back(std::move(make)); }
};

/// Runs every registered class; returns non-zero when any test failed.
inline int runAll(int argc, char **argv)
{
    int status = 0;
    for (auto &make : registry()) {
        auto obj = make();
        status |= QTest::qExec(obj.get(), argc, argv);
    }
    return status;
}

} // namespace florence::test

#define FLORENCE_TEST_CLASS(Class)                                                                                     \
    static const florence::test::Registration florence_test_registration_##Class(                                      \
        [] { return std::unique_ptr<QObject>(new Class); });
