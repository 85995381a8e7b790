/**
 * dbgen's random number streams: the Park–Miller "minimal standard" Lehmer generator
 * (seed' = seed·16807 mod 2^31−1), one stream per column, with a fixed number of draws reserved
 * per row so that row n always starts at draw n·perRow, and O(log n) skip-ahead to any row.
 */

const MODULUS = 2147483647;
const MULTIPLIER = 16807;
const TWO_31 = 2147483648;

/** (a·b) mod 2^31−1 for a, b < 2^31, exact in doubles (every partial product stays below 2^53). */
function mulMod(a: number, b: number): number {
  const high = Math.floor(b / 65536);
  const low = b - high * 65536;
  return (((a * high) % MODULUS) * 65536 + a * low) % MODULUS;
}

/** One random stream with dbgen's per-row boundary. */
export class RowStream {
  private seed: number;
  private usage = 0;

  constructor(
    seed: number,
    private readonly perRow: number,
  ) {
    this.seed = seed;
  }

  /** Advances once and returns the new raw seed in 1..2^31−2. */
  private nextRand(): number {
    const x = this.seed * MULTIPLIER;
    const high = Math.floor(x / TWO_31);
    let s = x - high * TWO_31 + high; // 2^31 ≡ 1 (mod 2^31−1)
    if (s >= MODULUS) s -= MODULUS;
    this.seed = s;
    this.usage++;
    return s;
  }

  /** Uniform integer in [lo, hi], computed like dbgen: a double multiply then truncation. */
  next(lo: number, hi: number): number {
    return lo + Math.trunc((this.nextRand() / MODULUS) * (hi - lo + 1));
  }

  /**
   * dbgen's `UnifInt(0, MAX_LONG)`: the range hi−lo+1 overflows int32 to −2^31, so the value is
   * in (−2^31, 0]. Random alphanumeric strings consume it six bits at a time.
   */
  nextOverflowedWord(): number {
    return Math.trunc((this.nextRand() / MODULUS) * -TWO_31);
  }

  /** Ends a row: skips the draws this row reserved but did not use. */
  rowFinished(): void {
    this.skip(this.perRow - this.usage);
    this.usage = 0;
  }

  /** Skips `rows` whole rows (used to start a chunk in the middle of a table). */
  advanceRows(rows: number): void {
    if (this.usage !== 0) this.rowFinished();
    this.skip(this.perRow * rows);
  }

  private skip(count: number): void {
    if (count <= 16) {
      for (let i = 0; i < count; i++) this.nextRand();
      this.usage -= count;
      return;
    }
    let multiplier = MULTIPLIER;
    let seed = this.seed;
    while (count > 0) {
      if (count % 2 === 1) seed = mulMod(multiplier, seed);
      count = Math.floor(count / 2);
      multiplier = mulMod(multiplier, multiplier);
    }
    this.seed = seed;
  }
}
