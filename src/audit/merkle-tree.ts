import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 6962 § 2.1 (Certificate Transparency; RFC 9162 § 2.1 keeps it): leaves
 * and interior nodes are hashed with distinct prefixes, so that no leaf can pose as a subtree.
 * The audit log is such a tree over its events in order; a signed root (a checkpoint) commits to
 * every event before it, an inclusion proof shows one event is in it, and a consistency proof
 * shows a later tree only appended to an earlier one (no event changed, removed or reordered).
 *
 * No maintained npm library implements RFC 6962 proofs (merkletreejs hashes Bitcoin-style trees);
 * this follows the RFC's definitions for building and RFC 9162 § 2.1.3.2 and § 2.1.4.2 for
 * verifying, and the tests check the two against each other for every small tree.
 */
export type Hash = Buffer;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

function sha256(...parts: Uint8Array[]): Hash {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** MTH({d}) = SHA-256(0x00 || d). */
export function leafHash(leafInput: Uint8Array): Hash {
  return sha256(LEAF_PREFIX, leafInput);
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  return sha256(NODE_PREFIX, left, right);
}

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_TREE_ROOT: Hash = sha256();

/** The largest power of two strictly below n (n ≥ 2): where RFC 6962 splits a tree. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) from the leaf hashes, in one pass with a stack of complete subtrees. */
export function treeRoot(leaves: readonly Hash[]): Hash {
  const stack: Hash[] = [];
  leaves.forEach((leaf, index) => {
    let node = leaf;
    // Each trailing 1 bit of the index closes a complete subtree with its left neighbour.
    for (let i = index; i % 2 === 1; i = Math.floor(i / 2)) node = nodeHash(stack.pop() as Hash, node);
    stack.push(node);
  });
  let root = stack.pop();
  if (!root) return EMPTY_TREE_ROOT;
  while (stack.length) root = nodeHash(stack.pop() as Hash, root);
  return root;
}

function subtreeRoot(leaves: readonly Hash[], from: number, to: number): Hash {
  return treeRoot(leaves.slice(from, to));
}

/** PATH(m, D[n]) of RFC 6962 § 2.1.1: the audit path of leaf `index` in the tree of `leaves`. */
export function inclusionProof(leaves: readonly Hash[], index: number): Hash[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length)
    throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`);
  const path: Hash[] = [];
  let from = 0;
  let to = leaves.length;
  let m = index;
  // Walk down from the root, collecting the sibling subtree at each split (root side first),
  // then reverse: the proof lists siblings from the leaf up.
  while (to - from > 1) {
    const k = splitPoint(to - from);
    if (m < k) {
      path.push(subtreeRoot(leaves, from + k, to));
      to = from + k;
    } else {
      path.push(subtreeRoot(leaves, from, from + k));
      from += k;
      m -= k;
    }
  }
  return path.reverse();
}

/** PROOF(m, D[n]) of RFC 6962 § 2.1.2: that the first `oldSize` leaves are a prefix of `leaves`. */
export function consistencyProof(leaves: readonly Hash[], oldSize: number): Hash[] {
  const n = leaves.length;
  if (!Number.isInteger(oldSize) || oldSize < 0 || oldSize > n)
    throw new RangeError(`a tree of ${oldSize} cannot be a prefix of a tree of ${n}`);
  if (oldSize === 0 || oldSize === n) return [];
  const proof: Hash[] = [];
  let from = 0;
  let to = n;
  let m = oldSize;
  let wholeOldTree = true;
  // SUBPROOF(m, D[from:to], b), unrolled; siblings are collected root side first and reversed.
  while (m !== to - from) {
    const k = splitPoint(to - from);
    if (m <= k) {
      proof.push(subtreeRoot(leaves, from + k, to));
      to = from + k;
    } else {
      proof.push(subtreeRoot(leaves, from, from + k));
      from += k;
      m -= k;
      wholeOldTree = false;
    }
  }
  if (!wholeOldTree) proof.push(subtreeRoot(leaves, from, to));
  return proof.reverse();
}

const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** RFC 9162 § 2.1.3.2: does `proof` put `leaf` at `index` in the tree of `treeSize` with `root`? */
export function verifyInclusion(
  index: number,
  treeSize: number,
  leaf: Hash,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  if (index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn))
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
    } else r = nodeHash(r, p);
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 § 2.1.4.2: does `proof` show the tree (oldSize, oldRoot) is a prefix of (newSize, newRoot)? */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Hash,
  newRoot: Hash,
  proof: readonly Hash[],
): boolean {
  if (oldSize < 0 || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot);
  // Every tree extends the empty tree; there is nothing to prove.
  if (oldSize === 0) return proof.length === 0 && oldRoot.equals(EMPTY_TREE_ROOT);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Hash;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn))
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
    } else sr = nodeHash(sr, c);
    fn = half(fn);
    sn = half(sn);
  }
  return fr.equals(oldRoot) && sr.equals(newRoot) && sn === 0;
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
