#include "annotate/formats/json_formats.h"

#include "annotate/coco.h"
#include "annotate/labelme.h"
#include "common/error.h"
#include "common/file_io.h"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace florence::formats {

namespace {

void countObjects(ExportSummary &sum, const Dataset &ds)
{
    for (const ImageRecord &image : ds.images)
        for (const Shape &s : image.shapes)
            sum.objectsPerClass[s.label] += 1;
    sum.images = ds.images.size();
    sum.splitImages["all"] = ds.images.size();
}

void addLabels(Dataset &ds)
{
    for (const ImageRecord &image : ds.images)
        for (const Shape &s : image.shapes)
            if (std::find(ds.labels.begin(), ds.labels.end(), s.label) == ds.labels.end())
                ds.labels.push_back(s.label);
}

} // namespace

Dataset readCocoDataset(const std::string &input, const ImportOptions &options)
{
    std::error_code ec;
    const std::string file = fs::is_directory(input, ec) ? input + "/instances.json" : input;
    const std::string text = readTextFile(file);
    std::string captionsFile;
    const std::string dir = fs::path(file).parent_path().string();
    for (const std::string &c : {file.size() > 5 ? file.substr(0, file.size() - 5) + ".captions.json" : file + ".captions.json",
                                 (dir.empty() ? std::string() : dir + "/") + "captions.json"})
        if (c != file && isRegularFile(c)) {
            captionsFile = c;
            break;
        }
    Dataset ds;
    if (captionsFile.empty()) {
        ds.images = importCoco(text, file);
    } else {
        const std::string captions = readTextFile(captionsFile);
        ds.images = importCoco(text, file, &captions, captionsFile);
    }
    ds.labels = cocoCategoryNames(text, file);
    ds.root = !options.imagesDir.empty() ? options.imagesDir : dir.empty() ? std::string(".") : dir;
    addLabels(ds);
    return ds;
}

ExportResult writeCocoDataset(const Dataset &ds, const ExportOptions &options)
{
    CocoExportOptions co;
    co.labels = ds.labels;
    const CocoFiles files = exportCoco(ds.images, co);
    ExportResult result;
    result.files = {{"instances.json", files.instances}, {"captions.json", files.captions}};
    if (options.copyImages)
        for (std::size_t i = 0; i < ds.images.size(); ++i)
            result.copies.push_back({sourcePath(ds, i), ds.images[i].path});
    result.summary.format = "COCO";
    countObjects(result.summary, ds);
    result.summary.files = {"instances.json", "captions.json"};
    return result;
}

Dataset readLabelmeDataset(const std::string &input, const ImportOptions &)
{
    Dataset ds;
    ds.root = input;
    for (const std::string &rel : listFiles(input)) {
        if (rel.size() < 5 || rel.compare(rel.size() - 5, 5, ".json") != 0)
            continue;
        if (rel == "legend.json" || rel == "instances.json" || rel == "captions.json" || rel == "florence-project.json")
            continue;
        ImageRecord rec = importLabelme(readTextFile(input + "/" + rel), rel);
        ds.images.push_back(std::move(rec));
    }
    if (ds.images.empty())
        throw Error(ErrorKind::BadInput, "labelme folder '" + input + "' holds no .json files");
    addLabels(ds);
    return ds;
}

ExportResult writeLabelmeDataset(const Dataset &ds, const ExportOptions &options)
{
    ExportResult result;
    for (std::size_t i = 0; i < ds.images.size(); ++i) {
        const ImageRecord &image = ds.images[i];
        result.files.push_back({labelmeJsonPathFor(image.path), exportLabelme(image)});
        if (options.copyImages)
            result.copies.push_back({sourcePath(ds, i), image.path});
    }
    result.summary.format = "labelme / X-AnyLabeling";
    countObjects(result.summary, ds);
    result.summary.files = {"<image path>.json next to each image"};
    return result;
}

} // namespace florence::formats
