// Tests of the checkpoint loader (core/io/checkpoint.h) on the fixtures' model.safetensors and
// pytorch_model.bin, and on corrupted copies of both written into a temporary folder.
#include "io/checkpoint.h"

#include "common/error.h"
#include "common/file_io.h"
#include "io/safetensors.h"
#include "model/parameters.h"
#include "model/temporal_embedding.h"
#include "test_registry.h"

#include <algorithm>
#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>

using namespace florence;
using namespace florence::io;

namespace {

const std::string kModel = FLORENCE_TEST_DATA "/fixtures/model";
const std::string kModelBin = FLORENCE_TEST_DATA "/fixtures/model_bin";

FlorenceConfig fixtureConfig()
{
    return loadFlorenceConfig(kModel);
}

/// The fixture's model.safetensors as editable blobs.
std::vector<TensorBlob> fixtureBlobs()
{
    SafetensorsFile f(kModel + "/model.safetensors");
    std::vector<TensorBlob> blobs;
    for (const std::string &name : f.names()) {
        const TensorInfo &info = f.info(name);
        blobs.push_back({name, info.dtype, info.shape,
                         std::string(reinterpret_cast<const char *>(f.data(name)), info.end - info.begin)});
    }
    return blobs;
}

TensorBlob *findBlob(std::vector<TensorBlob> &blobs, const std::string &name)
{
    for (TensorBlob &b : blobs)
        if (b.name == name)
            return &b;
    return nullptr;
}

void eraseBlob(std::vector<TensorBlob> &blobs, const std::string &name)
{
    blobs.erase(std::remove_if(blobs.begin(), blobs.end(), [&](const TensorBlob &b) { return b.name == name; }),
                blobs.end());
}

TensorBlob floatBlob(const std::string &name, const std::vector<std::int64_t> &shape, float value)
{
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    std::vector<float> v(std::size_t(n), value);
    return {name, DType::F32, shape, std::string(reinterpret_cast<const char *>(v.data()), v.size() * 4)};
}

/// A model folder in `dir` with the fixture's config.json and the given files.
std::string makeModelDir(const QTemporaryDir &dir, const std::string &sub)
{
    const std::string path = dir.filePath(QString::fromStdString(sub)).toStdString();
    QDir().mkpath(QString::fromStdString(path));
    writeFileAtomic(path + "/config.json", readTextFile(kModel + "/config.json"));
    return path;
}

/// The fixture's pytorch_model.bin records (without "version", which the writer adds).
std::map<std::string, std::string> fixtureBinRecords()
{
    caffe2::serialize::PyTorchStreamReader reader(kModelBin + "/pytorch_model.bin");
    std::map<std::string, std::string> records;
    for (const std::string &name : reader.getAllRecords()) {
        if (name == "version" || name == ".data/version")
            continue;
        auto rec = reader.getRecord(name);
        records[name] = std::string(static_cast<const char *>(std::get<0>(rec).get()), std::get<1>(rec));
    }
    return records;
}

void writeBin(const std::string &path, const std::map<std::string, std::string> &records)
{
    caffe2::serialize::PyTorchStreamWriter writer(path);
    for (const auto &kv : records)
        writer.writeRecord(kv.first, kv.second.data(), kv.second.size());
    writer.writeEndOfFile();
}

/// float(fp16(x)): the fixture's float32 weights rounded as pytorch_model.bin stores them.
at::Tensor roundedThroughHalf(const SafetensorsFile &f, const std::string &name)
{
    std::vector<float> v = f.toFloat(name);
    for (float &x : v)
        x = halfToFloat(floatToHalf(x));
    return at::from_blob(v.data(), f.info(name).shape, at::kFloat).clone();
}

at::Tensor stored(const SafetensorsFile &f, const std::string &name)
{
    std::vector<float> v = f.toFloat(name);
    return at::from_blob(v.data(), f.info(name).shape, at::kFloat).clone();
}

bool logHas(const LoadedCheckpoint &c, const std::string &text)
{
    for (const std::string &line : c.log)
        if (line.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

class TestCheckpoint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsFixtureSafetensors();
    void binEqualsRoundedSafetensors();
    void convertsToRunDtype_data();
    void convertsToRunDtype();
    void loadsShardedSafetensors();
    void tiesAndFillsMissingKeys();
    void dropsKeysTheReferenceDeletes();
    void keepsLastOfDifferingTiedCopies();
    void keepsDifferingLmHeadSeparate();
    void inPlaceWritesStayPrivate();
    void tensorsAreCacheLineAligned();
    void rejectsBadCheckpoints_data();
    void rejectsBadCheckpoints();
};

void TestCheckpoint::loadsFixtureSafetensors()
{
    const FlorenceConfig cfg = fixtureConfig();
    const LoadedCheckpoint c = loadCheckpoint(kModel, cfg);
    QCOMPARE(c.format, std::string("safetensors"));
    const std::vector<ParameterSpec> specs = florenceParameters(cfg);
    QCOMPARE(c.tensors.size(), specs.size());
    SafetensorsFile f(kModel + "/model.safetensors");
    for (const ParameterSpec &p : specs) {
        const at::Tensor &t = c.tensors.at(p.name);
        QCOMPARE(t.scalar_type(), at::kFloat);
        QCOMPARE(t.sizes().vec(), p.shape);
        if (f.contains(p.name))
            QVERIFY2(at::equal(t, stored(f, p.name)), p.name.c_str());
    }
    // The file lacks encoder/decoder embed_tokens: they are the shared tensor itself.
    const at::Tensor &shared = c.tensors.at(kSharedEmbeddingKey);
    QVERIFY(c.tensors.at(kEncoderEmbedTokensKey).is_same(shared));
    QVERIFY(c.tensors.at(kDecoderEmbedTokensKey).is_same(shared));
    QVERIFY(c.tensors.at(kLmHeadKey).is_same(shared));
    QVERIFY(logHas(c, std::string("'") + kEncoderEmbedTokensKey + "' is not stored: tied"));
    QVERIFY(!logHas(c, "differs"));
}

void TestCheckpoint::binEqualsRoundedSafetensors()
{
    const FlorenceConfig cfg = loadFlorenceConfig(kModelBin);
    const LoadedCheckpoint bin = loadCheckpoint(kModelBin, cfg);
    QCOMPARE(bin.format, std::string("pytorch_model.bin"));
    QVERIFY(logHas(bin, "converted 277 F16 tensors to float32"));
    SafetensorsFile f(kModel + "/model.safetensors");
    const std::vector<ParameterSpec> specs = florenceParameters(cfg);
    QCOMPARE(bin.tensors.size(), specs.size());
    for (const ParameterSpec &p : specs) {
        const at::Tensor &t = bin.tensors.at(p.name);
        QCOMPARE(t.scalar_type(), at::kFloat);
        QVERIFY(t.is_contiguous());
        // Exact: fp16 -> fp32 is exact, and the bin holds the fixture's weights rounded to fp16.
        const std::string source = f.contains(p.name) ? p.name : std::string(kSharedEmbeddingKey);
        QVERIFY2(at::equal(t, roundedThroughHalf(f, source)), p.name.c_str());
    }
    // The four keys sharing one storage in the archive become one tensor.
    const at::Tensor &shared = bin.tensors.at(kSharedEmbeddingKey);
    for (const char *k : {kEncoderEmbedTokensKey, kDecoderEmbedTokensKey, kLmHeadKey})
        QVERIFY(bin.tensors.at(k).is_same(shared));
}

void TestCheckpoint::convertsToRunDtype_data()
{
    QTest::addColumn<int>("dtype");
    QTest::newRow("fp16") << int(at::kHalf);
    QTest::newRow("bf16") << int(at::kBFloat16);
}

void TestCheckpoint::convertsToRunDtype()
{
    QFETCH(int, dtype);
    const auto run = at::ScalarType(dtype);
    const LoadedCheckpoint c = loadCheckpoint(kModel, fixtureConfig(), run);
    SafetensorsFile f(kModel + "/model.safetensors");
    for (const char *name : {"image_projection", "vision_tower.convs.0.proj.weight", kFinalLogitsBiasKey}) {
        const at::Tensor &t = c.tensors.at(name);
        QCOMPARE(t.scalar_type(), run);
        QVERIFY2(at::equal(t, stored(f, name).to(run)), name);
    }
    QVERIFY(logHas(c, "F32 tensors to"));
}

void TestCheckpoint::loadsShardedSafetensors()
{
    QTemporaryDir tmp;
    const std::string dir = makeModelDir(tmp, "sharded");
    std::vector<TensorBlob> first, second;
    nlohmann::json index = {{"metadata", {{"total_size", 0}}}, {"weight_map", nlohmann::json::object()}};
    for (TensorBlob &b : fixtureBlobs()) {
        const bool vision = b.name.rfind("vision_tower.", 0) == 0;
        const std::string shard = vision ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
        index["weight_map"][b.name] = shard;
        (vision ? first : second).push_back(std::move(b));
    }
    writeFileAtomic(dir + "/model-00001-of-00002.safetensors", writeSafetensors(first));
    writeFileAtomic(dir + "/model-00002-of-00002.safetensors", writeSafetensors(second));
    writeFileAtomic(dir + "/model.safetensors.index.json", index.dump());
    const LoadedCheckpoint sharded = loadCheckpoint(dir, fixtureConfig());
    const LoadedCheckpoint single = loadCheckpoint(kModel, fixtureConfig());
    QCOMPARE(sharded.format, std::string("safetensors"));
    QCOMPARE(sharded.tensors.size(), single.tensors.size());
    for (const auto &kv : single.tensors)
        QVERIFY2(at::equal(sharded.tensors.at(kv.first), kv.second), kv.first.c_str());
    QVERIFY(logHas(sharded, "2 safetensors shards"));
}

void TestCheckpoint::tiesAndFillsMissingKeys()
{
    QTemporaryDir tmp;
    const std::string dir = makeModelDir(tmp, "m");
    std::vector<TensorBlob> blobs = fixtureBlobs();
    for (const char *k : {kLmHeadKey, kFinalLogitsBiasKey, kTemporalEmbedKey})
        eraseBlob(blobs, k);
    writeFileAtomic(dir + "/model.safetensors", writeSafetensors(blobs));
    const LoadedCheckpoint c = loadCheckpoint(dir, fixtureConfig());
    QCOMPARE(c.tensors.size(), size_t(277));
    QVERIFY(c.tensors.at(kLmHeadKey).is_same(c.tensors.at(kSharedEmbeddingKey)));
    QVERIFY(logHas(c, std::string("'") + kLmHeadKey + "' is not stored: tied to '" + kSharedEmbeddingKey));
    QVERIFY(at::equal(c.tensors.at(kFinalLogitsBiasKey), at::zeros({1, 51289})));
    QVERIFY(logHas(c, std::string("'") + kFinalLogitsBiasKey + "' is not stored: zeros"));
    // The recomputed cosine table equals the buffer the reference saved (same ATen ops, bit for bit).
    SafetensorsFile f(kModel + "/model.safetensors");
    QVERIFY(at::equal(c.tensors.at(kTemporalEmbedKey), stored(f, kTemporalEmbedKey)));
    QVERIFY(logHas(c, std::string("'") + kTemporalEmbedKey + "' is not stored: computed"));
    // The torch-free table of the random-model writer agrees to float rounding (1e-6: exp/sin kernels differ).
    const std::vector<float> plain = cosineTemporalTable(100, 64);
    const at::Tensor plainT = at::from_blob(const_cast<float *>(plain.data()), {100, 64}, at::kFloat);
    QVERIFY((plainT - stored(f, kTemporalEmbedKey)).abs().max().item<float>() < 1e-5f);
}

void TestCheckpoint::dropsKeysTheReferenceDeletes()
{
    QTemporaryDir tmp;
    const std::string dir = makeModelDir(tmp, "m");
    std::vector<TensorBlob> blobs = fixtureBlobs();
    blobs.push_back(floatBlob("vision_tower.norms.weight", {64}, 1.0f));
    blobs.push_back(floatBlob("vision_tower.norms.bias", {64}, 0.0f));
    blobs.push_back({"language_model.model.encoder.version", DType::I64, {1}, std::string(8, '\0')});
    writeFileAtomic(dir + "/model.safetensors", writeSafetensors(blobs));
    const LoadedCheckpoint c = loadCheckpoint(dir, fixtureConfig());
    QCOMPARE(c.tensors.size(), size_t(277));
    QVERIFY(!c.tensors.count("vision_tower.norms.weight"));
    QVERIFY(logHas(c, "dropped 'vision_tower.norms.weight'"));
    QVERIFY(logHas(c, "dropped 'language_model.model.encoder.version'"));
}

void TestCheckpoint::keepsLastOfDifferingTiedCopies()
{
    // shared, encoder.embed_tokens and decoder.embed_tokens are one Parameter in the reference: each
    // stored copy overwrites it in state_dict order, so the last stored one wins.
    QTemporaryDir tmp;
    const std::string dir = makeModelDir(tmp, "m");
    std::vector<TensorBlob> blobs = fixtureBlobs();
    const at::Tensor sharedStored = loadCheckpoint(kModel, fixtureConfig()).tensors.at(kSharedEmbeddingKey).clone();
    blobs.push_back(floatBlob(kDecoderEmbedTokensKey, {51289, 24}, 0.5f));
    writeFileAtomic(dir + "/model.safetensors", writeSafetensors(blobs));
    const LoadedCheckpoint c = loadCheckpoint(dir, fixtureConfig());
    QVERIFY(at::equal(c.tensors.at(kSharedEmbeddingKey), at::full({51289, 24}, 0.5f)));
    QVERIFY(c.tensors.at(kEncoderEmbedTokensKey).is_same(c.tensors.at(kDecoderEmbedTokensKey)));
    QVERIFY(logHas(c, std::string("'") + kSharedEmbeddingKey + "' differs from '" + kDecoderEmbedTokensKey));
    // lm_head (stored equal to the original shared) now differs from the tied group: its own tensor
    QVERIFY(at::equal(c.tensors.at(kLmHeadKey), sharedStored));

    // Copies of different dtypes cannot be compared on their bytes: they are converted and compared.
    std::vector<std::uint16_t> halves(std::size_t(51289) * 24, floatToHalf(0.25f));
    blobs.back() = {kDecoderEmbedTokensKey, DType::F16, {51289, 24},
                    std::string(reinterpret_cast<const char *>(halves.data()), halves.size() * 2)};
    writeFileAtomic(dir + "/model.safetensors", writeSafetensors(blobs));
    const LoadedCheckpoint mixed = loadCheckpoint(dir, fixtureConfig());
    QVERIFY(at::equal(mixed.tensors.at(kEncoderEmbedTokensKey), at::full({51289, 24}, 0.25f)));
    QVERIFY(logHas(mixed, std::string("'") + kSharedEmbeddingKey + "' differs from '" + kDecoderEmbedTokensKey));
}

void TestCheckpoint::keepsDifferingLmHeadSeparate()
{
    // lm_head is its own Parameter in the original model (the training fixtures update it apart from
    // shared): a fine-tuned checkpoint whose lm_head differs keeps both.
    QTemporaryDir tmp;
    const std::string dir = makeModelDir(tmp, "m");
    std::vector<TensorBlob> blobs = fixtureBlobs();
    const at::Tensor sharedStored = loadCheckpoint(kModel, fixtureConfig()).tensors.at(kSharedEmbeddingKey).clone();
    TensorBlob *lmHead = findBlob(blobs, kLmHeadKey);
    QVERIFY(lmHead);
    *lmHead = floatBlob(kLmHeadKey, {51289, 24}, 0.5f);
    writeFileAtomic(dir + "/model.safetensors", writeSafetensors(blobs));
    const LoadedCheckpoint c = loadCheckpoint(dir, fixtureConfig());
    QVERIFY(at::equal(c.tensors.at(kLmHeadKey), at::full({51289, 24}, 0.5f)));
    QVERIFY(at::equal(c.tensors.at(kSharedEmbeddingKey), sharedStored));
    QVERIFY(c.tensors.at(kEncoderEmbedTokensKey).is_same(c.tensors.at(kSharedEmbeddingKey)));
    QVERIFY(logHas(c, std::string("'") + kLmHeadKey + "' differs from '" + kSharedEmbeddingKey + "': kept as its own tensor"));
    // an equal lm_head stays one tensor with shared (no extra memory)
    const LoadedCheckpoint plain = loadCheckpoint(kModel, fixtureConfig());
    QVERIFY(plain.tensors.at(kLmHeadKey).is_same(plain.tensors.at(kSharedEmbeddingKey)));
}

void TestCheckpoint::inPlaceWritesStayPrivate()
{
    // Zero-copy tensors alias a private copy-on-write mapping: writing one changes neither the file
    // nor a later load.
    {
        LoadedCheckpoint c = loadCheckpoint(kModel, fixtureConfig());
        c.tensors.at("image_proj_norm.weight").add_(1.0f);
    }
    const LoadedCheckpoint again = loadCheckpoint(kModel, fixtureConfig());
    SafetensorsFile f(kModel + "/model.safetensors");
    QVERIFY(at::equal(again.tensors.at("image_proj_norm.weight"), stored(f, "image_proj_norm.weight")));
}

void TestCheckpoint::tensorsAreCacheLineAligned()
{
    // Most of the fixture file's tensors lie 4, 32 or 36 bytes past a 64-byte boundary (as in most
    // checkpoints: safetensors pads its header to 8 bytes only), a few on one. Whatever the run
    // dtype, every tensor handed out is 64-byte aligned and holds the stored values; in the stored
    // dtype the loader says that it copied some.
    SafetensorsFile f(kModel + "/model.safetensors");
    const std::vector<std::string> names = f.names();
    int offBoundary = 0, onBoundary = 0;
    for (const std::string &name : names)
        (reinterpret_cast<std::uintptr_t>(f.data(name)) % 64 ? offBoundary : onBoundary) += 1;
    QVERIFY(offBoundary > 0);
    QVERIFY(onBoundary > 0);
    for (at::ScalarType run : {at::kFloat, at::kBFloat16}) {
        const LoadedCheckpoint c = loadCheckpoint(kModel, fixtureConfig(), run);
        for (const auto &kv : c.tensors) {
            if (!kv.second.is_floating_point())
                continue;
            QVERIFY2(reinterpret_cast<std::uintptr_t>(kv.second.data_ptr()) % 64 == 0, kv.first.c_str());
            const bool inFile = std::find(names.begin(), names.end(), kv.first) != names.end(); // not tied or filled in
            if (run == at::kFloat && inFile && f.info(kv.first).dtype == DType::F32)
                QVERIFY2(at::equal(kv.second, stored(f, kv.first)), kv.first.c_str());
        }
        // in bf16 every tensor is converted into the aligned block anyway
        QCOMPARE(logHas(c, "copied to 64-byte aligned memory"), run == at::kFloat);
    }
}

void TestCheckpoint::rejectsBadCheckpoints_data()
{
    QTest::addColumn<QString>("corruption");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("file");
    QTest::newRow("missing key") << "missing key"
                                 << "missing tensor 'vision_tower.convs.0.proj.weight' (expected shape [16, 3, 7, 7]"
                                 << "model.safetensors";
    QTest::newRow("missing shared") << "missing shared" << "missing tensor 'language_model.model.shared.weight'"
                                    << "model.safetensors";
    QTest::newRow("unexpected key") << "unexpected key" << "unexpected tensor 'vision_tower.extra.weight' with shape [2]"
                                    << "model.safetensors";
    QTest::newRow("wrong shape") << "wrong shape" << "tensor 'image_proj_norm.weight' has shape [25], expected [24]"
                                 << "model.safetensors";
    QTest::newRow("integer dtype") << "integer dtype" << "tensor 'image_proj_norm.weight' has dtype I64, expected a float"
                                   << "model.safetensors";
    QTest::newRow("truncated safetensors") << "truncated safetensors" << "truncated" << "model.safetensors";
    QTest::newRow("header outside") << "header outside" << "points outside the file" << "model.safetensors";
    QTest::newRow("bad index") << "bad index" << "index maps it to 'other.safetensors'" << "model-1.safetensors";
    QTest::newRow("no weights") << "no weights" << "has no weights" << "";
    QTest::newRow("sharded bin") << "sharded bin" << "pytorch_model.bin.index.json checkpoint, which is not supported"
                                 << "";
    QTest::newRow("truncated zip") << "truncated zip" << "not a readable torch.save zip archive" << "pytorch_model.bin";
    QTest::newRow("garbage zip") << "garbage zip" << "not a readable torch.save zip archive" << "pytorch_model.bin";
    QTest::newRow("corrupt local header") << "corrupt local header" << "cannot read storage record 'data/5'"
                                          << "pytorch_model.bin";
    QTest::newRow("not a zip") << "not a zip" << "is not a zip archive" << "pytorch_model.bin";
    QTest::newRow("legacy torch.save") << "legacy" << "legacy (pre-1.6, non-zip) torch.save format"
                                       << "pytorch_model.bin";
    QTest::newRow("hostile global") << "hostile global" << "refusing GLOBAL 'os.system'" << "pytorch_model.bin";
    QTest::newRow("hostile opcode") << "hostile opcode" << "unsupported pickle opcode 0x69" << "pytorch_model.bin";
    QTest::newRow("short storage") << "short storage" << "storage record 'data/5' of tensor" << "pytorch_model.bin";
    QTest::newRow("missing storage") << "missing storage" << "storage record 'data/5' of tensor" << "pytorch_model.bin";
    QTest::newRow("bin wrong shape") << "bin wrong shape" << "has shape [64, 25], expected [64, 24]"
                                     << "pytorch_model.bin";
}

void TestCheckpoint::rejectsBadCheckpoints()
{
    QFETCH(QString, corruption);
    QFETCH(QString, expected);
    QFETCH(QString, file);
    QTemporaryDir tmp;
    const std::string dir = makeModelDir(tmp, "m");
    const std::string c = corruption.toStdString();
    std::vector<TensorBlob> blobs = fixtureBlobs();
    const auto writeBlobs = [&] { writeFileAtomic(dir + "/model.safetensors", writeSafetensors(blobs)); };
    const auto binRecords = [&](const std::function<void(std::map<std::string, std::string> &)> &edit) {
        auto records = fixtureBinRecords();
        edit(records);
        writeBin(dir + "/pytorch_model.bin", records);
    };
    const std::string fixtureBin = readTextFile(kModelBin + "/pytorch_model.bin");
    if (c == "missing key") {
        eraseBlob(blobs, "vision_tower.convs.0.proj.weight");
        writeBlobs();
    } else if (c == "missing shared") {
        eraseBlob(blobs, kSharedEmbeddingKey);
        eraseBlob(blobs, kLmHeadKey);
        writeBlobs();
    } else if (c == "unexpected key") {
        blobs.push_back(floatBlob("vision_tower.extra.weight", {2}, 1.0f));
        writeBlobs();
    } else if (c == "wrong shape") {
        *findBlob(blobs, "image_proj_norm.weight") = floatBlob("image_proj_norm.weight", {25}, 1.0f);
        writeBlobs();
    } else if (c == "integer dtype") {
        *findBlob(blobs, "image_proj_norm.weight") = {"image_proj_norm.weight", DType::I64, {24}, std::string(24 * 8, '\0')};
        writeBlobs();
    } else if (c == "truncated safetensors") {
        const std::string good = readTextFile(kModel + "/model.safetensors");
        writeFileAtomic(dir + "/model.safetensors", good.substr(0, good.size() / 2));
    } else if (c == "header outside") {
        std::string bad = readTextFile(kModel + "/model.safetensors");
        bad[6] = char(0x01); // header length ~2^48
        writeFileAtomic(dir + "/model.safetensors", bad);
    } else if (c == "bad index") {
        writeFileAtomic(dir + "/model-1.safetensors", writeSafetensors(blobs));
        nlohmann::json index = {{"weight_map", nlohmann::json::object()}};
        for (const TensorBlob &b : blobs)
            index["weight_map"][b.name] = b.name == "image_projection" ? "other.safetensors" : "model-1.safetensors";
        writeFileAtomic(dir + "/model.safetensors.index.json", index.dump());
    } else if (c == "no weights") {
        // config.json only
    } else if (c == "sharded bin") {
        writeFileAtomic(dir + "/pytorch_model.bin.index.json", "{}");
    } else if (c == "truncated zip") {
        writeFileAtomic(dir + "/pytorch_model.bin", fixtureBin.substr(0, fixtureBin.size() / 2));
    } else if (c == "garbage zip") {
        std::string garbage = fixtureBin;
        for (std::size_t i = garbage.size() - 4000; i < garbage.size(); ++i)
            garbage[i] = char(i * 7919 % 251); // scramble the central directory
        writeFileAtomic(dir + "/pytorch_model.bin", garbage);
    } else if (c == "corrupt local header") {
        std::string bad = fixtureBin;
        const std::size_t name = bad.find("pytorch_model/data/5"); // first hit: the record's local header
        bad.replace(name - 30, 4, "XXXX");                           // its "PK\3\4" signature
        writeFileAtomic(dir + "/pytorch_model.bin", bad);
    } else if (c == "not a zip") {
        writeFileAtomic(dir + "/pytorch_model.bin", "hello, world");
    } else if (c == "legacy") {
        writeFileAtomic(dir + "/pytorch_model.bin", std::string("\x80\x02\x8a\x0a", 4) + std::string(64, 'x'));
    } else if (c == "hostile global") {
        binRecords([](auto &r) {
            std::string &pkl = r.at("data.pkl");
            const std::string from = "collections\nOrderedDict\n";
            pkl.replace(pkl.find(from), from.size(), "os\nsystem\n");
        });
    } else if (c == "hostile opcode") {
        binRecords([](auto &r) { r.at("data.pkl").insert(2, "(ios\nsystem\n"); });
    } else if (c == "short storage") {
        binRecords([](auto &r) { r.at("data/5").resize(r.at("data/5").size() - 2); });
    } else if (c == "missing storage") {
        binRecords([](auto &r) { r.erase("data/5"); });
    } else if (c == "bin wrong shape") {
        // image_projection is pickled as size (64, 24), stride (24, 1): make it (64, 25), (25, 1) and
        // give its storage the room, so only the shape check can object.
        binRecords([](auto &r) {
            std::string &pkl = r.at("data.pkl");
            const std::string sizes = std::string("K\x40K\x18\x86", 5); // BININT1 64, BININT1 24, TUPLE2
            const std::size_t at = pkl.find(sizes);
            pkl[at + 3] = char(25);
            pkl[at + 8] = char(25);
            const std::string numel = std::string("M\x00\x06", 3); // BININT2 1536
            const std::size_t n = pkl.find(numel);
            pkl[n + 1] = char(0x40); // 1600 = 64 * 25
            r.at("data/0").resize(1600 * 2);
        });
    }
    try {
        loadCheckpoint(dir, fixtureConfig());
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ModelFormat);
        const QString msg = QString::fromUtf8(e.what());
        QVERIFY2(msg.contains(expected), e.what());
        const std::string culprit = file.isEmpty() ? dir : dir + "/" + file.toStdString();
        QVERIFY2(msg.contains(QString::fromStdString(culprit)), e.what()); // names the file
    }
}

FLORENCE_TEST_CLASS(TestCheckpoint)
#include "test_checkpoint.moc"
