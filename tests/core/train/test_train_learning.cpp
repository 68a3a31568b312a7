// The learning test: a tiny random-weight model is fine-tuned on a handful of examples until its
// greedy answers for those images equal the targets token for token; the saved model folder is
// loaded again through the Pipeline (inference path: fused kernels, KV cache) and still answers
// exactly the targets.
#include "test_registry.h"

#include "generate/generate.h"
#include "image/decode.h"
#include "io/random_model.h"
#include "model/parameters.h"
#include "pipeline.h"
#include "tasks/prompt.h"
#include "train/trainer_impl.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

using namespace florence;

namespace {

std::string dataPath(const std::string &rel)
{
    return std::string(FLORENCE_TEST_DATA) + "/fixtures/" + rel;
}

// Greedy answers of the trainer's current weights through the inference model.
std::vector<std::vector<std::int64_t>> greedyAnswers(Trainer::Impl &d, const std::vector<TrainingExample> &examples)
{
    StateDict sd;
    for (const auto &[key, t] : d.model->namedTensors())
        sd[key] = t.detach().clone();
    sd[kEncoderEmbedTokensKey] = sd[kSharedEmbeddingKey];
    sd[kDecoderEmbedTokensKey] = sd[kSharedEmbeddingKey];
    const Florence2Model model(d.config, sd);
    std::vector<std::vector<std::int64_t>> out;
    for (const TrainingExample &e : examples) {
        GenerationOptions opt;
        opt.numBeams = 1;
        opt.maxNewTokens = 24;
        out.push_back(generate(model, d.pixelValues(e.image), d.tokenizer->encode(constructPrompt(e.prefix)), opt).sequence);
    }
    return out;
}

} // namespace

class TestTrainLearning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void learnsSavesReloads()
    {
        QElapsedTimer timer;
        timer.start();
        QTemporaryDir dir;
        const std::string base = dir.filePath("tiny").toStdString();
        io::RandomModelOptions ro;
        ro.like = "tiny";
        ro.seed = 3;
        ro.tokenizerFrom = dataPath("model");
        io::writeRandomModel(base, ro);

        const std::vector<TrainingExample> examples = {
            {dataPath("images/img0_photo_640x480.jpg"), "<OD>", "circle<loc_120><loc_80><loc_400><loc_390>", 0},
            {dataPath("images/img1_tall_300x900.png"), "<CAPTION>", "A tall red car.", 0},
            {dataPath("images/img2_rgba_256x200.png"), "<OCR_WITH_REGION>",
             "HELLO<loc_100><loc_100><loc_500><loc_100><loc_500><loc_200><loc_100><loc_200>", 0},
        };
        TrainSettings s;
        s.batchSize = 3;
        s.lr = 3e-3;
        s.schedule = LrSchedule::Constant;
        s.weightDecay = 0.0;
        s.gradClip = 1.0;
        s.dropout = false;
        s.maxSteps = 0;
        Trainer trainer(base, s);
        trainer.setData(examples);
        Trainer::Impl &d = trainer.impl();
        std::vector<std::vector<std::int64_t>> targets;
        for (const TrainingExample &e : examples) {
            std::vector<std::int64_t> t = {2}; // decoder start, then <s> answer </s>
            for (std::int64_t id : d.tokenizer->encode(e.suffix))
                t.push_back(id);
            targets.push_back(t);
        }
        bool learned = false;
        for (int round = 1; round <= 12 && !learned; ++round) {
            d.settings.maxSteps = 50 * round; // check the answers every 50 steps (a check runs the vision tower)
            trainer.run();
            learned = greedyAnswers(d, examples) == targets;
            qInfo("after %lld steps: loss %.4f, answers %s", (long long)trainer.step(), trainer.stepLosses().back(),
                  learned ? "equal the targets" : "differ");
        }
        QVERIFY2(learned, "the model did not learn the three answers in 600 steps (12 checks)");
        QVERIFY(trainer.stepLosses().back() < trainer.stepLosses().front());

        const QString out = dir.filePath("tuned");
        trainer.saveModel(out.toStdString(), "learning test");
        Pipeline pipeline(out.toStdString());
        for (std::size_t i = 0; i < examples.size(); ++i) {
            RunRequest req;
            req.task = *taskFromToken(examples[i].prefix);
            req.numBeams = 1;
            req.maxNewTokens = 24;
            const RunResult r = pipeline.run(decodeImageFile(examples[i].image), req);
            QVERIFY2(r.sequence == targets[i], r.text.c_str());
        }
        qInfo("learning test took %.1f s", timer.elapsed() / 1000.0);
    }
};

FLORENCE_TEST_CLASS(TestTrainLearning)
#include "test_train_learning.moc"
