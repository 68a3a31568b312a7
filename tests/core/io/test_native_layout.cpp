// transformers-native checkpoints (florence-community layout): the key mapping of transformers'
// convert_florence2_original_pytorch_to_hf.py, conversion of the fixture model in both directions,
// identical generation of the converted model, the padded vocabulary never generated, and the
// errors for folders that mix the two layouts.
#include "checkpoint_test_util.h"

#include "common/error.h"
#include "image/decode.h"
#include "io/checkpoint.h"
#include "io/checkpoint_layout.h"
#include "io/convert_checkpoint.h"
#include "model/florence2.h"
#include "model/parameters.h"
#include "pipeline.h"
#include "test_registry.h"
#include "text/tokenizer.h"

#include <ATen/ATen.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

using namespace florence;
using namespace florence::io;
using namespace florence::test;

namespace {

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

class TestNativeLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void keyMappingMatchesConverter();
    void keyMappingRoundTrips();
    void convertedFilesHaveNativeLayout();
    void nativeGeneratesSameTokens();
    void convertsBackToRemote();
    void nonZeroBiasWarns();
    void paddingRowsAndImageTokenNeverGenerated();
    void rejectsMixedLayouts();
    void cliConvertsBothWays();

private:
    QTemporaryDir m_tmp;
    std::string m_zero, m_native, m_back;
};

void TestNativeLayout::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_zero = m_tmp.filePath("zero").toStdString();
    m_native = m_tmp.filePath("native").toStdString();
    m_back = m_tmp.filePath("back").toStdString();
    writeZeroBiasModel(QString::fromStdString(m_zero));
    const ConversionReport toNative = convertCheckpoint(m_zero, m_native, CheckpointLayout::Native);
    QCOMPARE(int(toNative.from), int(CheckpointLayout::Remote));
    QCOMPARE(toNative.vocabRowsIn, 51289LL);
    QCOMPARE(toNative.vocabRowsOut, 51328LL); // 51289 + <image> padded to a multiple of 64
    QCOMPARE(toNative.imageTokenId, 51289);
    for (const std::string &line : toNative.log)
        QVERIFY2(!contains(line, "warning"), line.c_str()); // zero bias: nothing lost
    const ConversionReport back = convertCheckpoint(m_native, m_back, CheckpointLayout::Remote);
    QCOMPARE(int(back.from), int(CheckpointLayout::Native));
    QCOMPARE(back.vocabRowsOut, 51289LL);
}

void TestNativeLayout::keyMappingMatchesConverter()
{
    // Pairs written out in convert_florence2_original_pytorch_to_hf.py.
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"vision_tower.convs.0.proj.weight", "model.vision_tower.convs.0.conv.weight"},
        {"vision_tower.convs.2.norm.bias", "model.vision_tower.convs.2.norm.bias"},
        {"vision_tower.blocks.2.3.spatial_block.conv1.fn.dw.weight", "model.vision_tower.blocks.2.3.spatial_block.conv1.weight"},
        {"vision_tower.blocks.0.0.spatial_block.window_attn.norm.bias", "model.vision_tower.blocks.0.0.spatial_block.norm1.bias"},
        {"vision_tower.blocks.0.0.spatial_block.window_attn.fn.qkv.weight",
         "model.vision_tower.blocks.0.0.spatial_block.window_attn.qkv.weight"},
        {"vision_tower.blocks.1.0.spatial_block.window_attn.fn.proj.bias",
         "model.vision_tower.blocks.1.0.spatial_block.window_attn.proj.bias"},
        {"vision_tower.blocks.0.0.spatial_block.ffn.norm.weight", "model.vision_tower.blocks.0.0.spatial_block.norm2.weight"},
        {"vision_tower.blocks.0.0.spatial_block.ffn.fn.net.fc2.weight", "model.vision_tower.blocks.0.0.spatial_block.ffn.fc2.weight"},
        {"vision_tower.blocks.3.0.channel_block.channel_attn.fn.qkv.bias",
         "model.vision_tower.blocks.3.0.channel_block.channel_attn.qkv.bias"},
        {"vision_tower.blocks.3.0.channel_block.channel_attn.norm.weight", "model.vision_tower.blocks.3.0.channel_block.norm1.weight"},
        {"vision_tower.blocks.3.0.channel_block.conv2.fn.dw.bias", "model.vision_tower.blocks.3.0.channel_block.conv2.bias"},
        {"image_projection", "model.multi_modal_projector.image_projection.weight"},
        {"image_proj_norm.weight", "model.multi_modal_projector.image_proj_norm.weight"},
        {"image_pos_embed.row_embeddings.weight", "model.multi_modal_projector.image_position_embed.row_embeddings.weight"},
        {"image_pos_embed.column_embeddings.weight", "model.multi_modal_projector.image_position_embed.column_embeddings.weight"},
        {"visual_temporal_embed.pos_idx_to_embed", "model.multi_modal_projector.visual_temporal_embed.pos_idx_to_embed"},
        {"language_model.model.shared.weight", "model.language_model.shared.weight"},
        {"language_model.model.encoder.layers.1.self_attn.q_proj.weight", "model.language_model.encoder.layers.1.self_attn.q_proj.weight"},
        {"language_model.model.decoder.layernorm_embedding.bias", "model.language_model.decoder.layernorm_embedding.bias"},
        {"language_model.lm_head.weight", "lm_head.weight"},
    };
    for (const auto &p : pairs) {
        QCOMPARE(qs(nativeKeyFromRemote(p.first).value_or("?")), qs(p.second));
        QCOMPARE(qs(remoteKeyFromNative(p.second).value_or("?")), qs(p.first));
    }
    QVERIFY(!nativeKeyFromRemote("language_model.final_logits_bias"));
    QVERIFY(!remoteKeyFromNative("model.vision_tower.blocks.0.0.spatial_block.norm3.weight"));
    QVERIFY(!remoteKeyFromNative("model.something_else.weight"));
    QVERIFY(transposedInNative("image_projection"));
    QCOMPARE(paddedVocabSize(51290), 51328LL);
    QCOMPARE(paddedVocabSize(51328), 51328LL);
}

