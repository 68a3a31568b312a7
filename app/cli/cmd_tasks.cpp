// florence-cli tasks: lists the Florence-2 tasks as JSON.
#include "commands.h"

#include "tasks/task.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace florence::cli {
namespace {

int runTasks(const std::vector<std::string> &argv)
{
    Args args(argv, {});
    args.allowOnly({});
    nlohmann::json out = nlohmann::json::array();
    for (const TaskInfo &t : taskTable()) {
        const char *input = t.input == TaskInput::None ? "none" : t.input == TaskInput::Text ? "text" : "region";
        out.push_back({{"token", t.token}, {"name", t.name}, {"description", t.description}, {"input", input},
                       {"result", toString(t.result)}, {"prompt", t.prompt}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
}

const CommandRegistration reg({"tasks", "list the Florence-2 tasks (JSON)", "tasks", runTasks});

} // namespace
} // namespace florence::cli
