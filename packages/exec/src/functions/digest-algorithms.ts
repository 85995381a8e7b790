/**
 * Message digests in plain TypeScript (no node:crypto, so they run in browsers too): MD5 (RFC 1321),
 * SHA-224/SHA-256 and SHA-384/SHA-512 (FIPS 180-4, the 64-bit words as high/low 32-bit halves).
 * Each takes bytes and returns the digest as lower-case hex.
 */

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hexOfWords(words: ArrayLike<number>, count: number, littleEndian: boolean): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    const w = words[i]! >>> 0;
    out += littleEndian
      ? HEX[w & 255]! + HEX[(w >>> 8) & 255]! + HEX[(w >>> 16) & 255]! + HEX[w >>> 24]!
      : HEX[w >>> 24]! + HEX[(w >>> 16) & 255]! + HEX[(w >>> 8) & 255]! + HEX[w & 255]!;
  }
  return out;
}

/** The message padded to a multiple of `block` bytes with 0x80, zeros and the bit length (`lengthBytes` wide). */
function pad(bytes: Uint8Array, block: number, lengthBytes: number, littleEndian: boolean): DataView {
  const total = Math.ceil((bytes.length + 1 + lengthBytes) / block) * block;
  const buf = new Uint8Array(total);
  buf.set(bytes);
  buf[bytes.length] = 0x80;
  const view = new DataView(buf.buffer);
  const bits = bytes.length * 8;
  const hi = Math.floor(bits / 2 ** 32);
  const lo = bits >>> 0;
  if (littleEndian) {
    view.setUint32(total - 8, lo, true);
    view.setUint32(total - 4, hi, true);
  } else {
    view.setUint32(total - 8, hi);
    view.setUint32(total - 4, lo);
  }
  return view;
}

const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);

export function md5Hex(bytes: Uint8Array): string {
  const view = pad(bytes, 64, 8, true);
  const h = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476);
  const m = new Int32Array(16);
  for (let off = 0; off < view.byteLength; off += 64) {
    for (let j = 0; j < 16; j++) m[j] = view.getInt32(off + 4 * j, true);
    let [a, b, c, d] = [h[0]!, h[1]!, h[2]!, h[3]!];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) [f, g] = [(b & c) | (~b & d), i];
      else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
      else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
      else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
      const s = MD5_S[(i >> 4) * 4 + (i & 3)]!;
      const x = (a + f + MD5_K[i]! + m[g]!) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
  }
  return hexOfWords(h, 4, true);
}

const SHA256_K = Int32Array.from(
  [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ],
  (x) => x | 0,
);
const SHA256_INIT = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const SHA224_INIT = [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4];

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

function sha256Words(bytes: Uint8Array, init: readonly number[]): Int32Array {
  const view = pad(bytes, 64, 8, false);
  const h = Int32Array.from(init, (x) => x | 0);
  const w = new Int32Array(64);
  for (let off = 0; off < view.byteLength; off += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getInt32(off + 4 * t);
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!];
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[t]! + w[t]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
    }
    const next = [a, b, c, d, e, f, g, hh];
    for (let k = 0; k < 8; k++) h[k] = (h[k]! + next[k]!) | 0;
  }
  return h;
}

export function sha256Hex(bytes: Uint8Array): string {
  return hexOfWords(sha256Words(bytes, SHA256_INIT), 8, false);
}

export function sha224Hex(bytes: Uint8Array): string {
  return hexOfWords(sha256Words(bytes, SHA224_INIT), 7, false);
}

