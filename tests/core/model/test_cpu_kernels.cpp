// Tests of the hand-written decoder-step kernels (core/model/cpu_kernels.h) against plain ATen, at
// sizes the fixture models never reach: base-like heads, long histories (the parallel, chunked
// path), beams sharing cached rows through the slot table, and independence of the thread count.
#include "model/cpu_kernels.h"

#include "common/threads.h"
#include "test_registry.h"

#include <ATen/ATen.h>

#include <QtTest>

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

} // namespace

class TestCpuKernels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void attentionMatchesAten_data();
    void attentionMatchesAten();
};

void TestCpuKernels::attentionMatchesAten_data()
{
    QTest::addColumn<int>("beams");
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("headDim");
    QTest::addColumn<int>("length");
    QTest::newRow("one position") << 3 << 12 << 64 << 1;
    QTest::newRow("short, one chunk") << 3 << 12 << 64 << 32;
    QTest::newRow("base at t=520, parallel chunks") << 3 << 12 << 64 << 520;
    QTest::newRow("head dim not a multiple of 16") << 2 << 3 << 20 << 150;
    QTest::newRow("greedy, large-like") << 1 << 16 << 64 << 700;
}

void TestCpuKernels::attentionMatchesAten()
{
    QFETCH(int, beams);
    QFETCH(int, heads);
    QFETCH(int, headDim);
    QFETCH(int, length);
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

FLORENCE_TEST_CLASS(TestCpuKernels)

#include "test_cpu_kernels.moc"
