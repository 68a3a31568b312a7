// Every decoder-kernel instruction-set path this CPU supports (core/model/cpu_kernels.h: avx512,
// avx2, portable; portable on every machine), forced in turn, against every generation case of the
// reference fixtures: sequences token-exact, steps, transition and sequence scores, beam indices and
// finished hypotheses, with the same tolerances as TestPipeline::generationCases. That test runs the default
// path (the widest, or FLORENCE_CPU_KERNELS), so this one runs the others: together, every path.
#include "core/model_fixture.h"

#include "pipeline.h"
#include "model/cpu_kernels.h"
#include "test_registry.h"

#include <QtTest>

#include <cmath>

using namespace florence;
using namespace florence::test;

namespace {

double tolerance(const char *name)
{
    return manifest()["tolerances"][name].get<double>();
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

class TestKernelPaths : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cases_data();
    void cases();
};

void TestKernelPaths::cases_data()
{
    QTest::addColumn<int>("path");
    QTest::addColumn<QString>("list");
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("beams");
    const CpuKernelPath defaultPath = cpuKernelPath();
    for (CpuKernelPath path : supportedCpuKernelPaths()) {
        if (path == defaultPath)
            continue; // TestPipeline::generationCases
        for (const char *list : {"cases", "cases_long", "cases_eos", "cases_bin"}) {
            const auto &cs = manifest()[list];
            for (int i = 0; i < int(cs.size()); ++i)
                for (int beams : {3, 1}) {
                    const std::string name = std::string(toString(path)) + ": " + cs[i]["id"].get<std::string>()
                                             + "/beams" + std::to_string(beams);
                    QTest::newRow(name.c_str()) << int(path) << QString(list) << i << beams;
                }
        }
    }
    if (supportedCpuKernelPaths().size() == 1) // portable only: TestPipeline::generationCases ran it
        QTest::newRow("no other path on this CPU") << -1 << QString() << 0 << 0;
}

void TestKernelPaths::cases()
{
    QFETCH(int, path);
    QFETCH(QString, list);
    QFETCH(int, index);
    QFETCH(int, beams);
    if (path < 0)
        QSKIP("this CPU supports the portable path only, which TestPipeline::generationCases runs");
    const nlohmann::json &kase = manifest()[list.toStdString()][index];
    const nlohmann::json &want = kase["generate"]["num_beams=" + std::to_string(beams)];
    // Through Pipeline::run on the image file: the path the app runs, with the kernel path forced.
    const CpuKernelPath before = cpuKernelPath();
    setCpuKernelPath(CpuKernelPath(path));
    RunResult r;
    try {
        r = fixturePipeline(kase["model"].get<std::string>()).run(fixtureImage(kase), fixtureRequest(kase, beams));
    } catch (...) {
        setCpuKernelPath(before);
        throw;
    }
    setCpuKernelPath(before);

    QCOMPARE(r.sequence, want["sequence"].get<std::vector<std::int64_t>>());
    QCOMPARE(r.timings.decodeSteps, want["num_generation_steps"].get<int>());
    // manifest.tolerances.transition_scores_atol
    QString err = compareScores(r.transitionScores, want["transition_scores"].get<std::vector<double>>(),
                                tolerance("transition_scores_atol"));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    if (beams == 1)
        return;
    // manifest.tolerances.sequences_scores_atol
    QVERIFY(r.sequenceScore);
    err = compareScores({*r.sequenceScore}, want["sequences_scores"].get<std::vector<double>>(),
                        tolerance("sequences_scores_atol"));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    std::vector<int> beamIdx = want["beam_indices"].get<std::vector<int>>();
    while (!beamIdx.empty() && beamIdx.back() == -1)
        beamIdx.pop_back();
    QCOMPARE(r.beamIndices, beamIdx);
    const auto &hyps = want["finished_hypotheses"];
    QCOMPARE(int(r.finishedHypotheses.size()), int(hyps.size()));
    // manifest.tolerances.finished_hypotheses_score_atol
    const double hypAtol = tolerance("finished_hypotheses_score_atol");
    for (int i = 0; i < int(hyps.size()); ++i) {
        const FinishedHypothesis &h = r.finishedHypotheses[i];
        QCOMPARE(h.tokens, hyps[i]["tokens"].get<std::vector<std::int64_t>>());
        QCOMPARE(h.generatedLen, hyps[i]["generated_len"].get<int>());
        const double score = hyps[i]["score"].get<double>();
        QVERIFY2(std::abs(h.score - score) <= hypAtol,
                 qPrintable(QString("hypothesis %1: score %2, expected %3").arg(i).arg(h.score).arg(score)));
    }
}

FLORENCE_TEST_CLASS(TestKernelPaths)

#include "test_kernel_paths.moc"
