#pragma once
// Comparing COCO instances files up to ids (shard runs against a single run).

#include "common/file_io.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace florence::test {

/// The COCO file's JSON text as written, except the run time in each annotation's provenance (two
/// runs of the same job differ only there): byte-for-byte comparison of everything else.
inline std::string cocoWithoutRunTimes(const std::string &path)
{
    nlohmann::ordered_json coco = nlohmann::ordered_json::parse(readTextFile(path));
    if (coco.contains("annotations"))
        for (auto &a : coco["annotations"])
            if (a.contains("attributes") && a["attributes"].contains("provenance"))
                a["attributes"]["provenance"].erase("time");
    return coco.dump();
}

/// Per image file name, the annotations in file order with their category name instead of the
/// ids (id, image_id, category_id removed) and without the run time in their provenance, so that
/// files differing only in numbering and in when they ran compare equal.
inline nlohmann::json cocoByFileName(const std::string &path)
{
    const nlohmann::json coco = nlohmann::json::parse(readTextFile(path));
    std::map<int, std::string> files, categories;
    for (const auto &img : coco.at("images"))
        files[img.at("id").get<int>()] = img.at("file_name").get<std::string>();
    for (const auto &c : coco.at("categories"))
        categories[c.at("id").get<int>()] = c.at("name").get<std::string>();
    nlohmann::json out = nlohmann::json::object();
    for (const auto &kv : files)
        out[kv.second] = nlohmann::json::array();
    for (nlohmann::json a : coco.at("annotations")) {
        const std::string file = files.at(a.at("image_id").get<int>());
        a["category"] = categories.at(a.at("category_id").get<int>());
        for (const char *k : {"id", "image_id", "category_id"})
            a.erase(k);
        if (a.contains("attributes") && a["attributes"].contains("provenance"))
            a["attributes"]["provenance"].erase("time");
        out[file].push_back(a);
    }
    return out;
}

} // namespace florence::test
