// Tests of the model GUI of issue 12: the model picker on a fake Hugging Face hub cache built here
// (snapshots of links into blobs/, a native-layout repo, an unfinished download, another model type,
// a user folder), the no-model panel loading a found model, the download dialog against the local
// hub imitation of the downloader tests (progress, completion, stop + resume, checksum mismatch,
// offline), and a custom task preset made in the Model panel that round-trips and runs.
#include "common/error_text.h"
#include "core/io/fake_hf_cache.h"
#include "core/io/fake_hub.h"
#include "dialogs/download_dialog.h"
#include "dialogs/model_picker_dialog.h"
#include "inference/model_finder.h"
#include "inference_test_support.h"
#include "io/convert_checkpoint.h"
#include "io/model_scan.h"
#include "panels/custom_task_panel.h"
#include "panels/no_model_panel.h"
#include "tasks/custom_task.h"
#include "common/file_io.h"
#include "test_registry.h"

#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

#include <filesystem>

using namespace florence;
using namespace florence::ui;
using namespace florence::test;

namespace {

namespace fs = std::filesystem;


std::uint64_t folderSize(const fs::path &dir)
{
    std::uint64_t total = 0;
    for (const auto &entry : fs::directory_iterator(dir))
        total += fs::file_size(entry.path());
    return total;
}

QTreeWidgetItem *rowNamed(QTreeWidget *table, const QString &prefix)
{
    for (int i = 0; i < table->topLevelItemCount(); ++i)
        if (table->topLevelItem(i)->text(ModelPickerDialog::ColName).startsWith(prefix))
            return table->topLevelItem(i);
    return nullptr;
}

} // namespace

class TestModelTools : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pickerListsHubCacheAndFolders();
    void noModelPanelLoadsAFoundModel();
    void downloadShowsProgressAndCompletes();
    void downloadStopsAndResumes();
    void downloadReportsChecksumMismatch();
    void downloadOffline();
    void customTaskPresetRoundTripsAndRuns();
    void screenshots();

private:
    std::unique_ptr<FakeHub> startHub();

    QTemporaryDir m_tmp;
    fs::path m_hub;
    fs::path m_userFolder;
    std::string m_fixture = fixturePath("model");
};

void TestModelTools::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    const fs::path root = m_tmp.path().toStdString();
    m_hub = root / "hub";
    io::convertCheckpoint(m_fixture, (root / "native").string(), io::CheckpointLayout::Native);
    addToCache(m_hub, "microsoft/Florence-2-base-ft", "1a2b3c4d5e6f", m_fixture);
    addToCache(m_hub, "florence-community/Florence-2-base", "4d5e6f", root / "native");
    addToCache(m_hub, "acme/Florence-2-half-done", "777", m_fixture, true, "model.safetensors");
    // Another model type: not listed.
    fs::create_directories(root / "other");
    writeFileAtomic((root / "other" / "config.json").string(), R"({"model_type": "bert"})");
    addToCache(m_hub, "google/bert-tiny", "999", root / "other");
    // A user folder holding a model folder.
    m_userFolder = root / "mine";
    fs::create_directories(m_userFolder / "my-finetune");
    for (const auto &entry : fs::directory_iterator(m_fixture))
        fs::copy_file(entry.path(), m_userFolder / "my-finetune" / entry.path().filename());
}