void TestNativeLayout::keyMappingRoundTrips()
{
    const FlorenceConfig cfg = loadFlorenceConfig(fixturePath("model"));
    for (const ParameterSpec &p : florenceParameters(cfg)) {
        const auto native = nativeKeyFromRemote(p.name);
        if (p.name == kFinalLogitsBiasKey) {
            QVERIFY(!native);
            continue;
        }
        QVERIFY2(native, p.name.c_str());
        QCOMPARE(int(*layoutOfKey(*native)), int(CheckpointLayout::Native));
        QCOMPARE(qs(remoteKeyFromNative(*native).value_or("?")), qs(p.name));
    }
}

void TestNativeLayout::convertedFilesHaveNativeLayout()
{
    const auto config = readJsonFile(m_native + "/config.json");
    QCOMPARE(qs(config.at("model_type").get<std::string>()), qs("florence2"));
    QVERIFY(!config.contains("auto_map"));
    QCOMPARE(config.at("image_token_id").get<int>(), 51289);
    QCOMPARE(config.at("text_config").at("vocab_size").get<int>(), 51328);
    QCOMPARE(qs(config.at("text_config").at("model_type").get<std::string>()), qs("bart"));
    QCOMPARE(qs(config.at("vision_config").at("model_type").get<std::string>()), qs("florence_vision"));
    QCOMPARE(config.at("vision_config").at("embed_dim").get<std::vector<int>>(), (std::vector<int>{16, 32, 48, 64}));
    QVERIFY(!config.at("vision_config").contains("dim_embed"));
    QVERIFY(isRegularFile(m_native + "/processor_config.json"));
    const auto proc = readJsonFile(m_native + "/processor_config.json");
    QCOMPARE(qs(proc.at("processor_class").get<std::string>()), qs("Florence2Processor"));
    QVERIFY(proc.at("post_processor_config").at("phrase_grounding").at("banned_grounding_tokens").size() > 50);
    const auto gen = readJsonFile(m_native + "/generation_config.json");
    QCOMPARE(gen.at("num_beams").get<int>(), 3);
    QCOMPARE(gen.at("early_stopping").get<bool>(), true); // text_config's, the effective setting
    QCOMPARE(gen.at("no_repeat_ngram_size").get<int>(), 3);

    SafetensorsFile native(m_native + "/model.safetensors");
    SafetensorsFile zero(m_zero + "/model.safetensors");
    QVERIFY(!native.contains("language_model.final_logits_bias"));
    QVERIFY(!native.contains("lm_head.weight")); // tied: stored once, as the shared embedding
    for (const std::string &name : native.names())
        QCOMPARE(int(layoutOfKey(name).value_or(CheckpointLayout::Remote)), int(CheckpointLayout::Native));
    // image_projection became a Linear weight: transposed.
    const TensorInfo &proj = native.info("model.multi_modal_projector.image_projection.weight");
    QCOMPARE(proj.shape, (std::vector<std::int64_t>{24, 64}));
    const auto a = native.toFloat("model.multi_modal_projector.image_projection.weight");
    const auto b = zero.toFloat("image_projection"); // [64, 24]
    for (int i = 0; i < 64; ++i)
        for (int j = 0; j < 24; ++j)
            QCOMPARE(a[std::size_t(j) * 64 + std::size_t(i)], b[std::size_t(i) * 24 + std::size_t(j)]);
    QCOMPARE(native.info("model.language_model.shared.weight").shape, (std::vector<std::int64_t>{51328, 24}));
    // The first 51289 rows are the original embedding, bit for bit.
    const auto sn = native.toFloat("model.language_model.shared.weight");
    const auto so = zero.toFloat("language_model.model.shared.weight");
    QVERIFY(std::equal(so.begin(), so.end(), sn.begin()));
    // The tokenizer knows <image> at 51289.
    const auto tok = readJsonFile(m_native + "/tokenizer.json");
    bool hasImage = false;
    for (const auto &e : tok.at("added_tokens"))
        hasImage |= e.at("content") == "<image>" && e.at("id") == 51289;
    QVERIFY(hasImage);
}

