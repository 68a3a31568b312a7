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

/// Runs every registered class; returns non-zero when any test failed. When the first argument
/// names a registered class ("test_io TestConfig [functions...]"), runs only that class.
inline int runAll(int argc, char **argv)
{
    int status = 0;
    const QString only = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    bool onlyIsClass = false;
    for (auto &make : registry())
        onlyIsClass |= (!only.isEmpty() && only == QLatin1String(make()->metaObject()->className()));
    for (auto &make : registry()) {
        auto obj = make();
        if (onlyIsClass) {
            if (only != QLatin1String(obj->metaObject()->className()))
                continue;
            std::vector<char *> args(argv, argv + argc);
            args.erase(args.begin() + 1);
            status |= QTest::qExec(obj.get(), int(args.size()), args.data());
        } else {
            status |= QTest::qExec(obj.get(), argc, argv);
        }
    }
    return status;
}

} // namespace florence::test

#define FLORENCE_TEST_CLASS(Class)                                                                                     \
    static const florence::test::Registration florence_test_registration_##Class(                                      \
        [] { return std::unique_ptr<QObject>(new Class); });
