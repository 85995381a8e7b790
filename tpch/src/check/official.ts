/**
 * Facts about official dbgen 2.14 output: rows, bytes and SHA-256 of every `.tbl` file at SF 0.01,
 * 0.1 and 1 (`dbgen -s SF -f`, single process). A dbgen-exact generator reproduces them.
 */
import type { TpchTable } from '../schema.js';

export interface TblFact {
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

export const OFFICIAL_TBL: Record<string, Record<TpchTable, TblFact>> = {
  '0.01': {
    region: { rows: 5, bytes: 389, sha256: '6022658d673924389b54dcb70fa8c3d6da1b0d7afa3c1c017bab62a019df404f' },
    nation: { rows: 25, bytes: 2224, sha256: '66f96949939fa8fdf1c4ffed1e5f6c2842fe11a14b51fdc6ed1e17460031e8c5' },
    supplier: { rows: 100, bytes: 13795, sha256: '9dc1002ee774699a092ed83ba278caf466d62a15d7e35bb6ed9293475528734b' },
    customer: { rows: 1500, bytes: 240990, sha256: '6b690cce995cb715861ebf2c77aa02c61406e3a0ddcd3326d1ecfa969b9163f8' },
    part: { rows: 2000, bytes: 237134, sha256: '896e14465325110dd9cf05a16972028a58be0010959262176ecd97f4db1702f8' },
    partsupp: { rows: 8000, bytes: 1161705, sha256: '5947b5ebab042b49148f82c1324ad122f7e0d98cfadcbef12da0a5e239e09e79' },
    orders: { rows: 15000, bytes: 1659137, sha256: '07cc8b362fda6d0b503c4d6c5d228817548e0688a3b21b590c52bb47b7b79c0f' },
    lineitem: { rows: 60175, bytes: 7264250, sha256: 'ee411d23efcd2943ef70489799e37dfc24543dbd03b461a88e16fd82a95765e4' },
  },
  '0.1': {
    region: { rows: 5, bytes: 389, sha256: '6022658d673924389b54dcb70fa8c3d6da1b0d7afa3c1c017bab62a019df404f' },
    nation: { rows: 25, bytes: 2224, sha256: '66f96949939fa8fdf1c4ffed1e5f6c2842fe11a14b51fdc6ed1e17460031e8c5' },
    supplier: { rows: 1000, bytes: 139625, sha256: '75d5d11bd57607c5386295e74bb8edec4af5dd08d43c5831b67c224473be9a08' },
    customer: { rows: 15000, bytes: 2426114, sha256: '952d7f4ee8787657c94e488aae78524439f904fde9113382943ced58ba7895fa' },
    part: { rows: 20000, bytes: 2391090, sha256: 'f262984f0a5063d20b2aff651c5ac8ca1eea182b3ee75b6a5dab3854eb471997' },
    partsupp: { rows: 80000, bytes: 11728193, sha256: '9a50586162af988723fa2c64969454ca34840e9a602bb9fbc974b9c3808f6620' },
    orders: { rows: 150000, bytes: 16893122, sha256: '5e9fabe33d7f15596225a00da871f8c18b3da76f515c91119840c7115c50d101' },
    lineitem: { rows: 600572, bytes: 74246996, sha256: '6fe51474be8c04e04737c83f1cea2feaf3179e4f3bd6ba08c5065928d96ee60b' },
  },
  '1': {
    region: { rows: 5, bytes: 389, sha256: '6022658d673924389b54dcb70fa8c3d6da1b0d7afa3c1c017bab62a019df404f' },
    nation: { rows: 25, bytes: 2224, sha256: '66f96949939fa8fdf1c4ffed1e5f6c2842fe11a14b51fdc6ed1e17460031e8c5' },
    supplier: { rows: 10000, bytes: 1409184, sha256: '9b99cf155974e6db8773970b40746bfccfa64fa078169574165f3e19e2158391' },
    customer: { rows: 150000, bytes: 24346144, sha256: '4483680548a965833877c911ed43e795f4d3543c7a3f7d1dba9ccb24ea5989d6' },
    part: { rows: 200000, bytes: 24135125, sha256: 'f0e4ccdfb5f6d19428ce54f9c84b17037d20f00ac8d2b2272c8d43b18a0b4880' },
    partsupp: { rows: 800000, bytes: 118984616, sha256: '43c37f99918f06d4de6b99b05c0a28d5c46f71d66424cffcc595cb059a499254' },
    orders: { rows: 1500000, bytes: 171952161, sha256: '8709061d7bbc81932356fdfc664f8d582252747c2d7e204ae6d3cde624586357' },
    lineitem: { rows: 6001215, bytes: 759863287, sha256: '96d555e07a1ae8cf5196387d9edd9427f9af70c56fa5f4b18affee5555ddb184' },
  },
};
