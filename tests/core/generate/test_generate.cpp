// Tests of generation (core/generate): the search options (min/max new tokens, forced EOS), progress,
// cancellation, option checks, the n-best list, and the device-agnostic path against fixture cases.
// Every fixture generation is checked end to end through Pipeline::run in tests/core/pipeline.
#include "core/model_fixture.h"

#include "common/error.h"
#include "generate/beam_hypotheses.h"
#include "generate/generate.h"
#include "image/decode.h"
#include "image/preprocess.h"
#include "model/cpu_kernels.h"
#include "pipeline.h"
#include "test_registry.h"

#include <QtTest>

using namespace florence;
using namespace florence::test;

namespace {

const nlohmann::json &findCase(const std::string &list, int index)
{
    return manifest()[list][index];
}

// Encoder output (1, S, D) of a case, computed once per (model, image, prompt).
const at::Tensor &encoderOutput(const nlohmann::json &kase)
{
    static std::map<std::string, at::Tensor> cache;
    const std::string model = kase["model"].get<std::string>();
    const std::string key = model + "|" + kase["pixel_values_from"].get<std::string>() + "|" + kase["input_ids"].dump();
    auto it = cache.find(key);
    if (it == cache.end()) {
        static std::map<std::string, at::Tensor> images;
        const std::string imageKey = model + "|" + kase["pixel_values_from"].get<std::string>();
        const Florence2Model &m = fixtureModel(model);
        at::InferenceMode guard;
        if (!images.count(imageKey))
            images[imageKey] = m.encodeImage(pixelValuesFrom(kase["pixel_values_from"].get<std::string>()));
        const at::Tensor ids = at::tensor(kase["input_ids"].get<std::vector<std::int64_t>>(), at::kLong).view({1, -1});
        it = cache.emplace(key, m.encode(images[imageKey], m.embedText(ids))).first;
    }
    return it->second;
}

GenerationOptions optionsFor(const nlohmann::json &kase, int beams)
{
    GenerationOptions opt = generationOptionsFrom(fixtureConfig("model").text);
    opt.numBeams = beams;
    opt.maxNewTokens = kase["generate"]["num_beams=" + std::to_string(beams)]["generate_kwargs"]["max_new_tokens"].get<int>();
    return opt;
}

QString compareScores(const std::vector<float> &got, const std::vector<double> &want, double atol)
{
    if (got.size() != want.size())
        return QString("%1 scores, expected %2").arg(got.size()).arg(want.size());
    for (size_t i = 0; i < got.size(); ++i)
        if (!(std::abs(double(got[i]) - want[i]) <= atol))
            return QString("score %1: got %2, expected %3 (atol %4)").arg(i).arg(got[i]).arg(want[i]).arg(atol);
    return {};
}

} // namespace

class TestGenerate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void genericPathMatchesCases();
    void minNewTokensSuppressesEos();
    void forcedLength();
    void progressAndCancel();
    void rejectsBadOptions_data();
    void rejectsBadOptions();
    void beamHypothesesKeepsBest();
};
void TestGenerate::genericPathMatchesCases()
{
    // The device-agnostic path (ATen matmuls, attention over the gathered slot table) that CUDA
    // runs, exercised on the CPU with the hand-written kernels switched off.
    struct KernelsOff
    {
        KernelsOff() { setCpuKernelsEnabled(false); }
        ~KernelsOff() { setCpuKernelsEnabled(true); }
    } off;
    for (const auto &c : {std::make_pair("cases_eos", 5), std::make_pair("cases_eos", 8), std::make_pair("cases", 40),
                          std::make_pair("cases_long", 1)})
        for (int beams : {3, 1}) {
            const nlohmann::json &kase = findCase(c.first, c.second);
            const nlohmann::json &want = kase["generate"]["num_beams=" + std::to_string(beams)];
            const RunResult r = fixturePipeline(kase["model"].get<std::string>()).run(fixtureImage(kase), fixtureRequest(kase, beams));
            QCOMPARE(r.sequence, want["sequence"].get<std::vector<std::int64_t>>());
            const QString err = compareScores(r.transitionScores, want["transition_scores"].get<std::vector<double>>(),
                                              manifest()["tolerances"]["transition_scores_atol"].get<double>());
            QVERIFY2(err.isEmpty(), qPrintable(err));
        }
}

