/**
 * Where module bytes come from: bytes as given, a URL (fetched; `file:` URLs and plain paths are
 * read with node:fs, imported only when used, so browsers never load it).
 */
import { QuiverError } from '@quiver/common';

export type WasmSource = Uint8Array | ArrayBuffer | string | URL;

/** The bytes of `source` and a name for it in messages. */
export async function readWasmSource(source: WasmSource): Promise<{ bytes: Uint8Array; name: string }> {
  if (source instanceof Uint8Array) return { bytes: source, name: 'wasm module' };
  if (source instanceof ArrayBuffer) return { bytes: new Uint8Array(source), name: 'wasm module' };
  const url = source instanceof URL ? source : /^(https?|file):\/\//i.test(source) ? new URL(source) : null;
  const name = url ? url.pathname.split('/').pop() || url.href : source.toString().split(/[\\/]/).pop()!;
  try {
    if (url && url.protocol !== 'file:') {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
      return { bytes: new Uint8Array(await res.arrayBuffer()), name };
    }
    const { readFile } = await import('node:fs/promises');
    return { bytes: new Uint8Array(await readFile(url ?? (source as string))), name };
  } catch (e) {
    throw new QuiverError('IO', `cannot read WebAssembly module '${url?.href ?? source}': ${(e as Error).message}`, { cause: e });
  }
}
