#!/usr/bin/env python3
"""Writes the tiny loc-biased random model used for review screenshots: a copy of the fixture model
(tests/data/fixtures/model) whose final_logits_bias favours every <loc_N> token (+80, like
tests/model_variants.h writeLocModel), so that <OD> answers are full of boxes.
Usage: python3 scripts/make-loc-model.py OUT_DIR"""
import json, os, shutil, struct, sys

src = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "fixtures", "model")
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for f in ("config.json", "preprocessor_config.json", "tokenizer.json", "tokenizer_config.json"):
    shutil.copy(os.path.join(src, f), os.path.join(out, f))
data = bytearray(open(os.path.join(src, "model.safetensors"), "rb").read())
(n,) = struct.unpack("<Q", data[:8])
header = json.loads(data[8:8 + n])
info = header["language_model.final_logits_bias"]
assert info["dtype"] == "F32"
begin, end = info["data_offsets"]
base = 8 + n + begin
count = (end - begin) // 4
for i in range(50269, min(51269, count)):
    (v,) = struct.unpack_from("<f", data, base + 4 * i)
    struct.pack_into("<f", data, base + 4 * i, v + 80.0)
open(os.path.join(out, "model.safetensors"), "wb").write(data)
print("wrote", out)