void TestModelTools::pickerListsHubCacheAndFolders()
{
    ModelPickerDialog picker(qs(m_hub.string()), {qs(m_userFolder.string())});
    QSignalSpy listed(&picker, &ModelPickerDialog::listed);
    QVERIFY(listed.wait(20000));
    QTreeWidget *table = picker.table();
    QCOMPARE(table->topLevelItemCount(), 4); // three hub snapshots of Florence-2 (not bert) + the user's
    QVERIFY(picker.summaryLabel()->text().contains(QStringLiteral("4 Florence-2 model")));

    // The columns show what the core scanner found, for each model.
    bool found = false;
    const io::FoundModel remote = io::describeModelFolder(
        (m_hub / "models--microsoft--Florence-2-base-ft" / "snapshots" / "1a2b3c4d5e6f").string(), &found);
    QVERIFY(found);
    QTreeWidgetItem *row = rowNamed(table, QStringLiteral("microsoft/Florence-2-base-ft"));
    QVERIFY(row);
    QCOMPARE(row->text(ModelPickerDialog::ColVariant), qs(remote.variant));
    QCOMPARE(row->text(ModelPickerDialog::ColLayout), QStringLiteral("remote code"));
    QVERIFY(remote.parameters > 0);
    QCOMPARE(row->text(ModelPickerDialog::ColParameters), formatParameterCount(remote.parameters));
    QCOMPARE(row->text(ModelPickerDialog::ColDtype), QStringLiteral("float32"));
    QCOMPARE(row->text(ModelPickerDialog::ColSize), formatBytes(folderSize(m_fixture))); // links followed
    QVERIFY(row->text(ModelPickerDialog::ColWhere).contains(QStringLiteral("(main)")));

    QTreeWidgetItem *native = rowNamed(table, QStringLiteral("florence-community/Florence-2-base"));
    QVERIFY(native);
    QCOMPARE(native->text(ModelPickerDialog::ColLayout), QStringLiteral("native"));
    QTreeWidgetItem *mine = rowNamed(table, QStringLiteral("my-finetune"));
    QVERIFY(mine);
    QCOMPARE(mine->text(ModelPickerDialog::ColWhere), QDir::toNativeSeparators(qs((m_userFolder / "my-finetune").string())));
    // The unfinished download is listed with its problem (broken link).
    QTreeWidgetItem *half = rowNamed(table, QStringLiteral("acme/Florence-2-half-done"));
    QVERIFY(half);
    QVERIFY2(half->toolTip(0).contains(QStringLiteral("Cannot be loaded")), qPrintable(half->toolTip(0)));
    QVERIFY(half->toolTip(0).contains(QStringLiteral("model.safetensors")));

    // Choosing a row and Load accepts with its folder.
    QVERIFY(picker.selectDir(qs((m_hub / "models--florence-community--Florence-2-base" / "snapshots" / "4d5e6f").string())));
    QVERIFY(picker.loadButton()->isEnabled());
    QTest::mouseClick(picker.loadButton(), Qt::LeftButton);
    QCOMPARE(picker.result(), int(QDialog::Accepted));
    QVERIFY(picker.selectedDir().endsWith(QStringLiteral("snapshots/4d5e6f")));

    // Adding a folder saves it and lists its models; an empty cache says what to do.
    ModelPickerDialog empty(m_tmp.filePath(QStringLiteral("no-cache")), {});
    QSignalSpy emptyListed(&empty, &ModelPickerDialog::listed);
    QVERIFY(emptyListed.wait(20000));
    QCOMPARE(empty.table()->topLevelItemCount(), 0);
    QVERIFY(empty.summaryLabel()->text().contains(QStringLiteral("Download one")));
    QVERIFY(!empty.loadButton()->isEnabled());
    empty.addFolder(qs(m_userFolder.string()));
    QVERIFY(emptyListed.wait(20000));
    QCOMPARE(empty.table()->topLevelItemCount(), 1);
    QCOMPARE(ModelFinder::savedFolders(), QStringList{qs(m_userFolder.string())});
    ModelFinder::saveFolders({});
}

