// LoRA / PEFT adapters (core/io/lora.h) built in the test from the fixture model: the merge changes
// exactly the targeted weights by scaling * B @ A (alpha / r, or alpha / sqrt(r) with rsLoRA), in
// either key layout, and a run with the adapter equals a run of a folder whose weights were
// changed by hand; bad adapters fail naming the file and change nothing.
#include "checkpoint_test_util.h"

#include "common/error.h"
#include "image/decode.h"
#include "io/checkpoint.h"
#include "io/convert_checkpoint.h"
#include "io/lora.h"
#include "model/parameters.h"
#include "pipeline.h"
#include "test_registry.h"

#include <ATen/ATen.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>

using namespace florence;
using namespace florence::io;
using namespace florence::test;

namespace {

struct Target
{
    std::string module; ///< remote module name
    std::int64_t out, in;
};

const std::vector<Target> kTargets = {
    {"language_model.model.encoder.layers.0.self_attn.q_proj", 24, 24},
    {"language_model.model.decoder.layers.1.fc1", 64, 24},
    {"language_model.model.decoder.layers.0.encoder_attn.v_proj", 24, 24},
    {"vision_tower.blocks.0.0.spatial_block.window_attn.fn.qkv", 48, 16},
};

TensorBlob blobOf(const std::string &name, const at::Tensor &t)
{
    const at::Tensor c = t.contiguous();
    TensorBlob b{name, DType::F32, c.sizes().vec(), std::string()};
    b.bytes.assign(static_cast<const char *>(c.data_ptr()), std::size_t(c.numel()) * 4);
    return b;
}

/// An adapter folder: random A [r, in], B [out, r] per target (seeded), keys in `layout`.
std::map<std::string, std::pair<at::Tensor, at::Tensor>> writeAdapter(const QString &dir, CheckpointLayout layout,
                                                                      int r, double alpha, bool rslora,
                                                                      const std::vector<Target> &targets = kTargets)
{
    QDir().mkpath(dir);
    at::manual_seed(1234);
    std::map<std::string, std::pair<at::Tensor, at::Tensor>> ab;
    std::map<std::string, TensorBlob> blobs;
    nlohmann::json modules = nlohmann::json::array();
    for (const Target &t : targets) {
        const at::Tensor a = at::randn({r, t.in}) * 0.1;
        const at::Tensor b = at::randn({t.out, r}) * 0.1;
        ab[t.module] = {a, b};
        const std::string name = layout == CheckpointLayout::Native
                                     ? nativeKeyFromRemote(t.module + ".weight").value()
                                     : t.module + ".weight";
        const std::string module = name.substr(0, name.size() - 7);
        blobs["base_model.model." + module + ".lora_A.weight"] = blobOf("base_model.model." + module + ".lora_A.weight", a);
        blobs["base_model.model." + module + ".lora_B.weight"] = blobOf("base_model.model." + module + ".lora_B.weight", b);
        modules.push_back(module.substr(module.rfind('.') + 1));
    }
    writeBlobs((dir + "/adapter_model.safetensors").toStdString(), blobs);
    nlohmann::json cfg = {{"peft_type", "LORA"},  {"r", r},           {"lora_alpha", alpha}, {"use_rslora", rslora},
                          {"target_modules", modules}, {"lora_dropout", 0.05}, {"bias", "none"},
                          {"base_model_name_or_path", "microsoft/Florence-2-base-ft"}, {"task_type", nullptr}};
    writeJsonFile((dir + "/adapter_config.json").toStdString(), cfg);
    return ab;
}

std::string errorOf(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const Error &e) {
        return e.what();
    }
    return "(no error)";
}

bool contains(const std::string &s, const std::string &part)
{
    return s.find(part) != std::string::npos;
}

} // namespace

