// florence-cli make-random-model: writes a real-sized Florence-2 model folder with seeded random
// weights (core/io/random_model.h), for load-time and memory measurements without a download.
#include "commands.h"

#include "common/error.h"
#include "io/random_model.h"

#include <chrono>
#include <iostream>

namespace florence::cli {
namespace {

int runMakeRandomModel(const std::vector<std::string> &argv)
{
    Args args(argv, {});
    args.allowOnly({"like", "out", "seed", "dtype", "format", "tokenizer-from"});
    if (!args.positionals().empty())
        throw Error(ErrorKind::BadInput, "make-random-model: unexpected argument '" + args.positionals().front() + "'");
    io::RandomModelOptions opts;
    opts.like = args.value("like", "base");
    const std::string out = args.required("out");
    opts.seed = std::uint64_t(args.intValue("seed", 0, 0, 2147483647));
    const std::string dtype = args.value("dtype", "fp32");
    if (dtype == "fp32")
        opts.dtype = io::DType::F32;
    else if (dtype == "fp16")
        opts.dtype = io::DType::F16;
    else if (dtype == "bf16")
        opts.dtype = io::DType::BF16;
    else
        throw Error(ErrorKind::BadInput, "option --dtype: '" + dtype + "' is not fp32, fp16 or bf16");
    const std::string format = args.value("format", "safetensors");
    if (format == "safetensors")
        opts.format = io::WeightsFormat::Safetensors;
    else if (format == "bin")
        opts.format = io::WeightsFormat::PytorchBin;
    else
        throw Error(ErrorKind::BadInput, "option --format: '" + format + "' is not safetensors or bin");
    opts.tokenizerFrom = args.value("tokenizer-from", FLORENCE_SOURCE_DIR "/tests/data/fixtures/model");

    const auto start = std::chrono::steady_clock::now();
    const io::RandomModelInfo info = io::writeRandomModel(out, opts);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "wrote '" << out << "': " << info.tensors << " tensors, " << info.parameters << " parameters, "
              << info.fileBytes << " bytes of weights in " << seconds << " s\n";
    return kExitOk;
}

const CommandRegistration reg({"make-random-model", "write a real-sized model folder with random weights",
                               "make-random-model --out DIR [--like base|large|tiny] [--seed S] [--dtype fp32|fp16|bf16]\n"
                               "       [--format safetensors|bin] "
                               "[--tokenizer-from DIR (default: the source tree's tests/data/fixtures/model)]",
                               runMakeRandomModel});

} // namespace
} // namespace florence::cli
