// The hub downloader (core/io/download.h) against FakeHub on 127.0.0.1: the cache layout (blobs,
// snapshot links, refs/main), a loadable result, progress, resume with Range after a dropped
// connection and after a cancel, a wrong checksum (file discarded, clear error), HF_TOKEN, offline,
// a stalled server (no hang), 404s, and florence-cli download.
#include "checkpoint_test_util.h"

#include "common/error.h"
#include "fake_hub.h"
#include "io/download.h"
#include "io/model_scan.h"
#include "pipeline.h"
#include "test_registry.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <filesystem>

using namespace florence;
using namespace florence::io;
using namespace florence::test;

namespace {

namespace fs = std::filesystem;

std::string errorOf(const std::function<void()> &fn, ErrorKind *kind = nullptr)
{
    try {
        fn();
    } catch (const Error &e) {
        if (kind)
            *kind = e.kind();
        return e.what();
    }
    return "(no error)";
}

bool contains(const std::string &s, const std::string &part)
{
    return s.find(part) != std::string::npos;
}

/// Files under `dir` whose name ends with `suffix`.
int countFiles(const fs::path &dir, const std::string &suffix)
{
    int n = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); ++it) {
        const std::string name = it->path().filename().string();
        n += name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    }
    return n;
}

} // namespace

class TestDownload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void downloadsIntoCacheLayout();
    void resumesAfterDroppedConnection();
    void cancelKeepsPartialAndResumes();
    void wrongChecksumDiscardsFile();
    void tokenIsSent();
    void offlineSaysWhatToCopy();
    void stalledServerTimesOut();
    void missingRepoAndAliases();
    void hostileServerNamesNoPath();
    void cliDownloads();

private:
    DownloadOptions options(const QString &cache) const;

    QTemporaryDir m_tmp;
    std::unique_ptr<FakeHub> m_hub;
    int m_case = 0;
};

void TestDownload::initTestCase()
{
    QVERIFY(m_tmp.isValid());
}

void TestDownload::init()
{
    // A fresh server per test: the fixture model as a hub repo, model.safetensors on the "CDN".
    m_hub = std::make_unique<FakeHub>();
    const std::string src = fixturePath("model/");
    for (const char *f : {"config.json", "generation_config.json", "preprocessor_config.json", "tokenizer.json",
                          "tokenizer_config.json"})
        m_hub->add(f, readTextFile(src + f), false, m_tmp.path().toStdString());
    m_hub->add("model.safetensors", readTextFile(src + "model.safetensors"), true, m_tmp.path().toStdString());
    m_hub->start();
    ++m_case;
}

DownloadOptions TestDownload::options(const QString &cache) const
{
    DownloadOptions o;
    o.repo = m_hub->repo;
    o.cacheDir = cache.toStdString();
    o.endpoint = m_hub->endpoint();
    o.token = "";
    o.connectTimeoutS = 5;
    o.stallTimeoutS = 3;
    return o;
}

void TestDownload::downloadsIntoCacheLayout()
{
    const QString cache = m_tmp.filePath(QStringLiteral("cache%1").arg(m_case));
    std::vector<DownloadProgress> reports;
    const DownloadResult r = downloadModel(options(cache), [&](const DownloadProgress &p) { reports.push_back(p); });
    const fs::path repo = fs::path(cache.toStdString()) / "models--acme--Florence-2-tiny";
    QCOMPARE(qs(r.commit), qs(m_hub->commit));
    QCOMPARE(qs(r.snapshotDir), qs((repo / "snapshots" / m_hub->commit).string()));
    QCOMPARE(qs(readTextFile((repo / "refs" / "main").string())), qs(m_hub->commit));
    QCOMPARE(int(r.files.size()), 6);
    for (const std::string &f : r.files) {
        const fs::path link = fs::path(r.snapshotDir) / f;
        QVERIFY2(fs::is_symlink(link), f.c_str());
        QVERIFY2(fs::read_symlink(link).string().rfind("../../blobs/", 0) == 0, f.c_str());
        QCOMPARE(qs(readTextFile(link.string())), qs(m_hub->files.at(f).bytes));
    }
    // The LFS file's blob is named by its sha256.
    QVERIFY(fs::exists(repo / "blobs" / m_hub->files.at("model.safetensors").sha256));
    QCOMPARE(countFiles(repo, ".incomplete"), 0);
    // Progress: bytes grow to the total, with speed; the last report is complete.
    QVERIFY(!reports.empty());
    std::uint64_t total = 0;
    for (const auto &kv : m_hub->files)
        total += kv.second.bytes.size();
    QCOMPARE(reports.back().totalBytes, total);
    QCOMPARE(reports.back().doneBytes, total);
    for (std::size_t i = 1; i < reports.size(); ++i)
        QVERIFY(reports[i].doneBytes >= reports[i - 1].doneBytes);
    QVERIFY(reports.back().bytesPerSecond > 0);
    QCOMPARE(r.downloadedBytes, total);
    // Only optional files were missing: processor_config.json etc. got 404 and were skipped.
    QVERIFY(m_hub->count("HEAD /acme/Florence-2-tiny/resolve/" + m_hub->commit + "/processor_config.json") == 1);
    // The scanner sees it, and it loads.
    const auto found = scanHfCache(cache.toStdString());
    QCOMPARE(int(found.size()), 1);
    QVERIFY(found[0].isMainRevision);
    QVERIFY(found[0].problems.empty());
    Pipeline p(r.snapshotDir);
    QVERIFY(p.summary().parameterCount > 0);
    // A second run transfers nothing.
    const DownloadResult again = downloadModel(options(cache));
    QCOMPARE(again.downloadedBytes, std::uint64_t(0));
    QCOMPARE(again.reusedBytes, total);
}