class TestLora : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mergeChangesExactlyTheTargets_data();
    void mergeChangesExactlyTheTargets();
    void runEqualsHandChangedWeights();
    void modulesToSaveReplaceWeights();
    void rankAndAlphaPatterns();
    void cliRunWithAdapter();
    void badAdaptersNameTheFileAndChangeNothing();

private:
    QTemporaryDir m_tmp;
    std::string m_zero, m_native;
};

void TestLora::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_zero = m_tmp.filePath("zero").toStdString();
    m_native = m_tmp.filePath("native").toStdString();
    writeZeroBiasModel(QString::fromStdString(m_zero));
    convertCheckpoint(m_zero, m_native, CheckpointLayout::Native);
}

void TestLora::mergeChangesExactlyTheTargets_data()
{
    QTest::addColumn<bool>("nativeBase");
    QTest::addColumn<bool>("nativeAdapter");
    QTest::addColumn<bool>("rslora");
    QTest::newRow("remote base, remote keys") << false << false << false;
    QTest::newRow("remote base, native keys") << false << true << false;
    QTest::newRow("native base, remote keys") << true << false << false;
    QTest::newRow("native base, native keys, rsLoRA") << true << true << true;
}

void TestLora::mergeChangesExactlyTheTargets()
{
    QFETCH(bool, nativeBase);
    QFETCH(bool, nativeAdapter);
    QFETCH(bool, rslora);
    const std::string base = nativeBase ? m_native : m_zero;
    const QString adapter = m_tmp.filePath(QStringLiteral("adapter_%1%2%3").arg(nativeBase).arg(nativeAdapter).arg(rslora));
    const int r = 4;
    const double alpha = 8.0;
    const auto ab = writeAdapter(adapter, nativeAdapter ? CheckpointLayout::Native : CheckpointLayout::Remote, r, alpha, rslora);
    const double scaling = rslora ? alpha / std::sqrt(double(r)) : alpha / r; // 4 or 2

    const FlorenceConfig cfg = loadFlorenceConfig(base);
    LoadedCheckpoint ckpt = loadCheckpoint(base, cfg);
    std::map<std::string, at::Tensor> before;
    for (const auto &kv : ckpt.tensors)
        before[kv.first] = kv.second.clone();
    applyLoraAdapter(ckpt, cfg, adapter.toStdString());

    int changed = 0;
    for (const auto &kv : ckpt.tensors) {
        const std::string module = kv.first.size() > 7 ? kv.first.substr(0, kv.first.size() - 7) : "";
        const auto it = ab.find(module);
        if (it != ab.end() && kv.first == module + ".weight") {
            // By hand: W + scaling * (B @ A).
            const at::Tensor expected = before.at(kv.first) + at::mm(it->second.second, it->second.first) * scaling;
            QVERIFY2(at::allclose(kv.second, expected, 0, 1e-6), kv.first.c_str());
            QVERIFY2(!at::equal(kv.second, before.at(kv.first)), kv.first.c_str());
            ++changed;
        } else {
            QVERIFY2(at::equal(kv.second, before.at(kv.first)), kv.first.c_str());
        }
    }
    QCOMPARE(changed, int(kTargets.size()));
    std::string log;
    for (const std::string &line : ckpt.log)
        log += line + "\n";
    QVERIFY2(contains(log, "merged 4 LoRA modules"), log.c_str());
    QVERIFY2(contains(log, rslora ? "rsLoRA" : "lora_alpha 8"), log.c_str());
}

