// Tests of the hand-written decoder-step kernels (core/model/cpu_kernels.h) against plain ATen, at
// sizes the fixture models never reach: base-like heads, long histories (the parallel, chunked
// path), beams sharing cached rows through the slot table, and independence of the thread count;
// every instruction-set path this CPU supports in turn (portable on every machine), and the errors
// of forcing a path.
#include "model/cpu_kernels.h"

#include "common/cpu_features.h"
#include "common/error.h"
#include "common/threads.h"
#include "test_registry.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <QtTest>

#include <cmath>
#include <cstring>
#include <vector>

using namespace florence;

namespace {

/// out[b, h] = softmax_j(q[b, h] . K[j, slot(j, b), h]) V[j, slot(j, b), h] with ATen ops.
at::Tensor referenceAttention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, std::int64_t length,
                              const std::vector<std::int32_t> &slots)
{
    const std::int64_t B = q.size(0);
    std::vector<std::int64_t> rows;
    for (std::int64_t j = 0; j < length; ++j)
        for (std::int64_t b = 0; b < B; ++b)
            rows.push_back(j * B + slots[std::size_t(j * B + b)]);
    const at::Tensor index = at::tensor(rows, at::kLong);
    const auto gather = [&](const at::Tensor &t) { // (capacity, beams, heads, d) -> (beams, heads, length, d)
        return t.view({-1, t.size(2), t.size(3)}).index_select(0, index).view({length, B, t.size(2), t.size(3)}).permute({1, 2, 0, 3});
    };
    const at::Tensor scores = at::matmul(q.unsqueeze(2), gather(k).transpose(2, 3)); // (B, H, 1, L)
    return at::matmul(at::softmax(scores, -1), gather(v)).squeeze(2);
}

/// Forces a kernel path for its lifetime, then restores the one in effect before.
struct ForcedPath
{
    explicit ForcedPath(CpuKernelPath path) : before(cpuKernelPath()) { setCpuKernelPath(path); }
    ~ForcedPath() { setCpuKernelPath(before); }
    CpuKernelPath before;
};

/// One row per supported path, named after it.
void addPathColumn()
{
    QTest::addColumn<int>("path");
}

} // namespace

class TestCpuKernels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void attentionMatchesAten_data();
    void attentionMatchesAten();
    void sharedAttentionMatchesAten_data();
    void sharedAttentionMatchesAten();
    void sharedAttentionGroupsAreExact();
    void smallRowsMatchesAten_data();
    void smallRowsMatchesAten();
    void geluMatchesErf_data();
    void geluMatchesErf();
    void pathsAreSelectable();
    void rejectsPathsTheCpuLacks();
    void rejectsUnknownPathNames();
};

void TestCpuKernels::attentionMatchesAten_data()
{
    QTest::addColumn<int>("beams");
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("headDim");
    QTest::addColumn<int>("length");
    addPathColumn();
    for (CpuKernelPath path : supportedCpuKernelPaths()) {
        const auto row = [&](const char *name) {
            return QString("%1: %2").arg(QLatin1String(toString(path)), QLatin1String(name)).toUtf8();
        };
        QTest::newRow(row("one position").constData()) << 3 << 12 << 64 << 1 << int(path);
        QTest::newRow(row("short, one chunk").constData()) << 3 << 12 << 64 << 32 << int(path);
        QTest::newRow(row("base at t=520, parallel chunks").constData()) << 3 << 12 << 64 << 520 << int(path);
        QTest::newRow(row("head dim not a multiple of 16").constData()) << 2 << 3 << 20 << 150 << int(path);
        QTest::newRow(row("head dim 4, below every vector width").constData()) << 2 << 2 << 4 << 70 << int(path);
        QTest::newRow(row("greedy, large-like").constData()) << 1 << 16 << 64 << 700 << int(path);
    }
}