/** SHA-512 round constants as [high, low] 32-bit halves. */
const SHA512_K = [
  '428a2f98d728ae22', '7137449123ef65cd', 'b5c0fbcfec4d3b2f', 'e9b5dba58189dbbc', '3956c25bf348b538', '59f111f1b605d019', '923f82a4af194f9b', 'ab1c5ed5da6d8118',
  'd807aa98a3030242', '12835b0145706fbe', '243185be4ee4b28c', '550c7dc3d5ffb4e2', '72be5d74f27b896f', '80deb1fe3b1696b1', '9bdc06a725c71235', 'c19bf174cf692694',
  'e49b69c19ef14ad2', 'efbe4786384f25e3', '0fc19dc68b8cd5b5', '240ca1cc77ac9c65', '2de92c6f592b0275', '4a7484aa6ea6e483', '5cb0a9dcbd41fbd4', '76f988da831153b5',
  '983e5152ee66dfab', 'a831c66d2db43210', 'b00327c898fb213f', 'bf597fc7beef0ee4', 'c6e00bf33da88fc2', 'd5a79147930aa725', '06ca6351e003826f', '142929670a0e6e70',
  '27b70a8546d22ffc', '2e1b21385c26c926', '4d2c6dfc5ac42aed', '53380d139d95b3df', '650a73548baf63de', '766a0abb3c77b2a8', '81c2c92e47edaee6', '92722c851482353b',
  'a2bfe8a14cf10364', 'a81a664bbc423001', 'c24b8b70d0f89791', 'c76c51a30654be30', 'd192e819d6ef5218', 'd69906245565a910', 'f40e35855771202a', '106aa07032bbd1b8',
  '19a4c116b8d2d0c8', '1e376c085141ab53', '2748774cdf8eeb99', '34b0bcb5e19b48a8', '391c0cb3c5c95a63', '4ed8aa4ae3418acb', '5b9cca4f7763e373', '682e6ff3d6b2b8a3',
  '748f82ee5defb2fc', '78a5636f43172f60', '84c87814a1f0ab72', '8cc702081a6439ec', '90befffa23631e28', 'a4506cebde82bde9', 'bef9a3f7b2c67915', 'c67178f2e372532b',
  'ca273eceea26619c', 'd186b8c721c0c207', 'eada7dd6cde0eb1e', 'f57d4f7fee6ed178', '06f067aa72176fba', '0a637dc5a2c898a6', '113f9804bef90dae', '1b710b35131c471b',
  '28db77f523047d84', '32caab7b40c72493', '3c9ebe0a15c9bebc', '431d67c49c100d4c', '4cc5d4becb3e42b6', '597f299cfc657e2a', '5fcb6fab3ad6faec', '6c44198c4a475817',
];
const SHA512_INIT = ['6a09e667f3bcc908', 'bb67ae8584caa73b', '3c6ef372fe94f82b', 'a54ff53a5f1d36f1', '510e527fade682d1', '9b05688c2b3e6c1f', '1f83d9abfb41bd6b', '5be0cd19137e2179'];
const SHA384_INIT = ['cbbb9d5dc1059ed8', '629a292a367cd507', '9159015a3070dd17', '152fecd8f70e5939', '67332667ffc00b31', '8eb44a8768581511', 'db0c2e0d64f98fa7', '47b5481dbefa4fa4'];

/** 64-bit words as interleaved [high, low] int32 halves. */
function halves(hex: readonly string[]): Int32Array {
  const out = new Int32Array(hex.length * 2);
  hex.forEach((h, i) => {
    out[2 * i] = parseInt(h.slice(0, 8), 16) | 0;
    out[2 * i + 1] = parseInt(h.slice(8), 16) | 0;
  });
  return out;
}

const K512 = halves(SHA512_K);

