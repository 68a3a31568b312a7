#pragma once
// Turning a decoded image into Florence-2's model input, as the reference's CLIPImageProcessor
// does: PIL bicubic resize to the configured size, rescale, normalise, HWC -> CHW.

#include "image/decode.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace florence {

/// The image-processor settings of a model folder's preprocessor_config.json (CLIPImageProcessor).
struct PreprocessorConfig
{
    int width = 768;                    ///< size.width: model input width in pixels
    int height = 768;                   ///< size.height: model input height in pixels
    int resample = 3;                   ///< resample: PIL filter id; only 3 (bicubic) is supported
    bool doRescale = true;              ///< do_rescale: multiply by rescaleFactor
    double rescaleFactor = 1.0 / 255.0; ///< rescale_factor (CLIPImageProcessor default 1/255)
    bool doNormalize = true;            ///< do_normalize: (x - mean) / std per channel
    std::array<float, 3> imageMean = {0.48145466f, 0.4578275f, 0.40821073f}; ///< image_mean (R, G, B), CLIP default
    std::array<float, 3> imageStd = {0.26862954f, 0.26130258f, 0.27577711f}; ///< image_std (R, G, B), CLIP default
    int imageSeqLength = 577;           ///< image_seq_length: image tokens the processor reserves
};

/// Parses preprocessor_config.json text; `fileName` is used in messages. Throws Error(ModelFormat)
/// naming the file and the field when JSON is malformed, a field has the wrong type or value
/// (resample other than 3, size without height/width, non-positive size, std of 0, lists not of 3
/// numbers), or asks for something the reference's Florence-2 path does not do (do_resize false,
/// do_center_crop with a crop size different from size).
PreprocessorConfig parsePreprocessorConfig(const std::string &jsonText, const std::string &fileName);

/// Reads and parses `<modelDir>/preprocessor_config.json`. Throws Error(Io/ModelFormat) naming the file.
PreprocessorConfig loadPreprocessorConfig(const std::string &modelDir);

/// The model input for one image, torch-free.
struct PreprocessedImage
{
    int originalWidth = 0;               ///< decoded (oriented) image width in pixels
    int originalHeight = 0;              ///< decoded (oriented) image height in pixels
    int width = 0;                       ///< model input width (config.width)
    int height = 0;                      ///< model input height (config.height)
    std::vector<std::uint8_t> resizedRgb; ///< height * width * 3, HWC, the resized 8-bit image
    std::vector<float> pixelValues;       ///< 3 * height * width, CHW: pixel_values[0] of the reference
};

/// Preprocesses an already decoded RGB image (the GUI decodes once and shows the same pixels the
/// model sees): resizeBicubicPil() to config.width x config.height, then pixelValuesFromResized().
/// `threads` <= 0 uses defaultThreadCount(). Throws Error(BadInput) when the image is empty.
PreprocessedImage preprocessImage(const RgbImage &image, const PreprocessorConfig &config, int threads = 0);

/// decodeImageFile() + preprocessImage(); throws what they throw.
PreprocessedImage preprocessImageFile(const std::string &path, const PreprocessorConfig &config, int threads = 0);

/// The reference's rescale + normalise + transpose of an 8-bit HWC image (`width * height * 3` bytes):
/// x = float32(double(u8) * rescaleFactor) (when doRescale), v = (x - mean[c]) / std[c] in float32
/// (when doNormalize); returns CHW floats. Throws Error(BadInput) when the buffer size is wrong.
std::vector<float> pixelValuesFromResized(const std::uint8_t *rgb, std::size_t bytes, int width, int height,
                                          const PreprocessorConfig &config);

/// Maps a point between original-image pixel coordinates and model-input pixel coordinates (both
/// continuous, pixel i covering [i, i + 1), the convention of PIL's resampling grid).
inline void imageToModel(const PreprocessedImage &p, double x, double y, double &modelX, double &modelY)
{
    modelX = x * p.width / p.originalWidth;
    modelY = y * p.height / p.originalHeight;
}
inline void modelToImage(const PreprocessedImage &p, double modelX, double modelY, double &x, double &y)
{
    x = modelX * p.originalWidth / p.width;
    y = modelY * p.originalHeight / p.height;
}

} // namespace florence