void TestCpuKernels::attentionMatchesAten()
{
    QFETCH(int, beams);
    QFETCH(int, heads);
    QFETCH(int, headDim);
    QFETCH(int, length);
    QFETCH(int, path);
    const ForcedPath forced{CpuKernelPath(path)};
    at::manual_seed(7);
    const std::int64_t capacity = length + 5;
    const at::Tensor q = at::randn({beams, heads, headDim}) * 0.3;
    const at::Tensor k = at::randn({capacity, beams, heads, headDim});
    const at::Tensor v = at::randn({capacity, beams, heads, headDim});
    // Slots as beam search leaves them: every beam follows some beam's row, often a shared one.
    std::vector<std::int32_t> slots(std::size_t(capacity * beams));
    for (std::int64_t j = 0; j < capacity; ++j)
        for (std::int64_t b = 0; b < beams; ++b)
            slots[std::size_t(j * beams + b)] = std::int32_t((j * 7 + b * (j % 3)) % beams);
    const std::int64_t posStride = std::int64_t(beams) * heads * headDim, slotStride = std::int64_t(heads) * headDim;

    const int threadsBefore = threadCount();
    setThreadCount(1);
    const at::Tensor one = attendOneQuery(q, k, v, length, posStride, slotStride, slots.data());
    setThreadCount(2);
    const at::Tensor two = attendOneQuery(q, k, v, length, posStride, slotStride, slots.data());
    setThreadCount(threadsBefore);

    const at::Tensor want = referenceAttention(q, k, v, length, slots);
    const double maxDiff = (one - want).abs().max().item<double>();
    QVERIFY2(maxDiff < 1e-5, qPrintable(QString("max |kernel - ATen| = %1").arg(maxDiff)));
    // Fixed position chunks summed in order: the same bits whatever the thread count.
    QCOMPARE(std::memcmp(one.data_ptr<float>(), two.data_ptr<float>(), one.numel() * sizeof(float)), 0);
}

void TestCpuKernels::sharedAttentionMatchesAten_data()
{
    QTest::addColumn<int>("beams");
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("headDim");
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("bf16");
    addPathColumn();
    for (CpuKernelPath path : supportedCpuKernelPaths())
        for (bool bf16 : {false, true}) {
            const auto row = [&](const char *name) {
                return QString("%1 %2: %3").arg(QLatin1String(toString(path)), QLatin1String(bf16 ? "bf16" : "f32"), QLatin1String(name)).toUtf8();
            };
            QTest::newRow(row("base cross-attention, 590 keys").constData()) << 3 << 12 << 64 << 590 << bf16 << int(path);
            QTest::newRow(row("odd sizes").constData()) << 9 << 3 << 20 << 37 << bf16 << int(path);
            QTest::newRow(row("fewer keys than a vector").constData()) << 1 << 2 << 8 << 3 << bf16 << int(path);
            QTest::newRow(row("one whole key block").constData()) << 3 << 12 << 64 << 64 << bf16 << int(path);
            QTest::newRow(row("a block and one key, 5 beams").constData()) << 5 << 2 << 16 << 65 << bf16 << int(path);
        }
}

