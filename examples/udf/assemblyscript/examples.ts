/**
 * AssemblyScript UDF examples: haversine_km (great-circle distance), mask_email (GDPR masking)
 * and the geomean aggregate. Build with the command in quiver-udf.ts.
 */
import { column, Column, fail, getF64, isValid, manifest, reserveUtf8, setF64, setNull, setOffset, strEnd, strStart } from './quiver-udf';
export { qe_alloc, qe_free, qe_udf_abi, qe_last_error, qe_row } from './quiver-udf';
import { qe_row } from './quiver-udf';

export function qe_udf_manifest(): usize {
  return manifest(
    '{"abi":"1.0","functions":[' +
      '{"name":"haversine_km","args":["float64","float64","float64","float64"],"ret":"float64"},' +
      '{"name":"mask_email","args":["utf8"],"ret":"utf8"},' +
      '{"name":"geomean","kind":"aggregate","args":["float64"],"ret":"float64","state_size":16}]}',
  );
}

const RAD: f64 = Math.PI / 180;

export function haversine_km(args: usize, nargs: u32, n: u32, out: usize): i32 {
  const lat1 = column(args, 0), lon1 = column(args, 1), lat2 = column(args, 2), lon2 = column(args, 3);
  const o = column(out, 0);
  for (let i: u32 = 0; i < n; i++) {
    const a1 = getF64(lat1, i) * RAD, a2 = getF64(lat2, i) * RAD;
    const dlat = a2 - a1, dlon = (getF64(lon2, i) - getF64(lon1, i)) * RAD;
    const h = Math.sin(dlat / 2) * Math.sin(dlat / 2) + Math.cos(a1) * Math.cos(a2) * Math.sin(dlon / 2) * Math.sin(dlon / 2);
    setF64(o, i, 2 * 6371.0 * Math.asin(Math.sqrt(h)));
  }
  return 0;
}

/** "jane.doe@example.com" -> "j*******@example.com"; no '@': every character masked. */
export function mask_email(args: usize, nargs: u32, n: u32, out: usize): i32 {
  const s = column(args, 0);
  const o = column(out, 0);
  const dst = reserveUtf8(o, s.dataLen);
  let w: usize = dst;
  setOffset(o, 0, 0);
  for (let i: u32 = 0; i < n; i++) {
    qe_row = <i32>i;
    if (isValid(s, i)) {
      const start = strStart(s, i), end = strEnd(s, i);
      let at = end;
      for (let p = start; p < end; p++) if (load<u8>(p) == 0x40) { at = p; break; }
      let p = start;
      if (at < end && at > start) {
        store<u8>(w++, load<u8>(p++));
        while (p < at && (load<u8>(p) & 0xc0) == 0x80) store<u8>(w++, load<u8>(p++));
      }
      for (; p < at; p++) if ((load<u8>(p) & 0xc0) != 0x80) store<u8>(w++, 0x2a);
      for (; p < end; p++) store<u8>(w++, load<u8>(p));
    }
    setOffset(o, i + 1, <i32>(w - dst));
  }
  o.dataLen = <u32>(w - dst);
  return 0;
}

// geomean: state {f64 sum of logs, i64 count} per group.
export function geomean_init(states: usize, count: u32): i32 {
  memory.fill(states, 0, <usize>count * 16);
  return 0;
}

export function geomean_update(states: usize, groups: usize, args: usize, nargs: u32, n: u32): i32 {
  const x = column(args, 0);
  for (let i: u32 = 0; i < n; i++) {
    const g = load<i32>(groups + (<usize>i << 2));
    if (g < 0) continue;
    const v = getF64(x, i);
    if (!(v > 0)) return fail('geomean needs positive values', <i32>i);
    const s = states + (<usize>g << 4);
    store<f64>(s, load<f64>(s) + Math.log(v));
    store<i64>(s, load<i64>(s, 8) + 1, 8);
  }
  return 0;
}

export function geomean_finalize(states: usize, ngroups: u32, out: usize): i32 {
  const o: Column = column(out, 0);
  for (let g: u32 = 0; g < ngroups; g++) {
    const s = states + (<usize>g << 4);
    const count = load<i64>(s, 8);
    if (count == 0) setNull(o, g);
    else setF64(o, g, Math.exp(load<f64>(s) / <f64>count));
  }
  return 0;
}
