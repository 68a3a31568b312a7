// Parity tests of the Florence-2 network (core/model) against the reference intermediates of
// case003 (img0, <OD>): every vision stage, the image features, the encoder, the first decoder
// logits and the 300-position teacher-forced decoder pass; plus key/shape validation and a
// window-attention padding check.
#include "core/model_fixture.h"

#include "common/error.h"
#include "model/cpu_kernels.h"
#include "test_registry.h"

#include <QtTest>

using namespace florence;
using namespace florence::test;

namespace {

/// Puts the kernel path and the kernels' on/off switch back as they were when it goes out of scope.
struct KernelSettingsRestored
{
    ~KernelSettingsRestored()
    {
        setCpuKernelsEnabled(true);
        setCpuKernelPath(before);
    }
    CpuKernelPath before = cpuKernelPath();
};

// |a - b| <= atol (+ 1e-5 |b| for large-magnitude tensors, as the fixtures README allows).
QString compareTensors(const at::Tensor &got, const at::Tensor &want, double atol, bool relative)
{
    if (got.sizes() != want.sizes())
        return QString("shape %1 vs %2").arg(QString::fromStdString(shapeString(got.sizes())),
                                             QString::fromStdString(shapeString(want.sizes())));
    const at::Tensor g = got.to(at::kDouble), w = want.to(at::kDouble);
    const at::Tensor err = (g - w).abs();
    const at::Tensor allowed = relative ? atol + 1e-5 * w.abs() : at::full_like(w, atol);
    const at::Tensor excess = err - allowed;
    const double worst = excess.max().item<double>();
    if (worst <= 0.0 && !at::isnan(g).any().item<bool>())
        return {};
    const std::int64_t i = excess.reshape({-1}).argmax().item<std::int64_t>();
    return QString("max |diff| %1 at flat index %2 (got %3, want %4, atol %5)")
        .arg(err.max().item<double>())
        .arg(i)
        .arg(g.reshape({-1})[i].item<double>())
        .arg(w.reshape({-1})[i].item<double>())
        .arg(atol);
}

/// Runs `run` with the CPU kernels (on `path`) and again on the ATen path (kernels off), and
/// returns how the two results differ ("" when within atol); restores the settings afterwards.
template <typename Run>
QString kernelsAgainstAten(int path, Run run, double atol)
{
    const KernelSettingsRestored restore;
    setCpuKernelPath(CpuKernelPath(path));
    const at::Tensor got = run();
    setCpuKernelsEnabled(false);
    return compareTensors(got, run(), atol, false);
}

} // namespace

class TestModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void intermediates_data();
    void intermediates();
    void teacherForcedArgmax();
    void incrementalDecoderMatchesFullPass();
    void unusedKeys();
    void rejectsBadWeights_data();
    void rejectsBadWeights();
    void rejectsBadInputs();
    void otherConfigRuns();
    void depthwiseConvMatchesAten_data();
    void depthwiseConvMatchesAten();
    void channelAttentionMatchesAten_data();
    void channelAttentionMatchesAten();
    void windowAttentionPadding_data();
    void windowAttentionPadding();

private:
    std::map<std::string, at::Tensor> m_got;
    at::Tensor m_encoded;
};

