// Tests of the random-model writer (core/io/random_model.h): the folders it writes load with
// loadCheckpoint, hold sane values, and are reproducible from the seed.
#include "io/random_model.h"

#include "common/error.h"
#include "common/file_io.h"
#include "io/checkpoint.h"
#include "io/model_folder.h"
#include "model/config.h"
#include "model/parameters.h"
#include "model/temporal_embedding.h"
#include "test_registry.h"

#include <ATen/ATen.h>

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace florence;
using namespace florence::io;

namespace {

const std::string kTokenizerFrom = FLORENCE_TEST_DATA "/fixtures/model";

RandomModelOptions tinyOptions(std::uint64_t seed = 7, DType dtype = DType::F32)
{
    RandomModelOptions o;
    o.like = "tiny";
    o.seed = seed;
    o.dtype = dtype;
    o.tokenizerFrom = kTokenizerFrom;
    return o;
}

std::int64_t parameterCount(const FlorenceConfig &cfg)
{
    std::int64_t n = 0;
    for (const ParameterSpec &p : florenceParameters(cfg)) {
        if (!p.tiedTo.empty())
            continue; // one tensor in the model
        std::int64_t e = 1;
        for (auto d : p.shape)
            e *= d;
        n += e;
    }
    return n;
}

} // namespace

class TestRandomModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tinyRoundTrip();
    void valuesAreSane();
    void seedDecidesBytes();
    void halfPrecision();
    void pytorchBinMatchesSafetensors_data();
    void pytorchBinMatchesSafetensors();
    void customConfig();
    void presetsHaveRealSizes_data();
    void presetsHaveRealSizes();
    void rejectsBadOptions_data();
    void rejectsBadOptions();
};

void TestRandomModel::tinyRoundTrip()
{
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath("tiny").toStdString();
    const RandomModelInfo info = writeRandomModel(dir, tinyOptions());
    for (const char *f : {"config.json", "preprocessor_config.json", "generation_config.json", "tokenizer.json",
                          "tokenizer_config.json", "model.safetensors"})
        QVERIFY2(isRegularFile(dir + "/" + f), f);
    QCOMPARE(readTextFile(dir + "/tokenizer.json"), readTextFile(kTokenizerFrom + "/tokenizer.json"));
    const ModelFolder folder = inspectModelFolder(dir); // a complete folder for the rest of the app
    QCOMPARE(folder.weightsFormat, WeightsFormat::Safetensors);
    // Same layout as the fixture: every key but the two tied embed_tokens, same file size.
    QCOMPARE(info.tensors, 275);
    QCOMPARE(info.fileBytes, std::uint64_t(QFileInfo(QString::fromStdString(kTokenizerFrom + "/model.safetensors")).size()));
    const FlorenceConfig cfg = loadFlorenceConfig(dir);
    QCOMPARE(cfg.vision.dimEmbed, loadFlorenceConfig(kTokenizerFrom).vision.dimEmbed);
    const LoadedCheckpoint c = loadCheckpoint(dir, cfg);
    QCOMPARE(c.format, std::string("safetensors"));
    QCOMPARE(c.tensors.size(), size_t(277));
    QVERIFY(c.tensors.at(kLmHeadKey).is_same(c.tensors.at(kSharedEmbeddingKey)));
    QVERIFY(!std::any_of(c.log.begin(), c.log.end(), [](const std::string &l) { return l.find("differs") != std::string::npos; }));
}

void TestRandomModel::valuesAreSane()
{
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath("tiny").toStdString();
    writeRandomModel(dir, tinyOptions());
    const LoadedCheckpoint c = loadCheckpoint(dir, loadFlorenceConfig(dir));
    for (const auto &kv : c.tensors)
        QVERIFY2(at::isfinite(kv.second).all().item<bool>(), kv.first.c_str());
    // Sampling tolerances: thousands of samples, so mean/std are within a few percent.
    const at::Tensor fc1 = c.tensors.at("language_model.model.encoder.layers.0.fc1.weight");
    QVERIFY(std::abs(fc1.std().item<double>() - 0.02) < 0.002);
    QVERIFY(std::abs(fc1.mean().item<double>()) < 0.002);
    const at::Tensor shared = c.tensors.at(kSharedEmbeddingKey);
    QVERIFY(std::abs(shared.std().item<double>() - 0.02) < 0.001);
    const at::Tensor ln = c.tensors.at("language_model.model.encoder.layernorm_embedding.weight");
    QVERIFY(std::abs(ln.mean().item<double>() - 1.0) < 0.02);
    const at::Tensor lnBias = c.tensors.at("vision_tower.blocks.2.1.channel_block.ffn.norm.bias");
    QVERIFY(lnBias.abs().max().item<double>() < 0.06);
    QVERIFY(at::equal(c.tensors.at(kFinalLogitsBiasKey), at::zeros({1, 51289})));
    const std::vector<float> table = cosineTemporalTable(100, 64);
    QVERIFY(at::equal(c.tensors.at(kTemporalEmbedKey),
                      at::from_blob(const_cast<float *>(table.data()), {100, 64}, at::kFloat)));
}