void TestLora::runEqualsHandChangedWeights()
{
    const QString adapter = m_tmp.filePath("adapter_run");
    const auto ab = writeAdapter(adapter, CheckpointLayout::Remote, 2, 16.0, false); // scaling 8: visible effect
    // The same change written into a model folder by hand.
    const QString hand = m_tmp.filePath("hand");
    copyFixtureFiles(hand);
    auto blobs = readBlobs(m_zero + "/model.safetensors");
    for (const auto &kv : ab) {
        TensorBlob &b = blobs.at(kv.first + ".weight");
        at::Tensor w = at::from_blob(floats(b), b.shape, at::kFloat);
        w.copy_(w + at::mm(kv.second.second, kv.second.first) * 8.0);
    }
    writeBlobs((hand + "/model.safetensors").toStdString(), blobs);

    PipelineOptions withAdapter;
    withAdapter.adapterDir = adapter.toStdString();
    Pipeline merged(m_zero, withAdapter);
    Pipeline byHand(hand.toStdString());
    Pipeline plain(m_zero);
    const RgbImage img = decodeImageFile(fixturePath("images/img0_photo_640x480.jpg"));
    bool anyDifferent = false;
    for (Task task : {Task::Caption, Task::ObjectDetection, Task::Ocr}) {
        RunRequest request;
        request.task = task;
        request.maxNewTokens = 24;
        request.scores = true;
        const RunResult a = merged.run(img, request);
        const RunResult b = byHand.run(img, request);
        QCOMPARE(a.sequence, b.sequence);
        for (std::size_t i = 0; i < a.transitionScores.size(); ++i)
            QVERIFY(std::abs(a.transitionScores[i] - b.transitionScores[i]) <= 1e-4f);
        anyDifferent |= plain.run(img, request).sequence != a.sequence;
    }
    QVERIFY(anyDifferent); // the adapter matters
}

void TestLora::modulesToSaveReplaceWeights()
{
    const QString adapter = m_tmp.filePath("adapter_save");
    writeAdapter(adapter, CheckpointLayout::Remote, 4, 4.0, false, {kTargets[0]});
    auto blobs = readBlobs((adapter + "/adapter_model.safetensors").toStdString());
    const at::Tensor norm = at::full({24}, 0.5f);
    const std::string key = "base_model.model.image_proj_norm.modules_to_save.default.weight";
    blobs[key] = blobOf(key, norm);
    const at::Tensor head = at::randn({51289, 24});
    blobs["base_model.model.language_model.lm_head.weight"] = blobOf("base_model.model.language_model.lm_head.weight", head);
    writeBlobs((adapter + "/adapter_model.safetensors").toStdString(), blobs);

    const FlorenceConfig cfg = loadFlorenceConfig(m_zero);
    LoadedCheckpoint ckpt = loadCheckpoint(m_zero, cfg);
    const at::Tensor shared = ckpt.tensors.at(kSharedEmbeddingKey).clone();
    applyLoraAdapter(ckpt, cfg, adapter.toStdString());
    QVERIFY(at::equal(ckpt.tensors.at("image_proj_norm.weight"), norm));
    QVERIFY(at::equal(ckpt.tensors.at(kLmHeadKey), head));
    QVERIFY(at::equal(ckpt.tensors.at(kSharedEmbeddingKey), shared)); // untied, the embedding stays
    std::string log;
    for (const std::string &line : ckpt.log)
        log += line + "\n";
    QVERIFY2(contains(log, "no longer tied"), log.c_str());
}