void TestModel::initTestCase()
{
    const Florence2Model &model = fixtureModel("model");
    const auto &inter = manifest()["intermediates"];
    QCOMPARE(inter["case"].get<std::string>(), std::string("case003"));
    const nlohmann::json *kase = nullptr;
    for (const auto &c : manifest()["cases"])
        if (c["id"] == inter["case"])
            kase = &c;
    QVERIFY(kase);
    at::InferenceMode guard;
    const at::Tensor pv = pixelValuesFrom((*kase)["pixel_values_from"].get<std::string>());
    DaViTTrace trace;
    const at::Tensor image = model.encodeImage(pv, &trace);
    for (size_t k = 0; k < trace.blocksOut.size(); ++k) {
        m_got["vision.stage" + std::to_string(k) + ".blocks_out"] = trace.blocksOut[k];
        m_got["vision.stage" + std::to_string(k) + ".conv_embed_out"] = trace.convEmbedOut[k];
    }
    m_got["image_features"] = image;
    const at::Tensor ids = at::tensor((*kase)["input_ids"].get<std::vector<std::int64_t>>(), at::kLong).view({1, -1});
    const at::Tensor text = model.embedText(ids);
    m_got["text_embeds"] = text;
    m_got["encoder_inputs_embeds"] = at::cat({image, text}, 1);
    m_encoded = model.encode(image, text);
    m_got["encoder_last_hidden_state"] = m_encoded;

    // [2, 0, first greedy token] in one causal pass
    const at::Tensor first3 = tensorRef("tensors/intermediates.safetensors:decoder_input_ids");
    KvCache c3 = model.makeDecoderCache(m_encoded, 1, 3);
    m_got["decoder_logits_first3"] = model.logits(model.decode(first3, c3));

    // teacher-forced pass over 300 positions, one causal pass
    const at::Tensor tfIds = tensorRef("tensors/intermediates.safetensors:tf.decoder_input_ids"); // (1, 300)
    const std::int64_t T = tfIds.size(1);
    KvCache ctf = model.makeDecoderCache(m_encoded, 1, T);
    const at::Tensor logits = model.logits(model.decode(tfIds, ctf)).squeeze(0); // (T, V)
    const auto top2 = at::topk(logits, 2, -1);
    m_got["tf.logits_argmax"] = logits.argmax(-1).unsqueeze(0);
    m_got["tf.logits_top1_minus_top2"] = (std::get<0>(top2).select(1, 0) - std::get<0>(top2).select(1, 1)).unsqueeze(0);
    m_got["tf.logits_max"] = std::get<0>(top2).select(1, 0).unsqueeze(0);
    m_got["tf.logits_logsumexp"] = at::logsumexp(logits, -1).unsqueeze(0);
    const at::Tensor next = tfIds[0].slice(0, 1, T); // (T-1)
    m_got["tf.logits_of_next_input_token"] = logits.slice(0, 0, T - 1).gather(1, next.unsqueeze(1)).view({1, -1});
    const at::Tensor positions = tensorRef("tensors/intermediates.safetensors:tf.logit_positions");
    m_got["tf.logits_at_positions"] = logits.index_select(0, positions).unsqueeze(0);
}

void TestModel::intermediates_data()
{
    QTest::addColumn<QString>("name");
    for (const auto &kv : manifest()["tolerances"]["per_tensor"].items())
        QTest::newRow(kv.key().c_str()) << QString::fromStdString(kv.key());
}

void TestModel::intermediates()
{
    QFETCH(QString, name);
    const std::string n = name.toStdString();
    QVERIFY2(m_got.count(n), "tensor not computed by the test");
    const auto &tol = manifest()["tolerances"]["per_tensor"][n];
    const double atol = tol["suggested_atol"].get<double>();
    // The README's relative allowance is meant for the large-magnitude tensors (vision stages, logits).
    const bool relative = tol["max_abs_value"].get<double>() > 10.0;
    const at::Tensor want = tensorRef("tensors/intermediates.safetensors:" + n);
    const QString err = compareTensors(m_got.at(n), want, atol, relative);
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

void TestModel::teacherForcedArgmax()
{
    const at::Tensor want = tensorRef("tensors/intermediates.safetensors:tf.logits_argmax");
    const at::Tensor got = m_got.at("tf.logits_argmax");
    QCOMPARE(got.sizes().vec(), want.sizes().vec());
    const std::int64_t mismatches = (got != want).sum().item<std::int64_t>();
    QCOMPARE(mismatches, std::int64_t(0));
    QVERIFY(manifest()["intermediates"]["tensors"]["vision.tower_out_is_stage3_blocks_out"].is_object());
}

void TestModel::incrementalDecoderMatchesFullPass()
{
    // The cached single-token path (custom CPU kernels, beams > 1 with a reordered slot table)
    // must give the logits of the full causal pass.
    const Florence2Model &model = fixtureModel("model");
    at::InferenceMode guard;
    const at::Tensor tfIds = tensorRef("tensors/intermediates.safetensors:tf.decoder_input_ids");
    const std::int64_t T = 40;
    KvCache full = model.makeDecoderCache(m_encoded, 1, T);
    const at::Tensor want = model.logits(model.decode(tfIds.slice(1, 0, T), full)).squeeze(0); // (T, V)
    // Three beams: beam 1 carries the real sequence, beams 0/2 junk; every step beam 1 is
    // re-seated from a different slot so its history is spread over the slots.
    KvCache inc = model.makeDecoderCache(m_encoded, 3, T);
    std::int64_t real = 0;
    for (std::int64_t t = 0; t < T; ++t) {
        at::Tensor ids = at::full({3, 1}, 7, at::kLong);
        ids[real][0] = tfIds[0][t];
        const at::Tensor logits = model.logits(model.decode(ids, inc).select(1, 0)); // (3, V)
        const QString err = compareTensors(logits[real], want[t], 0.0027520584444573615, true);
        QVERIFY2(err.isEmpty(), qPrintable(QString("position %1: %2").arg(t).arg(err)));
        const std::int64_t next = (real + 1) % 3;
        std::vector<std::int64_t> parents = {0, 1, 2};
        parents[next] = real;
        parents[real] = next;
        inc.reorder(parents);
        real = next;
    }
}

void TestModel::unusedKeys()
{
    // The encoder's token embedding is not used (Florence-2 passes inputs_embeds built from shared).
    QCOMPARE(fixtureModel("model").unusedKeys(),
             std::vector<std::string>{"language_model.model.encoder.embed_tokens.weight"});
}

void TestModel::rejectsBadWeights_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing vision") << "vision_tower.blocks.2.1.channel_block.ffn.fn.net.fc2.bias"
                                    << "drop" << "'vision_tower.blocks.2.1.channel_block.ffn.fn.net.fc2.bias' is missing";
    QTest::newRow("missing lm_head") << "language_model.lm_head.weight" << "drop"
                                     << "'language_model.lm_head.weight' is missing (expected shape [51289, 24])";
    QTest::newRow("transposed") << "image_projection" << "transpose"
                                << "'image_projection' has shape [24, 64], expected [64, 24]";
    QTest::newRow("integer") << "language_model.model.decoder.layers.1.fc1.bias" << "int"
                             << "'language_model.model.decoder.layers.1.fc1.bias' is not a floating-point tensor";
    QTest::newRow("positions") << "language_model.model.decoder.embed_positions.weight" << "shrink"
                               << "expected [1026, 24]";
}

