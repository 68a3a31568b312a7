#pragma once
// adapter_config.json of a peft LoRA adapter, read without libtorch (core/io/lora.h merges the
// adapter; this reads its settings, so that the parser can be fuzzed on its own).

#include <cstdint>
#include <map>
#include <string>

namespace florence::io {

struct LoraConfig
{
    std::int64_t rank = 0;                         ///< r
    double alpha = 0.0;                            ///< lora_alpha (default: r)
    bool rslora = false;                           ///< use_rslora: scaling alpha / sqrt(r)
    std::map<std::string, std::int64_t> rankPattern;  ///< module pattern -> r
    std::map<std::string, double> alphaPattern;       ///< module pattern -> lora_alpha
    std::string baseName;                          ///< base_model_name_or_path (display only)
};

/// Parses adapter_config.json text; `path` names the file in messages. Throws Error(ModelFormat)
/// "adapter config '<path>', field '<f>': ..." for: not JSON or not an object, peft_type other than
/// LORA, r missing or not in 1..65536, lora_alpha not a finite number, use_rslora not a boolean,
/// use_dora or fan_in_fan_out true (unsupported), rank_pattern / alpha_pattern not objects of
/// positive integers / numbers.
LoraConfig parseLoraConfig(const std::string &text, const std::string &path);

} // namespace florence::io
