// florence-cli custom-task: the named custom tasks (prompt + output parser) saved per model folder
// (core/tasks/custom_task.h); `florence-cli run --preset NAME` runs one.
#include "commands.h"

#include "common/error.h"
#include "tasks/custom_task.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace florence::cli {
namespace {

nlohmann::json toJson(const CustomTask &t)
{
    return {{"name", t.name}, {"prompt", t.prompt}, {"parser", toString(t.parser)}};
}

int runCustomTask(const std::vector<std::string> &argv)
{
    Args args(argv, {});
    args.allowOnly({"model", "name", "prompt", "parser", "store"});
    if (args.positionals().size() != 1)
        throw Error(ErrorKind::BadInput, "custom-task: expected one action: list, save or remove");
    const std::string action = args.positionals().front();
    const std::string modelDir = args.required("model");
    const CustomTaskStore store(args.value("store", customTaskStorePath()));
    if (action == "list") {
        args.allowOnly({"model", "store"});
        nlohmann::json out = nlohmann::json::array();
        for (const CustomTask &t : store.list(modelDir))
            out.push_back(toJson(t));
        std::cout << out.dump(2) << "\n";
        return kExitOk;
    }
    if (action == "save") {
        CustomTask t;
        t.name = args.required("name");
        t.prompt = args.required("prompt");
        t.parser = outputParserFromString(args.value("parser", "text"));
        store.save(modelDir, t);
        std::cerr << "saved custom task '" << t.name << "' in '" << store.path() << "'\n";
        std::cout << toJson(t).dump(2) << "\n";
        return kExitOk;
    }
    if (action == "remove") {
        const std::string name = args.required("name");
        if (!store.remove(modelDir, name))
            throw Error(ErrorKind::BadInput, "no custom task '" + name + "' for '" + modelDir + "' in '" + store.path() + "'");
        return kExitOk;
    }
    throw Error(ErrorKind::BadInput, "custom-task: unknown action '" + action + "' (expected list, save or remove)");
}

const CommandRegistration reg({"custom-task", "list, save or remove the custom tasks (prompt + parser) of a model",
                               "custom-task list|save|remove --model DIR [--name NAME] [--prompt TEXT]\n"
                               "       [--parser text|boxes|quads|polygons|boxes-or-polygons] [--store FILE]",
                               runCustomTask});

} // namespace
} // namespace florence::cli