void TestGenerate::minNewTokensSuppressesEos()
{
    // model_eos stops after 5 new tokens in eos000 (greedy) and after 2 in eos008 (beams 3);
    // min_new_tokens 10 keeps EOS away until then.
    const Florence2Model &model = fixtureModel("model_eos");
    for (const auto &c : {std::make_pair(0, 1), std::make_pair(8, 3)}) {
        const nlohmann::json &kase = findCase("cases_eos", c.first);
        const std::string mode = "num_beams=" + std::to_string(c.second);
        QVERIFY(kase["generate"][mode]["num_new_tokens"].get<int>() < 10);
        GenerationOptions opt = optionsFor(kase, c.second);
        opt.minNewTokens = 10;
        const GenerationResult r = generateFromEncoderOutput(model, encoderOutput(kase), opt);
        QVERIFY2(int(r.sequence.size()) - 1 >= 10, qPrintable(QString("%1 new tokens").arg(r.sequence.size() - 1)));
        for (size_t i = 1; i < 10; ++i)
            QVERIFY(r.sequence[i] != opt.eosTokenId);
    }
}

void TestGenerate::forcedLength()
{
    // min_new_tokens = max_new_tokens: exactly N new tokens, the last one the forced EOS.
    const nlohmann::json &kase = findCase("cases_eos", 0);
    const Florence2Model &model = fixtureModel("model_eos");
    GenerationOptions opt = optionsFor(kase, 3);
    opt.maxNewTokens = opt.minNewTokens = 20;
    for (int beams : {3, 1}) {
        opt.numBeams = beams;
        const GenerationResult r = generateFromEncoderOutput(model, encoderOutput(kase), opt);
        QCOMPARE(int(r.sequence.size()), 21);
        QCOMPARE(r.sequence.back(), std::int64_t(opt.eosTokenId));
        QCOMPARE(r.numGenerationSteps, 20);
    }
}

void TestGenerate::progressAndCancel()
{
    const nlohmann::json &kase = findCase("cases", 0);
    const Florence2Model &model = fixtureModel("model");
    GenerationOptions opt = optionsFor(kase, 3);
    std::vector<int> steps;
    size_t lastLen = 0;
    opt.progress = [&](int step, const std::vector<std::int64_t> &tokens) {
        steps.push_back(step);
        lastLen = tokens.size();
    };
    const GenerationResult r = generateFromEncoderOutput(model, encoderOutput(kase), opt);
    QCOMPARE(int(steps.size()), r.numGenerationSteps);
    QCOMPARE(steps.back(), r.numGenerationSteps);
    QCOMPARE(int(lastLen), r.numGenerationSteps + 1);

    std::atomic<bool> cancel{false};
    opt.cancel = &cancel;
    opt.progress = [&](int step, const std::vector<std::int64_t> &) {
        if (step == 5)
            cancel = true;
    };
    try {
        generateFromEncoderOutput(model, encoderOutput(kase), opt);
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Cancelled);
        QVERIFY2(QString(e.what()).contains("before decoder step 6"), e.what());
    }
}

void TestGenerate::rejectsBadOptions_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("max_new_tokens 0") << "max" << 0 << "max_new_tokens must be in [1, 1024], got 0";
    QTest::newRow("max_new_tokens 1025") << "max" << 1025 << "max_new_tokens must be in [1, 1024], got 1025";
    QTest::newRow("num_beams 0") << "beams" << 0 << "num_beams must be in [1, 64], got 0";
    QTest::newRow("eos outside vocab") << "eos" << 60000 << "eos_token_id token id 60000 is outside the vocabulary";
}

void TestGenerate::rejectsBadOptions()
{
    QFETCH(QString, field);
    QFETCH(int, value);
    QFETCH(QString, expected);
    const nlohmann::json &kase = findCase("cases", 0);
    GenerationOptions opt = optionsFor(kase, 3);
    if (field == "max")
        opt.maxNewTokens = value;
    else if (field == "beams")
        opt.numBeams = value;
    else
        opt.eosTokenId = value;
    try {
        generateFromEncoderOutput(fixtureModel("model"), encoderOutput(kase), opt);
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QVERIFY2(QString(e.what()).contains(expected), e.what());
    }
}

void TestGenerate::beamHypothesesKeepsBest()
{
    // BeamHypotheses.add: the list keeps num_beams entries, a newcomer must beat the worst.
    BeamHypotheses h(2, 1.0, true);
    auto hyp = [](double sum, int len) {
        FinishedHypothesis f;
        f.sumLogprobs = sum;
        f.generatedLen = len;
        return f;
    };
    h.add(hyp(-10, 2)); // -5
    QVERIFY(!h.isDone(-1, 3));
    h.add(hyp(-9, 3));  // -3
    QVERIFY(h.isDone(-1, 3));
    h.add(hyp(-12, 2)); // -6: rejected
    h.add(hyp(-8, 4));  // -2: replaces -5
    const auto offered = h.offered();
    QCOMPARE(int(offered.size()), 4);
    QCOMPARE(offered[0].keptInFinalList, false);
    QCOMPARE(offered[1].keptInFinalList, true);
    QCOMPARE(offered[2].keptInFinalList, false);
    QCOMPARE(offered[3].keptInFinalList, true);
    QCOMPARE(h.best().score, -2.0);
}

FLORENCE_TEST_CLASS(TestGenerate)
#include "test_generate.moc"
