// florence-cli convert: read a dataset in one format and write it in another (core/annotate/formats).
#include "commands.h"

#include "annotate/formats/registry.h"
#include "common/error.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace florence::cli {
namespace {

void printFormats()
{
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const formats::FormatInfo &f : formats::formats()) {
        nlohmann::ordered_json variants = nlohmann::ordered_json::array();
        for (const formats::FormatVariant &v : f.variants) {
            nlohmann::ordered_json holds = nlohmann::ordered_json::array();
            const std::pair<unsigned, const char *> names[] = {
                {formats::kHoldsBoxes, "boxes"},   {formats::kHoldsQuads, "quads"},     {formats::kHoldsPolygons, "polygons"},
                {formats::kHoldsText, "text"},     {formats::kHoldsScores, "scores"},   {formats::kHoldsCaptions, "captions"},
                {formats::kHoldsProvenance, "provenance"}, {formats::kHoldsMultiRing, "multi-ring polygons"}};
            for (const auto &[bit, name] : names)
                if (v.holds & bit)
                    holds.push_back(name);
            variants.push_back({{"name", v.name}, {"display_name", v.displayName}, {"holds", holds}});
        }
        out.push_back({{"name", f.name}, {"display_name", f.displayName}, {"extensions", f.extensions},
                       {"read", f.read != nullptr}, {"write", f.write != nullptr}, {"input", f.inputHint},
                       {"output", f.outputHint}, {"variants", variants}, {"options", f.options}});
    }
    std::cout << out.dump(2) << "\n";
}

formats::SplitOptions parseSplit(const Args &args)
{
    formats::SplitOptions split;
    const std::string mode = args.value("split", "keep");
    if (mode == "keep")
        split.mode = formats::SplitOptions::Mode::Keep;
    else if (mode == "none")
        split.mode = formats::SplitOptions::Mode::None;
    else if (mode == "folder")
        split.mode = formats::SplitOptions::Mode::Folder;
    else if (mode == "ratio")
        split.mode = formats::SplitOptions::Mode::Ratio;
    else
        throw Error(ErrorKind::BadInput, "option --split: expected keep, none, ratio or folder, got '" + mode + "'");
    if (const auto r = args.value("ratios")) {
        if (split.mode != formats::SplitOptions::Mode::Ratio)
            throw Error(ErrorKind::BadInput, "option --ratios needs --split ratio");
        const std::vector<double> v = parseDoubleList(*r, "--ratios");
        if (v.size() < 2 || v.size() > 3)
            throw Error(ErrorKind::BadInput, "option --ratios: expected TRAIN,VAL[,TEST], got '" + *r + "'");
        split.train = v[0];
        split.val = v[1];
        split.test = v.size() > 2 ? v[2] : 0.0;
    }
    split.seed = std::uint64_t(args.intValue("seed", 0, 0, 2147483647));
    return split;
}

int runConvert(const std::vector<std::string> &argv)
{
    Args args(argv, {"list", "no-copy-images", "quiet"});
    args.allowOnly({"from", "to", "variant", "import-variant", "split", "ratios", "seed", "images", "list",
                    "no-copy-images", "quiet"});
    if (args.has("list")) {
        printFormats();
        return kExitOk;
    }
    if (args.positionals().size() != 2)
        throw Error(ErrorKind::BadInput, "expected IN and OUT, got " + std::to_string(args.positionals().size()) + " paths");
    formats::ImportOptions in;
    in.variant = args.value("import-variant", "");
    in.imagesDir = args.value("images", "");
    formats::ExportOptions out;
    out.variant = args.value("variant", "");
    out.split = parseSplit(args);
    out.copyImages = !args.has("no-copy-images");
    const formats::ExportSummary summary = formats::convertDataset(args.required("from"), args.positionals()[0], in,
                                                                   args.required("to"), args.positionals()[1], out);
    if (!args.has("quiet"))
        std::cout << summary.toText();
    return kExitOk;
}

const CommandRegistration reg({"convert", "convert a dataset between formats (COCO, labelme, YOLO, VOC, DOTA, PaddleOCR, masks)",
                               "convert --from FORMAT --to FORMAT [--variant V] [--import-variant V] [--split keep|none|ratio|folder]\n"
                               "       [--ratios TRAIN,VAL[,TEST]] [--seed N] [--images DIR] [--no-copy-images] [--quiet] IN OUT\n"
                               "       convert --list   (the formats, their variants and what they hold, as JSON)\n"
                               "Writes OUT/summary.txt: images, objects per class, what was converted or dropped and why.",
                               runConvert});

} // namespace
} // namespace florence::cli
