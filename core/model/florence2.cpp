#include "model/florence2.h"

#include "common/error.h"

#include <limits>

namespace florence {

Florence2Model::Florence2Model(const FlorenceConfig &cfg, const StateDict &weights, RunOptions run)
    : m_cfg(cfg)
    , m_run(run)
{
    at::InferenceMode guard;
    if (run.dtype != at::kFloat && run.dtype != at::kBFloat16 && run.dtype != at::kHalf && run.dtype != at::kDouble)
        throw Error(ErrorKind::BadInput, std::string("unsupported run dtype ") + c10::toString(run.dtype)
                                             + " (expected float32, bfloat16, float16 or float64)");
    if (run.dtype == at::kHalf && run.device.is_cpu())
        throw Error(ErrorKind::BadInput, "float16 runs on CUDA only; use float32 or bfloat16 on the CPU");
    const VisionConfig &vc = cfg.vision;
    const TextConfig &tc = cfg.text;
    if (vc.projectionDim != tc.dModel)
        throw Error(ErrorKind::ModelFormat, "vision_config.projection_dim " + std::to_string(vc.projectionDim)
                                                + " differs from text_config.d_model " + std::to_string(tc.dModel));
    WeightReader w(weights, run);
    vision_tower.load(w, "vision_tower", vc);
    imageHead.load(w, vc);
    const std::int64_t V = tc.vocabSize, D = tc.dModel;
    shared = w.take("language_model.model.shared.weight", {V, D});
    encoder.load(w, "language_model.model.encoder", tc);
    decoder.load(w, "language_model.model.decoder", tc);
    lm_head.weight = w.take("language_model.lm_head.weight", {V, D});
    lm_head.bias = w.take("language_model.final_logits_bias", {1, V}).view({V});
    m_unused = w.unusedKeys();
}

at::Tensor Florence2Model::encodeImage(const at::Tensor &pixelValues, DaViTTrace *trace,
                                       const std::atomic<bool> *cancel) const
{
    if (pixelValues.dim() != 4 || pixelValues.size(1) != 3 || !at::isFloatingType(pixelValues.scalar_type()))
        throw Error(ErrorKind::BadInput, "pixel values must be a float tensor (B, 3, H, W), got "
                                             + shapeString(pixelValues.sizes()) + " "
                                             + c10::toString(pixelValues.scalar_type()));
    at::InferenceMode guard;
    const at::Tensor x = pixelValues.to(m_run.device, m_run.dtype);
    return imageHead(vision_tower(x, trace, cancel));
}

at::Tensor Florence2Model::embedText(const at::Tensor &inputIds) const
{
    if (inputIds.dim() != 2 || inputIds.scalar_type() != at::kLong)
        throw Error(ErrorKind::BadInput, "input ids must be an int64 tensor (B, L), got " + shapeString(inputIds.sizes()));
    checkTokenIds(inputIds, shared.size(0), "input ids");
    at::InferenceMode guard;
    const std::int64_t B = inputIds.size(0), L = inputIds.size(1);
    return at::embedding(shared, inputIds.to(m_run.device).reshape({-1})).view({B, L, -1});
}

at::Tensor Florence2Model::encode(const at::Tensor &imageFeatures, const at::Tensor &textEmbeds,
                                  const std::atomic<bool> *cancel) const
{
    at::InferenceMode guard;
    return encoder(textEmbeds.numel() ? at::cat({imageFeatures, textEmbeds}, 1) : imageFeatures, cancel);
}

at::Tensor Florence2Model::encodeBatch(const at::Tensor &imageFeatures, const at::Tensor &textEmbeds,
                                       const std::vector<std::int64_t> &textLengths,
                                       const std::atomic<bool> *cancel) const
{
    TORCH_CHECK(imageFeatures.size(0) == textEmbeds.size(0) && std::int64_t(textLengths.size()) == textEmbeds.size(0),
                "encodeBatch: one prompt per image expected");
    at::InferenceMode guard;
    if (imageFeatures.is_cpu()) {
        // On the CPU one sequence at a time, each at its own length: its GEMMs are large enough
        // alone (590 rows for the base model), the (B * heads, S, S) scores and (B * S, ffn)
        // activations of a stacked batch (134 and 58 MB at 8 requests) are never allocated
        // (base, 8 requests: 343 -> ~255 ms per request), and every row gets the bits encode()
        // gives it alone.
        const std::int64_t B = imageFeatures.size(0), I = imageFeatures.size(1);
        at::Tensor out = at::zeros({B, I + textEmbeds.size(1), imageFeatures.size(2)}, imageFeatures.options());
        for (std::int64_t i = 0; i < B; ++i) {
            TORCH_CHECK(textLengths[std::size_t(i)] >= 0 && textLengths[std::size_t(i)] <= textEmbeds.size(1),
                        "encodeBatch: prompt length out of range");
            const std::int64_t L = textLengths[std::size_t(i)];
            out.narrow(0, i, 1).narrow(1, 0, I + L).copy_(
                encode(imageFeatures.narrow(0, i, 1), textEmbeds.narrow(0, i, 1).narrow(1, 0, L), cancel));
        }
        return out;
    }
    std::vector<std::int64_t> lengths;
    for (std::int64_t l : textLengths)
        lengths.push_back(imageFeatures.size(1) + l);
    const at::Tensor x = textEmbeds.numel() ? at::cat({imageFeatures, textEmbeds}, 1) : imageFeatures;
    return encoder(x, lengths, cancel);
}

KvCache Florence2Model::makeDecoderCache(const at::Tensor &encoderHidden, std::int64_t beams,
                                         std::int64_t capacity) const
{
    at::InferenceMode guard;
    KvCache cache = decoder.makeCache(beams, capacity);
    decoder.prepareCrossAttention(encoderHidden, cache);
    return cache;
}

KvCache Florence2Model::makeDecoderCache(const std::vector<at::Tensor> &encoderHidden,
                                         const std::vector<std::int64_t> &beams, std::int64_t capacity) const
{
    TORCH_CHECK(encoderHidden.size() == beams.size() && !beams.empty(), "makeDecoderCache: one encoder output per group");
    at::InferenceMode guard;
    KvCache cache = decoder.makeCache(beams, capacity);
    for (std::size_t g = 0; g < beams.size(); ++g)
        decoder.prepareCrossAttention(encoderHidden[g], cache, g);
    return cache;
}

at::Tensor Florence2Model::decode(const at::Tensor &ids, KvCache &cache) const
{
    if (ids.dim() != 2 || ids.scalar_type() != at::kLong)
        throw Error(ErrorKind::BadInput, "decoder ids must be an int64 tensor (beams, T), got " + shapeString(ids.sizes()));
    if (ids.is_cpu())
        checkTokenIds(ids, decoder.embed_tokens.size(0), "decoder ids");
    at::InferenceMode guard;
    return decoder(ids.to(m_run.device), cache);
}

at::Tensor Florence2Model::logits(const at::Tensor &hidden) const
{
    return logits(hidden, {});
}

at::Tensor Florence2Model::logits(const at::Tensor &hidden, const std::vector<std::int64_t> &groupRows) const
{
    at::InferenceMode guard;
    at::Tensor out = lm_head(hidden, groupRows).to(at::kFloat);
    if (m_firstInvalid < 0 && m_suppressedIds.empty())
        return out;
    const double inf = -std::numeric_limits<double>::infinity();
    if (m_firstInvalid >= 0)
        out.slice(-1, m_firstInvalid).fill_(inf);
    for (std::int64_t id : m_suppressedIds)
        out.select(-1, id).fill_(inf);
    return out;
}

void Florence2Model::suppressTokens(std::int64_t firstInvalid, std::vector<std::int64_t> ids)
{
    const std::int64_t V = m_cfg.text.vocabSize;
    if (firstInvalid <= 0)
        throw Error(ErrorKind::BadInput, "suppressTokens: the first invalid id must be positive");
    m_firstInvalid = firstInvalid < V ? firstInvalid : -1;
    const std::int64_t limit = firstInvalid < V ? firstInvalid : V;
    m_suppressedIds.clear();
    for (std::int64_t id : ids)
        if (id >= 0 && id < limit)
            m_suppressedIds.push_back(id);
}

std::int64_t Florence2Model::suppressedCount() const
{
    return (m_firstInvalid >= 0 ? m_cfg.text.vocabSize - m_firstInvalid : 0) + std::int64_t(m_suppressedIds.size());
}

} // namespace florence
