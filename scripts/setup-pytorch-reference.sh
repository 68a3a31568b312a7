#!/usr/bin/env bash
# Environment for bench/pytorch_reference.py: the ORIGINAL Python Florence-2 (remote code
# modeling_florence2.py / configuration_florence2.py / processing_florence2.py) on
# transformers 4.40.2 + torch, to time it against the C++ port on the same machine.
#
# A) Normal machine with PyPI and the Hugging Face hub (no shims):
#      python3 -m venv .venv-pyref && . .venv-pyref/bin/activate
#      pip install "transformers==4.40.2" torch "timm<1" einops "numpy<2" pillow
#        (torch==1.13.1 for the exact torch of the project's fixtures; its wheels exist for Python <= 3.10)
#      huggingface-cli download microsoft/Florence-2-large modeling_florence2.py configuration_florence2.py \
#          processing_florence2.py --revision 00d2f1570b00c6dea5df998f5635db96840436bc --local-dir pyref-remote-code
#      python3 bench/pytorch_reference.py --model build/bench-base-model --remote-code pyref-remote-code \
#          --threads 2 --repeat 3 --tokens 100 --beams 3
#
# B) Debian bookworm without PyPI (how the 2-core dev machine got it; this script):
#      scripts/setup-pytorch-reference.sh [PYREF_DIR]        (default /work/pyref)
#    1. apt: python3-torch 1.13.1 (+ torchvision 0.14.1, which timm imports) and the other dependencies.
#    2. Pure-Python packages copied from git checkouts (bare or not) into PYREF_DIR/site:
#         transformers     v4.40.2   $TRANSFORMERS_GIT  (github.com/frank-dong-ms/transformers, a fork carrying the tag)
#         huggingface_hub  v0.23.5   $HFHUB_GIT         (github.com/huggingface/huggingface_hub)
#         timm             v0.9.16   $TIMM_GIT          (github.com/huggingface/pytorch-image-models)
#         einops           v0.7.0    $EINOPS_GIT        (github.com/arogozhnikov/einops)
#       and the remote code into PYREF_DIR/remote-code from $FLORENCE_GIT (a git mirror of the HF repo
#       microsoft/Florence-2-large; github.com/zxyzxy8888/Florence-2-large @0c2fdd9, whose three .py files are
#       byte-identical to microsoft/Florence-2-large @00d2f15).
#       Defaults: the /work/.mirror/<owner>+<name>/repo copies that the agent tool `fetch` made.
#    3. Shims in PYREF_DIR/shims, because the Rust extensions safetensors and tokenizers cannot be installed:
#         safetensors/  pure-Python safe_open + safetensors.torch.load_file/save_file/load/save/storage_ptr/
#                       storage_size (all transformers 4.40.2 needs to load model.safetensors);
#         tokenizers is simply absent: transformers then uses the slow pure-Python BartTokenizer
#         (pytorch_reference.py writes vocab.json/merges.txt from tokenizer.json and makes transformers'
#         fallback AddedToken hashable, see patch_fallback_added_token there).
#       *.dist-info/METADATA stubs so transformers' import-time version checks (importlib.metadata) pass.
#    If PYREF_DIR is already prepared, steps 2-3 are skipped (delete it to rebuild).
#    Run with Debian's /usr/bin/python3 (not a pyenv/venv python):
#      PYTHONPATH=PYREF_DIR/shims:PYREF_DIR/site /usr/bin/python3 bench/pytorch_reference.py \
#          --model build/bench-base-model --remote-code PYREF_DIR/remote-code --threads 2 --repeat 3 --tokens 100 --beams 3
set -euo pipefail

