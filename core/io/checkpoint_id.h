#pragma once
// A short identity of a model's weights, recorded in every model-made shape's provenance so that a
// label can be traced to the exact checkpoint that produced it (two fine-tunes saved in folders of
// the same name differ here).
//
// Design note: hashing a 1.5 GB checkpoint in full would add seconds to every model load, so the
// identity is cheap where it can be exact and sampled otherwise:
// - a weights file that resolves into a Hugging Face cache `blobs/<sha256>` already carries its
//   full sha256 in its name: the id is "sha256:" + its first 16 hex digits;
// - otherwise "fp:" + the first 16 hex digits of the sha256 over each file's size, its first and
//   last 64 KiB and 62 more 64 KiB blocks at evenly spaced offsets. Any fine-tune changes every
//   tensor, so every block differs; a byte flipped elsewhere would not be seen (documented limit).
// Several weight files (shards) are combined in order into one "fp:" id.

#include <string>
#include <vector>

namespace florence::io {

/// The identity described above of `weightFiles` (in order). Throws Error(Io) when a file cannot be read.
std::string checkpointId(const std::vector<std::string> &weightFiles);

/// How provenance names a model folder: "ORG/NAME" for a Hugging Face cache snapshot
/// (…/models--ORG--NAME/snapshots/REV), else the folder's own name.
std::string modelDisplayName(const std::string &modelDir);

/// The first 16 hex digits of the sha256 of `bytes` (lower-case).
std::string shortSha256(const std::string &bytes);

} // namespace florence::io
