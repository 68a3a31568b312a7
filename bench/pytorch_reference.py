#!/usr/bin/env python3
"""End-to-end <OD> timing of the ORIGINAL Python Florence-2 (Hugging Face remote code
modeling_florence2.py / configuration_florence2.py / processing_florence2.py on
transformers 4.40.2), for comparison with florence-bench-model's "end-to-end <OD> 100
forced tokens, beams 3" line on the same machine.

    python3 bench/pytorch_reference.py --model build/bench-base-model \
        --remote-code DIR_WITH_THE_3_PY_FILES --threads 2 --repeat 3 --tokens 100 --beams 3

What is measured (fp32, CPU, torch.no_grad, attn_implementation="eager"):
  total   = one model.generate(input_ids, pixel_values, max_new_tokens = min_new_tokens = --tokens,
            num_beams = --beams, do_sample=False, early_stopping=False) call; every other
            generation setting is the model's own (no_repeat_ngram_size=3, forced BOS/EOS, ...).
  vision  = time inside model._encode_image (DaViT + projection + position embeddings),
            measured by wrapping the bound method on the instance (timing only).
  encoder = time inside the language model's encoder forward (forward pre-hook / hook).
  decode  = (total - vision - encoder) / decoder forward calls, i.e. ms per step (all
            beams), everything else inside generate included (beam bookkeeping, logits
            processors, merging the image features into the prompt embeddings).
Image preprocessing and tokenization happen once, before timing (as in the C++ bench,
which preprocesses once and times Pipeline::run).

Inputs: the prompt and pixel_values come from the original Florence2Processor
(AutoProcessor with trust_remote_code): text "<OD>" -> "Locate the objects with proper
category name in the image." -> <s> BPE </s>. --image-seed synthetic (default) feeds it
the 1024x768 RGB picture of bench_model.cpp (byte i = uint8((i * 2654435761 mod 2^32) >> 24)
over the interleaved RGB bytes); --image-seed random uses torch.randn pixel_values
(seed 0) instead of the image processor.

The model directory only needs config.json, model.safetensors, tokenizer.json,
preprocessor_config.json (generation_config.json optional); a temporary directory with
symlinks to those plus the remote-code .py files is what from_pretrained loads. When
the Rust `tokenizers` package is not installed, the slow (pure-Python) BartTokenizer is
used, with vocab.json / merges.txt written from tokenizer.json's BPE model.
"""
import argparse
import atexit
import contextlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

REMOTE_FILES = ("modeling_florence2.py", "configuration_florence2.py", "processing_florence2.py")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", required=True, help="Florence-2 model dir (config.json, model.safetensors, tokenizer.json, ...)")
    p.add_argument("--remote-code", default=None,
                   help="dir with modeling_florence2.py, configuration_florence2.py, processing_florence2.py "
                        "(default: --model, if it has them)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--warmup", type=int, default=0, help="untimed generate calls before the timed runs (default 0)")
    p.add_argument("--tokens", type=int, default=100, help="new tokens, forced: min_new_tokens = max_new_tokens")
    p.add_argument("--beams", type=int, default=3)
    p.add_argument("--image-seed", choices=("synthetic", "random"), default="synthetic")
    p.add_argument("--task", default="<OD>")
    return p.parse_args()


def synthetic_picture(width=1024, height=768):
    """bench_model.cpp: picture.pixels[i] = uint8((i * 2654435761u) >> 24), RGB interleaved, row-major."""
    import numpy as np
    from PIL import Image
    i = np.arange(width * height * 3, dtype=np.uint64)
    px = (((i * np.uint64(2654435761)) & np.uint64(0xFFFFFFFF)) >> np.uint64(24)).astype(np.uint8)
    return Image.fromarray(px.reshape(height, width, 3), mode="RGB")


def have_fast_tokenizers():
    try:
        import tokenizers  # noqa: F401
        return True
    except Exception:
        return False