void TestNativeLayout::nativeGeneratesSameTokens()
{
    Pipeline remote(m_zero);
    Pipeline native(m_native);
    QCOMPARE(qs(remote.summary().layout), qs("remote"));
    QCOMPARE(qs(native.summary().layout), qs("native"));
    // 39 padded embedding rows (24 wide); final_logits_bias is zeros of the padded width there.
    QCOMPARE(native.summary().parameterCount - remote.summary().parameterCount, std::int64_t(51328 - 51289) * 25);
    std::string log;
    for (const std::string &line : native.summary().log)
        log += line + "\n";
    QVERIFY2(contains(log, "transformers-native layout"), log.c_str());
    QVERIFY2(contains(log, "generation settings from generation_config.json"), log.c_str());
    QVERIFY2(contains(log, "never picks 39 ids"), log.c_str()); // 51290..51327 and <image>
    QVERIFY2(contains(log, "no final_logits_bias"), log.c_str());

    const FixtureJson &manifest = fixtureJson("manifest.json");
    std::map<int, RgbImage> images;
    int compared = 0;
    for (const FixtureJson &c : manifest.at("cases")) {
        if (c.at("model") != "model" || compared >= 16)
            continue;
        const int index = c.at("image_index").get<int>();
        if (!images.count(index))
            images[index] = decodeImageFile(fixturePath(manifest.at("images").at(index).at("file").get<std::string>()));
        for (int beams : {3, 1}) {
            RunRequest request;
            request.task = *taskFromToken(c.at("task").get<std::string>());
            if (!c.at("text_input").is_null())
                request.text = c.at("text_input").get<std::string>();
            request.numBeams = beams;
            request.maxNewTokens = 32;
            request.scores = true;
            const RunResult a = remote.run(images[index], request);
            const RunResult b = native.run(images[index], request);
            const QString what = qs(c.at("id").get<std::string>() + " beams " + std::to_string(beams));
            QVERIFY2(a.sequence == b.sequence, qPrintable(what));
            QVERIFY2(a.text == b.text, qPrintable(what));
            // -inf on the masked rows adds exactly 0 to the softmax sums: the scores are identical.
            QVERIFY2(a.transitionScores == b.transitionScores, qPrintable(what));
            QVERIFY2(toReferenceJson(a.result) == toReferenceJson(b.result), qPrintable(what));
            ++compared;
        }
    }
    QVERIFY(compared >= 16);
}

