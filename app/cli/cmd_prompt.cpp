// florence-cli prompt: the model prompt of a task and its input (Florence2Processor._construct_prompts).
#include "commands.h"

#include "common/error.h"
#include "tasks/prompt.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace florence::cli {
namespace {

int runPrompt(const std::vector<std::string> &argv)
{
    Args args(argv, {"force"});
    args.allowOnly({"task", "text", "force"});
    const std::string token = args.required("task");
    const auto task = taskFromToken(token);
    if (!task)
        throw Error(ErrorKind::BadInput, "unknown task '" + token + "' (see florence-cli tasks)");
    nlohmann::ordered_json out;
    out["prompt"] = buildPrompt(*task, args.value("text", ""), args.has("force"));
    std::cout << out.dump(2) << "\n";
    return kExitOk;
}

const CommandRegistration reg({"prompt", "model prompt of a task and its input (JSON)",
                               "prompt --task TASK [--text T] [--force]", runPrompt});

} // namespace
} // namespace florence::cli
