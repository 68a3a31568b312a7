// Key mapping of convert_florence2_original_pytorch_to_hf.py, both directions. The vision blocks
// are mapped suffix by suffix; everything else is a prefix rename.
#include "io/checkpoint_layout.h"

#include "common/error.h"

#include <cctype>
#include <utility>
#include <vector>

namespace florence::io {

namespace {

bool startsWith(const std::string &s, const std::string &prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

/// (remote, native) suffix pairs of a DaViT block after "<stage>.<block>.<kind>_block.";
/// "ATTN" stands for window_attn (spatial) or channel_attn (channel).
const std::vector<std::pair<std::string, std::string>> &blockSuffixes()
{
    static const std::vector<std::pair<std::string, std::string>> pairs = {
        {"conv1.fn.dw.", "conv1."},          {"ATTN.norm.", "norm1."},
        {"ATTN.fn.qkv.", "ATTN.qkv."},       {"ATTN.fn.proj.", "ATTN.proj."},
        {"conv2.fn.dw.", "conv2."},          {"ffn.norm.", "norm2."},
        {"ffn.fn.net.fc1.", "ffn.fc1."},     {"ffn.fn.net.fc2.", "ffn.fc2."},
    };
    return pairs;
}

/// Whole-key pairs (remote, native) of the projector.
const std::vector<std::pair<std::string, std::string>> &projectorKeys()
{
    static const std::vector<std::pair<std::string, std::string>> pairs = {
        {"image_projection", "model.multi_modal_projector.image_projection.weight"},
        {"image_proj_norm.weight", "model.multi_modal_projector.image_proj_norm.weight"},
        {"image_proj_norm.bias", "model.multi_modal_projector.image_proj_norm.bias"},
        {"image_pos_embed.row_embeddings.weight", "model.multi_modal_projector.image_position_embed.row_embeddings.weight"},
        {"image_pos_embed.column_embeddings.weight",
         "model.multi_modal_projector.image_position_embed.column_embeddings.weight"},
        {"visual_temporal_embed.pos_idx_to_embed", "model.multi_modal_projector.visual_temporal_embed.pos_idx_to_embed"},
        {"language_model.lm_head.weight", "lm_head.weight"},
    };
    return pairs;
}

/// Splits "<digits>.<digits>." at the start of `s`; returns the length consumed or 0.
std::size_t stageBlockPrefix(const std::string &s)
{
    std::size_t i = 0;
    for (int part = 0; part < 2; ++part) {
        const std::size_t start = i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
            ++i;
        if (i == start || i >= s.size() || s[i] != '.')
            return 0;
        ++i;
    }
    return i;
}

bool isParamLeaf(const std::string &s)
{
    return s == "weight" || s == "bias";
}

/// Maps a vision-tower key body (after "vision_tower.") from one layout to the other.
std::optional<std::string> mapVision(const std::string &body, bool toNative)
{
    if (startsWith(body, "convs.")) {
        const std::string rest = body.substr(6);
        std::size_t i = 0;
        while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i])))
            ++i;
        if (i == 0 || i >= rest.size() || rest[i] != '.')
            return std::nullopt;
        const std::string stage = rest.substr(0, i + 1);
        const std::string tail = rest.substr(i + 1);
        const std::string from = toNative ? "proj." : "conv.";
        const std::string to = toNative ? "conv." : "proj.";
        if (startsWith(tail, from) && isParamLeaf(tail.substr(from.size())))
            return "convs." + stage + to + tail.substr(from.size());
        if (startsWith(tail, "norm.") && isParamLeaf(tail.substr(5)))
            return "convs." + stage + tail;
        return std::nullopt;
    }
    if (!startsWith(body, "blocks."))
        return std::nullopt;
    const std::string rest = body.substr(7);
    const std::size_t n = stageBlockPrefix(rest);
    if (n == 0)
        return std::nullopt;
    const std::string sb = rest.substr(0, n);
    std::string tail = rest.substr(n);
    std::string kind, attn;
    if (startsWith(tail, "spatial_block.")) {
        kind = "spatial_block.";
        attn = "window_attn";
    } else if (startsWith(tail, "channel_block.")) {
        kind = "channel_block.";
        attn = "channel_attn";
    } else {
        return std::nullopt;
    }
    tail = tail.substr(kind.size());
    for (const auto &pair : blockSuffixes()) {
        std::string from = toNative ? pair.first : pair.second;
        std::string to = toNative ? pair.second : pair.first;
        for (std::string *s : {&from, &to}) {
            const std::size_t at = s->find("ATTN");
            if (at != std::string::npos)
                s->replace(at, 4, attn);
        }
        if (startsWith(tail, from) && isParamLeaf(tail.substr(from.size())))
            return "blocks." + sb + kind + to + tail.substr(from.size());
    }
    return std::nullopt;
}

} // namespace

const char *toString(CheckpointLayout layout)
{
    return layout == CheckpointLayout::Native ? "native" : "remote";
}

CheckpointLayout checkpointLayoutFromString(const std::string &name)
{
    if (name == "native" || name == "transformers")
        return CheckpointLayout::Native;
    if (name == "remote" || name == "remote-code" || name == "microsoft")
        return CheckpointLayout::Remote;
    throw Error(ErrorKind::BadInput, "unknown checkpoint layout '" + name + "' (expected native or remote)");
}

std::optional<std::string> nativeKeyFromRemote(const std::string &key)
{
    for (const auto &pair : projectorKeys())
        if (key == pair.first)
            return pair.second;
    if (startsWith(key, "vision_tower.")) {
        const auto body = mapVision(key.substr(13), true);
        if (body)
            return "model.vision_tower." + *body;
        return std::nullopt;
    }
    if (startsWith(key, "language_model.model.") && key.size() > 21)
        return "model.language_model." + key.substr(21);
    return std::nullopt;
}

std::optional<std::string> remoteKeyFromNative(const std::string &key)
{
    for (const auto &pair : projectorKeys())
        if (key == pair.second)
            return pair.first;
    if (startsWith(key, "model.vision_tower.")) {
        const auto body = mapVision(key.substr(19), false);
        if (body)
            return "vision_tower." + *body;
        return std::nullopt;
    }
    if (startsWith(key, "model.language_model.") && key.size() > 21)
        return "language_model.model." + key.substr(21);
    return std::nullopt;
}

bool transposedInNative(const std::string &remoteKey)
{
    return remoteKey == "image_projection";
}

std::optional<CheckpointLayout> layoutOfKey(const std::string &key)
{
    if (startsWith(key, "model.") || key == "lm_head.weight")
        return CheckpointLayout::Native;
    if (startsWith(key, "vision_tower.") || startsWith(key, "language_model.") || startsWith(key, "image_")
        || startsWith(key, "visual_temporal_embed."))
        return CheckpointLayout::Remote;
    return std::nullopt;
}

long long paddedVocabSize(long long tokens)
{
    if (tokens <= 0)
        return 0;
    return (tokens + 63) / 64 * 64;
}

} // namespace florence::io
