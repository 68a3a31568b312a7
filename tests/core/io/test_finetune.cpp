// Fine-tunes: an untied lm_head, tokens added beyond the base tokenizer, a generation_config.json
// that differs, in both layouts; custom tasks (free prompt + output parser) run through the
// pipeline and saved as named presets per model folder (core/tasks/custom_task.h).
#include "checkpoint_test_util.h"

#include "common/error.h"
#include "image/decode.h"
#include "io/checkpoint.h"
#include "io/convert_checkpoint.h"
#include "model/florence2.h"
#include "model/parameters.h"
#include "model_variants.h"
#include "pipeline.h"
#include "tasks/custom_task.h"
#include "tasks/postprocess.h"
#include "test_registry.h"
#include "text/tokenizer.h"

#include <ATen/ATen.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

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

std::string joined(const std::vector<std::string> &lines)
{
    std::string s;
    for (const std::string &l : lines)
        s += l + "\n";
    return s;
}

/// A remote-layout fine-tune of the zero-bias fixture: `<ANALYZE>` (51289) and `<DOCVQA>` (51290)
/// added, vocab_size 51291, an untied lm_head (shared + a seeded perturbation), and a
/// generation_config.json with other settings.
void writeFineTune(const QString &dir, const std::string &zeroDir)
{
    copyFixtureFiles(dir);
    const Tokenizer base = Tokenizer::fromModelDir(zeroDir);
    auto tok = readJsonFile((dir + "/tokenizer.json").toStdString());
    const std::int64_t baseVocab = std::int64_t(tok.at("model").at("vocab").size());
    for (std::int64_t id = baseVocab; id < std::int64_t(base.size()); ++id)
        tok["added_tokens"].push_back({{"id", id}, {"content", base.idsToTokens({id}).front()}, {"single_word", false},
                                       {"lstrip", false}, {"rstrip", false}, {"normalized", false}, {"special", true}});
    for (const char *extra : {"<ANALYZE>", "<DOCVQA>"})
        tok["added_tokens"].push_back({{"id", tok["added_tokens"].back()["id"].get<std::int64_t>() + 1},
                                       {"content", extra}, {"single_word", false}, {"lstrip", false},
                                       {"rstrip", false}, {"normalized", false}, {"special", true}});
    writeJsonFile((dir + "/tokenizer.json").toStdString(), tok);
    auto config = readJsonFile((dir + "/config.json").toStdString());
    config["text_config"]["vocab_size"] = 51291;
    config["text_config"]["tie_word_embeddings"] = false;
    writeJsonFile((dir + "/config.json").toStdString(), config);
    writeJsonFile((dir + "/generation_config.json").toStdString(),
                  {{"num_beams", 5}, {"early_stopping", false}, {"no_repeat_ngram_size", 0}, {"max_length", 256}});

    auto blobs = readBlobs(zeroDir + "/model.safetensors");
    const auto grow = [](TensorBlob &b, std::int64_t rows) {
        const std::int64_t cols = b.shape.size() == 2 ? b.shape[1] : 1;
        const std::int64_t have = b.shape[0] == 1 && b.shape.size() == 2 ? b.shape[1] : b.shape[0];
        (void)have;
        at::Tensor t = at::from_blob(floats(b), b.shape, at::kFloat).clone();
        if (b.shape[0] == 1) // final_logits_bias [1, V]
            t = at::cat({t, at::zeros({1, rows - t.size(1)})}, 1);
        else
            t = at::cat({t, t.slice(0, 50265, 50265 + (rows - t.size(0)))}, 0); // new rows: copies of <od>...
        (void)cols;
        b.shape = t.sizes().vec();
        b.bytes.assign(static_cast<const char *>(t.data_ptr()), std::size_t(t.numel()) * 4);
    };
    for (const char *k : {"language_model.model.shared.weight", "language_model.model.encoder.embed_tokens.weight",
                          "language_model.model.decoder.embed_tokens.weight", "language_model.final_logits_bias"})
        if (blobs.count(k))
            grow(blobs.at(k), 51291);
    TensorBlob head = blobs.at("language_model.model.shared.weight");
    head.name = "language_model.lm_head.weight";
    at::manual_seed(7);
    at::Tensor h = at::from_blob(floats(head), head.shape, at::kFloat);
    h.add_(at::randn(h.sizes()) * 0.05);
    blobs[head.name] = head;
    writeBlobs((dir + "/model.safetensors").toStdString(), blobs);
}

/// Ids of "<DOCVQA>What is the total?" in the fine-tune: <s>, 51290, the base tokenizer's ids of the
/// text, </s>.
std::vector<std::int64_t> docvqaIds(const std::string &baseDir)
{
    std::vector<std::int64_t> ids = {0, 51290};
    for (std::int64_t id : Tokenizer::fromModelDir(baseDir).encodeNoSpecial("What is the total?"))
        ids.push_back(id);
    ids.push_back(2);
    return ids;
}

} // namespace