function sha512Words(bytes: Uint8Array, init: readonly string[]): Int32Array {
  const view = pad(bytes, 128, 16, false);
  const h = halves(init);
  const w = new Int32Array(160);
  const v = new Int32Array(16);
  // 64-bit helpers on (hi, lo) pairs; results go to the module-level pair r.
  let rh = 0;
  let rl = 0;
  const add = (ah: number, al: number, bh: number, bl: number) => {
    const lo = (al >>> 0) + (bl >>> 0);
    rh = (ah + bh + ((lo / 0x100000000) | 0)) | 0;
    rl = lo | 0;
  };
  const rotrPair = (hi: number, lo: number, n: number) => {
    if (n < 32) {
      rh = (hi >>> n) | (lo << (32 - n));
      rl = (lo >>> n) | (hi << (32 - n));
    } else {
      rh = (lo >>> (n - 32)) | (hi << (64 - n));
      rl = (hi >>> (n - 32)) | (lo << (64 - n));
    }
  };
  const big = (hi: number, lo: number, a: number, b: number, c: number) => {
    rotrPair(hi, lo, a);
    let xh = rh;
    let xl = rl;
    rotrPair(hi, lo, b);
    xh ^= rh;
    xl ^= rl;
    rotrPair(hi, lo, c);
    rh ^= xh;
    rl ^= xl;
  };
  const small = (hi: number, lo: number, a: number, b: number, shift: number) => {
    rotrPair(hi, lo, a);
    let xh = rh;
    let xl = rl;
    rotrPair(hi, lo, b);
    xh ^= rh;
    xl ^= rl;
    rh = xh ^ (hi >>> shift);
    rl = xl ^ ((lo >>> shift) | (hi << (32 - shift)));
  };
  for (let off = 0; off < view.byteLength; off += 128) {
    for (let t = 0; t < 32; t++) w[t] = view.getInt32(off + 4 * t);
    for (let t = 16; t < 80; t++) {
      small(w[2 * (t - 15)]!, w[2 * (t - 15) + 1]!, 1, 8, 7);
      let sh = rh;
      let sl = rl;
      add(sh, sl, w[2 * (t - 16)]!, w[2 * (t - 16) + 1]!);
      sh = rh;
      sl = rl;
      add(sh, sl, w[2 * (t - 7)]!, w[2 * (t - 7) + 1]!);
      sh = rh;
      sl = rl;
      small(w[2 * (t - 2)]!, w[2 * (t - 2) + 1]!, 19, 61, 6);
      add(sh, sl, rh, rl);
      w[2 * t] = rh;
      w[2 * t + 1] = rl;
    }
    v.set(h);
    for (let t = 0; t < 80; t++) {
      const [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl] = v;
      // t1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]
      big(eh!, el!, 14, 18, 41);
      add(hh!, hl!, rh, rl);
      add(rh, rl, (eh! & fh!) ^ (~eh! & gh!), (el! & fl!) ^ (~el! & gl!));
      add(rh, rl, K512[2 * t]!, K512[2 * t + 1]!);
      add(rh, rl, w[2 * t]!, w[2 * t + 1]!);
      const t1h = rh;
      const t1l = rl;
      // t2 = Σ0(a) + Maj(a, b, c)
      big(ah!, al!, 28, 34, 39);
      add(rh, rl, (ah! & bh!) ^ (ah! & ch!) ^ (bh! & ch!), (al! & bl!) ^ (al! & cl!) ^ (bl! & cl!));
      const t2h = rh;
      const t2l = rl;
      v.copyWithin(2, 0, 14); // h=g, g=f, f=e, e=d, d=c, c=b, b=a
      add(dh!, dl!, t1h, t1l);
      v[8] = rh;
      v[9] = rl;
      add(t1h, t1l, t2h, t2l);
      v[0] = rh;
      v[1] = rl;
    }
    for (let k = 0; k < 8; k++) {
      add(h[2 * k]!, h[2 * k + 1]!, v[2 * k]!, v[2 * k + 1]!);
      h[2 * k] = rh;
      h[2 * k + 1] = rl;
    }
  }
  return h;
}

export function sha512Hex(bytes: Uint8Array): string {
  return hexOfWords(sha512Words(bytes, SHA512_INIT), 16, false);
}

export function sha384Hex(bytes: Uint8Array): string {
  return hexOfWords(sha512Words(bytes, SHA384_INIT), 12, false);
}