def patch_fallback_added_token():
    """Only without the `tokenizers` package (never with a pip install of transformers, which
    requires it): transformers 4.40.2 then defines its own AddedToken as
    @dataclass(eq=True) without fields, so it is unhashable (slow tokenizer __init__ raises
    "TypeError: unhashable type: 'AddedToken'"), any two instances compare equal, and it lacks
    the __setstate__ that PreTrainedTokenizer._add_tokens calls. Give it the semantics of
    tokenizers.AddedToken: hash and equality by content, __setstate__ updating the fields."""
    import transformers.tokenization_utils_base as tub
    cls = tub.AddedToken
    if getattr(cls, "__module__", "").startswith("tokenizers"):
        return
    cls.__hash__ = lambda self: hash(self.content)
    cls.__eq__ = lambda self, other: isinstance(other, cls) and self.content == other.content
    if not hasattr(cls, "__setstate__"):  # used by PreTrainedTokenizer._add_tokens
        cls.__setstate__ = lambda self, state: self.__dict__.update(state)


@contextlib.contextmanager
def without_flash_attn_import_check():
    """modeling_florence2.py imports flash_attn only under `if is_flash_attn_2_available():`,
    but transformers' check_imports scans the file's import lines and refuses to load it
    without the flash_attn package. The usual Florence-2 workaround: drop "flash_attn" from
    the list that check sees (nothing else changes; eager attention is used)."""
    from unittest import mock
    import transformers.dynamic_module_utils as dmu
    orig = dmu.get_imports

    def get_imports(filename):
        return [i for i in orig(filename) if i != "flash_attn"]

    with mock.patch.object(dmu, "get_imports", get_imports):
        yield


def prepare_dir(root, model_dir, remote_dir, slow_tokenizer):
    """Temp dir = symlinks to the model files + remote code (+ vocab.json/merges.txt for the slow tokenizer)."""
    tmp = os.path.join(root, "florence2")
    os.mkdir(tmp)
    for name in os.listdir(model_dir):
        src = os.path.join(model_dir, name)
        if os.path.isfile(src) and not name.endswith(".py"):
            os.symlink(os.path.abspath(src), os.path.join(tmp, name))
    for name in REMOTE_FILES:
        src = os.path.join(remote_dir, name)
        if not os.path.isfile(src):
            sys.exit(f"missing remote-code file {src}")
        os.symlink(os.path.abspath(src), os.path.join(tmp, name))
    if slow_tokenizer and not os.path.isfile(os.path.join(model_dir, "vocab.json")):
        with open(os.path.join(model_dir, "tokenizer.json"), encoding="utf-8") as f:
            tj = json.load(f)
        bpe = tj["model"]
        vocab = dict(bpe["vocab"])
        for t in tj.get("added_tokens", []):
            vocab.setdefault(t["content"], t["id"])
        with open(os.path.join(tmp, "vocab.json"), "w", encoding="utf-8") as f:
            json.dump(vocab, f, ensure_ascii=False)
        with open(os.path.join(tmp, "merges.txt"), "w", encoding="utf-8") as f:
            f.write("#version: 0.2\n")  # BartTokenizer skips the first line
            for m in bpe["merges"]:
                f.write((m if isinstance(m, str) else " ".join(m)) + "\n")
    return tmp