class TestFineTune : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void untiedHeadAndAddedTokensLoad();
    void nativeFineTuneLoadsAndMatches();
    void untiedWithoutHeadIsAnError();
    void customPromptRuns();
    void customPromptParsesLikeTheTask();
    void presetsRoundTrip();
    void presetFileErrors();
    void cliRunsPreset();

private:
    QTemporaryDir m_tmp;
    std::string m_zero, m_ft;
};

void TestFineTune::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_zero = m_tmp.filePath("zero").toStdString();
    m_ft = m_tmp.filePath("ft").toStdString();
    writeZeroBiasModel(QString::fromStdString(m_zero));
    writeFineTune(QString::fromStdString(m_ft), m_zero);
}

void TestFineTune::untiedHeadAndAddedTokensLoad()
{
    Pipeline p(m_ft);
    QCOMPARE(p.tokenizer().size(), std::size_t(51291));
    QCOMPARE(p.tokenizer().encode("<ANALYZE>"), (std::vector<std::int64_t>{0, 51289, 2}));
    QCOMPARE(p.tokenizer().encode("<DOCVQA>What is the total?"), docvqaIds(m_zero));
    const std::string log = joined(p.summary().log);
    QVERIFY2(contains(log, "tie_word_embeddings is false"), log.c_str());
    QVERIFY2(contains(log, "'language_model.lm_head.weight' is its own tensor"), log.c_str());
    QVERIFY2(contains(log, "generation_config.json disagrees with text_config") && contains(log, "num_beams 3"), log.c_str());

    // The model's head is the stored lm_head, not the embedding.
    const FlorenceConfig cfg = loadFlorenceConfig(m_ft);
    QVERIFY(!cfg.tieWordEmbeddings);
    QCOMPARE(cfg.text.numBeams, 3); // remote layout: text_config's, like the reference
    LoadedCheckpoint ckpt = loadCheckpoint(m_ft, cfg);
    QVERIFY(!ckpt.tensors.at(kLmHeadKey).is_same(ckpt.tensors.at(kSharedEmbeddingKey)));
    QVERIFY(!at::equal(ckpt.tensors.at(kLmHeadKey), ckpt.tensors.at(kSharedEmbeddingKey)));
    Florence2Model model(cfg, ckpt.tensors);
    const at::Tensor hidden = at::randn({1, 24});
    const at::Tensor expected = at::matmul(hidden, ckpt.tensors.at(kLmHeadKey).t());
    const at::Tensor got = model.logits(hidden);
    const at::Tensor viaShared = at::matmul(hidden, ckpt.tensors.at(kSharedEmbeddingKey).t());
    QVERIFY2(at::allclose(got, expected, 1e-4, 1e-4),
             qPrintable(QString("max diff to lm_head %1, to shared %2")
                            .arg((got - expected).abs().max().item<double>())
                            .arg((got - viaShared).abs().max().item<double>())));
    QVERIFY((got - viaShared).abs().max().item<double>() > 1e-2); // the head is really not the embedding
}

void TestFineTune::nativeFineTuneLoadsAndMatches()
{
    const std::string native = m_tmp.filePath("ft_native").toStdString();
    convertCheckpoint(m_ft, native, CheckpointLayout::Native);
    SafetensorsFile f(native + "/model.safetensors");
    QVERIFY(f.contains("lm_head.weight")); // untied: stored
    QCOMPARE(f.info("lm_head.weight").shape, (std::vector<std::int64_t>{51328, 24}));
    const auto config = readJsonFile(native + "/config.json");
    QCOMPARE(config.at("tie_word_embeddings").get<bool>(), false);
    QCOMPARE(config.at("image_token_id").get<int>(), 51291); // after the fine-tune's own tokens

    Pipeline a(m_ft), b(native);
    QCOMPARE(b.tokenizer().size(), std::size_t(51292));
    const RgbImage img = decodeImageFile(fixturePath("images/img1_tall_300x900.png"));
    RunRequest request;
    request.task = Task::Caption;
    request.customPrompt = "<ANALYZE>";
    request.maxNewTokens = 24;
    QCOMPARE(a.run(img, request).sequence, b.run(img, request).sequence);

    // A native generation_config.json is honoured: num_beams 1 changes the default search.
    auto gen = readJsonFile(native + "/generation_config.json");
    gen["num_beams"] = 1;
    writeJsonFile(native + "/generation_config.json", gen);
    const FlorenceConfig cfg = loadFlorenceConfig(native);
    QCOMPARE(cfg.text.numBeams, 1);
    QVERIFY2(contains(joined(cfg.notes), "generation_config.json") && contains(joined(cfg.notes), "num_beams 3 -> 1"),
             joined(cfg.notes).c_str());
}