void TestLora::rankAndAlphaPatterns()
{
    // fc1 has rank 2 and alpha 6 through rank_pattern / alpha_pattern; q_proj keeps r 4, alpha 8.
    const QString dir = m_tmp.filePath("adapter_pattern");
    const auto q = writeAdapter(dir, CheckpointLayout::Remote, 4, 8.0, false, {kTargets[0]});
    const QString dir2 = m_tmp.filePath("adapter_pattern_fc1");
    const auto f = writeAdapter(dir2, CheckpointLayout::Remote, 2, 8.0, false, {kTargets[1]});
    auto blobs = readBlobs((dir + "/adapter_model.safetensors").toStdString());
    for (auto &kv : readBlobs((dir2 + "/adapter_model.safetensors").toStdString()))
        blobs[kv.first] = kv.second;
    writeBlobs((dir + "/adapter_model.safetensors").toStdString(), blobs);
    auto conf = readJsonFile((dir + "/adapter_config.json").toStdString());
    conf["rank_pattern"] = {{"decoder.layers.1.fc1", 2}};
    conf["alpha_pattern"] = {{"fc1", 6.0}};
    writeJsonFile((dir + "/adapter_config.json").toStdString(), conf);

    const FlorenceConfig cfg = loadFlorenceConfig(m_zero);
    LoadedCheckpoint ckpt = loadCheckpoint(m_zero, cfg);
    const std::string qKey = kTargets[0].module + ".weight", fKey = kTargets[1].module + ".weight";
    const at::Tensor q0 = ckpt.tensors.at(qKey).clone(), f0 = ckpt.tensors.at(fKey).clone();
    applyLoraAdapter(ckpt, cfg, dir.toStdString());
    const auto &qab = q.at(kTargets[0].module);
    const auto &fab = f.at(kTargets[1].module);
    QVERIFY(at::allclose(ckpt.tensors.at(qKey), q0 + at::mm(qab.second, qab.first) * 2.0, 0, 1e-6)); // 8 / 4
    QVERIFY(at::allclose(ckpt.tensors.at(fKey), f0 + at::mm(fab.second, fab.first) * 3.0, 0, 1e-6)); // 6 / 2
}

void TestLora::cliRunWithAdapter()
{
    const QString cli = QStringLiteral(FLORENCE_BINARY_DIR "/app/cli/florence-cli");
    if (!QFile::exists(cli))
        QSKIP("florence-cli is not built");
    const QString adapter = m_tmp.filePath("adapter_cli");
    writeAdapter(adapter, CheckpointLayout::Native, 2, 16.0, false);
    PipelineOptions options;
    options.adapterDir = adapter.toStdString();
    Pipeline merged(m_zero, options);
    RunRequest request;
    request.task = Task::Caption;
    request.maxNewTokens = 16;
    const QString image = qs(fixturePath("images/img0_photo_640x480.jpg"));
    const RunResult expected = merged.run(decodeImageFile(image.toStdString()), request);
    QProcess p;
    p.start(cli, {"run", "--model", qs(m_zero), "--image", image, "--task", "CAPTION", "--max-new-tokens", "16",
                  "--adapter", adapter});
    QVERIFY(p.waitForFinished(120000));
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(p.exitCode() == 0, err.constData());
    QVERIFY(err.contains("merged 4 LoRA modules"));
    const auto out = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
    QCOMPARE(out.at("sequence").get<std::vector<std::int64_t>>(), expected.sequence);
}