void TestNativeLayout::convertsBackToRemote()
{
    const auto config = readJsonFile(m_back + "/config.json");
    QCOMPARE(config.at("text_config").at("vocab_size").get<int>(), 51289);
    QCOMPARE(qs(config.at("vision_config").at("model_type").get<std::string>()), qs("davit"));
    QVERIFY(config.contains("auto_map"));
    QVERIFY(!config.contains("image_token_id"));
    // Every tensor equals the original's, bit for bit (final_logits_bias: zeros = the original's).
    SafetensorsFile back(m_back + "/model.safetensors");
    SafetensorsFile zero(m_zero + "/model.safetensors");
    for (const std::string &name : back.names()) {
        QVERIFY2(zero.contains(name), name.c_str());
        QCOMPARE(back.info(name).shape, zero.info(name).shape);
        QVERIFY2(back.toFloat(name) == zero.toFloat(name), name.c_str());
    }
    // The tokenizer lost <image> again and loads with 51289 tokens.
    Pipeline p(m_back);
    QCOMPARE(p.tokenizer().size(), std::size_t(51289));
    QCOMPARE(qs(p.summary().layout), qs("remote"));
    Pipeline original(m_zero);
    RunRequest request;
    request.task = Task::Caption;
    request.maxNewTokens = 24;
    const RgbImage img = decodeImageFile(fixturePath("images/img0_photo_640x480.jpg"));
    QCOMPARE(p.run(img, request).sequence, original.run(img, request).sequence);
}

void TestNativeLayout::nonZeroBiasWarns()
{
    // The fixture's own final_logits_bias is random (not zero): dropping it must be said.
    const ConversionReport r = convertCheckpoint(fixturePath("model"), m_tmp.filePath("native_bias").toStdString(),
                                                 CheckpointLayout::Native);
    bool warned = false;
    for (const std::string &line : r.log)
        warned |= contains(line, "warning: final_logits_bias is not zero");
    SafetensorsFile f(fixturePath("model/model.safetensors"));
    const auto bias = f.toFloat("language_model.final_logits_bias");
    const bool nonZero = std::any_of(bias.begin(), bias.end(), [](float v) { return v != 0.0f; });
    QCOMPARE(warned, nonZero);
    // Converting to the layout a folder already has is refused.
    const std::string e = errorOf([&] { convertCheckpoint(m_native, m_tmp.filePath("again").toStdString(), CheckpointLayout::Native); });
    QVERIFY2(contains(e, "already in the native layout"), e.c_str());
}

void TestNativeLayout::paddingRowsAndImageTokenNeverGenerated()
{
    // A native model whose padding rows and <image> row are the embedding of a token the decoder
    // likes, scaled up: unmasked, they would win every step.
    const QString dir = m_tmp.filePath("native_hot");
    QDir().mkpath(dir);
    for (const char *f : {"config.json", "generation_config.json", "preprocessor_config.json", "tokenizer.json",
                          "tokenizer_config.json", "processor_config.json"})
        QVERIFY(QFile::copy(qs(m_native + "/" + f), dir + "/" + f));
    auto blobs = readBlobs(m_native + "/model.safetensors");
    io::TensorBlob &shared = blobs.at("model.language_model.shared.weight");
    float *w = floats(shared);
    Pipeline plain(m_native);
    const RgbImage img = decodeImageFile(fixturePath("images/img0_photo_640x480.jpg"));
    RunRequest request;
    request.task = Task::Caption;
    request.numBeams = 1;
    request.maxNewTokens = 8;
    const RunResult before = plain.run(img, request);
    const std::int64_t liked = before.sequence.at(2); // the first token after <s>
    for (std::int64_t row = 51289; row < 51328; ++row)
        for (int d = 0; d < 24; ++d)
            w[row * 24 + d] = 50.0f * w[liked * 24 + d];
    writeBlobs((dir + "/model.safetensors").toStdString(), blobs);

    Pipeline hot(dir.toStdString());
    const RunResult after = hot.run(img, request);
    for (std::int64_t id : after.sequence)
        QVERIFY2(id < 51289, qPrintable(QString::number(id)));
    QCOMPARE(after.sequence, before.sequence); // masked rows change nothing at all

    // The same hidden state through the model: masked columns are -inf, the others untouched.
    const FlorenceConfig cfg = loadFlorenceConfig(dir.toStdString());
    LoadedCheckpoint ckpt = loadCheckpoint(dir.toStdString(), cfg);
    Florence2Model model(cfg, ckpt.tensors);
    const at::Tensor h = at::randn({2, 24});
    const at::Tensor raw = model.logits(h);
    QVERIFY(at::allclose(raw.select(1, 51300), raw.select(1, liked) * 50.0f, 1e-4, 1e-3)); // the rows are hot
    model.suppressTokens(51290, {51289});
    QCOMPARE(model.suppressedCount(), std::int64_t(39));
    const at::Tensor masked = model.logits(h);
    QVERIFY(at::equal(masked.slice(1, 0, 51289), raw.slice(1, 0, 51289)));
    QVERIFY(at::all(masked.slice(1, 51289) == -std::numeric_limits<float>::infinity()).item<bool>());
}