void TestModelTools::noModelPanelLoadsAFoundModel()
{
    qputenv("HF_HUB_CACHE", QByteArray::fromStdString(m_hub.string()));
    Studio s{QString()};
    NoModelPanel *panel = s.session()->noModelPanel();
    QVERIFY(panel->isVisible());
    QVERIFY(!s.session()->customTaskPanel()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(panel->modelList()->count() == 2, 20000); // loadable ones only
    QVERIFY(panel->downloadButton()->isEnabled() && panel->openFolderButton()->isEnabled());
    panel->modelList()->setCurrentRow(0);
    const QString dir = panel->modelList()->currentItem()->data(Qt::UserRole).toString();
    QTest::mouseClick(panel->loadButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(s.controller()->isModelReady(), 30000);
    QCOMPARE(s.controller()->modelDir(), dir);
    QVERIFY(!panel->isVisible());
    QVERIFY(s.session()->customTaskPanel()->isVisible());
    qunsetenv("HF_HUB_CACHE");
}

/// A download dialog aimed at `hub` (or an endpoint) with its own cache folder under the test's.
static void aim(DownloadDialog &dialog, const QString &cache, const std::string &endpoint, const std::string &repo, long timeoutS = 5)
{
    dialog.setCacheDir(cache);
    dialog.setEndpoint(qs(endpoint));
    dialog.setTimeouts(timeoutS, timeoutS);
    dialog.setRepo(qs(repo));
}

std::unique_ptr<FakeHub> TestModelTools::startHub()
{
    auto hub = std::make_unique<FakeHub>();
    const std::string src = m_fixture + "/";
    for (const char *f : {"config.json", "generation_config.json", "preprocessor_config.json", "tokenizer.json",
                          "tokenizer_config.json"})
        hub->add(f, readTextFile(src + f), false, m_tmp.path().toStdString());
    hub->add("model.safetensors", readTextFile(src + "model.safetensors"), true, m_tmp.path().toStdString());
    hub->start();
    return hub;
}

void TestModelTools::downloadShowsProgressAndCompletes()
{
    auto hub = startHub();
    hub->cdnDelayPerChunkMs = 2; // a transfer of about a second: progress is reported on the way
    DownloadDialog dialog;
    const QString cache = m_tmp.filePath(QStringLiteral("dl-complete"));
    aim(dialog, cache, hub->endpoint(), hub->repo);
    dialog.show();
    QVERIFY(dialog.statusLabel()->text().isEmpty());
    QSignalSpy finished(&dialog, &DownloadDialog::finished);
    int ticks = 0; // the GUI thread keeps running while the download runs
    QTimer timer;
    connect(&timer, &QTimer::timeout, [&] { ++ticks; });
    timer.start(20);
    QTest::mouseClick(dialog.downloadButton(), Qt::LeftButton);
    QVERIFY(dialog.isRunning());
    QVERIFY(!dialog.downloadButton()->isEnabled());
    QVERIFY(dialog.cancelButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.progressBar()->value() > 0 && dialog.progressBar()->value() < 1000, 20000);
    QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("/s")), qPrintable(dialog.statusLabel()->text()));
    QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("left")));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.last().at(0).toBool(), true);
    QVERIFY(ticks > 10);
    QVERIFY(dialog.progressReports() > 1);
    QCOMPARE(dialog.progressBar()->value(), 1000);
    const QString snapshot = dialog.snapshotDir();
    QVERIFY(snapshot.startsWith(cache));
    QVERIFY(QFileInfo(snapshot + QStringLiteral("/model.safetensors")).isSymLink());
    QCOMPARE(QFileInfo(snapshot + QStringLiteral("/model.safetensors")).size(),
             QFileInfo(qs(m_fixture + "/model.safetensors")).size());
    QVERIFY(dialog.messageLabel()->text().startsWith(QStringLiteral("Downloaded")));
    QVERIFY(dialog.loadButton()->isEnabled());
    QSignalSpy load(&dialog, &DownloadDialog::loadRequested);
    QTest::mouseClick(dialog.loadButton(), Qt::LeftButton);
    QCOMPARE(load.count(), 1);
    QCOMPARE(load.first().at(0).toString(), snapshot);
}

void TestModelTools::downloadStopsAndResumes()
{
    auto hub = startHub();
    hub->cdnDelayPerChunkMs = 20; // slow: there is time to stop it half way
    DownloadDialog dialog;
    const QString cache = m_tmp.filePath(QStringLiteral("dl-resume"));
    aim(dialog, cache, hub->endpoint(), hub->repo);
    QSignalSpy finished(&dialog, &DownloadDialog::finished);
    QVERIFY(dialog.start());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusLabel()->text().startsWith(QStringLiteral("model.safetensors"))
                                 && dialog.progressBar()->value() > 0,
                             30000);
    QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY(dialog.snapshotDir().isEmpty());
    QVERIFY(dialog.lastError().isEmpty()); // a stop is no error
    QVERIFY(dialog.messageLabel()->text().contains(QStringLiteral("Resume")));
    QCOMPARE(dialog.downloadButton()->text(), QStringLiteral("Resume"));
    QVERIFY(!dialog.loadButton()->isEnabled());
    int partial = 0;
    for (const auto &e : fs::recursive_directory_iterator(cache.toStdString()))
        partial += e.path().extension() == ".incomplete";
    QCOMPARE(partial, 1);

    hub->cdnDelayPerChunkMs = 0;
    QTest::mouseClick(dialog.downloadButton(), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.last().at(0).toBool(), true);
    QVERIFY(hub->count("GET /cdn/") >= 2);
    bool ranged = false;
    {
        std::lock_guard<std::mutex> lock(hub->mutex);
        for (const std::string &line : hub->log)
            ranged |= line.rfind("GET /cdn/", 0) == 0 && line.find("bytes=") != std::string::npos;
    }
    QVERIFY(ranged); // the second start continued the partial file
    QCOMPARE(QFileInfo(dialog.snapshotDir() + QStringLiteral("/model.safetensors")).size(),
             QFileInfo(qs(m_fixture + "/model.safetensors")).size());
}