void TestCpuKernels::sharedAttentionMatchesAten()
{
    // Cross-attention: keys shared by all beams, in blocks of 64 positions (blockCrossKeys), values
    // (heads, length, headDim).
    QFETCH(int, beams);
    QFETCH(int, heads);
    QFETCH(int, headDim);
    QFETCH(int, length);
    QFETCH(bool, bf16);
    QFETCH(int, path);
    const ForcedPath forced{CpuKernelPath(path)};
    at::manual_seed(11);
    const at::Tensor q = at::randn({beams, heads, headDim}) * 0.3;
    at::Tensor k = at::randn({length, heads, headDim}), v = at::randn({length, heads, headDim});
    if (bf16) { // the kernel reads bfloat16; the reference gets the same rounded values in float32
        k = k.to(at::kBFloat16);
        v = v.to(at::kBFloat16);
    }
    const at::Tensor blocks = blockCrossKeys(k);
    QCOMPARE(blocks.sizes().vec(), (std::vector<std::int64_t>{heads, (length + 63) / 64, headDim, 64}));
    QVERIFY(at::equal(unblockCrossKeys(blocks, length), k.permute({1, 2, 0})));
    const at::Tensor got = attendOneQueryShared(q, blocks, v.permute({1, 0, 2}).contiguous());
    const at::Tensor kf = k.to(at::kFloat), vf = v.to(at::kFloat);
    const at::Tensor scores = at::matmul(q.unsqueeze(2), kf.permute({1, 2, 0}).unsqueeze(0)); // (B, H, 1, L)
    const at::Tensor want = at::matmul(at::softmax(scores, -1), vf.permute({1, 0, 2}).unsqueeze(0)).squeeze(2);
    const double maxDiff = (got - want).abs().max().item<double>();
    // float32 sums of <= 590 products of O(1) values in another order: ~1e-6 relative.
    QVERIFY2(maxDiff < 1e-5, qPrintable(QString("max |kernel - ATen| = %1").arg(maxDiff)));
}

void TestCpuKernels::sharedAttentionGroupsAreExact()
{
    // Batched cross-attention: requests with their own keys/values (different lengths and beam
    // counts) in one call give each request exactly the bits it gets alone, whatever the thread
    // count, on every path, for float32 and bfloat16 keys/values.
    const std::vector<std::int64_t> rows{3, 1, 5}, lengths{590, 37, 64};
    const std::int64_t H = 4, d = 16;
    for (CpuKernelPath path : supportedCpuKernelPaths())
        for (at::ScalarType type : {at::kFloat, at::kBFloat16}) {
            const ForcedPath forced{path};
            at::manual_seed(3);
            std::vector<at::Tensor> keys, values, qs;
            for (std::size_t g = 0; g < rows.size(); ++g) {
                keys.push_back(blockCrossKeys(at::randn({lengths[g], H, d}).to(type)));
                values.push_back(at::randn({H, lengths[g], d}).to(type));
                qs.push_back(at::randn({rows[g], H, d}) * 0.3);
            }
            const at::Tensor q = at::cat(qs, 0);
            const int threads = at::get_num_threads();
            at::set_num_threads(2);
            const at::Tensor all = attendOneQuerySharedGroups(q, keys, values, rows);
            at::set_num_threads(1);
            const at::Tensor oneThread = attendOneQuerySharedGroups(q, keys, values, rows);
            at::set_num_threads(threads);
            QVERIFY2(at::equal(all, oneThread), toString(path));
            std::int64_t r0 = 0;
            for (std::size_t g = 0; g < rows.size(); ++g) {
                const at::Tensor alone = attendOneQueryShared(qs[g], keys[g], values[g]);
                QVERIFY2(at::equal(all.narrow(0, r0, rows[g]), alone), toString(path));
                r0 += rows[g];
            }
        }
    // groups that do not cover the rows, or keys that do not match, are refused
    const at::Tensor q = at::randn({4, H, d});
    const at::Tensor kb = blockCrossKeys(at::randn({10, H, d})), v = at::randn({H, 10, d});
    QVERIFY_THROWS_EXCEPTION(c10::Error, attendOneQuerySharedGroups(q, {kb}, {v}, {3}));
    QVERIFY_THROWS_EXCEPTION(c10::Error, attendOneQuerySharedGroups(q, {kb}, {at::randn({H, 65, d})}, {4})); // 2 blocks
    QVERIFY_THROWS_EXCEPTION(c10::Error, attendOneQuerySharedGroups(q, {kb}, {at::randn({H + 1, 10, d})}, {4}));
}

