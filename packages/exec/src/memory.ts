/**
 * Memory accounting: operators that buffer data (hash tables, sorts) reserve bytes from the pool
 * and release them when done; exceeding the session's limit fails the query with a RESOURCES error.
 */
import { QuiverError } from '@quiver/common';

export class MemoryPool {
  private used = 0;
  private peak = 0;

  constructor(readonly limit: number = Infinity) {}

  get usedBytes(): number {
    return this.used;
  }
  get peakBytes(): number {
    return this.peak;
  }

  /** Reserve `bytes` for `consumer`; throws RESOURCES when that would exceed the limit. */
  grow(consumer: string, bytes: number): void {
    if (this.used + bytes > this.limit) {
      throw new QuiverError(
        'RESOURCES',
        `${consumer} needs ${formatBytes(bytes)} more but the memory limit is ${formatBytes(this.limit)} (${formatBytes(this.used)} in use)`,
      );
    }
    this.used += bytes;
    if (this.used > this.peak) this.peak = this.used;
  }

  shrink(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return 'unlimited';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}
