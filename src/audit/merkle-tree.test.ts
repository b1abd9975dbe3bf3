import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  EMPTY_TREE_ROOT,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from './merkle-tree.ts';

const leavesOf = (n: number, salt = ''): Hash[] =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`${salt}event ${i}`)));

/** MTH exactly as RFC 6962 § 2.1 writes it (recursive), to check the one-pass version against. */
function referenceRoot(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0] as Hash;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

const hex = (hash: Hash) => hash.toString('hex');

describe('RFC 6962 Merkle tree', () => {
  it('hashes leaves and nodes with distinct prefixes, and the empty tree as SHA-256("")', () => {
    assert.equal(hex(EMPTY_TREE_ROOT), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // The RFC 6962 test vector for the empty leaf: SHA-256(0x00).
    assert.equal(
      hex(leafHash(Buffer.alloc(0))),
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const a = leafHash(Buffer.from('a'));
    assert.notEqual(hex(nodeHash(a, a)), hex(leafHash(Buffer.concat([a, a]))));
  });

  it("matches Certificate Transparency's published roots for its eight test leaves", () => {
    const inputs = [
      '',
      '00',
      '10',
      '2021',
      '3031',
      '40414243',
      '5051525354555657',
      '606162636465666768696a6b6c6d6e6f',
    ];
    const leaves = inputs.map((input) => leafHash(Buffer.from(input, 'hex')));
    const expected = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    expected.forEach((root, i) => assert.equal(hex(treeRoot(leaves.slice(0, i + 1))), root));
  });

  it('computes the same root as the recursive definition for every size up to 70', () => {
    for (let n = 0; n <= 70; n++) assert.equal(hex(treeRoot(leavesOf(n))), hex(referenceRoot(leavesOf(n))));
  });

  it('proves inclusion of every leaf of every tree up to 40, and nothing else', () => {
    for (let n = 1; n <= 40; n++) {
      const leaves = leavesOf(n);
      const root = treeRoot(leaves);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(leaves, i);
        assert.ok(verifyInclusion(i, n, leaves[i] as Hash, proof, root), `leaf ${i} of ${n}`);
        assert.ok(!verifyInclusion(i, n, leafHash(Buffer.from('forged')), proof, root));
        if (n > 1) assert.ok(!verifyInclusion((i + 1) % n, n, leaves[i] as Hash, proof, root));
      }
    }
  });

  it('proves every prefix consistent with every larger tree up to 33', () => {
    for (let n = 1; n <= 33; n++) {
      const leaves = leavesOf(n);
      const newRoot = treeRoot(leaves);
      for (let m = 1; m <= n; m++) {
        const oldRoot = treeRoot(leaves.slice(0, m));
        const proof = consistencyProof(leaves, m);
        assert.ok(verifyConsistency(m, n, oldRoot, newRoot, proof), `${m} → ${n}`);
      }
    }
  });

  it('refuses a consistency proof for a rewritten history (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.nat(), fc.nat(), (n, pickOld, pickChanged) => {
        const leaves = leavesOf(n);
        const m = (pickOld % (n - 1)) + 1;
        const oldRoot = treeRoot(leaves.slice(0, m));
        // Change one event the old tree already held, then try to prove the new tree extends it.
        const rewritten = [...leaves];
        rewritten[pickChanged % m] = leafHash(Buffer.from('rewritten'));
        const proof = consistencyProof(rewritten, m);
        return !verifyConsistency(m, n, oldRoot, treeRoot(rewritten), proof);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a truncated tree as an extension of a larger one (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.nat(), (n, pick) => {
        const leaves = leavesOf(n);
        const m = (pick % (n - 1)) + 1;
        // The log was at n and is now at m < n: no proof can go backwards.
        return !verifyConsistency(n, m, treeRoot(leaves), treeRoot(leaves.slice(0, m)), []);
      }),
    );
  });

  it('refuses any altered proof element (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 64 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (n, pickOld, pickElement, pickLeaf) => {
          const leaves = leavesOf(n);
          const m = (pickOld % (n - 1)) + 1;
          const proof = consistencyProof(leaves, m);
          const inclusion = inclusionProof(leaves, pickLeaf % n);
          const alter = (path: Hash[]) => {
            const copy = [...path];
            const at = pickElement % copy.length;
            copy[at] = leafHash(Buffer.concat([copy[at] as Hash, Buffer.from('x')]));
            return copy;
          };
          const root = treeRoot(leaves);
          const consistencyHolds =
            proof.length > 0 && verifyConsistency(m, n, treeRoot(leaves.slice(0, m)), root, alter(proof));
          const inclusionHolds =
            inclusion.length > 0 &&
            verifyInclusion(pickLeaf % n, n, leaves[pickLeaf % n] as Hash, alter(inclusion), root);
          return !consistencyHolds && !inclusionHolds;
        },
      ),
      { numRuns: 300 },
    );
  });
});
