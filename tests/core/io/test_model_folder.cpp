// Tests of model-folder inspection (core/io/model_folder.h): the fixture folders and every way a
// folder can be unusable, each error naming the folder or the file.
#include "io/model_folder.h"

#include "common/file_io.h"
#include "core/image/image_test_util.h"
#include "test_registry.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace florence;
using namespace florence::io;
using namespace florence::test;

namespace {

const char *kConfig = R"({"model_type": "florence2", "torch_dtype": "float16", "text_config": {"d_model": 768}})";

/// Creates `files` (name -> content) inside `dir`/`sub` and returns the folder path.
std::string makeFolder(const QTemporaryDir &dir, const QString &sub, const QMap<QString, QString> &files)
{
    QDir(dir.path()).mkpath(sub);
    const QString folder = dir.filePath(sub);
    for (auto it = files.begin(); it != files.end(); ++it)
        writeFileAtomic((folder + "/" + it.key()).toStdString(), it.value().toStdString());
    return folder.toStdString();
}

QMap<QString, QString> completeFiles()
{
    return {{"config.json", kConfig},
            {"preprocessor_config.json", "{}"},
            {"tokenizer.json", "{}"},
            {"model.safetensors", "x"}};
}

} // namespace

class TestModelFolder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtureFolders();
    void alternatives();
    void variantGuess_data();
    void variantGuess();
    void errors_data();
    void errors();
};

void TestModelFolder::fixtureFolders()
{
    const ModelFolder m = inspectModelFolder(fixturePath("model") + "/");
    QCOMPARE(m.dir, fixturePath("model"));
    QCOMPARE(m.weightsFormat, WeightsFormat::Safetensors);
    QCOMPARE(m.weightFiles, std::vector<std::string>{fixturePath("model/model.safetensors")});
    QCOMPARE(m.tokenizerJsonPath, fixturePath("model/tokenizer.json"));
    QVERIFY(m.vocabPath.empty()); // left out of the copy (tests/data/README.md)
    QCOMPARE(m.modelType, std::string("florence2"));
    QCOMPARE(m.variant, std::string("custom")); // tiny: d_model 24
    const ModelFolder bin = inspectModelFolder(fixturePath("model_bin"));
    QCOMPARE(bin.weightsFormat, WeightsFormat::PytorchBin);
    QCOMPARE(bin.torchDtype, std::string("float16"));
    QVERIFY(!bin.preprocessorConfigPath.empty()); // a symlink to ../model
}

void TestModelFolder::alternatives()
{
    QTemporaryDir dir;
    QMap<QString, QString> files = completeFiles();
    files.remove("tokenizer.json");
    files.remove("model.safetensors");
    files["vocab.json"] = "{}";
    files["merges.txt"] = "#version: 0.2\n";
    files["model.safetensors.index.json"] = R"({"metadata": {}, "weight_map": {"a": "model-00002-of-00002.safetensors",
        "b": "model-00001-of-00002.safetensors", "c": "model-00001-of-00002.safetensors"}})";
    files["model-00001-of-00002.safetensors"] = "x";
    files["model-00002-of-00002.safetensors"] = "x";
    files["pytorch_model.bin"] = "x";
    const std::string folder = makeFolder(dir, "sharded", files);
    const ModelFolder m = inspectModelFolder(folder);
    QCOMPARE(m.weightsFormat, WeightsFormat::ShardedSafetensors); // preferred over pytorch_model.bin
    QCOMPARE(m.weightsIndexPath, folder + "/model.safetensors.index.json");
    QCOMPARE(m.weightFiles, (std::vector<std::string>{folder + "/model-00001-of-00002.safetensors",
                                                      folder + "/model-00002-of-00002.safetensors"}));
    QVERIFY(m.tokenizerJsonPath.empty());
    QCOMPARE(m.vocabPath, folder + "/vocab.json");
    QCOMPARE(m.mergesPath, folder + "/merges.txt");
    QCOMPARE(m.torchDtype, std::string("float16"));
}

