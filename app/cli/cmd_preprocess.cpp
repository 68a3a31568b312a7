// florence-cli preprocess: writes the model input of one image (pixel_values + the resized 8-bit
// image) as safetensors, to compare the C++ preprocessing with the Python reference.
#include "commands.h"

#include "common/file_io.h"
#include "image/preprocess.h"
#include "io/model_folder.h"
#include "io/safetensors.h"

#include <iostream>

namespace florence::cli {
namespace {

int runPreprocess(const std::vector<std::string> &argv)
{
    Args args(argv, {});
    args.allowOnly({"model", "image", "out", "threads"});
    const std::string modelDir = args.required("model");
    const std::string imagePath = args.required("image");
    const std::string outPath = args.required("out");
    const int threads = args.intValue("threads", 0, 0, 256);
    const io::ModelFolder model = io::inspectModelFolder(modelDir);
    const PreprocessorConfig config = parsePreprocessorConfig(readTextFile(model.preprocessorConfigPath),
                                                              model.preprocessorConfigPath);

    const PreprocessedImage p = preprocessImageFile(imagePath, config, threads);
    const auto h = std::int64_t(p.height), w = std::int64_t(p.width);
    io::TensorBlob pixelValues{"pixel_values", io::DType::F32, {1, 3, h, w},
                               std::string(reinterpret_cast<const char *>(p.pixelValues.data()),
                                           p.pixelValues.size() * sizeof(float))};
    io::TensorBlob resized{"resized_uint8", io::DType::U8, {h, w, 3},
                           std::string(reinterpret_cast<const char *>(p.resizedRgb.data()), p.resizedRgb.size())};
    const std::map<std::string, std::string> metadata = {
        {"image", imagePath},
        {"original_width", std::to_string(p.originalWidth)},
        {"original_height", std::to_string(p.originalHeight)},
    };
    writeFileAtomic(outPath, io::writeSafetensors({pixelValues, resized}, metadata));
    std::cout << imagePath << ": " << p.originalWidth << "x" << p.originalHeight << " -> " << outPath
              << " (pixel_values [1,3," << h << "," << w << "] F32, resized_uint8 [" << h << "," << w << ",3] U8)\n";
    return kExitOk;
}

const CommandRegistration reg({"preprocess", "write an image's model input (pixel_values) as safetensors",
                               "preprocess --model DIR --image FILE --out FILE.safetensors [--threads N]\n"
                               "  Decodes FILE (EXIF orientation applied), resizes it to the model's input size\n"
                               "  with PIL-exact bicubic and writes tensors pixel_values (F32 [1,3,H,W]) and\n"
                               "  resized_uint8 (U8 [H,W,3]); metadata holds the original size.",
                               runPreprocess});

} // namespace
} // namespace florence::cli