def main():
    a = parse_args()
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(var, str(a.threads))
    # Everything temporary (the symlinked model dir, transformers' copy of the remote code) in one
    # directory, removed at the end; HF_MODULES_CACHE is read when transformers is imported.
    root = tempfile.mkdtemp(prefix="florence2-pyref-")
    atexit.register(shutil.rmtree, root, True)
    os.environ["HF_MODULES_CACHE"] = os.path.join(root, "modules")
    import torch
    import transformers
    from transformers import AutoModelForCausalLM, AutoProcessor

    torch.set_num_threads(a.threads)
    remote = a.remote_code or a.model
    slow = not have_fast_tokenizers()
    if slow:
        patch_fallback_added_token()
    tmp = prepare_dir(root, a.model, remote, slow)

    print(f"python {sys.version.split()[0]}, torch {torch.__version__}, transformers {transformers.__version__}, "
          f"torch threads {torch.get_num_threads()} (interop {torch.get_num_interop_threads()}), "
          f"tokenizer {'slow BartTokenizer (no tokenizers package)' if slow else 'BartTokenizerFast'}, "
          f"remote code {os.path.abspath(remote)}", flush=True)

    processor = AutoProcessor.from_pretrained(tmp, trust_remote_code=True, use_fast=not slow)
    if a.image_seed == "synthetic":
        inputs = processor(text=a.task, images=synthetic_picture(), return_tensors="pt")
        pixel_values = inputs["pixel_values"].to(torch.float32)
    else:
        inputs = processor.tokenizer(processor._construct_prompts([a.task]), return_tensors="pt")
        g = torch.Generator().manual_seed(0)
        pixel_values = torch.randn(1, 3, 768, 768, generator=g, dtype=torch.float32)
    input_ids = inputs["input_ids"]
    print(f"input_ids {input_ids.tolist()[0]}", flush=True)
    print(f"pixel_values {tuple(pixel_values.shape)} {pixel_values.dtype} ({a.image_seed}), "
          f"mean {pixel_values.mean().item():.6f} std {pixel_values.std().item():.6f}", flush=True)

    t0 = time.perf_counter()
    with without_flash_attn_import_check():
        model = AutoModelForCausalLM.from_pretrained(tmp, trust_remote_code=True, attn_implementation="eager",
                                                     torch_dtype=torch.float32)
    model.eval()
    print(f"model loaded in {time.perf_counter() - t0:.1f} s ({type(model).__name__}, "
          f"{sum(p.numel() for p in model.parameters()) / 1e6:.1f} M parameters, "
          f"attn {model.config.text_config._attn_implementation})", flush=True)

    # Timing instrumentation only; the model code itself is untouched.
    acc = {"vision": 0.0, "encoder": 0.0, "decoder_calls": 0}
    orig_encode_image = model._encode_image

    def timed_encode_image(*args, **kwargs):
        s = time.perf_counter()
        out = orig_encode_image(*args, **kwargs)
        acc["vision"] += time.perf_counter() - s
        return out

    model._encode_image = timed_encode_image
    encoder = model.language_model.get_encoder()
    decoder = model.language_model.get_decoder()
    start = {}
    encoder.register_forward_pre_hook(lambda m, i: start.__setitem__("enc", time.perf_counter()))
    encoder.register_forward_hook(lambda m, i, o: acc.__setitem__("encoder", acc["encoder"] + time.perf_counter() - start["enc"]))
    decoder.register_forward_pre_hook(lambda m, i: acc.__setitem__("decoder_calls", acc["decoder_calls"] + 1))

    gen_kwargs = dict(input_ids=input_ids, pixel_values=pixel_values, max_new_tokens=a.tokens,
                      min_new_tokens=a.tokens, num_beams=a.beams, do_sample=False, early_stopping=False)

    def one_run():
        acc.update(vision=0.0, encoder=0.0, decoder_calls=0)
        with torch.no_grad():
            s = time.perf_counter()
            out = model.generate(**gen_kwargs)
            total = time.perf_counter() - s
        return out, total

    for w in range(a.warmup):
        _, total = one_run()
        print(f"  warm-up {w}: {total * 1e3:.0f} ms", flush=True)

    runs, out = [], None
    for r in range(a.repeat):
        out, total = one_run()
        vis, enc, calls = acc["vision"] * 1e3, acc["encoder"] * 1e3, acc["decoder_calls"]
        dec = total * 1e3 - vis - enc
        step = dec / max(1, calls)
        runs.append(dict(total_ms=total * 1e3, vision_ms=vis, encoder_ms=enc, decode_ms=dec, step_ms=step,
                         decoder_calls=calls, new_tokens=out.shape[1] - 1))
        print(f"  e2e run {r}: {total * 1e3:.0f} ms (vision {vis:.0f}, encoder {enc:.0f}, decode {dec:.0f} = "
              f"{step:.1f} ms/step over {calls} decoder calls, {out.shape[1] - 1} new tokens)", flush=True)

    med = {k: statistics.median(r[k] for r in runs) for k in ("total_ms", "vision_ms", "encoder_ms", "decode_ms", "step_ms")}
    print(f"end-to-end {a.task} {a.tokens} forced tokens, beams {a.beams}, PyTorch {torch.__version__} fp32, "
          f"{a.threads} threads: {med['total_ms']:.0f} ms (median of {a.repeat}; vision {med['vision_ms']:.0f}, "
          f"encoder {med['encoder_ms']:.0f}, decode {med['step_ms']:.1f} ms/step)", flush=True)
    print(json.dumps({
        "torch": torch.__version__, "transformers": transformers.__version__, "threads": a.threads,
        "task": a.task, "tokens": a.tokens, "beams": a.beams, "image": a.image_seed, "repeat": a.repeat,
        "warmup": a.warmup, "input_ids": input_ids.tolist()[0], "median": med, "runs": runs,
        "token_ids": out.tolist()[0] if out is not None else None,
    }))


if __name__ == "__main__":
    main()