void TestModel::rejectsBadWeights()
{
    QFETCH(QString, key);
    QFETCH(QString, change);
    QFETCH(QString, expected);
    StateDict sd = loadFixtureStateDict("model");
    const std::string k = key.toStdString();
    if (change == "drop")
        sd.erase(k);
    else if (change == "transpose")
        sd[k] = sd.at(k).t().contiguous();
    else if (change == "int")
        sd[k] = sd.at(k).to(at::kLong);
    else
        sd[k] = sd.at(k).slice(0, 0, 100);
    try {
        Florence2Model m(fixtureConfig("model"), sd);
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ModelFormat);
        QVERIFY2(QString(e.what()).contains(expected), e.what());
    }
}

void TestModel::rejectsBadInputs()
{
    const Florence2Model &model = fixtureModel("model");
    auto expectError = [](const std::function<void()> &f, const QString &needle) {
        try {
            f();
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::BadInput);
            QVERIFY2(QString(e.what()).contains(needle), e.what());
        }
    };
    expectError([&] { model.encodeImage(at::zeros({1, 4, 64, 64})); }, "(B, 3, H, W), got [1, 4, 64, 64]");
    expectError([&] { model.embedText(at::tensor(std::vector<std::int64_t>{0, 51289, 2}, at::kLong).view({1, -1})); },
                "token id 51289 at index 1");
    expectError([&] { model.embedText(at::tensor(std::vector<std::int64_t>{0, -3}, at::kLong).view({1, -1})); },
                "token id -3");
    expectError([&] { model.encode(at::zeros({1, 1000, 24}), at::zeros({1, 30, 24})); },
                "1030 tokens (image features + prompt), more than max_position_embeddings 1024");
    expectError([&] {
        KvCache c = model.makeDecoderCache(m_encoded, 1, 2);
        model.decode(at::tensor(std::vector<std::int64_t>{2, 0}, at::kLong).view({1, 2}), c);
        at::Tensor big = at::zeros({1, 1023}, at::kLong);
        KvCache c2 = model.makeDecoderCache(m_encoded, 1, 1030);
        model.decode(big, c2);
        model.decode(at::zeros({1, 2}, at::kLong), c2);
    },
                "decoder position 1024 exceeds max_position_embeddings 1024");
    expectError([&] { model.encodeImage(at::zeros({1, 3, 96, 64})); }, "is not square");
}

