// Tests of the state-dict layout derived from config.json (core/model/parameters.h).
#include "model/parameters.h"
#include "model/temporal_embedding.h"

#include "common/error.h"
#include "common/file_io.h"
#include "test_registry.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <map>

using namespace florence;

namespace {

std::map<std::string, std::vector<std::int64_t>> byName(const std::vector<ParameterSpec> &specs)
{
    std::map<std::string, std::vector<std::int64_t>> m;
    for (const ParameterSpec &p : specs)
        m[p.name] = p.shape;
    return m;
}

/// The fixture config with other widths, depths, heads and lengths than any real model.
nlohmann::json customConfig()
{
    auto j = nlohmann::json::parse(readTextFile(FLORENCE_TEST_DATA "/fixtures/model/config.json"));
    auto &v = j["vision_config"];
    v["dim_embed"] = {8, 20, 36};
    v["num_heads"] = {1, 2, 3};
    v["num_groups"] = {2, 4, 6};
    v["depths"] = {2, 0, 3};
    v["patch_size"] = {5, 3, 2};
    v["patch_stride"] = {4, 2, 2};
    v["patch_padding"] = {2, 1, 0};
    v["patch_prenorm"] = {false, false, true};
    v["projection_dim"] = 12;
    v["mlp_ratio"] = 2.0;
    v["image_pos_embed"]["max_pos_embeddings"] = 7;
    v["visual_temporal_embedding"]["max_temporal_embeddings"] = 9;
    auto &t = j["text_config"];
    t["d_model"] = 30;
    t["encoder_layers"] = 1;
    t["decoder_layers"] = 3;
    t["encoder_attention_heads"] = 5;
    t["decoder_attention_heads"] = 6;
    t["encoder_ffn_dim"] = 40;
    t["decoder_ffn_dim"] = 50;
    t["max_position_embeddings"] = 64;
    t["vocab_size"] = 100;
    return j;
}

} // namespace

class TestParameters : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesManifest();
    void followsOtherSizes();
    void tiedKeys();
    void rejectsUnimplementedEmbeddings_data();
    void rejectsUnimplementedEmbeddings();
    void cosineTable();
};

void TestParameters::matchesManifest()
{
    const auto manifest = nlohmann::ordered_json::parse(readTextFile(FLORENCE_TEST_DATA "/fixtures/manifest.json"));
    const auto &keys = manifest.at("model").at("state_dict_keys");
    const std::vector<ParameterSpec> specs = florenceParameters(loadFlorenceConfig(FLORENCE_TEST_DATA "/fixtures/model"));
    QCOMPARE(specs.size(), keys.size());
    size_t i = 0;
    for (auto it = keys.begin(); it != keys.end(); ++it, ++i) {
        // Same names, same shapes, same state_dict() order.
        QCOMPARE(specs[i].name, it.key());
        QCOMPARE(specs[i].shape, it.value().get<std::vector<std::int64_t>>());
    }
}

