import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'] } },
      { test: { name: 'e2e', include: ['test/**/*.e2e.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
});
