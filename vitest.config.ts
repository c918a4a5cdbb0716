import { defineConfig } from 'vitest/config';

// Unit, golden, property and netfilter tests. The browser suite (tests/e2e) runs separately
// against the built app; see tests/run-all.mjs.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/artifacts/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