void TestParameters::followsOtherSizes()
{
    const FlorenceConfig cfg = parseFlorenceConfig(customConfig().dump(), "custom.json");
    const std::vector<ParameterSpec> specs = florenceParameters(cfg);
    // 1 image_projection + 3 stages x 4 conv keys + 5 block pairs x 2 x 16 + norm 2 + pos 2 + temporal 1
    // + final_logits_bias 1 + shared 1 + encoder (2 + 1 x 16 + 2) + decoder (2 + 3 x 26 + 2) + lm_head 1
    QCOMPARE(specs.size(), size_t(1 + 12 + 160 + 2 + 2 + 1 + 1 + 1 + 20 + 82 + 1));
    const auto m = byName(specs);
    using S = std::vector<std::int64_t>;
    QCOMPARE(m.at("image_projection"), (S{36, 12}));
    QCOMPARE(m.at("vision_tower.convs.0.proj.weight"), (S{8, 3, 5, 5}));
    QCOMPARE(m.at("vision_tower.convs.1.norm.weight"), (S{20}));  // post-norm: the output width
    QCOMPARE(m.at("vision_tower.convs.2.norm.weight"), (S{20}));  // pre-norm: the input width
    QCOMPARE(m.at("vision_tower.convs.2.proj.weight"), (S{36, 20, 2, 2}));
    QVERIFY(!m.count("vision_tower.blocks.1.0.spatial_block.conv1.fn.dw.weight")); // depth 0
    QCOMPARE(m.at("vision_tower.blocks.0.1.spatial_block.window_attn.fn.qkv.weight"), (S{24, 8}));
    QCOMPARE(m.at("vision_tower.blocks.2.2.channel_block.conv2.fn.dw.weight"), (S{36, 1, 3, 3}));
    QCOMPARE(m.at("vision_tower.blocks.2.2.channel_block.ffn.fn.net.fc1.weight"), (S{72, 36})); // mlp_ratio 2
    QCOMPARE(m.at("image_proj_norm.bias"), (S{12}));
    QCOMPARE(m.at("image_pos_embed.row_embeddings.weight"), (S{7, 18}));
    QCOMPARE(m.at("image_pos_embed.column_embeddings.weight"), (S{7, 18}));
    QCOMPARE(m.at("visual_temporal_embed.pos_idx_to_embed"), (S{9, 36}));
    QCOMPARE(m.at("language_model.final_logits_bias"), (S{1, 100}));
    QCOMPARE(m.at("language_model.model.encoder.embed_positions.weight"), (S{66, 30}));
    QCOMPARE(m.at("language_model.model.encoder.layers.0.fc2.weight"), (S{30, 40}));
    QVERIFY(!m.count("language_model.model.encoder.layers.1.fc1.weight"));
    QCOMPARE(m.at("language_model.model.decoder.layers.2.fc1.weight"), (S{50, 30}));
    QCOMPARE(m.at("language_model.model.decoder.layers.2.encoder_attn.q_proj.weight"), (S{30, 30}));
    QCOMPARE(m.at("language_model.lm_head.weight"), (S{100, 30}));
    QVERIFY(!m.count("vision_tower.norms.weight")); // deleted by Florence2ForConditionalGeneration
}

void TestParameters::tiedKeys()
{
    const std::vector<ParameterSpec> specs = florenceParameters(loadFlorenceConfig(FLORENCE_TEST_DATA "/fixtures/model"));
    std::vector<std::string> tied;
    for (const ParameterSpec &p : specs)
        if (!p.tiedTo.empty()) {
            QCOMPARE(p.tiedTo, std::string(kSharedEmbeddingKey));
            tied.push_back(p.name);
        }
    QCOMPARE(tied, (std::vector<std::string>{kEncoderEmbedTokensKey, kDecoderEmbedTokensKey, kLmHeadKey}));
}

void TestParameters::rejectsUnimplementedEmbeddings_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("pos type") << "/vision_config/image_pos_embed/type" << "\"sine\"" << "image_pos_embed.type";
    QTest::newRow("temporal type") << "/vision_config/visual_temporal_embedding/type" << "\"LEARNED\""
                                   << "visual_temporal_embedding.type";
    QTest::newRow("odd width") << "/vision_config/dim_embed" << "[16, 32, 48, 63]" << "must be even";
}

void TestParameters::rejectsUnimplementedEmbeddings()
{
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    auto j = nlohmann::json::parse(readTextFile(FLORENCE_TEST_DATA "/fixtures/model/config.json"));
    j[nlohmann::json::json_pointer(pointer.toStdString())] = nlohmann::json::parse(value.toStdString());
    if (pointer.endsWith("dim_embed")) { // keep heads/groups dividing the odd width
        j["vision_config"]["num_heads"] = {2, 4, 6, 7};
        j["vision_config"]["num_groups"] = {2, 4, 6, 7};
    }
    const FlorenceConfig cfg = parseFlorenceConfig(j.dump(), "config.json");
    try {
        florenceParameters(cfg);
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ModelFormat);
        QVERIFY2(QString(e.what()).contains(expected), e.what());
    }
}

void TestParameters::cosineTable()
{
    const std::vector<float> t = cosineTemporalTable(5, 6);
    QCOMPARE(t.size(), size_t(30));
    QCOMPARE(t[0], 0.0f); // sin(0)
    QCOMPARE(t[1], 1.0f); // cos(0)
    // row 3, pair 1: d_1 = exp(-ln(10000) * 2 / 6); float math, so compare to 1e-6.
    const double d1 = std::exp(-std::log(10000.0) * 2.0 / 6.0);
    QVERIFY(std::abs(t[3 * 6 + 2] - std::sin(3.0 * d1)) < 1e-6);
    QVERIFY(std::abs(t[3 * 6 + 3] - std::cos(3.0 * d1)) < 1e-6);
}

FLORENCE_TEST_CLASS(TestParameters)
#include "test_parameters.moc"
