/**
 * The per-module memory cap: rewrites the module's memory section so its declared maximum is at
 * most the cap, so `memory.grow` past it fails inside the guest (returning -1, i.e. out of memory)
 * instead of the host noticing after the fact. Rejects shared and 64-bit memories.
 */
import { QuiverError } from '@quiver/common';

export const PAGE_BYTES = 65536;

function readUleb(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= bytes.length) throw new QuiverError('WASM', 'malformed module: truncated LEB128 integer');
    const b = bytes[at++]!;
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [value, at];
    shift += 7;
    if (shift > 35) throw new QuiverError('WASM', 'malformed module: LEB128 integer too long');
  }
}

/** `n` as an unsigned LEB128 integer (the binary format's encoding of counts and sizes). */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/**
 * The module bytes with the (one, defined) memory's maximum lowered to `capBytes`. A module that
 * defines no memory is an error, unless `memoryOptional` (a component's helper modules), when it
 * is returned unchanged.
 */
export function capMemory(module: Uint8Array, capBytes: number, where: string, memoryOptional = false): Uint8Array {
  const capPages = Math.floor(capBytes / PAGE_BYTES);
  if (module.length < 8 || module[0] !== 0 || module[1] !== 0x61 || module[2] !== 0x73 || module[3] !== 0x6d) {
    throw new QuiverError('WASM', `${where}: not a WebAssembly module (bad magic number)`);
  }
  let at = 8;
  while (at < module.length) {
    const id = module[at]!;
    const [size, bodyStart] = readUleb(module, at + 1);
    const bodyEnd = bodyStart + size;
    if (bodyEnd > module.length) throw new QuiverError('WASM', `${where}: malformed module: section ${id} runs past the end`);
    if (id === 5) {
      let p = bodyStart;
      const [count, afterCount] = readUleb(module, p);
      p = afterCount;
      if (count !== 1) throw new QuiverError('WASM', `${where}: a UDF module defines exactly one memory, this one defines ${count}`);
      const flags = module[p++]!;
      if (flags & 0x02) throw new QuiverError('WASM', `${where}: shared memory is not allowed`);
      if (flags & 0x04) throw new QuiverError('WASM', `${where}: 64-bit memory is not allowed`);
      const [min, afterMin] = readUleb(module, p);
      p = afterMin;
      let max = Infinity;
      if (flags & 0x01) [max, p] = readUleb(module, p);
      if (min > capPages) {
        throw new QuiverError('RESOURCES', `${where}: the module needs ${min * 64} KiB of memory at start, over the cap of ${capPages * 64} KiB`);
      }
      const body = [1, 0x01, ...uleb(min), ...uleb(Math.min(max, capPages))];
      const head = [5, ...uleb(body.length), ...body];
      const out = new Uint8Array(module.length - (bodyEnd - at) + head.length);
      out.set(module.subarray(0, at), 0);
      out.set(head, at);
      out.set(module.subarray(bodyEnd), at + head.length);
      return out;
    }
    at = bodyEnd;
  }
  if (memoryOptional) return module;
  throw new QuiverError('WASM', `${where}: the module defines no memory (it must define and export one, named "memory")`);
}
