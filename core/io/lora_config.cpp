#include "io/lora_config.h"

#include "common/error.h"
#include "common/json_reader.h"

namespace florence::io {

LoraConfig parseLoraConfig(const std::string &text, const std::string &path)
{
    const JsonFieldReader r("adapter config", path, ErrorKind::ModelFormat);
    const nlohmann::json conf = r.parseObject(text);
    const auto field = [&](const char *k) { return JsonFieldReader::optional(conf, k); };
    if (const auto *pt = field("peft_type"); pt && (!pt->is_string() || pt->get<std::string>() != "LORA"))
        r.fail("peft_type", "'" + JsonFieldReader::printable(pt->is_string() ? pt->get<std::string>() : pt->dump()).substr(0, 80)
                                + "' is not supported (expected LORA)");
    LoraConfig c;
    const auto *rj = field("r");
    if (!rj || !rj->is_number_integer() || rj->get<std::int64_t>() <= 0 || rj->get<std::int64_t>() > 65536)
        r.fail("r", "missing or not a positive integer (the LoRA rank)");
    c.rank = rj->get<std::int64_t>();
    c.alpha = r.number(conf, "", "lora_alpha", double(c.rank), -1e30, 1e30);
    c.rslora = r.boolean(conf, "", "use_rslora", false);
    if (const auto *j = field("use_dora"); j && j->is_boolean() && j->get<bool>())
        r.fail("use_dora", "DoRA adapters are not supported");
    if (const auto *j = field("fan_in_fan_out"); j && j->is_boolean() && j->get<bool>())
        r.fail("fan_in_fan_out", "true is for GPT-2 style Conv1D layers, which Florence-2 does not have");
    if (const auto *j = field("rank_pattern")) {
        r.object(*j, "rank_pattern");
        for (auto it = j->begin(); it != j->end(); ++it)
            c.rankPattern[it.key()] = r.integer(*it, JsonFieldReader::key("rank_pattern", it.key()), 1, 65536);
    }
    if (const auto *j = field("alpha_pattern")) {
        r.object(*j, "alpha_pattern");
        for (auto it = j->begin(); it != j->end(); ++it)
            c.alphaPattern[it.key()] = r.number(*it, JsonFieldReader::key("alpha_pattern", it.key()), -1e30, 1e30);
    }
    if (const auto *j = field("base_model_name_or_path"); j && j->is_string())
        c.baseName = j->get<std::string>();
    return c;
}

} // namespace florence::io
