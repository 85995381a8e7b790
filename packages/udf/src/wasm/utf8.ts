/**
 * UTF-8 validation of guest string results: the host checks every non-NULL row of a Utf8 column a
 * guest returns (well-formed sequences only: no overlong forms, surrogates or code points past
 * U+10FFFF, no sequence cut at a row boundary), so invalid text never enters the engine.
 */

/** The first non-NULL row of `n` whose bytes are not valid UTF-8, or -1. `validity` null: all rows valid. */
export function firstInvalidUtf8Row(bytes: Uint8Array, offsets: Int32Array, n: number, validity: Uint8Array | null): number {
  for (let r = 0; r < n; r++) {
    let i = offsets[r]!;
    const end = offsets[r + 1]!;
    while (i < end && bytes[i]! < 0x80) i++;
    if (i === end) continue;
    if (validity !== null && ((validity[r >> 3]! >> (r & 7)) & 1) === 0) continue;
    if (!validUtf8(bytes, i, end)) return r;
  }
  return -1;
}

function validUtf8(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte: how many continuation bytes follow, and the smallest code point that needs them.
    let need = 3;
    let min = 0x10000;
    let cp = c & 0x07;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
      cp = c & 0x0f;
    } else if (c < 0xf0 || c > 0xf4) return false;
    if (i + need >= end) return false;
    for (let k = 1; k <= need; k++) {
      const x = b[i + k]!;
      if ((x & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}
