import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MerkleTree } from './merkle-tree.js';
import { verifyConsistency, verifyInclusion } from './proof-verify.js';
import { leafHash } from './tree-hash.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// RFC 6962 / 9162 reference leaves and roots for sizes 0..8 (transparency-dev test data).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

// The naive definitions of RFC 9162 §2.1, straight from the text, over an array of leaf hashes.
const H = (...parts: Uint8Array[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const split = (n: number) => 2 ** Math.floor(Math.log2(n - 1));
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return H();
  if (d.length === 1) return d[0]!;
  const k = split(d.length);
  return H(Buffer.of(1), mth(d.slice(0, k)), mth(d.slice(k)));
}
function naivePath(m: number, d: Buffer[]): Buffer[] {
  if (d.length === 1) return [];
  const k = split(d.length);
  return m < k ? [...naivePath(m, d.slice(0, k)), mth(d.slice(k))] : [...naivePath(m - k, d.slice(k)), mth(d.slice(0, k))];
}
function naiveSubproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const k = split(d.length);
  return m <= k
    ? [...naiveSubproof(m, d.slice(0, k), b), mth(d.slice(k))]
    : [...naiveSubproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}

function treeOf(n: number, seed: number): { tree: MerkleTree; leaves: Buffer[] } {
  const tree = new MerkleTree();
  const leaves = Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${seed} ${i}`)));
  leaves.forEach((l) => tree.append(l));
  return { tree, leaves };
}

describe('MerkleTree against the RFC 6962 reference data', () => {
  it('gives the published root for every size 0..8', () => {
    const tree = new MerkleTree();
    expect(hex(tree.root())).toBe(ROOTS[0]);
    LEAVES.forEach((l, i) => {
      tree.append(leafHash(Buffer.from(l, 'hex')));
      expect(hex(tree.root())).toBe(ROOTS[i + 1]);
    });
    for (let size = 0; size <= 8; size++) expect(hex(tree.root(size))).toBe(ROOTS[size]);
  });

  it('gives the published inclusion proof for leaf 5 of 8 and consistency proof from 2 to 8', () => {
    const tree = new MerkleTree();
    LEAVES.forEach((l) => tree.append(leafHash(Buffer.from(l, 'hex'))));
    expect(tree.inclusionProof(5, 8).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(tree.consistencyProof(2, 8).map(hex)).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
  });
});

describe('MerkleTree agrees with a naive recomputation of the tree', () => {
  it('roots and inclusion proofs match and verify for random sizes and leaves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), fc.nat(), (n, a, b, seed) => {
        const { tree, leaves } = treeOf(n, seed);
        const size = 1 + (a % n);
        const index = b % size;
        const root = mth(leaves.slice(0, size));
        expect(hex(tree.root(size))).toBe(hex(root));
        const proof = tree.inclusionProof(index, size);
        expect(proof.map(hex)).toEqual(naivePath(index, leaves.slice(0, size)).map(hex));
        expect(verifyInclusion(leaves[index]!, index, size, proof, root)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('consistency proofs match and verify for random pairs of sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), fc.nat(), (n, a, b, seed) => {
        const { tree, leaves } = treeOf(n, seed);
        const newSize = 1 + (a % n);
        const oldSize = 1 + (b % newSize);
        const proof = tree.consistencyProof(oldSize, newSize);
        const expected = oldSize === newSize ? [] : naiveSubproof(oldSize, leaves.slice(0, newSize), true);
        expect(proof.map(hex)).toEqual(expected.map(hex));
        expect(verifyConsistency(oldSize, newSize, proof, mth(leaves.slice(0, oldSize)), mth(leaves.slice(0, newSize)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects an inclusion proof for another leaf, another index, or with any proof hash changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.nat(), fc.nat(), fc.nat(), (n, a, b, c) => {
        const { tree, leaves } = treeOf(n, 7);
        const index = a % n;
        const root = tree.root();
        const proof = tree.inclusionProof(index);
        const other = (index + 1 + (b % (n - 1))) % n;
        expect(verifyInclusion(leaves[other]!, index, n, proof, root)).toBe(false);
        expect(verifyInclusion(leaves[index]!, other, n, proof, root)).toBe(false);
        expect(verifyInclusion(leaves[index]!, index, index, proof, root)).toBe(false);
        if (proof.length > 0) {
          const bad = proof.map((p) => Buffer.from(p));
          bad[c % bad.length]![c % 32]! ^= 1 << (c % 8);
          expect(verifyInclusion(leaves[index]!, index, n, bad, root)).toBe(false);
          expect(verifyInclusion(leaves[index]!, index, n, proof.slice(1), root)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a consistency proof between diverging trees (a fork) and one with a changed hash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.nat(), fc.nat(), (n, a, b) => {
        const { tree, leaves } = treeOf(n, 1);
        const oldSize = 1 + (a % (n - 1));
        const forkAt = b % oldSize;
        const forked = leaves.slice(0, oldSize);
        forked[forkAt] = leafHash(Buffer.from('rewritten history'));
        const proof = tree.consistencyProof(oldSize, n);
        expect(verifyConsistency(oldSize, n, proof, mth(forked), tree.root())).toBe(false);
        const bad = proof.map((p) => Buffer.from(p));
        if (bad.length > 0) {
          bad[b % bad.length]![0]! ^= 0x80;
          expect(verifyConsistency(oldSize, n, bad, tree.root(oldSize), tree.root())).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps roots and proofs exact after truncating to an earlier size and appending again', () => {
    const { tree, leaves } = treeOf(37, 3);
    tree.truncate(21);
    expect(tree.size).toBe(21);
    leaves.slice(21).forEach((l) => tree.append(l));
    expect(hex(tree.root())).toBe(hex(mth(leaves)));
  });
});
