// The model scanner (core/io/model_scan.h) on a fake Hugging Face hub cache built here: repos with
// snapshot files symlinked into blobs/, a native-layout repo, a repo of another model type, an
// unfinished download (a link to a missing blob), plus user folders.
#include "checkpoint_test_util.h"
#include "fake_hf_cache.h"

#include "io/convert_checkpoint.h"
#include "io/model_scan.h"
#include "pipeline.h"
#include "test_registry.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include <filesystem>
#include <set>

using namespace florence;
using namespace florence::io;
using namespace florence::test;

namespace {

namespace fs = std::filesystem;


} // namespace

class TestHfCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void findsFlorenceSnapshots();
    void hubDirFromEnvironment();
    void userFolders();
    void cliListsModels();

private:
    QTemporaryDir m_tmp;
    fs::path m_hub;
    std::uint64_t m_remoteSize = 0;
};

void TestHfCache::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    const fs::path root = m_tmp.path().toStdString();
    m_hub = root / "hub";
    writeZeroBiasModel(QString::fromStdString((root / "zero").string()));
    convertCheckpoint((root / "zero").string(), (root / "native").string(), CheckpointLayout::Native);
    m_remoteSize = addToCache(m_hub, "microsoft/Florence-2-base-ft", "1a2b3c", root / "zero");
    addToCache(m_hub, "florence-community/Florence-2-base", "4d5e6f", root / "native");
    // An older revision of the same repo, not refs/main.
    addToCache(m_hub, "microsoft/Florence-2-base-ft", "0old0", root / "zero", false);
    // Another model type.
    fs::create_directories(root / "bert");
    writeFileAtomic((root / "bert" / "config.json").string(), "{\"model_type\": \"bert\"}");
    addToCache(m_hub, "google-bert/bert-base-uncased", "777", root / "bert");
    // An unfinished download: model.safetensors points at a blob that never arrived.
    addToCache(m_hub, "microsoft/Florence-2-large", "999", root / "zero");
    const fs::path large = m_hub / "models--microsoft--Florence-2-large";
    for (const auto &e : fs::directory_iterator(large / "snapshots" / "999"))
        if (e.path().filename() == "model.safetensors")
            fs::remove(large / "blobs" / fs::read_symlink(e.path()).filename());
    // Junk that must be ignored.
    fs::create_directories(m_hub / "datasets--x--y" / "snapshots" / "1");
    fs::create_directories(m_hub / ".locks");
}

void TestHfCache::findsFlorenceSnapshots()
{
    const std::vector<FoundModel> found = scanHfCache(m_hub.string());
    QCOMPARE(int(found.size()), 4);
    std::map<std::string, FoundModel> byKey;
    for (const FoundModel &m : found)
        byKey[m.repoId + "@" + m.revision] = m;
    QVERIFY(byKey.count("microsoft/Florence-2-base-ft@1a2b3c"));
    QVERIFY(byKey.count("microsoft/Florence-2-base-ft@0old0"));
    QVERIFY(byKey.count("florence-community/Florence-2-base@4d5e6f"));
    QVERIFY(byKey.count("microsoft/Florence-2-large@999"));

    const FoundModel &ft = byKey.at("microsoft/Florence-2-base-ft@1a2b3c");
    QCOMPARE(qs(ft.source), qs("hf-cache"));
    QVERIFY(ft.isMainRevision);
    QVERIFY(!byKey.at("microsoft/Florence-2-base-ft@0old0").isMainRevision);
    QCOMPARE(qs(ft.layout), qs("remote"));
    QCOMPARE(qs(ft.variant), qs("custom")); // the tiny fixture (d_model 24) is neither base nor large
    QCOMPARE(qs(ft.weightsFormat), qs("safetensors"));
    QCOMPARE(qs(ft.dtype), qs("float32"));
    QCOMPARE(ft.sizeOnDisk, m_remoteSize); // links followed to the blobs
    QVERIFY(ft.problems.empty());
    // The parameter count from the header equals what the loader counts after loading.
    Pipeline p(ft.dir);
    QCOMPARE(ft.parameters, p.summary().parameterCount);

    const FoundModel &native = byKey.at("florence-community/Florence-2-base@4d5e6f");
    QCOMPARE(qs(native.layout), qs("native"));
    QCOMPARE(native.parameters, p.summary().parameterCount - 51289 + 39 * 24); // no bias, 39 padded rows
    QVERIFY(native.problems.empty());
    Pipeline pn(native.dir);
    QCOMPARE(qs(pn.summary().layout), qs("native"));

    const FoundModel &broken = byKey.at("microsoft/Florence-2-large@999");
    QVERIFY(!broken.problems.empty());
    std::string all;
    for (const std::string &s : broken.problems)
        all += s + "\n";
    QVERIFY2(all.find("'model.safetensors' is a broken link") != std::string::npos, all.c_str());
}

void TestHfCache::hubDirFromEnvironment()
{
    const QByteArray oldHub = qgetenv("HF_HUB_CACHE"), oldHome = qgetenv("HF_HOME");
    qputenv("HF_HUB_CACHE", "/x/hub-cache");
    QCOMPARE(qs(hfHubCacheDir()), qs("/x/hub-cache"));
    qunsetenv("HF_HUB_CACHE");
    qputenv("HF_HOME", "/y/hf");
    QCOMPARE(qs(hfHubCacheDir()), qs("/y/hf/hub"));
    qunsetenv("HF_HOME");
    qputenv("XDG_CACHE_HOME", "/z/cache");
    QCOMPARE(qs(hfHubCacheDir()), qs("/z/cache/huggingface/hub"));
    qunsetenv("XDG_CACHE_HOME");
    QVERIFY(hfHubCacheDir().find("/.cache/huggingface/hub") != std::string::npos);
    if (!oldHub.isEmpty())
        qputenv("HF_HUB_CACHE", oldHub);
    if (!oldHome.isEmpty())
        qputenv("HF_HOME", oldHome);
    QVERIFY(scanHfCache((m_hub / "does-not-exist").string()).empty());
}

void TestHfCache::userFolders()
{
    const fs::path root = m_tmp.path().toStdString();
    // A folder that is a model, and a folder of models (with a non-model beside them, and a folder
    // whose config.json holds a model_type of the wrong type: not a model, no exception).
    fs::create_directories(root / "hostile");
    {
        std::ofstream(root / "hostile" / "config.json") << R"({"model_type": 5})";
    }
    const std::vector<FoundModel> found = scanFolders({(root / "zero").string(), root.string()});
    std::set<std::string> dirs;
    for (const FoundModel &m : found) {
        QCOMPARE(qs(m.source), qs("folder"));
        dirs.insert(fs::path(m.dir).filename().string());
    }
    QCOMPARE(dirs, (std::set<std::string>{"zero", "native"}));
    QCOMPARE(int(found.size()), 2);
}

void TestHfCache::cliListsModels()
{
    const QString cli = QStringLiteral(FLORENCE_BINARY_DIR "/app/cli/florence-cli");
    if (!QFile::exists(cli))
        QSKIP("florence-cli is not built");
    QProcess p;
    p.start(cli, {"models", "--cache", QString::fromStdString(m_hub.string()), m_tmp.filePath("native")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const auto out = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
    QCOMPARE(out.at("models").size(), std::size_t(5));
    int native = 0;
    for (const auto &m : out.at("models"))
        native += m.at("layout") == "native";
    QCOMPARE(native, 2);
}

FLORENCE_TEST_CLASS(TestHfCache)
#include "test_hf_cache.moc"
