#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz harnesses into fuzz/corpus/<name>/ from tests/data and from
small hand-made inputs (run from the repository root; idempotent). Crashes found by fuzzing are
added to the corpus by hand (fuzz/corpus/<name>/crash-*) together with a unit test."""
import json, os, struct, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "data")
OUT = os.path.join(ROOT, "fuzz", "corpus")
TASKS = ["<CAPTION>", "<DETAILED_CAPTION>", "<MORE_DETAILED_CAPTION>", "<OD>", "<DENSE_REGION_CAPTION>",
         "<REGION_PROPOSAL>", "<OCR>", "<OCR_WITH_REGION>", "<CAPTION_TO_PHRASE_GROUNDING>",
         "<REFERRING_EXPRESSION_SEGMENTATION>", "<REGION_TO_SEGMENTATION>", "<OPEN_VOCABULARY_DETECTION>",
         "<REGION_TO_CATEGORY>", "<REGION_TO_DESCRIPTION>", "<REGION_TO_OCR>"]


def put(harness, name, data):
    d = os.path.join(OUT, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def read(*p):
    with open(os.path.join(DATA, *p), "rb") as f:
        return f.read()


# --- pickles in the layout torch.save writes (core/io/state_dict_pickle.cpp writeStateDictPickle) ---
def p_str(s):
    b = s.encode()
    return b"X" + struct.pack("<I", len(b)) + b


def p_int(v):
    if 0 <= v < 256:
        return b"K" + bytes([v])
    if 0 <= v < 65536:
        return b"M" + struct.pack("<H", v)
    return b"J" + struct.pack("<i", v)


def p_tuple(vals):
    return b"(" + b"".join(p_int(v) for v in vals) + b"t"


def state_dict(tensors):
    b = b"\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01("
    for name, storage, key, numel, offset, sizes, strides in tensors:
        b += p_str(name) + b"ctorch._utils\n_rebuild_tensor_v2\n((" + p_str("storage")
        b += b"ctorch\n" + storage.encode() + b"\n" + p_str(key) + p_str("cpu") + p_int(numel) + b"tQ"
        b += p_int(offset) + p_tuple(sizes) + p_tuple(strides) + b"\x89ccollections\nOrderedDict\n)RtR"
    b += b"u}" + p_str("_metadata") + b"}s" + b"b."
    return b


# Records of fuzz_pytorch_bin: data/0..3 hold 4, 64, 1536, 3072 bytes.
pk = state_dict([("a.weight", "HalfStorage", "3", 1536, 0, [32, 48], [48, 1]),
                 ("a.bias", "FloatStorage", "1", 16, 4, [12], [1]),
                 ("b.weight", "HalfStorage", "2", 768, 0, [16, 48], [1, 16]),
                 ("c", "ByteStorage", "0", 4, 0, [2, 2], [2, 1])])
for h in ("pickle", "pytorch_bin"):
    put(h, "state_dict", pk)
    put(h, "tied_views", state_dict([("x", "HalfStorage", "3", 1536, 0, [1536], [1]),
                                     ("y", "HalfStorage", "3", 1536, 512, [8, 128], [128, 1])]))
    put(h, "empty", b"\x80\x02ccollections\nOrderedDict\n)R.")
    # Regression inputs of issue 17 (findings 1-3).
    put(h, "offset_int64_max", state_dict([("w", "HalfStorage", "3", 1536, 0, [3], [1])]).replace(
        p_int(0) + p_tuple([3]), b"\x8a\x08" + struct.pack("<q", 2**63 - 1) + p_tuple([3]), 1))
    put(h, "nested_tuple", b"\x80\x02)" + b"\x85" * 2000 + b".")
    put(h, "memo_self_append", b"\x80\x02]q\x00h\x00a.")
    put(h, "ordered_dict_self", b"\x80\x02ccollections\nOrderedDict\n)Rq\x01(" + p_str("w") + b"h\x01u.")
with zipfile.ZipFile(os.path.join(DATA, "fixtures", "model_bin", "pytorch_model.bin")) as z:
    pkl = [n for n in z.namelist() if n.endswith("/data.pkl")][0]
    put("pickle", "fixture_model_bin", z.read(pkl))

# --- safetensors ---
def safetensors(header, data):
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + data


put("safetensors", "two_tensors", safetensors(
    {"__metadata__": {"format": "pt"}, "w": {"dtype": "F16", "shape": [2, 3], "data_offsets": [0, 12]},
     "b": {"dtype": "F32", "shape": [3], "data_offsets": [12, 24]},
     "i": {"dtype": "I64", "shape": [1], "data_offsets": [24, 32]}}, bytes(range(32))))
put("safetensors", "empty_tensor", safetensors({"e": {"dtype": "BF16", "shape": [0, 4], "data_offsets": [0, 0]}}, b""))

# --- config / preprocessor ---
put("config", "config", read("fixtures", "model", "config.json"))
put("config", "preprocessor_config", read("fixtures", "model", "preprocessor_config.json"))
put("config", "generation_config", read("fixtures", "model", "generation_config.json"))

# --- LoRA adapter_config.json (peft's LoraConfig as save_pretrained writes it) ---
put("lora_config", "peft_lora", json.dumps({
    "alpha_pattern": {"fc1": 6.0}, "auto_mapping": None, "base_model_name_or_path": "microsoft/Florence-2-base-ft",
    "bias": "none", "fan_in_fan_out": False, "inference_mode": True, "init_lora_weights": True,
    "layers_pattern": None, "layers_to_transform": None, "lora_alpha": 8, "lora_dropout": 0.05,
    "modules_to_save": None, "peft_type": "LORA", "r": 4, "rank_pattern": {"decoder.layers.1.fc1": 2},
    "revision": None, "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj", "fc1", "fc2"], "task_type": None,
    "use_dora": False, "use_rslora": False}) + "\n")

# --- tokenizer files (byte 0 even: tokenizer.json; odd: vocab.json NUL merges.txt) ---
vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "a": 4, "b": 5, "\u0120": 6, "ab": 7, "\u0120a": 8}
tok = {"model": {"type": "BPE", "vocab": vocab, "merges": ["a b", "\u0120 a"]},
       "added_tokens": [{"id": 9, "content": "<loc_1>", "special": True, "lstrip": False, "rstrip": False,
                         "single_word": False, "normalized": False}],
       "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False}}
put("tokenizer_files", "tokenizer_json", b"\x00" + json.dumps(tok).encode())
put("tokenizer_files", "vocab_merges", b"\x01" + json.dumps(vocab).encode() + b"\x00#version: 0.2\na b\n\xc4\xa0 a\n")

# --- tokenizer text ---
cases = json.loads(read("fixtures", "tokenizer_cases.json"))["cases"]
for i, c in enumerate(cases[:40]):
    text = c.get("text") if isinstance(c, dict) else None
    if isinstance(text, str):
        put("tokenizer_text", "case%02d" % i, text)

# --- images ---
for d in ("images", os.path.join("fixtures", "images")):
    for n in sorted(os.listdir(os.path.join(DATA, d))):
        p = os.path.join(DATA, d, n)
        if os.path.isfile(p) and os.path.getsize(p) < 64 * 1024 and n.rsplit(".", 1)[-1].lower() in ("png", "jpg", "tif", "bmp", "webp"):
            put("image", n, read(d, n))

# --- COCO / labelme / project ---
coco = {"images": [{"id": 1, "file_name": "a.jpg", "width": 40, "height": 30}],
        "categories": [{"id": 1, "name": "car"}, {"id": 2, "name": "text"}],
        "annotations": [
            {"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 10, 8], "area": 80, "iscrowd": 0,
             "segmentation": [], "score": 0.5, "attributes": {"kind": "box", "origin": "<OD>"}},
            {"id": 2, "image_id": 1, "category_id": 2, "bbox": [1, 1, 19, 7], "area": 133, "iscrowd": 0,
             "segmentation": [[1, 1, 20, 1, 20, 8, 1, 8]], "attributes": {"kind": "quad", "text": ""}},
            {"id": 3, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "area": 50, "iscrowd": 0,
             "segmentation": [[0, 0, 10, 10, 10, 0, 0, 10], [5, 0, 15, 0, 15, 10]]},
            {"id": 4, "image_id": 1, "category_id": 1, "bbox": [0, 0, 2, 3], "area": 6, "iscrowd": 1,
             "segmentation": {"size": [30, 40], "counts": "5220003"}}]}
captions = {"images": [{"id": 1, "file_name": "a.jpg", "width": 40, "height": 30}],
            "annotations": [{"id": 1, "image_id": 1, "caption": "A car."}]}
put("coco", "instances_and_captions", json.dumps(coco).encode() + b"\x00" + json.dumps(captions).encode())
put("coco", "instances", json.dumps(coco))
put("labelme", "shapes", json.dumps({
    "version": "5.2.1", "flags": {}, "imagePath": "a.jpg", "imageData": None, "imageHeight": 30, "imageWidth": 40,
    "shapes": [{"label": "car", "points": [[1, 2], [11, 10]], "shape_type": "rectangle", "flags": {}},
               {"label": "roof", "points": [[1, 1], [9, 1], [5, 7]], "shape_type": "polygon", "score": 0.7},
               {"label": "text", "points": [[1, 1], [9, 1], [9, 4], [1, 4]], "shape_type": "polygon",
                "description": "STOP"}]}))
put("checkpoint", "two_records", "\n".join([
    json.dumps({"format": "florence-annotate-checkpoint", "version": 1, "job": "<OD>", "shard": "1/1"}),
    json.dumps({"image": "a.jpg", "project": {"format": "florence-studio-project", "version": 1, "images": [
        {"path": "a.jpg", "width": 40, "height": 30, "status": "pre-annotated", "doneTasks": ["<OD>"],
         "shapes": [{"kind": "box", "box": [1, 2, 11, 10], "label": "car", "origin": "<OD>", "score": 0.5}],
         "captions": []}]}}),
    json.dumps({"image": "b.jpg", "project": {"format": "florence-studio-project", "version": 1, "images": [
        {"path": "b.jpg", "width": 4, "height": 3, "status": "none", "shapes": [], "captions": []}]}}), ""]))
put("checkpoint", "torn_last_line", read_cp := open(os.path.join(OUT, "checkpoint", "two_records"), "rb").read()[:-40])

put("project", "project", json.dumps({"format": "florence-studio-project", "version": 1, "labels": ["car", "roof"],
    "images": [{"path": "a.jpg", "width": 40, "height": 30, "status": "edited", "doneTasks": ["<OD>"],
                "shapes": [{"kind": "box", "box": [1, 2, 11, 10], "label": "car", "text": "", "origin": "manual"},
                           {"kind": "polygon", "rings": [[1, 1, 9, 1, 5, 7], [20, 20, 30, 20, 25, 28]],
                            "label": "roof", "text": "", "score": 0.25, "origin": "<OD>"},
                           {"kind": "quad", "rings": [[1, 1, 9, 1, 9, 4, 1, 4]], "label": "", "text": "STOP",
                            "origin": "<OCR_WITH_REGION>"}],
                "captions": [{"text": "A car.", "origin": "<CAPTION>"}]},
               {"path": "sub/b.png", "width": 0, "height": 0, "status": "none", "shapes": [], "captions": []}]}))

# --- RLE (bytes 0-1: height, width) ---
put("rle", "block", b"\x03\x04" + b"5220003")
put("rle", "long_runs", b"\x10\x10" + b":X13:")

# --- post-processing (byte 0: task index, bytes 1-2: image size / 8) ---
pp = json.loads(read("fixtures", "postprocess_cases.json"))["cases"]
for c in pp:
    if c.get("task") in TASKS and isinstance(c.get("text"), str):
        w, h = c.get("image_size_wh", [640, 480])
        put("postprocess", c["id"], bytes([TASKS.index(c["task"]), min(255, w // 8), min(255, h // 8)]) + c["text"].encode())
print("seeds written to", OUT)
