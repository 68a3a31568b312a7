#pragma once
// A strict, torch-free reader of the `data.pkl` record of a torch.save(state_dict) zip archive.
//
// Design note: Debian's libtorch 1.13 `torch::pickle_load` returns None for an OrderedDict of
// tensors, and a general unpickler would run whatever callables a hostile file names. This reader
// implements only the pickle opcodes a state dict uses (protocol 2, plus the protocol-4 framing
// opcodes newer torch versions emit) and only four kinds of GLOBAL: collections.OrderedDict,
// torch._utils._rebuild_tensor_v2 and torch.<Type>Storage. Anything else is rejected with the
// opcode or global named, before any storage is read. The result is plain metadata; the caller
// (core/io/checkpoint.cpp) reads the storages from the archive.

#include "io/safetensors.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace florence::io {

/// One tensor of a pickled state dict: a strided view into a storage record.
struct PickledTensor
{
    std::string name;                    ///< state-dict key
    std::string storageKey;              ///< record "data/<storageKey>" in the archive
    DType storageDtype = DType::F32;     ///< element type of the storage (from torch.<Type>Storage)
    std::string storageType;             ///< the storage class name as pickled, e.g. "HalfStorage"
    std::int64_t storageNumel = 0;       ///< elements in the storage
    std::int64_t storageOffset = 0;      ///< first element of the view, in elements
    std::vector<std::int64_t> sizes;     ///< view shape
    std::vector<std::int64_t> strides;   ///< view strides, in elements
};

/// Parses the `data.pkl` bytes of a torch.save(state_dict) archive into its tensors, in dict order.
/// `where` names the file in messages (e.g. "pytorch_model.bin '/m/pytorch_model.bin', record data.pkl").
/// Throws Error(ModelFormat) naming `where`, the byte offset and the culprit on: an unknown opcode,
/// a GLOBAL outside the allow-list (e.g. os.system), a REDUCE of anything but OrderedDict() or
/// _rebuild_tensor_v2(...), a malformed persistent id, truncated data, a top-level object that is
/// not a dict of tensors, a non-string key, or a view that reaches outside its storage.
std::vector<PickledTensor> parseStateDictPickle(const std::uint8_t *data, std::size_t size, const std::string &where);

/// The inverse of parseStateDictPickle: `data.pkl` bytes (pickle protocol 2, as torch.save writes)
/// of an OrderedDict mapping each tensor's name to _rebuild_tensor_v2(('storage', torch.<Type>Storage,
/// storageKey, 'cpu', storageNumel), storageOffset, sizes, strides, False, OrderedDict()).
/// `storageType` is ignored; the type follows `storageDtype`.
std::string writeStateDictPickle(const std::vector<PickledTensor> &tensors);

} // namespace florence::io
