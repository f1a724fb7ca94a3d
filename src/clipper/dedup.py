"""Near-duplicate detection: MinHash signatures of word shingles, LSH banding to find candidates.

Two texts are near copies when either
- their estimated Jaccard similarity of 5-word shingles is at least 0.8 (syndicated copies with
  small edits), or
- the shorter one (at least 50 shingles, and about a fifth of the longer or more) has an estimated
  90 % of its shingles in the longer one: the same story saved twice, once with more page chrome
  around it, or once cut short by a paywall.
Exact copies need none of this: they share the record id (a hash of the normalized text).

MinHash: each shingle gets one 64-bit BLAKE2 hash; hash function i is that hash XOR a fixed mask
whose top byte is i, so any two functions differ in their top bits and pick their minimum from
different parts of the hash space. 128 functions, banded 64 × 2: a pair with Jaccard 0.3 becomes a
candidate with probability 0.998, a pair with Jaccard 0.02 with 0.025; candidates are then checked
against the thresholds above.
"""
from __future__ import annotations

import hashlib
import random
import re
import struct
from dataclasses import dataclass
from functools import lru_cache

from .record import normalize_for_id
from .textbounds import MAX_CHARS

SHINGLE_WORDS = 5
NUM_HASHES = 128
BAND_ROWS = 2
JACCARD_THRESHOLD = 0.8
CONTAINMENT_THRESHOLD = 0.9
MIN_SHINGLES = 10  # below this, only exact copies are detected
MIN_CONTAINED_SHINGLES = 50
MIN_CONTAINMENT_SAMPLE = 24  # of NUM_HASHES: the shorter text is at least about a fifth of the longer

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Signature:
    minhashes: tuple[int, ...]
    shingles: int  # number of distinct shingles, for the containment estimate

    def to_bytes(self) -> bytes:
        return struct.pack(f"<{NUM_HASHES}Q", *self.minhashes)

    @classmethod
    def from_bytes(cls, blob: bytes, shingles: int) -> Signature:
        return cls(struct.unpack(f"<{NUM_HASHES}Q", blob), shingles)


@lru_cache(maxsize=1)
def _masks() -> tuple[int, ...]:
    rng = random.Random(20240501)  # fixed: signatures stored in a state file must stay comparable
    return tuple((i << 56) | rng.getrandbits(56) for i in range(NUM_HASHES))


def signature(text: str) -> Signature | None:
    """MinHash signature of the text's 5-word shingles, or None for a text too short to compare."""
    words = _WORD.findall(normalize_for_id(text[:MAX_CHARS]))  # bounded, as a record's text may not be
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    hashes = [int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little") for s in shingles]
    return Signature(tuple(_min_xor(hashes, _masks())), len(shingles))


def _min_xor(hashes: list[int], masks: tuple[int, ...]) -> list[int]:
    """min(h ^ mask for h in hashes) for each mask, exactly, without 128 passes over all hashes.

    The top byte decides first: h ^ mask is smallest among the hashes whose top byte b makes
    b ^ (the mask's top byte) smallest, so only that bucket of hashes needs the full comparison."""
    buckets: dict[int, list[int]] = {}
    for h in hashes:
        buckets.setdefault(h >> 56, []).append(h)
    minima = []
    for mask in masks:
        top = mask >> 56
        low_top = 0
        while low_top ^ top not in buckets:
            low_top += 1
        minima.append(min(map(mask.__xor__, buckets[low_top ^ top])))
    return minima


def band_keys(sig: Signature) -> list[int]:
    """One key per band (signed 64-bit, to fit an SQLite integer); equal keys make a candidate pair."""
    keys = []
    for band, start in enumerate(range(0, NUM_HASHES, BAND_ROWS)):
        rows = struct.pack(f"<H{BAND_ROWS}Q", band, *sig.minhashes[start : start + BAND_ROWS])
        keys.append(int.from_bytes(hashlib.blake2b(rows, digest_size=8).digest(), "little", signed=True))
    return keys


def is_near_copy(a: Signature, b: Signature) -> bool:
    same = sum(x == y for x, y in zip(a.minhashes, b.minhashes, strict=False))
    if same >= JACCARD_THRESHOLD * NUM_HASHES:
        return True
    small, large = (a, b) if a.shingles <= b.shingles else (b, a)
    if small.shingles < MIN_CONTAINED_SHINGLES:
        return False
    # Where the union's minimum lies in the smaller text (equal minima, or the smaller's is lower),
    # it is a uniform sample of the smaller text's shingles; the share of those also in the larger
    # text estimates containment far more tightly than a low Jaccard estimate would.
    small_only = sum(x < y for x, y in zip(small.minhashes, large.minhashes, strict=False))
    sampled = same + small_only
    return sampled >= MIN_CONTAINMENT_SAMPLE and same >= CONTAINMENT_THRESHOLD * sampled


def duplicate_of(index, text_id: str, path: str, sig: Signature | None) -> str | None:
    """The id of the first-seen text this one copies, or None when it is new (it is then added to
    `index`, a state.State). An earlier version of the same path is not a copy: a file that changed,
    or one ingested again with --force, is the same clipping, not a duplicate of itself."""
    known = index.known_text(text_id)
    if known:
        return known.id if known.path != path else None
    keys = band_keys(sig) if sig else []
    for candidate in index.band_candidates(keys) if keys else ():
        if (sig and candidate.path != path and candidate.signature
                and is_near_copy(sig, candidate.signature)):
            return candidate.id
    index.remember_text(text_id, path, sig, keys)
    return None
