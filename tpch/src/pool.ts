/**
 * The 300 MiB pool of pseudo-English that every comment column is cut from. It is expanded from
 * dbgen's sentence grammar with one endless random stream (seed 933588178), built once per process
 * into shared memory (so worker threads read it without copying) and cached on disk under
 * `tpch/.tpch-cache/`, keyed by its parameters.
 */
import { closeSync, mkdirSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as dists from './dists.js';
import { Distribution } from './distribution.js';
import { RowStream } from './random.js';

/** Size of dbgen's text pool in bytes. */
export const POOL_SIZE = 300 * 1024 * 1024;
const POOL_SEED = 933588178;
const MAX_SENTENCE = 256;
const SPACE = 0x20;
const CACHE_FILE = `text-pool-v1-${POOL_SEED}-${POOL_SIZE}.bin`;

let shared: Uint8Array | undefined;

/** The process-wide pool: adopted from a worker message, read from the disk cache, or built. */
export function textPool(): Uint8Array {
  shared ??= loadCachedPool() ?? buildAndCachePool();
  return shared;
}

/** Installs a pool received from another thread (its buffer is a SharedArrayBuffer). */
export function adoptTextPool(pool: Uint8Array): void {
  shared = pool;
}

function cacheDir(): string {
  return process.env['TPCH_CACHE_DIR'] ?? fileURLToPath(new URL('../.tpch-cache/', import.meta.url));
}

function sharedBytes(size: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(size));
}

function loadCachedPool(): Uint8Array | undefined {
  const file = join(cacheDir(), CACHE_FILE);
  try {
    if (statSync(file).size !== POOL_SIZE) return undefined;
    const pool = sharedBytes(POOL_SIZE);
    const fd = openSync(file, 'r');
    try {
      let at = 0;
      while (at < POOL_SIZE) {
        const n = readSync(fd, pool, at, Math.min(POOL_SIZE - at, 1 << 26), at);
        if (n <= 0) return undefined;
        at += n;
      }
    } finally {
      closeSync(fd);
    }
    return pool;
  } catch {
    return undefined;
  }
}

function buildAndCachePool(): Uint8Array {
  const pool = buildTextPool(POOL_SIZE);
  try {
    const dir = cacheDir();
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${CACHE_FILE}.${process.pid}.tmp`);
    writeFileSync(tmp, pool);
    renameSync(tmp, join(dir, CACHE_FILE));
  } catch {
    // The cache is an optimisation only; a read-only location just means rebuilding next time.
  }
  return pool;
}

/** Grammar tokens pre-parsed into the word lists they draw from. */
interface Grammar {
  sentence: Distribution;
  sentenceForms: readonly string[];
  nounPhrase: Distribution;
  nounPhraseForms: readonly string[];
  verbPhrase: Distribution;
  verbPhraseForms: readonly string[];
  words: Record<string, Distribution>;
  prepositions: Distribution;
  terminators: Distribution;
}

function grammar(): Grammar {
  return {
    sentence: new Distribution(dists.grammar),
    sentenceForms: dists.grammar.map(([form]) => form),
    nounPhrase: new Distribution(dists.nounPhrases),
    nounPhraseForms: dists.nounPhrases.map(([form]) => form),
    verbPhrase: new Distribution(dists.verbPhrases),
    verbPhraseForms: dists.verbPhrases.map(([form]) => form),
    words: {
      A: new Distribution(dists.articles),
      J: new Distribution(dists.adjectives),
      D: new Distribution(dists.adverbs),
      N: new Distribution(dists.nouns),
      V: new Distribution(dists.verbs),
      X: new Distribution(dists.auxiliaries),
    },
    prepositions: new Distribution(dists.prepositions),
    terminators: new Distribution(dists.terminators),
  };
}

/** Expands sentences until `size` bytes are filled; the last sentence is cut. */
export function buildTextPool(size: number): Uint8Array {
  const g = grammar();
  const out = sharedBytes(size + MAX_SENTENCE);
  const rng = new RowStream(POOL_SEED, 0);
  let at = 0;

  const put = (bytes: Uint8Array): void => {
    for (let i = 0; i < bytes.length; i++) out[at++] = bytes[i]!;
  };
  const word = (dist: Distribution): void => {
    put(dist.tokens[dist.pick(rng)]!);
    out[at++] = SPACE;
  };
  const nounPhrase = (): void => {
    const form = g.nounPhraseForms[g.nounPhrase.pick(rng)]!;
    for (let i = 0; i < form.length; i++) {
      const c = form[i]!;
      if (c === ',') {
        at--; // replace the space after the previous word with ", "
        out[at++] = 0x2c;
        out[at++] = SPACE;
      } else if (c !== ' ') {
        word(g.words[c]!);
      }
    }
  };
  const verbPhrase = (): void => {
    const form = g.verbPhraseForms[g.verbPhrase.pick(rng)]!;
    for (let i = 0; i < form.length; i += 2) word(g.words[form[i]!]!);
  };
  const THE = new TextEncoder().encode('the ');

  while (at < size) {
    const form = g.sentenceForms[g.sentence.pick(rng)]!;
    for (let i = 0; i < form.length; i += 2) {
      switch (form[i]) {
        case 'N':
          nounPhrase();
          break;
        case 'V':
          verbPhrase();
          break;
        case 'P':
          word(g.prepositions);
          put(THE);
          nounPhrase();
          break;
        case 'T':
          at--; // the terminator replaces the trailing space
          put(g.terminators.tokens[g.terminators.pick(rng)]!);
          break;
        default:
          throw new Error(`unknown grammar token in '${form}'`);
      }
      if (out[at - 1] !== SPACE) out[at++] = SPACE;
    }
  }
  return out.subarray(0, size);
}
