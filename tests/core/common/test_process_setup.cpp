// Tests of the allocator setting of core/common/process_setup.h: after keepLargeBuffersInHeap() a
// 64 MB block comes from the heap (no mmap of its own) and stays there when freed.
#include "common/process_setup.h"

#include "test_registry.h"

#include <QtTest>

#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <memory>

#if defined(__SANITIZE_ADDRESS__)
#define FLORENCE_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FLORENCE_TEST_ASAN 1
#endif
#endif

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
    using Block = std::unique_ptr<void, decltype(&std::free)>;
    qputenv("FLORENCE_MALLOC", "keep");
    QVERIFY(!keepLargeBuffersInHeap()); // the opt-out changes nothing
    qunsetenv("FLORENCE_MALLOC");
#if defined(FLORENCE_TEST_ASAN)
    // AddressSanitizer's allocator replaces glibc's (and its mallinfo): nothing to change.
    QVERIFY(!keepLargeBuffersInHeap());
#else
    {
        const std::size_t mappedBefore = mallinfo2().hblkhd;
        Block p(std::malloc(kBytes), &std::free);
        QVERIFY(p);
        std::memset(p.get(), 1, 4096);
        QVERIFY(mallinfo2().hblkhd >= mappedBefore + kBytes); // glibc's default: an mmap of its own
    }
    QVERIFY(keepLargeBuffersInHeap());
    const std::size_t mappedBefore = mallinfo2().hblkhd;
    {
        Block p(std::malloc(kBytes), &std::free);
        QVERIFY(p);
        std::memset(p.get(), 1, 4096);
        QCOMPARE(mallinfo2().hblkhd, mappedBefore); // from the heap
    }
    QVERIFY(mallinfo2().fordblks >= kBytes); // kept for the next allocation, not trimmed
#endif
}

FLORENCE_TEST_CLASS(TestProcessSetup)
#include "test_process_setup.moc"
