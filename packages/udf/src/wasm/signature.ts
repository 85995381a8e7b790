/**
 * Overload resolution for functions with exact parameter types (WebAssembly UDFs): which implicit
 * casts an argument may take to reach a parameter type, and the best overload for a call (fewest
 * casts, first declared on ties).
 */
import { isInteger, QuiverError, typesEqual, typeToString, type DataType } from '@quiver/common';

const INT_DIGITS: Record<string, number> = { Int8: 3, Int16: 5, Int32: 10, Int64: 19 };
const INT_RANK: Record<string, number> = { Int8: 1, Int16: 2, Int32: 3, Int64: 4 };

/** Whether a value of type `from` may be implicitly cast to `to` (without loss). */
export function implicitlyCastable(from: DataType, to: DataType): boolean {
  if (typesEqual(from, to) || from.kind === 'Null') return true;
  if (isInteger(from)) {
    if (isInteger(to)) return INT_RANK[to.kind]! >= INT_RANK[from.kind]!;
    if (to.kind === 'Float64') return true;
    if (to.kind === 'Float32') return from.kind !== 'Int64' && from.kind !== 'Int32';
    if (to.kind === 'Decimal128') return to.precision - to.scale >= INT_DIGITS[from.kind]!;
    return false;
  }
  if (from.kind === 'Float32') return to.kind === 'Float64';
  if (from.kind === 'Decimal128') {
    if (to.kind === 'Float64') return true;
    return to.kind === 'Decimal128' && to.scale >= from.scale && to.precision - to.scale >= from.precision - from.scale;
  }
  if (from.kind === 'Date32') return to.kind === 'Timestamp';
  return false;
}

/** The parameter list of the overload a call with `argTypes` resolves to, or a TYPE error listing the candidates. */
export function coerceToSignature(name: string, overloads: readonly (readonly DataType[])[], argTypes: readonly DataType[]): DataType[] {
  let best: readonly DataType[] | null = null;
  let bestCasts = Infinity;
  for (const params of overloads) {
    if (params.length !== argTypes.length) continue;
    let casts = 0;
    let ok = true;
    for (let i = 0; i < params.length && ok; i++) {
      if (typesEqual(params[i]!, argTypes[i]!)) continue;
      ok = implicitlyCastable(argTypes[i]!, params[i]!);
      casts++;
    }
    if (ok && casts < bestCasts) {
      best = params;
      bestCasts = casts;
    }
  }
  if (best === null) {
    const candidates = overloads.map((p) => `${name}(${p.map(typeToString).join(', ')})`).join(', ');
    throw new QuiverError('TYPE', `function ${name}(${argTypes.map(typeToString).join(', ')}) does not exist; candidates: ${candidates}`);
  }
  return [...best];
}