PYREF=${1:-/work/pyref}
M=/work/.mirror
TRANSFORMERS_GIT=${TRANSFORMERS_GIT:-$M/frank-dong-ms+transformers/repo}
HFHUB_GIT=${HFHUB_GIT:-$M/huggingface+huggingface_hub/repo}
TIMM_GIT=${TIMM_GIT:-$M/huggingface+pytorch-image-models/repo}
EINOPS_GIT=${EINOPS_GIT:-$M/arogozhnikov+einops/repo}
FLORENCE_GIT=${FLORENCE_GIT:-$M/zxyzxy8888+Florence-2-large/repo}
FLORENCE_REV=${FLORENCE_REV:-0c2fdd9}

# 1. Debian packages (bookworm: python3-torch 1.13.1, python3-torchvision 0.14.1).
APT_PKGS="python3-torch python3-torchvision python3-numpy python3-pil python3-regex python3-yaml python3-requests
          python3-tqdm python3-filelock python3-packaging python3-fsspec python3-typing-extensions"
missing=$(for p in $APT_PKGS; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
    echo "apt-get install -y" $missing
    apt-get install -y $missing
fi

gitdir() { if [ -d "$1/.git" ]; then echo "$1/.git"; else echo "$1"; fi; }
# extract REPO REV PATH_IN_REPO DEST STRIP
extract() { mkdir -p "$4"; git --git-dir="$(gitdir "$1")" archive "$2" "$3" | tar -x -C "$4" --strip-components="$5"; }
distinfo() {  # DIR NAME VERSION
    mkdir -p "$1/$2-$3.dist-info"
    printf 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' "${2//_/-}" "$3" > "$1/$2-$3.dist-info/METADATA"
}

if [ -f "$PYREF/site/transformers/__init__.py" ] && [ -f "$PYREF/shims/safetensors/torch.py" ] \
        && [ -f "$PYREF/remote-code/modeling_florence2.py" ]; then
    echo "$PYREF already prepared; not rebuilding"
else
    # 2. Sources.
    extract "$TRANSFORMERS_GIT" v4.40.2 src/transformers "$PYREF/site" 1
    extract "$HFHUB_GIT" v0.23.5 src/huggingface_hub "$PYREF/site" 1
    extract "$TIMM_GIT" v0.9.16 timm "$PYREF/site" 0
    extract "$EINOPS_GIT" v0.7.0 einops "$PYREF/site" 0
    mkdir -p "$PYREF/remote-code"
    for f in modeling_florence2.py configuration_florence2.py processing_florence2.py; do
        git --git-dir="$(gitdir "$FLORENCE_GIT")" show "$FLORENCE_REV:$f" > "$PYREF/remote-code/$f"
    done
    distinfo "$PYREF/site" transformers 4.40.2
    distinfo "$PYREF/site" huggingface_hub 0.23.5
    distinfo "$PYREF/site" timm 0.9.16
    distinfo "$PYREF/site" einops 0.7.0

    # 3. safetensors shim (the format: u64 little-endian header size N, N bytes of JSON header, raw data).
    mkdir -p "$PYREF/shims/safetensors"
    distinfo "$PYREF/shims" safetensors 0.4.3
    cat > "$PYREF/shims/safetensors/__init__.py" <<'EOF'
"""Minimal pure-Python stand-in for `safetensors` (the real one is a Rust extension), enough for
transformers 4.40.2 to load/save PyTorch checkpoints. Written by scripts/setup-pytorch-reference.sh."""
import json
import struct

__version__ = "0.4.3"
_DTYPES = {"F64": "float64", "F32": "float32", "F16": "float16", "BF16": "bfloat16", "I64": "int64",
           "I32": "int32", "I16": "int16", "I8": "int8", "U8": "uint8", "BOOL": "bool"}


class _Slice:
    def __init__(self, handle, name):
        self._h, self._name = handle, name

    def get_shape(self):
        return list(self._h._header[self._name]["shape"])

    def get_dtype(self):
        return self._h._header[self._name]["dtype"]

    def __getitem__(self, idx):
        return self._h.get_tensor(self._name)[idx]


class safe_open:
    def __init__(self, filename, framework="pt", device="cpu"):
        if framework not in ("pt", "torch"):
            raise ValueError("this safetensors shim only supports framework='pt'")
        self._device = device
        self._f = open(filename, "rb")
        n = struct.unpack("<Q", self._f.read(8))[0]
        self._header = json.loads(self._f.read(n))
        self._base = 8 + n
        self._meta = self._header.pop("__metadata__", None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._f.close()
        return False

    def metadata(self):
        return self._meta

    def keys(self):
        return list(self._header.keys())

    def offset_keys(self):
        return sorted(self._header, key=lambda k: self._header[k]["data_offsets"][0])

    def get_slice(self, name):
        return _Slice(self, name)

    def get_tensor(self, name):
        import torch
        info = self._header[name]
        dtype = getattr(torch, _DTYPES[info["dtype"]])
        begin, end = info["data_offsets"]
        if end == begin:
            t = torch.empty(info["shape"], dtype=dtype)
        else:
            buf = bytearray(end - begin)
            self._f.seek(self._base + begin)
            if self._f.readinto(buf) != len(buf):
                raise IOError("truncated safetensors file")
            t = torch.frombuffer(buf, dtype=dtype).reshape(info["shape"])
        return t if self._device in ("cpu", None) else t.to(self._device)
EOF
    cat > "$PYREF/shims/safetensors/torch.py" <<'EOF'
"""Pure-Python subset of safetensors.torch (see __init__.py)."""
import json
import struct

from . import safe_open, _DTYPES

_NAMES = {v: k for k, v in _DTYPES.items()}


def load_file(filename, device="cpu"):
    with safe_open(filename, framework="pt", device=device) as f:
        return {k: f.get_tensor(k) for k in f.offset_keys()}


def save(tensors, metadata=None):
    import torch
    header, chunks, off = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name in sorted(tensors):
        t = tensors[name].detach().to("cpu").contiguous()
        data = t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[name] = {"dtype": _NAMES[str(t.dtype).replace("torch.", "")], "shape": list(t.shape),
                        "data_offsets": [off, off + len(data)]}
        chunks.append(data)
        off += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + b"".join(chunks)


def save_file(tensors, filename, metadata=None):
    with open(filename, "wb") as f:
        f.write(save(tensors, metadata))


def load(data):
    import torch
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    header.pop("__metadata__", None)
    out = {}
    for k, info in header.items():
        b, e = info["data_offsets"]
        dtype = getattr(torch, _DTYPES[info["dtype"]])
        buf = bytearray(data[8 + n + b:8 + n + e])
        out[k] = torch.frombuffer(buf, dtype=dtype).reshape(info["shape"]) if buf else torch.empty(info["shape"], dtype=dtype)
    return out


def storage_ptr(tensor):
    try:
        return tensor.untyped_storage().data_ptr()
    except Exception:
        try:
            return tensor.storage().data_ptr()
        except NotImplementedError:
            return 0


def storage_size(tensor):
    try:
        return tensor.untyped_storage().nbytes()
    except AttributeError:
        try:
            return tensor.storage().size() * tensor.element_size()
        except NotImplementedError:
            return tensor.nelement() * tensor.element_size()
EOF
fi

PYTHONPATH="$PYREF/shims:$PYREF/site" /usr/bin/python3 -c '
import torch, transformers, huggingface_hub, timm, einops, safetensors
from timm.models.layers import DropPath, trunc_normal_
print("ok: torch", torch.__version__, "transformers", transformers.__version__, "huggingface_hub",
      huggingface_hub.__version__, "timm", timm.__version__, "einops", einops.__version__, "safetensors (shim)", safetensors.__version__)'
echo "run: PYTHONPATH=$PYREF/shims:$PYREF/site /usr/bin/python3 bench/pytorch_reference.py --model build/bench-base-model --remote-code $PYREF/remote-code --threads 2 --repeat 3 --tokens 100 --beams 3"