void TestFineTune::untiedWithoutHeadIsAnError()
{
    const QString dir = m_tmp.filePath("ft_nohead");
    QDir().mkpath(dir);
    for (const char *f : {"config.json", "preprocessor_config.json", "tokenizer.json"})
        QVERIFY(QFile::copy(qs(m_ft + "/" + f), dir + "/" + f));
    auto blobs = readBlobs(m_ft + "/model.safetensors");
    blobs.erase("language_model.lm_head.weight");
    writeBlobs((dir + "/model.safetensors").toStdString(), blobs);
    const std::string e = errorOf([&] { Pipeline p(dir.toStdString()); });
    QVERIFY2(contains(e, "model.safetensors") && contains(e, "language_model.lm_head.weight")
                 && contains(e, "tie_word_embeddings"), e.c_str());
}

void TestFineTune::customPromptRuns()
{
    Pipeline p(m_ft);
    const RgbImage img = decodeImageFile(fixturePath("images/img0_photo_640x480.jpg"));
    RunRequest request;
    request.task = parserTask(OutputParser::PlainText);
    request.customPrompt = "<DOCVQA>What is the total?";
    request.maxNewTokens = 16;
    const RunResult r = p.run(img, request);
    QCOMPARE(qs(r.prompt), qs("<DOCVQA>What is the total?")); // not a Florence task token: unchanged
    QCOMPARE(r.inputIds, docvqaIds(m_zero));
    QCOMPARE(int(r.result.kind), int(ResultKind::PureText));
    QVERIFY(r.sequence.size() > 2);
}

void TestFineTune::customPromptParsesLikeTheTask()
{
    // On the loc-biased fixture model, a custom task with the OD prompt and the boxes parser gives
    // exactly what <OD> gives.
    const QString loc = m_tmp.filePath("loc");
    writeLocModel(loc);
    Pipeline p(loc.toStdString());
    const RgbImage img = decodeImageFile(fixturePath("images/img0_photo_640x480.jpg"));
    RunRequest od;
    od.task = Task::ObjectDetection;
    od.maxNewTokens = 40;
    RunRequest custom = od;
    custom.task = parserTask(outputParserFromString("boxes"));
    custom.customPrompt = "Locate the objects with category name in the image.";
    const RunResult a = p.run(img, od);
    const RunResult b = p.run(img, custom);
    QCOMPARE(a.sequence, b.sequence);
    QVERIFY(toReferenceJson(a.result) == toReferenceJson(b.result));
    QVERIFY(!a.result.instances.empty());
    // Task tokens inside a custom prompt expand as in the reference; a bad one is refused.
    custom.customPrompt = "<OD>";
    QCOMPARE(p.run(img, custom).sequence, a.sequence);
    custom.customPrompt = "<OD> and more";
    QVERIFY(contains(errorOf([&] { p.run(img, custom); }), "<OD>"));
    // Every parser maps to a task with that parser.
    QCOMPARE(int(taskInfo(parserTask(OutputParser::Quads)).result), int(ResultKind::Ocr));
    QCOMPARE(int(taskInfo(parserTask(OutputParser::Polygons)).result), int(ResultKind::Polygons));
    QCOMPARE(int(taskInfo(parserTask(OutputParser::BoxesOrPolygons)).result),
             int(ResultKind::DescriptionWithBboxesOrPolygons));
    QCOMPARE(int(taskInfo(parserTask(OutputParser::Boxes)).result), int(ResultKind::DescriptionWithBboxes));
    QCOMPARE(int(taskInfo(parserTask(OutputParser::PlainText)).result), int(ResultKind::PureText));
    for (OutputParser k : {OutputParser::PlainText, OutputParser::Boxes, OutputParser::Quads, OutputParser::Polygons,
                           OutputParser::BoxesOrPolygons})
        QCOMPARE(int(outputParserFromString(toString(k))), int(k));
    QVERIFY(contains(errorOf([] { outputParserFromString("circles"); }), "unknown output parser 'circles'"));
}