void TestCpuKernels::smallRowsMatchesAten_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("in");
    QTest::addColumn<int>("out");
    QTest::addColumn<bool>("bias");
    QTest::addColumn<bool>("bf16");
    addPathColumn();
    for (CpuKernelPath path : supportedCpuKernelPaths())
        for (bool bf16 : {false, true}) {
            const auto row = [&](const char *name, int m) {
                return QString("%1 %2: %3, %4 rows").arg(QLatin1String(toString(path)), QLatin1String(bf16 ? "bf16" : "f32"), QLatin1String(name)).arg(m).toUtf8();
            };
            for (int m = 1; m <= int(kSmallRows); ++m)
                QTest::newRow(row("base fc1", m).constData()) << m << 768 << 3072 << true << bf16 << int(path);
            QTest::newRow(row("base fc2, no bias", 3).constData()) << 3 << 3072 << 768 << false << bf16 << int(path);
            QTest::newRow(row("in not a multiple of any vector", 3).constData()) << 3 << 77 << 130 << true << bf16 << int(path);
            QTest::newRow(row("in below every vector width", 5).constData()) << 5 << 3 << 9 << true << bf16 << int(path);
        }
}

void TestCpuKernels::smallRowsMatchesAten()
{
    QFETCH(int, rows);
    QFETCH(int, in);
    QFETCH(int, out);
    QFETCH(bool, bias);
    QFETCH(bool, bf16);
    QFETCH(int, path);
    const ForcedPath forced{CpuKernelPath(path)};
    at::manual_seed(5);
    const at::Tensor x = at::randn({rows, in});
    at::Tensor w = at::randn({out, in}) * (1.0 / std::sqrt(double(in)));
    at::Tensor b = bias ? at::randn({out}) : at::Tensor();
    if (bf16) {
        w = w.to(at::kBFloat16);
        if (bias)
            b = b.to(at::kBFloat16);
    }
    const at::Tensor got = smallRowsLinear(x, w, b);
    const at::Tensor wf = w.to(at::kDouble);
    at::Tensor want = at::mm(x.to(at::kDouble), wf.t());
    if (bias)
        want = want + b.to(at::kDouble);
    const double maxDiff = (got.to(at::kDouble) - want).abs().max().item<double>();
    // float32 accumulation of <= 3072 products of unit-variance terms against a float64 reference.
    QVERIFY2(maxDiff < 2e-5, qPrintable(QString("max |kernel - float64 reference| = %1").arg(maxDiff)));
}

void TestCpuKernels::geluMatchesErf_data()
{
    QTest::addColumn<int>("count");
    addPathColumn();
    for (CpuKernelPath path : supportedCpuKernelPaths()) {
        const QString p = QLatin1String(toString(path));
        QTest::newRow(qPrintable(p + ": 100000 values (parallel)")) << 100000 << int(path);
        QTest::newRow(qPrintable(p + ": 37 values (a partial vector)")) << 37 << int(path);
        QTest::newRow(qPrintable(p + ": 3 values (below every vector width)")) << 3 << int(path);
    }
}

