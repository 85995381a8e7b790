/**
 * Hash functions over the UTF-8 bytes of text: md5, sha224, sha256, sha384, sha512 and
 * digest(text, algorithm) with one of those names. Results are lower-case hex VARCHAR (DataFusion
 * returns the SHA digests as BINARY, which it prints as the same hex). Columns hash straight from
 * the string bytes, without decoding.
 */
import { DataTypes, QuiverError } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { stringReader } from './args.js';
import { md5Hex, sha224Hex, sha256Hex, sha384Hex, sha512Hex } from './digest-algorithms.js';
import { defineFunction } from './signature.js';
import { stringResult } from './text.js';

const ALGORITHMS: Record<string, (bytes: Uint8Array) => string> = {
  md5: md5Hex,
  sha224: sha224Hex,
  sha256: sha256Hex,
  sha384: sha384Hex,
  sha512: sha512Hex,
};

const encoder = new TextEncoder();

/** Row i's UTF-8 bytes. */
function bytesReader(v: ColumnarValue): (i: number) => Uint8Array {
  if (v.kind === 'scalar') {
    const bytes = encoder.encode((v.value.value as string | null) ?? '');
    return () => bytes;
  }
  const offsets = v.data.valueOffsets as Int32Array;
  const values = v.data.values as Uint8Array;
  return (i) => values.subarray(offsets[i]!, offsets[i + 1]!);
}

function algorithmOf(name: string): (bytes: Uint8Array) => string {
  const fn = ALGORITHMS[name.toLowerCase()];
  if (!fn) throw new QuiverError('EXECUTION', `digest: unsupported algorithm '${name}' (expected one of ${Object.keys(ALGORITHMS).join(', ')})`);
  return fn;
}

const hashFn = (name: string) =>
  defineFunction({
    name,
    overloads: [['string']],
    returnType: () => DataTypes.utf8,
    invoke: (args, n) => {
      const bytes = bytesReader(args[0]!);
      const hash = ALGORITHMS[name]!;
      return stringResult(args, n, (i) => hash(bytes(i)));
    },
  });

const digest = defineFunction({
  name: 'digest',
  overloads: [['string', 'string']],
  returnType: () => DataTypes.utf8,
  invoke: (args, n) => {
    const bytes = bytesReader(args[0]!);
    const algorithm = stringReader(args[1]!);
    return stringResult(args, n, (i) => algorithmOf(algorithm(i))(bytes(i)));
  },
});

export function digestFunctions(): ScalarFunction[] {
  return [...Object.keys(ALGORITHMS).map(hashFn), digest];
}
