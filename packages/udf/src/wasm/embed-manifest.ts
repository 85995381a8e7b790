/**
 * The post-link step for toolchains that cannot emit custom sections (clang 14's wasm-ld,
 * AssemblyScript): instantiate the module once, read the manifest it exports, and append it as
 * the `qe_udf.manifest` custom section. Modules that already have the section come back unchanged.
 */
import { QuiverError } from '@quiver/common';
import { EXPORTS, MANIFEST_SECTION } from './abi.js';
import { GuestInstance } from './guest-instance.js';

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export async function embedManifestSection(bytes: Uint8Array): Promise<Uint8Array> {
  const module = await WebAssembly.compile(bytes);
  if (WebAssembly.Module.customSections(module, MANIFEST_SECTION).length > 0) return bytes;
  const inst = new GuestInstance(module);
  const at = inst.call('qe_udf_manifest', () => inst.func(EXPORTS.manifest)()) >>> 0;
  const mem = inst.bytes();
  const dv = new DataView(mem.buffer);
  if (at + 8 > mem.length) throw new QuiverError('WASM', `qe_udf_manifest() returned an out-of-bounds pointer ${at}`);
  const ptr = dv.getUint32(at, true);
  const len = dv.getUint32(at + 4, true);
  if (ptr + len > mem.length) throw new QuiverError('WASM', `the manifest (${len} bytes at ${ptr}) lies outside memory`);
  const name = new TextEncoder().encode(MANIFEST_SECTION);
  const body = [...uleb(name.length), ...name, ...mem.subarray(ptr, ptr + len)];
  const section = new Uint8Array([0, ...uleb(body.length), ...body]);
  const out = new Uint8Array(bytes.length + section.length);
  out.set(bytes);
  out.set(section, bytes.length);
  return out;
}
