// Tests of the weights identity recorded in provenance (core/io/checkpoint_id.h): exact from a
// Hugging Face cache blob name, a sampled fingerprint otherwise that sees a change anywhere in the
// sampled blocks, and model names of cache snapshots.
#include "io/checkpoint_id.h"

#include "common/error.h"
#include "test_registry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace florence;

namespace {

void writeBytes(const std::string &path, std::size_t size, char fill)
{
    std::ofstream out(path, std::ios::binary);
    out << std::string(size, fill);
}

} // namespace

class TestCheckpointId : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void blobNameIsTheId();
    void fingerprintSeesChanges();
    void displayNames();
};

void TestCheckpointId::blobNameIsTheId()
{
    QTemporaryDir tmp;
    namespace fs = std::filesystem;
    const fs::path root = tmp.path().toStdString();
    const std::string sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    fs::create_directories(root / "models--microsoft--Florence-2-base" / "blobs");
    fs::create_directories(root / "models--microsoft--Florence-2-base" / "snapshots" / "rev1");
    writeBytes((root / "models--microsoft--Florence-2-base" / "blobs" / sha).string(), 1000, 'x');
    const fs::path link = root / "models--microsoft--Florence-2-base" / "snapshots" / "rev1" / "model.safetensors";
    fs::create_symlink(fs::path("../../blobs") / sha, link);
    QCOMPARE(io::checkpointId({link.string()}), std::string("sha256:0123456789abcdef"));
    QCOMPARE(io::modelDisplayName((root / "models--microsoft--Florence-2-base" / "snapshots" / "rev1").string()),
             std::string("microsoft/Florence-2-base"));
    QCOMPARE(io::modelDisplayName((root / "models--microsoft--Florence-2-base" / "snapshots" / "rev1/").string()),
             std::string("microsoft/Florence-2-base"));
}

void TestCheckpointId::fingerprintSeesChanges()
{
    QTemporaryDir tmp;
    const std::string path = tmp.filePath("model.safetensors").toStdString();
    const std::size_t size = 10 * 1000 * 1000;
    writeBytes(path, size, 'a');
    const std::string id = io::checkpointId({path});
    QVERIFY(id.rfind("fp:", 0) == 0);
    QCOMPARE(id.size(), std::size_t(3 + 16));
    QCOMPARE(io::checkpointId({path}), id); // deterministic
    // A change in the last bytes, in the middle block and the size each change the id.
    for (const std::size_t offset : {size - 1, std::size_t(0), (size - 65536) / 63 * 31}) {
        {
            std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(std::streamoff(offset));
            f.put('b');
        }
        QVERIFY2(io::checkpointId({path}) != id, std::to_string(offset).c_str());
        writeBytes(path, size, 'a');
        QCOMPARE(io::checkpointId({path}), id);
    }
    writeBytes(path, size + 1, 'a');
    QVERIFY(io::checkpointId({path}) != id);
    // Small files (below one block) and shards work too.
    writeBytes(path, 10, 'a');
    const std::string small = io::checkpointId({path});
    QVERIFY(small != io::checkpointId({path, path}));
    QVERIFY_THROWS_EXCEPTION(Error, io::checkpointId({tmp.filePath("missing").toStdString()}));
    QCOMPARE(io::modelDisplayName(tmp.filePath("Florence-2-large-ft").toStdString()), std::string("Florence-2-large-ft"));
}

void TestCheckpointId::displayNames()
{
    QCOMPARE(io::modelDisplayName("/models/my-finetune/"), std::string("my-finetune"));
    QCOMPARE(io::modelDisplayName("relative/dir"), std::string("dir"));
    QCOMPARE(io::modelDisplayName("/x/snapshots/abc"), std::string("abc")); // not a models-- repo
}

FLORENCE_TEST_CLASS(TestCheckpointId)
#include "test_checkpoint_id.moc"