void TestRandomModel::seedDecidesBytes()
{
    QTemporaryDir tmp;
    const std::string a = tmp.filePath("a").toStdString();
    const std::string b = tmp.filePath("b").toStdString();
    const std::string c = tmp.filePath("c").toStdString();
    writeRandomModel(a, tinyOptions(3));
    writeRandomModel(b, tinyOptions(3));
    writeRandomModel(c, tinyOptions(4));
    const std::string bytesA = readTextFile(a + "/model.safetensors");
    QVERIFY(bytesA == readTextFile(b + "/model.safetensors"));
    QVERIFY(bytesA != readTextFile(c + "/model.safetensors"));
}

void TestRandomModel::halfPrecision()
{
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath("h").toStdString();
    const RandomModelInfo info = writeRandomModel(dir, tinyOptions(7, DType::F16));
    const FlorenceConfig cfg = loadFlorenceConfig(dir);
    QCOMPARE(cfg.torchDtype, std::string("float16"));
    const LoadedCheckpoint c = loadCheckpoint(dir, cfg);
    QCOMPARE(c.tensors.at("image_projection").scalar_type(), at::kFloat);
    QVERIFY(std::any_of(c.log.begin(), c.log.end(),
                        [](const std::string &l) { return l.find("converted 275 F16 tensors to float32") != std::string::npos; }));
    // The fp16 file holds the fp32 model's values rounded to half.
    const std::string dir32 = tmp.filePath("f").toStdString();
    writeRandomModel(dir32, tinyOptions(7));
    const LoadedCheckpoint c32 = loadCheckpoint(dir32, loadFlorenceConfig(dir32));
    for (const char *k : {"image_projection", "vision_tower.convs.3.proj.weight"})
        QVERIFY(at::equal(c.tensors.at(k), c32.tensors.at(k).to(at::kHalf).to(at::kFloat)));
    QVERIFY(info.fileBytes < QFileInfo(QString::fromStdString(dir32 + "/model.safetensors")).size());
}

void TestRandomModel::pytorchBinMatchesSafetensors_data()
{
    QTest::addColumn<int>("dtype");
    QTest::newRow("fp16 (the microsoft checkpoints)") << int(DType::F16);
    QTest::newRow("fp32") << int(DType::F32);
}

void TestRandomModel::pytorchBinMatchesSafetensors()
{
    QFETCH(int, dtype);
    QTemporaryDir tmp;
    const std::string binDir = tmp.filePath("bin").toStdString();
    const std::string stDir = tmp.filePath("st").toStdString();
    RandomModelOptions o = tinyOptions(11, DType(dtype));
    o.format = WeightsFormat::PytorchBin;
    const RandomModelInfo info = writeRandomModel(binDir, o);
    QCOMPARE(info.tensors, 277);
    QVERIFY(isRegularFile(binDir + "/pytorch_model.bin"));
    QVERIFY(!isRegularFile(binDir + "/model.safetensors"));
    QCOMPARE(inspectModelFolder(binDir).weightsFormat, WeightsFormat::PytorchBin);
    writeRandomModel(stDir, tinyOptions(11, DType(dtype)));
    const FlorenceConfig cfg = loadFlorenceConfig(binDir);
    const LoadedCheckpoint bin = loadCheckpoint(binDir, cfg);
    const LoadedCheckpoint st = loadCheckpoint(stDir, cfg);
    QCOMPARE(bin.format, std::string("pytorch_model.bin"));
    QCOMPARE(bin.tensors.size(), st.tensors.size());
    for (const auto &kv : st.tensors)
        QVERIFY2(at::equal(bin.tensors.at(kv.first), kv.second), kv.first.c_str());
    // One storage for the four tied keys, as in the microsoft checkpoints: one tensor after loading.
    for (const char *k : {kEncoderEmbedTokensKey, kDecoderEmbedTokensKey, kLmHeadKey})
        QVERIFY(bin.tensors.at(k).is_same(bin.tensors.at(kSharedEmbeddingKey)));
    QVERIFY(std::any_of(bin.log.begin(), bin.log.end(),
                        [](const std::string &l) { return l.find("(274 storages)") != std::string::npos; }));
}

