import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (dir: string) => fileURLToPath(new URL(`./${dir}/src/index.ts`, import.meta.url));

// Tests run against the TypeScript sources, so a change is tested without a rebuild.
export default defineConfig({
  resolve: {
    alias: {
      '@quiver/common': src('packages/common'),
      '@quiver/planner': src('packages/planner'),
      '@quiver/sql': src('packages/sql'),
      '@quiver/optimizer': src('packages/optimizer'),
      '@quiver/udf': src('packages/udf'),
      '@quiver/exec': src('packages/exec'),
      '@quiver/tpch': src('tpch'),
      quiver: src('packages/quiver'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tpch/src/**/*.test.ts', 'test/**/*.test.ts', 'examples/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
