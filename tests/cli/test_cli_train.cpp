// Tests of `florence-cli train` as a process: the parity command line on a JSONL of the
// training fixtures' batch A must reproduce the reference's parameters after three AdamW steps
// (manifest tolerances), write a complete model folder under the layout's key names, and resume.
#include "cli_runner.h"
#include "fixture_data.h"
#include "test_registry.h"

#include "annotate/project.h"
#include "io/safetensors.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace florence;
using namespace florence::test;

namespace {

QStringList parityArgs(const QString &jsonl, const QString &out)
{
    return {"train", "--model", QString::fromStdString(fixturePath("model")), "--jsonl", jsonl, "--out", out,
            "--batch-size", "3", "--max-steps", "3", "--lr", "1e-4", "--lr-schedule", "constant", "--warmup-steps", "0",
            "--weight-decay", "0.01", "--grad-clip", "0", "--freeze", "vision", "--dropout", "off", "--no-shuffle"};
}

QString writeBatchA(const QTemporaryDir &dir)
{
    const FixtureJson &m = fixtureJson("training/manifest.json");
    const QString path = dir.filePath("a.jsonl");
    std::ofstream out(path.toStdString());
    for (const FixtureJson &e : m.at("batches").at("A").at("examples")) {
        nlohmann::json line = {{"image", fixturePath(e.at("image").get<std::string>())},
                               {"prefix", e.at("task").get<std::string>()},
                               {"suffix", e.at("suffix").get<std::string>()}};
        out << line.dump() << "\n";
    }
    return path;
}

} // namespace