void TestRandomModel::customConfig()
{
    auto j = nlohmann::json::parse(presetConfigJson("tiny"));
    j["vision_config"]["dim_embed"] = {12, 20, 28};
    j["vision_config"]["num_heads"] = {3, 5, 7};
    j["vision_config"]["num_groups"] = {1, 2, 4};
    j["vision_config"]["depths"] = {1, 3, 1};
    for (const char *k : {"patch_size", "patch_stride", "patch_padding"})
        j["vision_config"][k] = {7, 3, 3};
    j["vision_config"]["patch_prenorm"] = {false, true, true};
    j["vision_config"]["projection_dim"] = 10;
    j["text_config"]["d_model"] = 10;
    j["text_config"]["encoder_attention_heads"] = 2;
    j["text_config"]["decoder_attention_heads"] = 5;
    j["text_config"]["decoder_layers"] = 1;
    j["text_config"]["vocab_size"] = 300;
    RandomModelOptions o = tinyOptions();
    o.configJson = j.dump();
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath("c").toStdString();
    const RandomModelInfo info = writeRandomModel(dir, o);
    const FlorenceConfig cfg = loadFlorenceConfig(dir);
    // lm_head is stored although tied, so it counts once more than the model's own parameters.
    QCOMPARE(info.parameters, parameterCount(cfg) + 300 * 10);
    const LoadedCheckpoint c = loadCheckpoint(dir, cfg);
    QCOMPARE(c.tensors.size(), florenceParameters(cfg).size());
    QCOMPARE(c.tensors.at("vision_tower.blocks.1.2.spatial_block.window_attn.fn.qkv.weight").sizes().vec(),
             (std::vector<std::int64_t>{60, 20}));
}

void TestRandomModel::presetsHaveRealSizes_data()
{
    QTest::addColumn<QString>("like");
    QTest::addColumn<double>("billions");
    // Published sizes of microsoft/Florence-2-base and -large (0.23B, 0.77B parameters).
    QTest::newRow("base") << "base" << 0.23;
    QTest::newRow("large") << "large" << 0.77;
}

void TestRandomModel::presetsHaveRealSizes()
{
    QFETCH(QString, like);
    QFETCH(double, billions);
    const FlorenceConfig cfg = parseFlorenceConfig(presetConfigJson(like.toStdString()), "preset");
    const double n = double(parameterCount(cfg)) / 1e9;
    QVERIFY2(std::abs(n - billions) < 0.01, QByteArray::number(n));
}

void TestRandomModel::rejectsBadOptions_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("expected");
    QTest::newRow("preset") << "preset" << "unknown model size preset 'huge'";
    QTest::newRow("tokenizer") << "tokenizer" << "has no tokenizer.json";
    QTest::newRow("dtype") << "dtype" << "random model dtype I64";
    QTest::newRow("config") << "config" << "vision_config.dim_embed";
    QTest::newRow("format") << "format" << "not as sharded safetensors";
}

void TestRandomModel::rejectsBadOptions()
{
    QFETCH(QString, what);
    QFETCH(QString, expected);
    QTemporaryDir tmp;
    RandomModelOptions o = tinyOptions();
    if (what == "preset")
        o.like = "huge";
    else if (what == "tokenizer")
        o.tokenizerFrom = tmp.path().toStdString();
    else if (what == "dtype")
        o.dtype = DType::I64;
    else if (what == "format")
        o.format = WeightsFormat::ShardedSafetensors;
    else
        o.configJson = R"({"vision_config": {}, "text_config": {}})";
    try {
        writeRandomModel(tmp.filePath("m").toStdString(), o);
        QFAIL("no error");
    } catch (const Error &e) {
        QVERIFY2(QString(e.what()).contains(expected), e.what());
    }
}

FLORENCE_TEST_CLASS(TestRandomModel)
#include "test_random_model.moc"