void TestModel::otherConfigRuns()
{
    // Other widths, depths, heads, groups and a window (5) that needs padding everywhere.
    FlorenceConfig cfg = fixtureConfig("model");
    cfg.vision.dimEmbed = {8, 16, 24, 40};
    cfg.vision.numHeads = {1, 2, 3, 5};
    cfg.vision.numGroups = {2, 2, 4, 5};
    cfg.vision.depths = {1, 2, 1, 1};
    cfg.vision.windowSize = 5;
    cfg.vision.projectionDim = 32;
    cfg.projectionDim = 32;
    cfg.text.dModel = 32;
    cfg.text.encoderLayers = 1;
    cfg.text.decoderLayers = 3;
    cfg.text.encoderAttentionHeads = 4;
    cfg.text.decoderAttentionHeads = 2;
    cfg.text.encoderFfnDim = 48;
    cfg.text.decoderFfnDim = 40;
    cfg.text.vocabSize = 300;
    const Florence2Model model(cfg, randomStateDict(cfg, 7));
    at::InferenceMode guard;
    const at::Tensor image = model.encodeImage(at::randn({1, 3, 128, 128})); // 32, 16, 8, 4 -> 1 + 16 tokens
    QCOMPARE(image.sizes().vec(), (std::vector<std::int64_t>{1, 17, 32}));
    const at::Tensor enc = model.encode(image, model.embedText(at::arange(5, at::kLong).view({1, 5})));
    QCOMPARE(enc.sizes().vec(), (std::vector<std::int64_t>{1, 22, 32}));
    KvCache cache = model.makeDecoderCache(enc, 2, 4);
    const at::Tensor logits = model.logits(model.decode(at::full({2, 1}, 2, at::kLong), cache));
    QCOMPARE(logits.sizes().vec(), (std::vector<std::int64_t>{2, 1, 300}));
    QVERIFY(at::isfinite(logits).all().item<bool>());
}

void TestModel::depthwiseConvMatchesAten_data()
{
    QTest::addColumn<int>("path");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("channels");
    for (CpuKernelPath p : supportedCpuKernelPaths()) {
        const QString name = QLatin1String(toString(p));
        QTest::newRow(qPrintable(name + ": 2 images 9x7, 128 channels")) << int(p) << 2 << 9 << 7 << 128;
        QTest::newRow(qPrintable(name + ": 5x6, 20 channels (a partial vector)")) << int(p) << 1 << 5 << 6 << 20;
        QTest::newRow(qPrintable(name + ": 1x1, 3 channels (every tap outside)")) << int(p) << 1 << 1 << 1 << 3;
        QTest::newRow(qPrintable(name + ": 1x4, 16 channels")) << int(p) << 1 << 1 << 4 << 16;
    }
}