class TestCliTrain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parityCommandLine()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        const CliRun r = runCli(parityArgs(writeBatchA(dir), out), 300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("step 3/3"));

        const io::SafetensorsFile base(fixturePath("model/model.safetensors"));
        const io::SafetensorsFile trained((out + "/model.safetensors").toStdString());
        const io::SafetensorsFile ref(fixturePath("training/params_A_step3_lean.safetensors"));
        // the same keys as the loaded folder's model.safetensors (tied embed_tokens omitted likewise)
        QCOMPARE(trained.names(), base.names());
        const double lr = 1e-4, steps = 3;
        long long total = 0, within = 0;
        int compared = 0;
        for (const std::string &key : trained.names()) {
            const std::vector<float> got = trained.toFloat(key);
            std::vector<float> want;
            if (key.rfind("vision_tower.", 0) == 0 || key == "language_model.final_logits_bias"
                || key == "visual_temporal_embed.pos_idx_to_embed") {
                want = base.toFloat(key); // frozen tower and buffers: unchanged, bit for bit
                QVERIFY2(got == want, key.c_str());
                continue;
            }
            if (ref.contains(key)) {
                want = ref.toFloat(key);
            } else {
                // lean `shared`: rows with a gradient stored; the others only decay (p *= 1 - lr*wd, float32)
                want = base.toFloat(key);
                const float decay = float(1.0 - lr * 0.01);
                for (float &v : want)
                    for (int s = 0; s < 3; ++s)
                        v = v * decay;
                const std::vector<std::int64_t> rows = ref.toInt64(key + ".rows");
                const std::vector<float> values = ref.toFloat(key + ".values");
                const std::size_t dim = values.size() / rows.size();
                for (std::size_t r = 0; r < rows.size(); ++r)
                    std::copy(values.begin() + std::ptrdiff_t(r * dim), values.begin() + std::ptrdiff_t((r + 1) * dim),
                              want.begin() + std::ptrdiff_t(std::size_t(rows[r]) * dim));
            }
            QCOMPARE(got.size(), want.size());
            for (std::size_t i = 0; i < got.size(); ++i) {
                const double d = std::abs(double(got[i]) - double(want[i]));
                within += d <= 1e-6;
                // every element within 2 * lr * steps (manifest.tolerances.params_after_steps)
                QVERIFY2(d <= 2 * lr * steps, key.c_str());
            }
            total += (long long)got.size();
            ++compared;
        }
        QCOMPARE(compared, 97); // every trainable parameter (manifest adamw.trainable)
        QVERIFY(double(within) >= 0.999 * double(total)); // >= 99.9 % within 1e-6
        for (const char *f : {"config.json", "preprocessor_config.json", "tokenizer.json", "training_record.json"})
            QVERIFY2(QFile::exists(out + "/" + f), f);
        QFile recordFile(out + "/training_record.json");
        QVERIFY(recordFile.open(QIODevice::ReadOnly));
        const FixtureJson record = FixtureJson::parse(recordFile.readAll().toStdString());
        QCOMPARE(record.at("steps").get<int>(), 3);
        QCOMPARE(int(record.at("train_loss_per_step").size()), 3);
    }

    // --max-steps 2, then --resume with --max-steps 3: the same parameters as three steps at once.
    void resume()
    {
        QTemporaryDir dir;
        const QString jsonl = writeBatchA(dir);
        const QString out = dir.filePath("out");
        QStringList args = parityArgs(jsonl, out);
        args[args.indexOf("--max-steps") + 1] = "2";
        CliRun r = runCli(args, 300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        args[args.indexOf("--max-steps") + 1] = "3";
        args << "--resume";
        r = runCli(args, 300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("resumed at step 2"));
        QVERIFY(r.out.contains("step 3/3"));
        QVERIFY(!r.out.contains("step 1/3"));
        const QString once = dir.filePath("once");
        r = runCli(parityArgs(jsonl, once), 300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const io::SafetensorsFile a((out + "/model.safetensors").toStdString());
        const io::SafetensorsFile b((once + "/model.safetensors").toStdString());
        for (const std::string &key : a.names())
            QVERIFY2(a.toFloat(key) == b.toFloat(key), key.c_str());
    }

    // --project: the reviewed images' annotations become examples (exported with --export-jsonl).
    void fromProject()
    {
        QTemporaryDir dir;
        Project project;
        ImageRecord img;
        img.path = fixturePath("images/img0_photo_640x480.jpg");
        img.width = 640;
        img.height = 480;
        img.status = ImageStatus::Reviewed;
        Shape box;
        box.box = Box{64, 48, 320, 240};
        box.label = "circle";
        img.shapes.push_back(box);
        project.images.push_back(img);
        ImageRecord unreviewed = img;
        unreviewed.path = fixturePath("images/img1_tall_300x900.png");
        unreviewed.status = ImageStatus::PreAnnotated;
        project.images.push_back(unreviewed);
        const QString projectPath = dir.filePath("florence-project.json");
        saveProject(project, projectPath.toStdString());
        const QString exported = dir.filePath("export");
        const CliRun r = runCli({"train", "--model", QString::fromStdString(fixturePath("model")), "--project", projectPath,
                                 "--tasks", "OD", "--out", dir.filePath("out"), "--export-jsonl", exported,
                                 "--batch-size", "1", "--max-steps", "1", "--dropout", "off"},
                                300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(exported + "/train.jsonl");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1); // the reviewed image only
        const nlohmann::json line = nlohmann::json::parse(lines[0].toStdString());
        QCOMPARE(QString::fromStdString(line.at("prefix").get<std::string>()), QStringLiteral("<OD>"));
        QCOMPARE(QString::fromStdString(line.at("suffix").get<std::string>()),
                 QStringLiteral("circle<loc_100><loc_100><loc_500><loc_500>"));
        QVERIFY(QFile::exists(dir.filePath("out") + "/model.safetensors"));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("no data") << QStringList{} << "exactly one of --project FILE and --jsonl FILE";
        QTest::newRow("bad freeze") << QStringList{"--jsonl", "x.jsonl", "--freeze", "all"} << "--freeze: 'all'";
        QTest::newRow("bad schedule") << QStringList{"--jsonl", "x.jsonl", "--lr-schedule", "cosine"} << "'cosine'";
        QTest::newRow("missing jsonl") << QStringList{"--jsonl", "/nonexistent/x.jsonl"} << "/nonexistent/x.jsonl";
    }

    void errors()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const CliRun r = runCli(QStringList{"train", "--model", QString::fromStdString(fixturePath("model")), "--out",
                                            dir.filePath("out")} + extra);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
};

FLORENCE_TEST_CLASS(TestCliTrain)
#include "test_cli_train.moc"
