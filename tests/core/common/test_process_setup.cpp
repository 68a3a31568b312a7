// Tests of the allocator setting of core/common/process_setup.h: after keepLargeBuffersInHeap() a
// 64 MB block comes from the heap (no mmap of its own) and stays there when freed.
#include "common/process_setup.h"

#include "test_registry.h"

#include <QtTest>

#include <cstdlib>
#include <cstring>
#include <malloc.h>

using namespace florence;

class TestProcessSetup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsLargeBuffersInHeap();
};

void TestProcessSetup::keepsLargeBuffersInHeap()
{
    constexpr std::size_t kBytes = 64u << 20;
    qputenv("FLORENCE_MALLOC", "keep");
    QVERIFY(!keepLargeBuffersInHeap()); // the opt-out changes nothing
    {
        const std::size_t mappedBefore = mallinfo2().hblkhd;
        void *p = std::malloc(kBytes);
        QVERIFY(p);
        std::memset(p, 1, 4096);
        QVERIFY(mallinfo2().hblkhd >= mappedBefore + kBytes); // glibc's default: an mmap of its own
        std::free(p);
    }
    qunsetenv("FLORENCE_MALLOC");
    QVERIFY(keepLargeBuffersInHeap());
    const std::size_t mappedBefore = mallinfo2().hblkhd;
    void *p = std::malloc(kBytes);
    QVERIFY(p);
    std::memset(p, 1, 4096);
    QCOMPARE(mallinfo2().hblkhd, mappedBefore); // from the heap
    std::free(p);
    QVERIFY(mallinfo2().fordblks >= kBytes); // kept for the next allocation, not trimmed
}

FLORENCE_TEST_CLASS(TestProcessSetup)
#include "test_process_setup.moc"
