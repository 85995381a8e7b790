/**
 * Session configuration: batch size, memory budget and which optimizer rules run.
 */

export interface SessionConfig {
  /** Target rows per record batch produced by scans and operators. */
  readonly batchSize: number;
  /** Bytes operators may hold at once before failing with a RESOURCES error; `Infinity` for no limit. */
  readonly memoryLimit: number;
  /** Names of optimizer rules switched off (see each rule's `name`). */
  readonly disabledRules: ReadonlySet<string>;
}

export const defaultConfig: SessionConfig = {
  batchSize: 8192,
  memoryLimit: Infinity,
  disabledRules: new Set(),
};

export function makeConfig(overrides: Partial<SessionConfig> = {}): SessionConfig {
  return { ...defaultConfig, ...overrides };
}