void TestModelTools::downloadReportsChecksumMismatch()
{
    auto hub = startHub();
    hub->corrupt = true;
    DownloadDialog dialog;
    const QString cache = m_tmp.filePath(QStringLiteral("dl-corrupt"));
    aim(dialog, cache, hub->endpoint(), hub->repo);
    QSignalSpy finished(&dialog, &DownloadDialog::finished);
    QVERIFY(dialog.start());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY2(dialog.lastError().contains(QStringLiteral("sha256")), qPrintable(dialog.lastError()));
    QVERIFY(dialog.messageLabel()->text().contains(QStringLiteral("Could not download")));
    QVERIFY(dialog.messageLabel()->text().contains(dialog.lastError()));
    QVERIFY(dialog.snapshotDir().isEmpty());
    QVERIFY(!dialog.loadButton()->isEnabled());
    // Nothing unverified is left where a load would find it.
    for (const auto &e : fs::recursive_directory_iterator(cache.toStdString()))
        QVERIFY2(e.path().filename() != "model.safetensors", e.path().c_str());
}

void TestModelTools::downloadOffline()
{
    DownloadDialog dialog;
    dialog.setCacheDir(m_tmp.filePath(QStringLiteral("dl-offline")));
    dialog.setEndpoint(QStringLiteral("http://127.0.0.1:1"));
    dialog.setTimeouts(2, 2);
    dialog.setRepo(QStringLiteral("base"));
    QSignalSpy finished(&dialog, &DownloadDialog::finished);
    QVERIFY(dialog.start());
    QVERIFY(finished.wait(30000));
    QVERIFY2(dialog.lastError().contains(QStringLiteral("offline")), qPrintable(dialog.lastError()));
    QVERIFY(dialog.messageLabel()->text().contains(QStringLiteral("microsoft/Florence-2-base")) ||
            dialog.messageLabel()->text().contains(QStringLiteral("base")));
    // Not a name: said at once, nothing started.
    dialog.setRepo(QStringLiteral("not a repo"));
    QVERIFY(!dialog.start());
    QVERIFY(dialog.messageLabel()->text().startsWith(ErrorText::summary(ErrorContext::Download, ErrorKind::BadInput)));
}