void TestDownload::resumesAfterDroppedConnection()
{
    const QString cache = m_tmp.filePath(QStringLiteral("cache%1").arg(m_case));
    m_hub->dropAfter = 3000000; // the first CDN transfer stops after 3 MB
    const DownloadResult r = downloadModel(options(cache));
    const std::string sha = m_hub->files.at("model.safetensors").sha256;
    QCOMPARE(m_hub->count("GET /cdn/" + sha), 2);
    QCOMPARE(m_hub->count("GET /cdn/" + sha + "?signed=1 bytes=3000000-"), 1); // resumed with Range
    QCOMPARE(qs(sha256File(r.snapshotDir + "/model.safetensors")), qs(sha));
}

void TestDownload::cancelKeepsPartialAndResumes()
{
    const QString cache = m_tmp.filePath(QStringLiteral("cache%1").arg(m_case));
    m_hub->cdnDelayPerChunkMs = 5;
    std::atomic<bool> cancel{false};
    ErrorKind kind = ErrorKind::Internal;
    const auto t0 = std::chrono::steady_clock::now();
    const std::string e = errorOf(
        [&] {
            downloadModel(options(cache),
                          [&](const DownloadProgress &p) {
                              if (p.file == "model.safetensors" && p.fileBytes > 1000000)
                                  cancel = true;
                          },
                          &cancel);
        },
        &kind);
    QCOMPARE(int(kind), int(ErrorKind::Cancelled));
    QVERIFY2(contains(e, "cancelled") && contains(e, "model.safetensors"), e.c_str());
    QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20));
    const fs::path repo = fs::path(cache.toStdString()) / "models--acme--Florence-2-tiny";
    QCOMPARE(countFiles(repo / "blobs", ".incomplete"), 1); // kept for resuming
    QVERIFY(!fs::exists(repo / "snapshots" / m_hub->commit / "model.safetensors")); // nothing to load by mistake
    // The next run resumes where it stopped.
    m_hub->cdnDelayPerChunkMs = 0;
    const DownloadResult r = downloadModel(options(cache));
    const std::string sha = m_hub->files.at("model.safetensors").sha256;
    int ranged = 0;
    {
        std::lock_guard<std::mutex> lock(m_hub->mutex);
        for (const std::string &l : m_hub->log)
            ranged += l.rfind("GET /cdn/" + sha, 0) == 0 && contains(l, "bytes=");
    }
    QCOMPARE(ranged, 1);
    QVERIFY(r.downloadedBytes < m_hub->files.at("model.safetensors").bytes.size() + 3000000);
    QCOMPARE(qs(sha256File(r.snapshotDir + "/model.safetensors")), qs(sha));
    QCOMPARE(countFiles(repo, ".incomplete"), 0);
}

void TestDownload::wrongChecksumDiscardsFile()
{
    const QString cache = m_tmp.filePath(QStringLiteral("cache%1").arg(m_case));
    m_hub->corrupt = true;
    ErrorKind kind = ErrorKind::Internal;
    const std::string e = errorOf([&] { downloadModel(options(cache)); }, &kind);
    QCOMPARE(int(kind), int(ErrorKind::ModelFormat));
    QVERIFY2(contains(e, "model.safetensors") && contains(e, "checksum") && contains(e, "discarded")
                 && contains(e, m_hub->files.at("model.safetensors").sha256), e.c_str());
    const fs::path repo = fs::path(cache.toStdString()) / "models--acme--Florence-2-tiny";
    QCOMPARE(countFiles(repo, ".incomplete"), 0);
    QVERIFY(!fs::exists(repo / "blobs" / m_hub->files.at("model.safetensors").sha256));
    QVERIFY(!fs::exists(repo / "snapshots" / m_hub->commit / "model.safetensors"));
    // The scanner does not offer a loadable model there.
    const auto found = scanHfCache(cache.toStdString());
    QVERIFY(found.empty() || !found[0].problems.empty());
    // Fixed server: the download succeeds.
    m_hub->corrupt = false;
    QCOMPARE(int(downloadModel(options(cache)).files.size()), 6);
}