void TestModelFolder::variantGuess_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("variant");
    QTest::newRow("base") << "Florence-2-base" << R"({"model_type": "florence2", "text_config": {"d_model": 768}})" << "base";
    QTest::newRow("large-ft by folder") << "Florence-2-large-ft"
                                        << R"({"model_type": "florence2", "text_config": {"d_model": 1024}})"
                                        << "large-ft";
    QTest::newRow("base-ft by _name_or_path") << "weights"
                                              << R"({"model_type": "florence2", "_name_or_path": "microsoft/Florence-2-base-ft",
                                                     "text_config": {"d_model": 768}})"
                                              << "base-ft";
    QTest::newRow("no text_config") << "x" << R"({"model_type": "florence2"})" << "custom";
    QTest::newRow("no text_config, large-ft by folder") << "Florence-2-large-ft" << R"({"model_type": "florence2"})"
                                                         << "large-ft";
    QTest::newRow("tiny config in a folder named base") << "Florence-2-base"
                                                        << R"({"model_type": "florence2", "text_config": {"d_model": 24}})"
                                                        << "custom";
}

void TestModelFolder::variantGuess()
{
    QFETCH(QString, folder);
    QFETCH(QString, config);
    QFETCH(QString, variant);
    QTemporaryDir dir;
    QMap<QString, QString> files = completeFiles();
    files["config.json"] = config;
    QCOMPARE(QString::fromStdString(inspectModelFolder(makeFolder(dir, folder, files)).variant), variant);
}

void TestModelFolder::errors_data()
{
    QTest::addColumn<QString>("case_");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("does not exist") << "missing" << QStringList{"does not exist"};
    QTest::newRow("a file") << "file" << QStringList{"is not a folder"};
    QTest::newRow("empty") << "empty" << QStringList{"is empty", "config.json", "preprocessor_config.json", "tokenizer", "weights"};
    QTest::newRow("config only") << "config only"
                                 << QStringList{"is incomplete", "preprocessor_config.json", "tokenizer.json", "model.safetensors"};
    QTest::newRow("vocab without merges") << "vocab" << QStringList{"missing merges.txt"};
    QTest::newRow("other model type") << "llava" << QStringList{"'llava' model", "model_type", "config.json"};
    QTest::newRow("no model_type") << "no type" << QStringList{"has no model_type", "config.json"};
    QTest::newRow("config not JSON") << "bad json" << QStringList{"config.json", "is not valid JSON"};
    QTest::newRow("missing shard") << "shard" << QStringList{"model-00002-of-00002.safetensors", "missing"};
    QTest::newRow("bad index") << "index" << QStringList{"model.safetensors.index.json", "weight_map"};
    QTest::newRow("shard outside") << "escape" << QStringList{"../x.safetensors", "not a file name inside the folder"};
}

void TestModelFolder::errors()
{
    QFETCH(QString, case_);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    QMap<QString, QString> files = completeFiles();
    std::string folder;
    if (case_ == "missing") {
        folder = dir.filePath("nowhere").toStdString();
    } else if (case_ == "file") {
        folder = dir.filePath("model.bin").toStdString();
        writeFileAtomic(folder, "x");
    } else if (case_ == "empty") {
        folder = makeFolder(dir, "m", {});
    } else if (case_ == "config only") {
        folder = makeFolder(dir, "m", {{"config.json", kConfig}});
    } else if (case_ == "vocab") {
        files.remove("tokenizer.json");
        files["vocab.json"] = "{}";
        folder = makeFolder(dir, "m", files);
    } else if (case_ == "llava" || case_ == "no type" || case_ == "bad json") {
        files["config.json"] = case_ == "llava" ? R"({"model_type": "llava"})" : case_ == "no type" ? "{}" : "{,";
        folder = makeFolder(dir, "m", files);
    } else {
        files.remove("model.safetensors");
        files["model-00001-of-00002.safetensors"] = "x";
        files["model.safetensors.index.json"] =
            case_ == "shard" ? R"({"weight_map": {"a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors"}})"
            : case_ == "index" ? R"({"weights": {}})"
                               : R"({"weight_map": {"a": "../x.safetensors"}})";
        folder = makeFolder(dir, "m", files);
    }
    expected << QString::fromStdString(folder); // every message names the folder (or a file inside it)
    expectError([&] { inspectModelFolder(folder); }, ErrorKind::ModelFormat, expected);
}

FLORENCE_TEST_CLASS(TestModelFolder)
#include "test_model_folder.moc"