void TestModelTools::customTaskPresetRoundTripsAndRuns()
{
    Studio s;
    QVERIFY(s.show(0));
    CustomTaskPanel *panel = s.session()->customTaskPanel();
    QVERIFY(panel->isVisible());
    const QString model = s.controller()->modelDir();
    QCOMPARE(panel->modelDir(), model);
    QVERIFY(panel->presetNames().isEmpty());
    QVERIFY(!panel->isChecked()); // folded until used
    QVERIFY(!panel->promptEdit()->isVisible());
    panel->setChecked(true);
    QVERIFY(panel->promptEdit()->isVisible());

    // Made in the GUI, stored in the one preset file the CLI reads.
    panel->promptEdit()->setText(QStringLiteral("<OD>"));
    panel->parserBox()->setCurrentIndex(panel->parserBox()->findData(int(OutputParser::Boxes)));
    QVERIFY(panel->saveButton()->isEnabled());
    QString why;
    QVERIFY2(panel->savePreset(QStringLiteral("objects"), &why), qPrintable(why));
    const std::vector<CustomTask> stored = CustomTaskStore().list(model.toStdString());
    QCOMPARE(int(stored.size()), 1);
    QCOMPARE(stored[0], (CustomTask{"objects", "<OD>", OutputParser::Boxes}));
    // A preset saved by florence-cli appears too; switching presets fills the controls.
    CustomTaskStore().save(model.toStdString(), CustomTask{"caption", "<CAPTION>", OutputParser::PlainText});
    panel->setModelDir(QString());
    QVERIFY(panel->presetNames().isEmpty());
    panel->setChecked(false);
    panel->setModelDir(model);
    QVERIFY(panel->isChecked()); // a model with presets opens the box
    QCOMPARE(panel->presetNames(), (QStringList{QStringLiteral("objects"), QStringLiteral("caption")}));
    QVERIFY(panel->selectPreset(QStringLiteral("caption")));
    QCOMPARE(panel->promptEdit()->text(), QStringLiteral("<CAPTION>"));
    QCOMPARE(OutputParser(panel->parserBox()->currentData().toInt()), OutputParser::PlainText);
    QVERIFY(panel->selectPreset(QStringLiteral("objects")));
    QCOMPARE(panel->promptEdit()->text(), QStringLiteral("<OD>"));
    QCOMPARE(OutputParser(panel->parserBox()->currentData().toInt()), OutputParser::Boxes);

    // Run: the prompt is sent as given, the boxes parser makes shapes, one undo step.
    QVERIFY(panel->runButton()->isEnabled());
    const int undoBefore = s.doc()->undoStack()->count();
    QSignalSpy done(s.session(), &ModelSession::runFinished);
    QTest::mouseClick(panel->runButton(), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    const auto result = done.last().at(0).value<InferenceResult>();
    QCOMPARE(int(result.status), int(InferenceStatus::Ok));
    QCOMPARE(result.job.customPrompt, std::string("<OD>"));
    QCOMPARE(int(result.job.task), int(parserTask(OutputParser::Boxes)));
    QCOMPARE(result.runs.size(), std::size_t(1));
    QVERIFY2(result.runs[0].prompt.find("Locate the objects") != std::string::npos, result.runs[0].prompt.c_str());
    QVERIFY(!result.annotations.shapes.empty());
    QCOMPARE(int(s.doc()->shapeIds(0).size()), int(result.annotations.shapes.size()));
    QCOMPARE(s.doc()->undoStack()->count(), undoBefore + 1);

    // Delete removes it from the file; a bad name is refused with the reason.
    QVERIFY(panel->selectPreset(QStringLiteral("caption")));
    QVERIFY(panel->deleteSelectedPreset());
    QCOMPARE(int(CustomTaskStore().list(model.toStdString()).size()), 1);
    QVERIFY(!panel->savePreset(QStringLiteral("   "), &why));
    QVERIFY2(why.contains(QStringLiteral("name")), qPrintable(why));
}

/// Grabs the picker on the fake cache (model_picker.png) and the download dialog half way
/// (download.png), checking that each rendered; saved into FLORENCE_SCREENSHOT_DIR when set.
void TestModelTools::screenshots()
{
    QTemporaryDir tmp;
    const QString out = qEnvironmentVariable("FLORENCE_SCREENSHOT_DIR", tmp.path());
    ModelPickerDialog picker(qs(m_hub.string()), {qs(m_userFolder.string())});
    QSignalSpy listed(&picker, &ModelPickerDialog::listed);
    picker.resize(1000, 330);
    picker.show();
    QVERIFY(QTest::qWaitForWindowExposed(&picker));
    QVERIFY(!listed.isEmpty() || listed.wait(20000));
    QVERIFY(picker.selectDir(qs((m_hub / "models--microsoft--Florence-2-base-ft" / "snapshots" / "1a2b3c4d5e6f").string())));
    QTest::qWait(100);
    QVERIFY(saveRendered(&picker, out + QStringLiteral("/model_picker.png")));

    auto hub = startHub();
    hub->cdnDelayPerChunkMs = 30;
    DownloadDialog dialog;
    dialog.setCacheDir(m_tmp.filePath(QStringLiteral("dl-shot")));
    dialog.setEndpoint(qs(hub->endpoint()));
    dialog.setRepo(QStringLiteral("microsoft/Florence-2-base-ft"));
    hub->repo = "microsoft/Florence-2-base-ft";
    dialog.resize(640, 260);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy finished(&dialog, &DownloadDialog::finished);
    QVERIFY(dialog.start());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.progressBar()->value() > 150, 60000);
    QTest::qWait(100);
    QVERIFY(saveRendered(&dialog, out + QStringLiteral("/download.png")));
    dialog.cancel();
    QVERIFY(finished.wait(20000));
}

FLORENCE_TEST_CLASS(TestModelTools)
#include "test_model_tools.moc"