void TestLora::badAdaptersNameTheFileAndChangeNothing()
{
    const FlorenceConfig cfg = loadFlorenceConfig(m_zero);
    LoadedCheckpoint ckpt = loadCheckpoint(m_zero, cfg);
    std::map<std::string, at::Tensor> before;
    for (const auto &kv : ckpt.tensors)
        before[kv.first] = kv.second.clone();
    const auto check = [&](const QString &dir, const std::vector<std::string> &parts) {
        const std::string e = errorOf([&] { applyLoraAdapter(ckpt, cfg, dir.toStdString()); });
        for (const std::string &p : parts)
            QVERIFY2(contains(e, p), (e + "  [expected: " + p + "]").c_str());
        for (const auto &kv : ckpt.tensors)
            QVERIFY2(at::equal(kv.second, before.at(kv.first)), kv.first.c_str());
    };

    // An adapter for another base: a layer this model does not have, and a width it does not have.
    const QString other = m_tmp.filePath("bad_other");
    writeAdapter(other, CheckpointLayout::Remote, 4, 8, false,
                 {kTargets[0], {"language_model.model.encoder.layers.7.self_attn.q_proj", 24, 24}});
    check(other, {"adapter_model.safetensors", "encoder.layers.7.self_attn.q_proj", "another base model"});
    const QString wide = m_tmp.filePath("bad_wide");
    writeAdapter(wide, CheckpointLayout::Remote, 4, 8, false, {{"language_model.model.encoder.layers.0.fc1", 64, 768}});
    check(wide, {"adapter_model.safetensors", "encoder.layers.0.fc1", "[64, 768]", "another base model"});
    const QString foreign = m_tmp.filePath("bad_foreign");
    writeAdapter(foreign, CheckpointLayout::Remote, 4, 8, false, {{"model.layers.0.self_attn.q_proj", 24, 24}});
    check(foreign, {"adapter_model.safetensors", "not a module of Florence-2"});

    // Rank mismatch: adapter_config.json says r 8, the tensors have rank 4.
    const QString rank = m_tmp.filePath("bad_rank");
    writeAdapter(rank, CheckpointLayout::Remote, 4, 8, false);
    auto conf = readJsonFile((rank + "/adapter_config.json").toStdString());
    conf["r"] = 8;
    writeJsonFile((rank + "/adapter_config.json").toStdString(), conf);
    check(rank, {"adapter_model.safetensors", "rank mismatch", "r = 8"});
    // lora_A and lora_B of different ranks.
    const QString ab = m_tmp.filePath("bad_ab");
    writeAdapter(ab, CheckpointLayout::Remote, 4, 8, false, {kTargets[0]});
    auto blobs = readBlobs((ab + "/adapter_model.safetensors").toStdString());
    const std::string bKey = "base_model.model." + kTargets[0].module + ".lora_B.weight";
    blobs[bKey] = blobOf(bKey, at::randn({24, 3}));
    writeBlobs((ab + "/adapter_model.safetensors").toStdString(), blobs);
    check(ab, {"adapter_model.safetensors", "rank mismatch", "lora_B has 3 columns"});
    // lora_A without lora_B.
    blobs.erase(bKey);
    writeBlobs((ab + "/adapter_model.safetensors").toStdString(), blobs);
    check(ab, {"adapter_model.safetensors", "has lora_A but no lora_B"});

    // Missing and damaged files.
    const QString empty = m_tmp.filePath("bad_empty");
    QDir().mkpath(empty);
    check(empty, {"bad_empty", "no adapter_config.json"});
    writeFileAtomic((empty + "/adapter_config.json").toStdString(), "{\"r\": 4,");
    check(empty, {"bad_empty/adapter_config.json", "not valid JSON"});
    writeFileAtomic((empty + "/adapter_config.json").toStdString(), "{\"r\": 4}");
    check(empty, {"bad_empty", "no adapter_model.safetensors"});
    writeFileAtomic((empty + "/adapter_config.json").toStdString(), "{\"r\": 0}");
    writeBlobs((empty + "/adapter_model.safetensors").toStdString(), readBlobs((rank + "/adapter_model.safetensors").toStdString()));
    check(empty, {"adapter_config.json", "field 'r'"});
    writeFileAtomic((empty + "/adapter_config.json").toStdString(), "{\"r\": 4, \"peft_type\": \"IA3\"}");
    check(empty, {"adapter_config.json", "peft_type", "IA3"});
    std::string truncated = readTextFile((rank + "/adapter_model.safetensors").toStdString());
    truncated.resize(truncated.size() / 2);
    writeFileAtomic((empty + "/adapter_config.json").toStdString(), "{\"r\": 4}");
    writeFileAtomic((empty + "/adapter_model.safetensors").toStdString(), truncated);
    check(empty, {"adapter_model.safetensors"});

    // Through the pipeline: the load fails with the same message.
    PipelineOptions options;
    options.adapterDir = rank.toStdString();
    const std::string e = errorOf([&] { Pipeline p(m_zero, options); });
    QVERIFY2(contains(e, "rank mismatch"), e.c_str());
}

FLORENCE_TEST_CLASS(TestLora)
#include "test_lora.moc"