void TestDownload::tokenIsSent()
{
    const QString cache = m_tmp.filePath(QStringLiteral("cache%1").arg(m_case));
    m_hub->token = "hf_secret";
    std::string e = errorOf([&] { downloadModel(options(cache)); });
    QVERIFY2(contains(e, "HTTP 401") && contains(e, "HF_TOKEN"), e.c_str());
    DownloadOptions o = options(cache);
    o.token = "hf_wrong";
    e = errorOf([&] { downloadModel(o); });
    QVERIFY2(contains(e, "refused"), e.c_str());
    qputenv("HF_TOKEN", "hf_secret");
    const DownloadResult r = downloadModel(options(cache)); // from the environment
    qunsetenv("HF_TOKEN");
    QCOMPARE(int(r.files.size()), 6);
}

void TestDownload::offlineSaysWhatToCopy()
{
    const QString cache = m_tmp.filePath(QStringLiteral("cache%1").arg(m_case));
    DownloadOptions o = options(cache);
    o.endpoint = "http://127.0.0.1:1"; // nothing listens there
    ErrorKind kind = ErrorKind::Internal;
    const auto t0 = std::chrono::steady_clock::now();
    const std::string e = errorOf([&] { downloadModel(o); }, &kind);
    QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
    QCOMPARE(int(kind), int(ErrorKind::Io));
    QVERIFY2(contains(e, "cannot reach http://127.0.0.1:1") && contains(e, "offline") && contains(e, "Copy the model")
                 && contains(e, "models--acme--Florence-2-tiny"), e.c_str());
    // HF_ENDPOINT is honoured.
    qputenv("HF_ENDPOINT", "http://127.0.0.1:1");
    o.endpoint.clear();
    QVERIFY(contains(errorOf([&] { downloadModel(o); }), "cannot reach http://127.0.0.1:1"));
    qputenv("HF_ENDPOINT", QByteArray::fromStdString(m_hub->endpoint()));
    QCOMPARE(int(downloadModel(o).files.size()), 6);
    qunsetenv("HF_ENDPOINT");
}

void TestDownload::stalledServerTimesOut()
{
    const QString cache = m_tmp.filePath(QStringLiteral("cache%1").arg(m_case));
    m_hub->stallMs = 6000; // the CDN says nothing for 6 s; the stall limit is 3 s
    DownloadOptions o = options(cache);
    o.retries = 0;
    const auto t0 = std::chrono::steady_clock::now();
    const std::string e = errorOf([&] { downloadModel(o); });
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    QVERIFY2(secs < 6.0, qPrintable(QString::number(secs)));
    QVERIFY2(contains(e, "model.safetensors") && contains(e, "run the download again to resume"), e.c_str());
}

void TestDownload::missingRepoAndAliases()
{
    const QString cache = m_tmp.filePath(QStringLiteral("cache%1").arg(m_case));
    DownloadOptions o = options(cache);
    o.repo = "acme/nothing-here";
    const std::string e = errorOf([&] { downloadModel(o); });
    QVERIFY2(contains(e, "acme/nothing-here") && contains(e, "no such model repo"), e.c_str());
    QCOMPARE(qs(resolveModelAlias("base")), qs("microsoft/Florence-2-base"));
    QCOMPARE(qs(resolveModelAlias("large-ft")), qs("microsoft/Florence-2-large-ft"));
    QCOMPARE(qs(resolveModelAlias("florence-community/Florence-2-base")), qs("florence-community/Florence-2-base"));
    for (const char *bad : {"huge", "a/b/c", "../x", "/abs", "a/..", "a b/c"})
        QVERIFY2(contains(errorOf([&] { resolveModelAlias(bad); }), "unknown model"), bad);
}

void TestDownload::hostileServerNamesNoPath()
{
    const QString cache = m_tmp.filePath(QStringLiteral("cache%1").arg(m_case));
    m_hub->badEtag = "../../../../evil";
    const std::string e = errorOf([&] { downloadModel(options(cache)); });
    QVERIFY2(contains(e, "no usable ETag") && contains(e, "config.json"), e.c_str());
    QVERIFY(!fs::exists(m_tmp.filePath("evil").toStdString()));
    QCOMPARE(countFiles(fs::path(cache.toStdString()), "evil"), 0);
}

void TestDownload::cliDownloads()
{
    const QString cli = QStringLiteral(FLORENCE_BINARY_DIR "/app/cli/florence-cli");
    if (!QFile::exists(cli))
        QSKIP("florence-cli is not built");
    const QString cache = m_tmp.filePath(QStringLiteral("cache%1").arg(m_case));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HF_ENDPOINT", qs(m_hub->endpoint()));
    p.setProcessEnvironment(env);
    p.start(cli, {"download", qs(m_hub->repo), "--cache", cache});
    QVERIFY(p.waitForFinished(60000));
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(p.exitCode() == 0, err.constData());
    const auto out = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
    QCOMPARE(qs(out.at("commit").get<std::string>()), qs(m_hub->commit));
    QVERIFY(err.contains("model.safetensors") && err.contains("100.0%") && err.contains("/s"));
    p.start(cli, {"download", "not a model", "--cache", cache});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
}

FLORENCE_TEST_CLASS(TestDownload)
#include "test_download.moc"
