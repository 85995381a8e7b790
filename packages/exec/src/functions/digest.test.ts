import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Hex, sha224Hex, sha256Hex, sha384Hex, sha512Hex } from './digest-algorithms.js';

const encoder = new TextEncoder();
/** Inputs around the padding boundaries of 64- and 128-byte blocks, and multi-byte UTF-8. */
const inputs = ['', 'abc', 'Andrew', 'datafusion数据融合', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'y'.repeat(111), 'y'.repeat(112), 'z'.repeat(300)];

describe('digest algorithms agree with node:crypto (the test oracle)', () => {
  it.each([
    ['md5', md5Hex],
    ['sha224', sha224Hex],
    ['sha256', sha256Hex],
    ['sha384', sha384Hex],
    ['sha512', sha512Hex],
  ] as const)('%s', (name, fn) => {
    for (const text of inputs) expect(fn(encoder.encode(text))).toBe(createHash(name).update(text, 'utf8').digest('hex'));
  });
});