void TestNativeLayout::rejectsMixedLayouts()
{
    // Native config.json with remote weights.
    const QString mix = m_tmp.filePath("mix");
    QDir().mkpath(mix);
    for (const char *f : {"config.json", "generation_config.json", "preprocessor_config.json", "tokenizer.json"})
        QVERIFY(QFile::copy(qs(m_native + "/" + f), mix + "/" + f));
    QVERIFY(QFile::copy(qs(m_zero + "/model.safetensors"), mix + "/model.safetensors"));
    std::string e = errorOf([&] { Pipeline p(mix.toStdString()); });
    QVERIFY2(contains(e, "config.json describes the native layout") && contains(e, "model.safetensors")
                 && contains(e, "remote-layout keys"), e.c_str());

    // Weights holding keys of both layouts.
    auto blobs = readBlobs(m_zero + "/model.safetensors");
    io::TensorBlob moved = blobs.at("image_proj_norm.bias");
    blobs.erase("image_proj_norm.bias");
    moved.name = "model.multi_modal_projector.image_proj_norm.bias";
    blobs[moved.name] = moved;
    const QString both = m_tmp.filePath("both");
    copyFixtureFiles(both);
    writeBlobs((both + "/model.safetensors").toStdString(), blobs);
    e = errorOf([&] { Pipeline p(both.toStdString()); });
    QVERIFY2(contains(e, "mixes the two checkpoint layouts") && contains(e, "model.safetensors")
                 && contains(e, "model.multi_modal_projector.image_proj_norm.bias"), e.c_str());

    // A config.json whose own fields disagree.
    auto config = readJsonFile(m_native + "/config.json");
    config["auto_map"] = {{"AutoConfig", "configuration_florence2.Florence2Config"}};
    e = errorOf([&] { parseFlorenceConfig(config.dump(), "x/config.json"); });
    QVERIFY2(contains(e, "x/config.json") && contains(e, "mixes the two checkpoint layouts"), e.c_str());

    // A native folder missing a tensor names it with its native key.
    auto nb = readBlobs(m_native + "/model.safetensors");
    nb.erase("model.language_model.encoder.layers.0.fc1.weight");
    const QString miss = m_tmp.filePath("miss");
    QDir().mkpath(miss);
    for (const char *f : {"config.json", "preprocessor_config.json", "tokenizer.json"})
        QVERIFY(QFile::copy(qs(m_native + "/" + f), miss + "/" + f));
    writeBlobs((miss + "/model.safetensors").toStdString(), nb);
    e = errorOf([&] { Pipeline p(miss.toStdString()); });
    QVERIFY2(contains(e, "missing tensor 'model.language_model.encoder.layers.0.fc1.weight'"), e.c_str());
}

void TestNativeLayout::cliConvertsBothWays()
{
    const QString cli = QStringLiteral(FLORENCE_BINARY_DIR "/app/cli/florence-cli");
    if (!QFile::exists(cli))
        QSKIP("florence-cli is not built");
    QProcess p;
    const QString out = m_tmp.filePath("cli_native");
    p.start(cli, {"convert-checkpoint", "--to", "native", qs(m_zero), out});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    const auto report = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
    QCOMPARE(report.at("vocab_rows_out").get<int>(), 51328);
    QVERIFY(readBlobs(m_native + "/model.safetensors").size() == readBlobs((out + "/model.safetensors").toStdString()).size());
    p.start(cli, {"convert-checkpoint", "--to", "remote", out, m_tmp.filePath("cli_back")});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    p.start(cli, {"convert-checkpoint", "--to", "sideways", out, m_tmp.filePath("cli_x")});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(p.readAllStandardError().contains("unknown checkpoint layout 'sideways'"));
}

FLORENCE_TEST_CLASS(TestNativeLayout)
#include "test_native_layout.moc"
