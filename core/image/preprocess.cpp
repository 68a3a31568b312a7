// Port of the image half of Florence2Processor: transformers' CLIPImageProcessor.preprocess as the
// reference runs it (resize -> rescale -> normalize -> channels first), with the same float
// arithmetic: transformers' rescale() multiplies in float64 and casts to float32, normalize()
// subtracts and divides in float32 with mean/std cast to float32.
#include "image/preprocess.h"

#include "common/error.h"
#include "common/file_io.h"
#include "common/json_reader.h"
#include "image/resize_pil.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace florence {

namespace {

using nlohmann::json;

/// The preprocessor config's fields on the core's one JSON field reader (null = absent).
struct FieldReader : JsonFieldReader
{
    explicit FieldReader(const std::string &file)
        : JsonFieldReader("preprocessor config", file, ErrorKind::ModelFormat)
    {
    }

    /// A list of 3 numbers (one per RGB channel) or a single number used for all three.
    std::array<float, 3> triple(const json &obj, const char *key, const std::array<float, 3> &fallback) const
    {
        const json *v = optional(obj, key);
        if (!v)
            return fallback;
        const double lim = std::numeric_limits<float>::max();
        if (v->is_number()) {
            const float f = float(number(*v, key, -lim, lim));
            return {f, f, f};
        }
        if (!v->is_array() || v->size() != 3)
            fail(key, "expected a list of 3 numbers (R, G, B), got " + printable(v->dump()).substr(0, 80));
        std::array<float, 3> out{};
        for (std::size_t c = 0; c < 3; ++c)
            out[c] = float(number((*v)[c], index(key, c), -lim, lim)); // numpy: np.array(mean, dtype=float32)
        return out;
    }

    /// {"height": h, "width": w}; a {"shortest_edge": n} size (other CLIP models) is not Florence-2's.
    void size(const json &obj, const char *key, int &width, int &height) const
    {
        const json *v = optional(obj, key);
        if (!v)
            return;
        if (!v->is_object() || !v->contains("height") || !v->contains("width"))
            fail(key, "expected {\"height\": H, \"width\": W}, got " + printable(v->dump()).substr(0, 80));
        height = int(integer(*v, key, "height", height, 1, kMaxImageSide));
        width = int(integer(*v, key, "width", width, 1, kMaxImageSide));
    }
};

} // namespace

PreprocessorConfig parsePreprocessorConfig(const std::string &jsonText, const std::string &fileName)
{
    const FieldReader r(fileName);
    const json root = r.parseObject(jsonText);
    PreprocessorConfig c;
    if (!r.boolean(root, "", "do_resize", true))
        r.fail("do_resize", "false is not supported (Florence-2 needs a fixed input size)");
    r.size(root, "size", c.width, c.height);
    c.resample = int(r.integer(root, "", "resample", c.resample, 0, 5));
    if (c.resample != 3)
        r.fail("resample", "expected 3 (PIL bicubic, what Florence-2 uses), got " + std::to_string(c.resample));
    if (r.boolean(root, "", "do_center_crop", false)) {
        int cropW = c.width, cropH = c.height;
        r.size(root, "crop_size", cropW, cropH);
        if (cropW != c.width || cropH != c.height)
            r.fail("do_center_crop", "a center crop to " + std::to_string(cropW) + "x" + std::to_string(cropH)
                                         + " after resizing to " + std::to_string(c.width) + "x"
                                         + std::to_string(c.height) + " is not supported");
    }
    c.doRescale = r.boolean(root, "", "do_rescale", c.doRescale);
    c.rescaleFactor = r.number(root, "", "rescale_factor", c.rescaleFactor, -1e30, 1e30);
    if (!(c.rescaleFactor > 0))
        r.fail("rescale_factor", "expected a positive number, got " + std::to_string(c.rescaleFactor));
    c.doNormalize = r.boolean(root, "", "do_normalize", c.doNormalize);
    c.imageMean = r.triple(root, "image_mean", c.imageMean);
    c.imageStd = r.triple(root, "image_std", c.imageStd);
    for (std::size_t i = 0; i < 3; ++i)
        if (!(c.imageStd[i] > 0))
            r.fail("image_std[" + std::to_string(i) + "]", "expected a positive number, got " + std::to_string(c.imageStd[i]));
    c.imageSeqLength = int(r.integer(root, "", "image_seq_length", c.imageSeqLength, 1, 1 << 20));
    return c;
}

PreprocessorConfig loadPreprocessorConfig(const std::string &modelDir)
{
    const std::string path = modelDir + "/preprocessor_config.json";
    return parsePreprocessorConfig(readTextFile(path), path);
}

std::vector<float> pixelValuesFromResized(const std::uint8_t *rgb, std::size_t bytes, int width, int height,
                                          const PreprocessorConfig &config)
{
    const std::size_t plane = std::size_t(width) * std::size_t(height);
    if (width <= 0 || height <= 0 || bytes != plane * 3)
        throw Error(ErrorKind::BadInput, "pixel values: expected " + std::to_string(plane * 3) + " bytes for "
                                             + std::to_string(width) + "x" + std::to_string(height)
                                             + " RGB, got " + std::to_string(bytes));
    // The 256 possible results per channel, computed once with the reference's arithmetic.
    float table[3][256];
    for (int c = 0; c < 3; ++c) {
        for (int u = 0; u < 256; ++u) {
            float x = config.doRescale ? float(double(u) * config.rescaleFactor) : float(u);
            if (config.doNormalize)
                x = (x - config.imageMean[std::size_t(c)]) / config.imageStd[std::size_t(c)]; // float32 ops
            table[c][u] = x;
        }
    }
    std::vector<float> out(plane * 3);
    float *r = out.data(), *g = r + plane, *b = g + plane;
    for (std::size_t i = 0; i < plane; ++i) { // HWC -> CHW
        r[i] = table[0][rgb[3 * i]];
        g[i] = table[1][rgb[3 * i + 1]];
        b[i] = table[2][rgb[3 * i + 2]];
    }
    return out;
}

PreprocessedImage preprocessImage(const RgbImage &image, const PreprocessorConfig &config, int threads)
{
    if (image.empty())
        throw Error(ErrorKind::BadInput, "preprocess: the image is empty (" + std::to_string(image.width) + "x"
                                             + std::to_string(image.height) + ")");
    PreprocessedImage p;
    p.originalWidth = image.width;
    p.originalHeight = image.height;
    p.width = config.width;
    p.height = config.height;
    p.resizedRgb = resizeBicubicPil(image, config.width, config.height, threads).pixels;
    p.pixelValues = pixelValuesFromResized(p.resizedRgb.data(), p.resizedRgb.size(), p.width, p.height, config);
    return p;
}

PreprocessedImage preprocessImageFile(const std::string &path, const PreprocessorConfig &config, int threads)
{
    return preprocessImage(decodeImageFile(path), config, threads);
}

} // namespace florence