void TestFineTune::presetsRoundTrip()
{
    const std::string file = m_tmp.filePath("cfg/florence-studio/custom_tasks.json").toStdString();
    const CustomTaskStore store(file);
    QVERIFY(store.list(m_ft).empty()); // no file yet
    const CustomTask a{"analyze", "<ANALYZE>", OutputParser::PlainText};
    const CustomTask b{"invoice total", "<DOCVQA>What is the total?", OutputParser::PlainText};
    const CustomTask c{"région ✓", "Locate the cars in the image.", OutputParser::BoxesOrPolygons};
    store.save(m_ft, a);
    store.save(m_ft, b);
    store.save(m_zero, c);
    QCOMPARE(store.list(m_ft), (std::vector<CustomTask>{a, b}));
    QCOMPARE(store.list(m_zero), (std::vector<CustomTask>{c}));
    // The same folder written differently is the same model.
    QCOMPARE(store.list(m_ft + "/./"), (std::vector<CustomTask>{a, b}));
    // Replace by name keeps the order; remove.
    const CustomTask a2{"analyze", "<ANALYZE> briefly", OutputParser::Boxes};
    store.save(m_ft, a2);
    QCOMPARE(store.list(m_ft), (std::vector<CustomTask>{a2, b}));
    QVERIFY(store.get(m_ft, "invoice total") == b);
    QVERIFY(store.remove(m_ft, "analyze"));
    QVERIFY(!store.remove(m_ft, "analyze"));
    QCOMPARE(store.list(m_ft), (std::vector<CustomTask>{b}));
    const std::string e = errorOf([&] { store.get(m_ft, "nope"); });
    QVERIFY2(contains(e, "no custom task 'nope'") && contains(e, file) && contains(e, "invoice total"), e.c_str());
    QVERIFY(contains(errorOf([&] { store.save(m_ft, CustomTask{"  ", "x", OutputParser::PlainText}); }), "blank"));
    QVERIFY(contains(errorOf([&] { store.save(m_ft, CustomTask{"x", "", OutputParser::PlainText}); }), "prompt is empty"));
    // The default location follows the environment.
    qputenv("FLORENCE_CUSTOM_TASKS", QByteArray::fromStdString(file));
    QCOMPARE(qs(customTaskStorePath()), qs(file));
    qunsetenv("FLORENCE_CUSTOM_TASKS");
}

void TestFineTune::presetFileErrors()
{
    const std::string file = m_tmp.filePath("damaged.json").toStdString();
    const CustomTaskStore store(file);
    for (const std::string &content : {std::string("{\"version\": 1, \"models\": {\"/m\": [{\"name\": 3}]}}"),
                                       std::string("{\"version\": 2, \"models\": {}}"), std::string("[1, 2"),
                                       std::string("{\"version\": 1, \"models\": {\"/m\": [{\"name\": \"a\", "
                                                   "\"prompt\": \"p\", \"parser\": \"circles\"}]}}")}) {
        writeFileAtomic(file, content);
        const std::string e = errorOf([&] { store.list("/m"); });
        QVERIFY2(contains(e, file), e.c_str());
        QVERIFY2(contains(errorOf([&] { store.save("/m", CustomTask{"a", "b", OutputParser::PlainText}); }), "left unchanged"),
                 content.c_str());
        QCOMPARE(qs(readTextFile(file)), qs(content)); // never overwritten
    }
}

void TestFineTune::cliRunsPreset()
{
    const QString cli = QStringLiteral(FLORENCE_BINARY_DIR "/app/cli/florence-cli");
    if (!QFile::exists(cli))
        QSKIP("florence-cli is not built");
    const QString store = m_tmp.filePath("cli_tasks.json");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("FLORENCE_CUSTOM_TASKS", store);
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(cli, {"custom-task", "save", "--model", qs(m_ft), "--name", "docvqa", "--prompt", "<DOCVQA>What is the total?",
                  "--parser", "text"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    p.start(cli, {"custom-task", "list", "--model", qs(m_ft)});
    QVERIFY(p.waitForFinished(60000));
    const auto list = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
    QCOMPARE(list.size(), std::size_t(1));
    QCOMPARE(qs(list[0]["prompt"].get<std::string>()), qs("<DOCVQA>What is the total?"));
    const QString image = qs(fixturePath("images/img0_photo_640x480.jpg"));
    p.start(cli, {"run", "--model", qs(m_ft), "--image", image, "--preset", "docvqa", "--max-new-tokens", "16"});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    const auto viaPreset = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
    p.start(cli, {"run", "--model", qs(m_ft), "--image", image, "--prompt", "<DOCVQA>What is the total?", "--parser",
                  "text", "--max-new-tokens", "16"});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    const auto viaPrompt = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
    QCOMPARE(viaPreset["sequence"], viaPrompt["sequence"]);
    QCOMPARE(qs(viaPrompt["prompt"].get<std::string>()), qs("<DOCVQA>What is the total?"));
    QCOMPARE(qs(viaPrompt["parser"].get<std::string>()), qs("text"));
    p.start(cli, {"run", "--model", qs(m_ft), "--image", image, "--preset", "missing"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(p.readAllStandardError().contains("no custom task 'missing'"));
}

FLORENCE_TEST_CLASS(TestFineTune)
#include "test_finetune.moc"
