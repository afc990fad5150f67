"""Duplicates by text: exact copies and near-copies (syndicated wire copy, "churnalism").

Two articles under different ids can hold the same story. An **exact copy** (the same words once
case, punctuation and spacing are set aside: :func:`text_hash`) counts twice in every rate, so it
gets the status ``duplicate`` with the id of the article it copies (``duplicate_of``). A
**near-copy** (the same wire story with another headline, a trimmed ending, a few words
changed) is itself a research question, so it is kept and analysed: ``copy_of`` names the
earlier article it most resembles and ``copy_similarity`` the estimated Jaccard similarity of
their word 5-gram sets (MinHash signatures, banded into a locality-sensitive hash index, both
from `datasketch <https://ekzhu.com/datasketch/>`_).

Where the work happens: each worker computes its articles' hash and MinHash signature while it
has the text (the costly part, in parallel) and writes them beside the partition's parts; one
pass after the last partition (:func:`find_copies`) walks the partitions in input order and
compares each article with those before it. So the answer depends only on the inputs (never on
``--jobs``, a cluster's scheduling or a resume), the first article of a family is the one the
others copy, and the index lives only in that pass.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np


@dataclass(frozen=True)
class CopySettings:
    """How copies are found; the defaults are measured by ``scripts/measure_copies.py``."""

    shingle: int = 5
    """Words in a shingle: 5-grams are rare enough that two unrelated articles share few."""
    num_perm: int = 128
    """MinHash permutations: the estimate's standard error is about 0.044 at 128."""
    seed: int = 1
    """Seed of the permutations: fixed, so signatures (and results) are the same on every run."""
    threshold: float = 0.5
    """Similarity the LSH index is tuned to find (its bands and rows follow from it)."""
    min_similarity: float = 0.5
    """Estimated Jaccard similarity from which a candidate is recorded as ``copy_of``."""
    min_words: int = 30
    """Articles with fewer words get no signature: their 5-gram sets are too small to compare."""


SETTINGS = CopySettings()
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The text's words, case-folded and compatibility-normalised: what copies are compared on."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def text_hash(text: str) -> str:
    """The hash of the normalised words: equal for copies that differ only in case, punctuation,
    spacing or Unicode form (NFKC)."""
    return _hash(words(text))


def _hash(ws: list[str]) -> str:
    return hashlib.blake2b(" ".join(ws).encode("utf-8"), digest_size=16).hexdigest()


def hash_and_signature(text: str, settings: CopySettings = SETTINGS) -> tuple[str, bytes | None]:
    """:func:`text_hash` and :func:`signature` of a text, its words found once."""
    ws = words(text)
    return _hash(ws), _signature(ws, settings)


def signature(text: str, settings: CopySettings = SETTINGS) -> bytes | None:
    """The MinHash signature of the text's word shingles, as bytes (``num_perm`` unsigned 32-bit
    values), or ``None`` for a text too short to compare."""
    return _signature(words(text), settings)


def _signature(ws: list[str], settings: CopySettings) -> bytes | None:
    if len(ws) < settings.min_words:
        return None
    m = _minhash(settings)
    m.update_batch(shingles(ws, settings.shingle).tolist())
    return np.asarray(m.hashvalues, dtype="<u4").tobytes()


def shingles(ws: list[str], n: int) -> np.ndarray:
    """The distinct 32-bit hashes of the word ``n``-grams, sorted: each word hashed once (CRC-32,
    the same on every machine and run, unlike ``hash()``), the n-grams combined with numpy, which
    is three times faster than hashing every n-gram's text in Python."""
    w = np.fromiter((zlib.crc32(x.encode("utf-8")) for x in ws), dtype=np.uint64, count=len(ws))
    k = len(ws) - n + 1
    h = w[:k].copy()
    for j in range(1, n):
        h = (h * np.uint64(1_000_003) + w[j : j + k]) & np.uint64(0xFFFFFFFF)
    return np.unique(h)


def _identity(x: int) -> int:
    return x


@cache
def _permutations(settings: CopySettings) -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=settings.num_perm, seed=settings.seed, scheme="affine32", hashfunc=_identity).permutations


def _minhash(settings: CopySettings) -> Any:
    """An empty MinHash over shingle hashes, its permutations drawn once per process."""
    from datasketch import MinHash

    return MinHash(
        num_perm=settings.num_perm,
        seed=settings.seed,
        scheme="affine32",
        hashfunc=_identity,
        permutations=_permutations(settings),
    )


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal values."""
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


@dataclass(frozen=True)
class Verdict:
    """What the copy pass says of one article."""

    duplicate_of: str | None = None
    """The id of the earlier article with the same text (or the same id): status ``duplicate``."""
    reason: str | None = None
    copy_of: str | None = None
    copy_similarity: float | None = None


class CopyIndex:
    """The articles seen so far, in input order: ids, exact hashes and a MinHash LSH index."""

    def __init__(self, settings: CopySettings = SETTINGS) -> None:
        from datasketch import MinHashLSH

        self.settings = settings
        self.lsh = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm)
        self.ids: dict[str, str] = {}
        self.hashes: dict[str, tuple[str, str]] = {}
        self.keys: list[tuple[str, bytes]] = []

    def see(self, ident: str | None, origin: str, digest: str | None, sig: bytes | None) -> Verdict:
        """The verdict on the next article, which is then remembered (unless it is a duplicate)."""
        if ident and ident in self.ids and self.ids[ident] != origin:
            return Verdict(ident, f"duplicate id (first at {self.ids[ident]})")
        if ident:
            self.ids.setdefault(ident, origin)
        if digest is None:
            return Verdict()
        if digest in self.hashes:
            first_id, first_origin = self.hashes[digest]
            return Verdict(first_id, f"duplicate text of {first_id} (first at {first_origin})")
        self.hashes[digest] = (ident or origin, origin)
        verdict = self._near(sig) if sig is not None else Verdict()
        if sig is not None:
            self.lsh.insert(len(self.keys), self._minhash(sig), check_duplication=False)
            self.keys.append((ident or origin, sig))
        return verdict

    def _near(self, sig: bytes) -> Verdict:
        best: tuple[float, int] | None = None
        for key in self.lsh.query(self._minhash(sig)):
            sim = similarity(sig, self.keys[key][1])
            if sim >= self.settings.min_similarity and (best is None or (sim, -key) > (best[0], -best[1])):
                best = (sim, key)
        if best is None:
            return Verdict()
        return Verdict(copy_of=self.keys[best[1]][0], copy_similarity=round(best[0], 4))

    def _minhash(self, sig: bytes) -> Any:
        from datasketch import LeanMinHash

        return LeanMinHash(seed=self.settings.seed, hashvalues=np.frombuffer(sig, "<u4"), scheme="affine32")


def find_copies(
    rows: Iterable[tuple[str | None, str, str, str | None, bytes | None]], settings: CopySettings = SETTINGS
) -> Iterator[Verdict]:
    """A verdict for each article ``(id, origin, status, text hash, signature)``, in input order.
    Error records neither copy nor are copied."""
    index = CopyIndex(settings)
    for ident, origin, status, digest, sig in rows:
        yield Verdict() if status == "error" else index.see(ident, origin, digest, sig)
