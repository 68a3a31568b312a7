#include "annotate/formats/registry.h"

#include "annotate/formats/dota.h"
#include "annotate/formats/florence_jsonl.h"
#include "annotate/formats/json_formats.h"
#include "annotate/formats/masks.h"
#include "annotate/formats/paddleocr.h"
#include "annotate/formats/voc.h"
#include "annotate/formats/yolo.h"
#include "common/error.h"

namespace florence::formats {

namespace {

constexpr unsigned kAllGeometry = kHoldsBoxes | kHoldsQuads | kHoldsPolygons;
constexpr unsigned kEverything = kAllGeometry | kHoldsText | kHoldsScores | kHoldsCaptions | kHoldsProvenance | kHoldsMultiRing;

std::vector<FormatInfo> makeFormats()
{
    std::vector<FormatInfo> f;
    f.push_back({"coco", "COCO (instances + captions JSON)", {".json"},
                 "a COCO instances .json (captions file next to it is read too), or a folder with instances.json",
                 "instances.json, captions.json and the images at their paths",
                 {{"coco", "COCO", kEverything}},
                 {"imagesDir"},
                 readCocoDataset, writeCocoDataset});
    f.push_back({"labelme", "labelme / X-AnyLabeling JSON", {".json"},
                 "a folder of labelme JSON files (searched recursively)",
                 "one JSON next to each image",
                 {{"labelme", "labelme / X-AnyLabeling", kEverything}},
                 {},
                 readLabelmeDataset, writeLabelmeDataset});
    f.push_back({"yolo", "YOLO (Ultralytics)", {".txt", ".yaml"},
                 "a folder with data.yaml (or classes.txt) and images/ + labels/ (or images with .txt next to them)",
                 "data.yaml, classes.txt, images/<split>/, labels/<split>/*.txt",
                 {{"detect", "YOLO detection (boxes)", kHoldsBoxes},
                  {"segment", "YOLO segmentation (polygons)", kHoldsBoxes | kHoldsQuads | kHoldsPolygons},
                  {"obb", "YOLO oriented boxes (OBB)", kHoldsBoxes | kHoldsQuads}},
                 {"variant", "split"},
                 readYolo, writeYolo,
                 {{"", "YOLO: detect boxes (5 columns) and polygons (more) automatically", kHoldsBoxes | kHoldsPolygons},
                  {"obb", "YOLO oriented boxes: 9 columns are quads (OBB)", kHoldsQuads}}});
    f.push_back({"voc", "Pascal VOC XML", {".xml"},
                 "a VOC devkit folder (Annotations/, JPEGImages/, ImageSets/Main/) or XML files next to their images",
                 "Annotations/*.xml, JPEGImages/, ImageSets/Main/<split>.txt",
                 {{"voc", "Pascal VOC", kHoldsBoxes}},
                 {"split"},
                 readVoc, writeVoc});
    f.push_back({"dota", "DOTA (oriented quadrilaterals)", {".txt"},
                 "a folder with images/ + labelTxt/ (or train/ val/ test/ holding them)",
                 "images/ + labelTxt/*.txt (per split folder when split)",
                 {{"dota", "DOTA", kHoldsBoxes | kHoldsQuads}},
                 {"split"},
                 readDota, writeDota});
    f.push_back({"paddleocr", "PaddleOCR (PPOCRLabel Label.txt + recognition crops)", {".txt"},
                 "a PPOCRLabel Label.txt, or the folder holding it",
                 "images/Label.txt, images/rec_gt.txt, images/crop_img/, det_gt_/rec_gt_<split>.txt",
                 {{"paddleocr", "PaddleOCR", kHoldsBoxes | kHoldsQuads | kHoldsPolygons | kHoldsText}},
                 {"split", "imagesDir"},
                 readPaddleOcr, writePaddleOcr});
    f.push_back({"masks", "Mask PNGs (class or instance index)", {".png"},
                 "a mask export folder (legend.json, masks/, images/) or its legend.json",
                 "masks/<image>.png, legend.json, images/",
                 {{"class", "Class-index mask PNGs", kAllGeometry | kHoldsMultiRing},
                  {"instance", "Instance-index mask PNGs", kAllGeometry | kHoldsMultiRing}},
                 {"variant", "imagesDir"},
                 readMasks, writeMasks});
    // The fine-tuning examples of core/train (answersForImage + toJsonl): one converter for the
    // trainer, `florence-cli train --export-jsonl` and this format.
    constexpr unsigned kJsonlShapes = kHoldsBoxes | kHoldsText | kHoldsCaptions;
    f.push_back({"florence2-jsonl", "Florence-2 fine-tuning JSONL", {".jsonl"},
                 "a .jsonl file or a folder with train.jsonl / valid.jsonl",
                 "train.jsonl, valid.jsonl (test.jsonl), images/",
                 {{"default", "Florence-2 JSONL: <OD>, <OCR_WITH_REGION>, captions", kJsonlShapes | kHoldsQuads},
                  {"od", "Florence-2 JSONL: <OD> only", kHoldsBoxes},
                  {"ocr", "Florence-2 JSONL: <OCR_WITH_REGION> only", kHoldsQuads | kHoldsText},
                  {"dense", "Florence-2 JSONL: <DENSE_REGION_CAPTION> only", kHoldsBoxes | kHoldsText},
                  {"captions", "Florence-2 JSONL: captions only", kHoldsCaptions}},
                 {"variant", "split"},
                 readFlorenceJsonl, writeFlorenceJsonl});
    return f;
}

} // namespace

unsigned FormatInfo::holds(const std::string &variant) const
{
    for (const FormatVariant &v : variants)
        if (variant.empty() || v.name == variant)
            return v.holds;
    return 0;
}

const std::vector<FormatInfo> &formats()
{
    static const std::vector<FormatInfo> all = makeFormats();
    return all;
}

const FormatInfo *findFormat(const std::string &name)
{
    for (const FormatInfo &f : formats())
        if (f.name == name)
            return &f;
    return nullptr;
}

const FormatInfo &formatOrThrow(const std::string &name)
{
    if (const FormatInfo *f = findFormat(name))
        return *f;
    std::string known;
    for (const FormatInfo &f : formats())
        known += (known.empty() ? "" : ", ") + f.name;
    throw Error(ErrorKind::BadInput, "unknown format '" + name + "' (known: " + known + ")");
}

const FormatVariant &variantOrThrow(const FormatInfo &format, const std::string &variant)
{
    for (const FormatVariant &v : format.variants)
        if (variant.empty() || v.name == variant)
            return v;
    std::string known;
    for (const FormatVariant &v : format.variants)
        known += (known.empty() ? "" : ", ") + v.name;
    throw Error(ErrorKind::BadInput, "format '" + format.name + "' has no variant '" + variant + "' (known: " + known + ")");
}

ExportSummary convertDataset(const std::string &from, const std::string &input, const ImportOptions &importOptions,
                             const std::string &to, const std::string &outDir, const ExportOptions &exportOptions)
{
    const FormatInfo &src = formatOrThrow(from);
    const FormatInfo &dst = formatOrThrow(to);
    if (!src.read)
        throw Error(ErrorKind::BadInput, "format '" + from + "' can be exported but not read");
    if (!dst.write)
        throw Error(ErrorKind::BadInput, "format '" + to + "' cannot be written");
    variantOrThrow(dst, exportOptions.variant);
    const Dataset ds = src.read(input, importOptions);
    ExportResult result = dst.write(ds, exportOptions);
    for (const std::string &note : ds.notes)
        result.summary.drop("on import from " + src.displayName + ": " + note);
    writeExport(result, outDir);
    return result.summary;
}

} // namespace florence::formats
