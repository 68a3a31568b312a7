// Tests of the OpenBLAS core choice (core/common/blas_core.h) for CPUs other than this one.
#include "common/blas_core.h"

#include "test_registry.h"

#include <QtTest>

using namespace florence;

class TestBlasCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void betterCore_data();
    void betterCore();
};

void TestBlasCore::betterCore_data()
{
    QTest::addColumn<QString>("cpu");
    QTest::addColumn<QString>("current");
    QTest::addColumn<QString>("better");
    // AVX-512 Xeon unknown to OpenBLAS 0.3.21 (this project's machine B): generic SSE3 kernels.
    QTest::newRow("avx512, Prescott") << "avx512" << "Prescott" << "SkylakeX";
    QTest::newRow("avx512, Haswell") << "avx512" << "Haswell" << "SkylakeX";
    QTest::newRow("avx512, Zen (Zen 4)") << "avx512" << "Zen" << "SkylakeX";
    QTest::newRow("avx512, SkylakeX") << "avx512" << "SkylakeX" << "";
    QTest::newRow("avx512, Cooperlake") << "avx512" << "COOPERLAKE" << "";
    QTest::newRow("avx512, SapphireRapids") << "avx512" << "SapphireRapids" << "";
    QTest::newRow("avx2, Prescott") << "avx2" << "Prescott" << "Haswell";
    QTest::newRow("avx2, Nehalem") << "avx2" << "Nehalem" << "Haswell";
    QTest::newRow("avx2, Sandybridge") << "avx2" << "Sandybridge" << "Haswell";
    QTest::newRow("avx2, Haswell") << "avx2" << "Haswell" << "";
    QTest::newRow("avx2, Zen") << "avx2" << "Zen" << "";
    QTest::newRow("avx without avx2, Sandybridge") << "sse" << "Sandybridge" << "";
    QTest::newRow("sse, Prescott") << "sse" << "Prescott" << "";
    QTest::newRow("avx512 F only, Prescott") << "avx512f" << "Prescott" << "Haswell";
    QTest::newRow("no OpenBLAS") << "avx512" << "" << "";
    QTest::newRow("arm") << "neon" << "NEOVERSEN1" << "";
}

void TestBlasCore::betterCore()
{
    QFETCH(QString, cpu);
    QFETCH(QString, current);
    QFETCH(QString, better);
    CpuFeatures f;
    f.sse2 = cpu != "neon";
    f.neon = cpu == "neon";
    f.avx2 = f.fma = cpu.startsWith("avx");
    f.avx512f = cpu.startsWith("avx512");
    f.avx512bw = f.avx512vl = f.avx512dq = cpu == "avx512";
    QCOMPARE(QString::fromStdString(betterOpenBlasCore(f, current.toStdString())), better);
}

FLORENCE_TEST_CLASS(TestBlasCore)
#include "test_blas_core.moc"
