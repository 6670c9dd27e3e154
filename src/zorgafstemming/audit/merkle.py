"""RFC 6962 / RFC 9162 Merkle tree: leaf and node hashes, an appendable frontier, and inclusion
and consistency proofs with their verification. Pure functions, no database."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()
_sha256 = hashlib.sha256


class ProofError(ValueError):
    """A proof or frontier that does not fit the sizes it claims."""


def leaf_hash(data: bytes) -> bytes:
    """``SHA-256(0x00 || data)``."""
    return _sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """``SHA-256(0x01 || left || right)``."""
    return _sha256(b"\x01" + left + right).digest()


def _largest_power_of_two_below(n: int) -> int:
    return 1 << ((n - 1).bit_length() - 1)


class Frontier:
    """The roots of the perfect subtrees of a tree of ``size`` leaves, largest first.

    Enough to append leaves and to compute the root, so sealing never rereads old leaves.
    """

    __slots__ = ("hashes", "size")

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        if len(hashes) != size.bit_count():
            raise ProofError("frontier does not match its size")
        self.size = size
        self.hashes = list(hashes)

    def append(self, leaf: bytes) -> None:
        """Add one leaf hash at position ``size``."""
        h = leaf
        n = self.size
        hashes = self.hashes
        while n & 1:
            h = node_hash(hashes.pop(), h)
            n >>= 1
        hashes.append(h)
        self.size += 1

    def extend(self, leaves: Iterable[bytes]) -> None:
        for leaf in leaves:
            self.append(leaf)

    def root(self) -> bytes:
        """The RFC 6962 tree head of the leaves appended so far."""
        if not self.hashes:
            return EMPTY_ROOT
        hashes = self.hashes
        r = hashes[-1]
        for h in reversed(hashes[:-1]):
            r = node_hash(h, r)
        return r

    def to_bytes(self) -> bytes:
        return b"".join(self.hashes)

    @classmethod
    def from_bytes(cls, size: int, data: bytes) -> Frontier:
        if len(data) % HASH_SIZE:
            raise ProofError("frontier bytes are not whole hashes")
        return cls(size, [data[i : i + HASH_SIZE] for i in range(0, len(data), HASH_SIZE)])


def root_of(leaves: Sequence[bytes]) -> bytes:
    """The tree head over ``leaves`` (leaf hashes)."""
    frontier = Frontier()
    frontier.extend(leaves)
    return frontier.root()


class Tree:
    """All levels of a tree over given leaf hashes, for making proofs in O(log² n)."""

    def __init__(self, leaves: Sequence[bytes]) -> None:
        self.levels: list[list[bytes]] = [list(leaves)]
        level = self.levels[0]
        # node_hash inlined: this loop is most of a verification's hashing after the leaves.
        # A copy of a hash that has taken the 0x01 already, fed both children where they lie:
        # cheaper than a new hash object over two concatenated copies.
        fresh = _sha256(b"\x01").copy
        while len(level) > 1:
            parents: list[bytes] = []
            add = parents.append
            for left, right in zip(level[0:-1:2], level[1::2], strict=True):
                h = fresh()
                h.update(left)
                h.update(right)
                add(h.digest())
            level = parents
            self.levels.append(level)

    @property
    def size(self) -> int:
        return len(self.levels[0])

    def range_hash(self, start: int, end: int) -> bytes:
        """MTH of the leaves ``[start, end)``, as RFC 6962's recursion splits them."""
        n = end - start
        if n <= 0:
            return EMPTY_ROOT
        if n & (n - 1) == 0 and start % n == 0:
            return self.levels[n.bit_length() - 1][start // n]
        k = _largest_power_of_two_below(n)
        return node_hash(self.range_hash(start, start + k), self.range_hash(start + k, end))

    def root(self, size: int | None = None) -> bytes:
        return self.range_hash(0, self.size if size is None else size)

    def _descend(self, n: int, end: int, *, to_leaf: bool) -> tuple[list[bytes], int, int]:
        """RFC 9162's walk down from ``[0, end)`` towards the subtree that ends with leaf
        ``n - 1``: the siblings passed on the way (top first) and the range reached. The walk
        stops at that one leaf (``to_leaf``) or at a subtree of exactly the first ``n`` leaves."""
        siblings: list[bytes] = []
        start = 0
        while end - start > 1 if to_leaf else n != end - start:
            k = _largest_power_of_two_below(end - start)
            if n <= k:
                siblings.append(self.range_hash(start + k, end))
                end = start + k
            else:
                siblings.append(self.range_hash(start, start + k))
                start += k
                n -= k
        return siblings, start, end

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        """RFC 9162 PATH(index, D[0:size])."""
        if not 0 <= index < size <= self.size:
            raise ProofError("index outside the tree")
        proof, _, _ = self._descend(index + 1, size, to_leaf=True)
        proof.reverse()
        return proof

    def consistency_proof(self, first: int, second: int) -> list[bytes]:
        """RFC 9162 PROOF(first, D[0:second])."""
        if not 0 < first <= second <= self.size:
            raise ProofError("sizes outside the tree")
        proof, start, end = self._descend(first, second, to_leaf=False)
        if start > 0:  # the first tree is not a subtree of this one: its last part is proved too
            proof.append(self.range_hash(start, end))
        proof.reverse()
        return proof


def _sibling_sides(fn: int, sn: int, count: int) -> list[bool] | None:
    """RFC 9162's walk up from node ``fn`` of a tree whose last node is ``sn``: for each of
    ``count`` proof hashes, whether it is the left sibling; ``None`` when the proof has a hash too
    many or too few. The walk the inclusion and the consistency checks share."""
    sides: list[bool] = []
    for _ in range(count):
        if sn == 0:
            return None
        left = bool(fn & 1) or fn == sn
        sides.append(left)
        if left and not fn & 1:
            while not (fn & 1 or fn == 0):
                fn >>= 1
                sn >>= 1
        fn >>= 1
        sn >>= 1
    return sides if sn == 0 else None


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does ``leaf`` sit at ``index`` of the tree with head ``root``?"""
    if index >= size or index < 0:
        return False
    sides = _sibling_sides(index, size - 1, len(proof))
    if sides is None:
        return False
    r = leaf
    for p, left in zip(proof, sides, strict=True):
        r = node_hash(p, r) if left else node_hash(r, p)
    return r == root


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: is the tree ``second_root`` an append-only extension of ``first_root``?"""
    if first > second or first < 0:
        return False
    if first == second:
        return not proof and first_root == second_root
    if first == 0:
        return not proof
    path = list(proof)
    if not path:
        return False
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    sides = _sibling_sides(fn, sn, len(path) - 1)
    if sides is None:
        return False
    fr = sr = path[0]
    for c, left in zip(path[1:], sides, strict=True):
        if left:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
        else:
            sr = node_hash(sr, c)
    return fr == first_root and sr == second_root