void TestCpuKernels::geluMatchesErf()
{
    // The vision MLP's GELU against the exact formula x/2 (1 + erf(x / sqrt 2)) in float64, on
    // values from -12 to 12 (both tails: erf saturates, exp(-x^2) underflows) plus 0, +-tiny.
    QFETCH(int, count);
    QFETCH(int, path);
    const ForcedPath forced{CpuKernelPath(path)};
    at::manual_seed(9);
    at::Tensor x = at::randn({count}) * 4.0;
    x.narrow(0, 0, std::min(count, 3)).copy_(at::tensor({0.0f, 1e-30f, -12.0f}).narrow(0, 0, std::min(count, 3)));
    const at::Tensor xd = x.to(at::kDouble);
    const at::Tensor want = xd * 0.5 * (1.0 + at::erf(xd * M_SQRT1_2));
    at::Tensor got = x.clone();
    geluInPlace(got);
    const double maxDiff = (got.to(at::kDouble) - want).abs().max().item<double>();
    // the erf approximation is within 1.5e-7 of erf; |x| <= 20 scales it by at most 10, plus
    // float32 rounding of the result (1.2e-6 at 20)
    QVERIFY2(maxDiff < 3e-6, qPrintable(QString("max |kernel - exact GELU| = %1").arg(maxDiff)));
    // and ATen's own GELU (the same erf formula, what the reference runs) agrees within float32
    // rounding, absolutely where 1 + erf cancels (x < -3: gelu(x) < 4e-3, erf's 1.5e-7 dominates)
    const at::Tensor aten = at::gelu(x);
    const double vsAten = ((got - aten).abs() - 1e-6 * aten.abs()).max().item<double>();
    QVERIFY2(vsAten < 3e-7, qPrintable(QString("max |kernel - at::gelu| - 1e-6 |at::gelu| = %1").arg(vsAten)));
    QVERIFY(at::equal(got.narrow(0, 0, 1), at::zeros({1})));
}

void TestCpuKernels::pathsAreSelectable()
{
    const std::vector<CpuKernelPath> paths = supportedCpuKernelPaths();
    QVERIFY(!paths.empty());
    QCOMPARE(paths.front(), CpuKernelPath::Portable); // on every machine
    const CpuFeatures &f = cpuFeatures();
    if (f.avx2 && f.fma)
        QVERIFY(cpuKernelPathSupported(CpuKernelPath::Avx2));
    if (f.avx512f && f.avx512bw && f.avx512vl && f.avx512dq)
        QVERIFY(cpuKernelPathSupported(CpuKernelPath::Avx512));
    const CpuKernelPath before = cpuKernelPath();
    for (CpuKernelPath p : paths) {
        setCpuKernelPath(p);
        QCOMPARE(cpuKernelPath(), p);
        QCOMPARE(parseCpuKernelPath(toString(p), "test"), p);
    }
    setCpuKernelPath(before);
    qInfo("kernel paths on this CPU: %s; CPU flags: %s", qPrintable([&] {
              QStringList names;
              for (CpuKernelPath p : paths)
                  names << QLatin1String(toString(p));
              return names.join(", ");
          }()),
          f.flagList().c_str());
}

void TestCpuKernels::rejectsPathsTheCpuLacks()
{
    int checked = 0;
    for (CpuKernelPath p : {CpuKernelPath::Avx2, CpuKernelPath::Avx512}) {
        if (cpuKernelPathSupported(p))
            continue;
        const CpuKernelPath before = cpuKernelPath();
        try {
            setCpuKernelPath(p);
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::BadInput);
            QVERIFY2(QString(e.what()).contains(toString(p)), e.what());
        }
        QCOMPARE(cpuKernelPath(), before); // unchanged
        try {
            cpuKernelPathFromEnvironment(toString(p));
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains(QString("FLORENCE_CPU_KERNELS=%1").arg(QLatin1String(toString(p)))), e.what());
        }
        ++checked;
    }
    if (checked == 0)
        QSKIP("this CPU supports every kernel path");
}

void TestCpuKernels::rejectsUnknownPathNames()
{
    try {
        cpuKernelPathFromEnvironment("avx1024");
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QCOMPARE(QString(e.what()), QString("environment variable FLORENCE_CPU_KERNELS: unknown kernel path 'avx1024' "
                                            "(expected avx512, avx2 or portable)"));
    }
    // Unset or empty: the widest supported path.
    QCOMPARE(cpuKernelPathFromEnvironment(nullptr), supportedCpuKernelPaths().back());
    QCOMPARE(cpuKernelPathFromEnvironment(""), supportedCpuKernelPaths().back());
    QCOMPARE(cpuKernelPathFromEnvironment("portable"), CpuKernelPath::Portable);
}

FLORENCE_TEST_CLASS(TestCpuKernels)

#include "test_cpu_kernels.moc"
