#pragma once
// Helpers shared by the image tests: fixture paths, the reference's pixel_values derivation written
// out independently of core/image, pixel comparison and synthetic encoded images.

#include "common/error.h"
#include "image/decode.h"

#include <QString>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace florence::test {

inline std::string fixturePath(const std::string &rel)
{
    return std::string(FLORENCE_TEST_DATA) + "/fixtures/" + rel;
}

inline std::string imagesSafetensors()
{
    return fixturePath("tensors/images.safetensors");
}

/// mean and std of manifest.pixel_values_derivation, read with a plain JSON parse (not our config parser).
struct Derivation
{
    std::array<float, 3> mean{};
    std::array<float, 3> std{};
};

inline Derivation manifestDerivation()
{
    std::ifstream in(fixturePath("manifest.json"));
    const nlohmann::json m = nlohmann::json::parse(in);
    const nlohmann::json &d = m.at("pixel_values_derivation");
    Derivation out;
    for (std::size_t c = 0; c < 3; ++c) {
        out.mean[c] = d.at("image_mean").at(c).get<float>();
        out.std[c] = d.at("image_std").at(c).get<float>();
    }
    return out;
}

/// manifest.pixel_values_derivation, computed directly: float32(u8 * (1/255) in double), then
/// (x - mean[c]) / std[c] in float32, HWC -> CHW.
inline std::vector<float> derivePixelValues(const std::vector<std::uint8_t> &hwc, int width, int height)
{
    const Derivation d = manifestDerivation();
    const std::size_t plane = std::size_t(width) * height;
    std::vector<float> out(plane * 3);
    for (std::size_t i = 0; i < plane; ++i)
        for (std::size_t c = 0; c < 3; ++c) {
            const float x = static_cast<float>(static_cast<double>(hwc[i * 3 + c]) * (1.0 / 255.0));
            out[c * plane + i] = (x - d.mean[c]) / d.std[c];
        }
    return out;
}

/// Number of differing bytes and the largest absolute difference.
struct ByteDiff
{
    std::size_t count = 0;
    int maxAbs = 0;
};

inline ByteDiff compareBytes(const std::vector<std::uint8_t> &a, const std::vector<std::uint8_t> &b)
{
    ByteDiff d;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        if (a[i] != b[i]) {
            ++d.count;
            d.maxAbs = std::max(d.maxAbs, std::abs(int(a[i]) - int(b[i])));
        }
    return d;
}

/// Compares float tensors: number of values not bit-identical and the largest |a - b|.
struct FloatDiff
{
    std::size_t notIdentical = 0;
    double maxAbs = 0;
};

inline FloatDiff compareFloats(const std::vector<float> &a, const std::vector<float> &b)
{
    FloatDiff d;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        if (a[i] != b[i]) {
            ++d.notIdentical;
            d.maxAbs = std::max(d.maxAbs, std::fabs(double(a[i]) - double(b[i])));
        }
    return d;
}

/// Runs `f` and checks that it throws florence::Error of `kind` whose message contains every
/// string of `fragments`.
inline void expectError(const std::function<void()> &f, ErrorKind kind, const QStringList &fragments)
{
    try {
        f();
        QFAIL(qPrintable("no error; expected one containing " + fragments.join(" + ")));
    } catch (const Error &e) {
        const QString msg = QString::fromUtf8(e.what());
        QVERIFY2(e.kind() == kind, qPrintable(QString("kind '%1' for: %2").arg(toString(e.kind()), msg)));
        for (const QString &f : fragments)
            QVERIFY2(msg.contains(f), qPrintable("'" + f + "' not in: " + msg));
    }
}

} // namespace florence::test