void TestModel::depthwiseConvMatchesAten()
{
    // ConvPosEnc with its residual (PreNorm without a norm): the fused CPU kernel against ATen's
    // depthwise convolution plus the input.
    QFETCH(int, path);
    QFETCH(int, batch);
    QFETCH(int, height);
    QFETCH(int, width);
    QFETCH(int, channels);
    at::manual_seed(8);
    StateDict sd;
    sd["c.dw.weight"] = at::randn({channels, 1, 3, 3}) * 0.3;
    sd["c.dw.bias"] = at::randn({channels});
    WeightReader reader(sd, {});
    PreNorm<DepthWiseConv2d> conv;
    conv.hasNorm = false;
    conv.fn.load(reader, "c", channels, 3, 1, 1);
    const at::Tensor x = at::randn({batch, height, width, channels});
    const QString err = kernelsAgainstAten(path, [&] { return conv(x); }, 1e-5);
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

void TestModel::channelAttentionMatchesAten_data()
{
    QTest::addColumn<int>("path");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("side");
    for (CpuKernelPath p : supportedCpuKernelPaths()) {
        const QString name = QLatin1String(toString(p));
        // the base model's last stage (32 channels per group) on a small map, two images
        QTest::newRow(qPrintable(name + ": 2 images 7x7, 1024 channels, 32 groups")) << int(p) << 2 << 1024 << 32 << 7;
        // 5 channels per group: partial vectors everywhere; 2500 tokens: many key blocks
        QTest::newRow(qPrintable(name + ": 50x50, 20 channels, 4 groups")) << int(p) << 1 << 20 << 4 << 50;
    }
}

void TestModel::channelAttentionMatchesAten()
{
    // ChannelAttention with the CPU kernels (q^T k accumulated in float64 from the float32 rows,
    // the mix of the values) against the ATen path (float64 copies of q and k, bmm), same weights.
    QFETCH(int, path);
    QFETCH(int, batch);
    QFETCH(int, channels);
    QFETCH(int, groups);
    QFETCH(int, side);
    const std::int64_t C = channels;
    at::manual_seed(4);
    StateDict sd;
    sd["a.qkv.weight"] = at::randn({3 * C, C}) * (1.0 / std::sqrt(double(C)));
    sd["a.qkv.bias"] = at::randn({3 * C}) * 0.3;
    sd["a.proj.weight"] = at::randn({C, C}) * (1.0 / std::sqrt(double(C)));
    sd["a.proj.bias"] = at::randn({C}) * 0.3;
    WeightReader reader(sd, {});
    ChannelAttention attn;
    attn.load(reader, "a", C, groups);
    const at::Tensor x = at::randn({batch, side, side, C});
    const QString err = kernelsAgainstAten(path, [&] { return attn(x); }, 1e-5);
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

void TestModel::windowAttentionPadding_data()
{
    QTest::addColumn<int>("path"); // a CpuKernelPath, or -1: the ATen path (kernels off)
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("width");
    std::vector<int> paths{-1};
    for (CpuKernelPath p : supportedCpuKernelPaths())
        paths.push_back(int(p));
    for (int p : paths) {
        const QString name = p < 0 ? QString("aten") : QString(toString(CpuKernelPath(p)));
        // head dim 4 (less than any vector), 16 tokens per window, padded to 12 x 16
        QTest::newRow(qPrintable(name + ": 10x13, window 4, head dim 4")) << p << 1 << 12 << 3 << 4 << 10 << 13;
        // the base model's first stage geometry (window 12, head dim 32), two images, padded
        QTest::newRow(qPrintable(name + ": 2 images 26x30, window 12, head dim 32")) << p << 2 << 128 << 4 << 12 << 26 << 30;
        // head dim 20 and 49 tokens: partial vectors in both the tokens and the head's columns
        QTest::newRow(qPrintable(name + ": 9x8, window 7, head dim 20")) << p << 1 << 40 << 2 << 7 << 9 << 8;
    }
}

void TestModel::windowAttentionPadding()
{
    // WindowAttention on a map whose sides are not multiples of the window (padded at the right and
    // bottom) against a direct per-window computation of the reference's formula, on the ATen path
    // and on every kernel path this CPU supports.
    QFETCH(int, path);
    QFETCH(int, batch);
    QFETCH(int, channels);
    QFETCH(int, heads);
    QFETCH(int, window);
    QFETCH(int, height);
    QFETCH(int, width);
    const std::int64_t C = channels, ws = window, H = height, W = width, hd = C / heads;
    const KernelSettingsRestored restore;
    if (path < 0)
        setCpuKernelsEnabled(false);
    else
        setCpuKernelPath(CpuKernelPath(path));

    at::manual_seed(3);
    StateDict sd;
    sd["a.qkv.weight"] = at::randn({3 * C, C}) * (1.0 / std::sqrt(double(C)));
    sd["a.qkv.bias"] = at::randn({3 * C}) * 0.3;
    sd["a.proj.weight"] = at::randn({C, C}) * 0.3;
    sd["a.proj.bias"] = at::randn({C}) * 0.3;
    WeightReader reader(sd, {});
    WindowAttention attn;
    attn.load(reader, "a", C, heads, int(ws));
    const at::Tensor x = at::randn({batch, H, W, C});
    const at::Tensor got = attn(x);

    const std::int64_t Hp = (H + ws - 1) / ws * ws, Wp = (W + ws - 1) / ws * ws;
    const at::Tensor xp = at::constant_pad_nd(x, {0, 0, 0, Wp - W, 0, Hp - H}); // (B, Hp, Wp, C)
    at::Tensor want = at::zeros({batch, Hp, Wp, C});
    const double scale = std::pow(double(hd), -0.5);
    for (std::int64_t b = 0; b < batch; ++b)
        for (std::int64_t wy = 0; wy < Hp; wy += ws)
            for (std::int64_t wx = 0; wx < Wp; wx += ws) {
                const at::Tensor win = xp[b].slice(0, wy, wy + ws).slice(1, wx, wx + ws).reshape({ws * ws, C});
                const at::Tensor qkv = at::linear(win, sd["a.qkv.weight"], sd["a.qkv.bias"]).view({ws * ws, 3, heads, hd});
                std::vector<at::Tensor> outs;
                for (std::int64_t h = 0; h < heads; ++h) {
                    const at::Tensor q = qkv.select(1, 0).select(1, h) * scale;
                    const at::Tensor k = qkv.select(1, 1).select(1, h), v = qkv.select(1, 2).select(1, h);
                    outs.push_back(at::softmax(at::mm(q, k.t()), -1).mm(v));
                }
                const at::Tensor o = at::linear(at::cat(outs, 1), sd["a.proj.weight"], sd["a.proj.bias"]);
                want[b].slice(0, wy, wy + ws).slice(1, wx, wx + ws).copy_(o.view({ws, ws, C}));
            }
    const QString err = compareTensors(got, want.slice(1, 0, H).slice(2, 0, W), 1e-5, false);
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

FLORENCE_TEST_CLASS(TestModel)
#include "test_model.moc"
