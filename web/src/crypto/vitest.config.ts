// Runs the crypto tests (web/src/crypto/*.test.ts) with the app's Vite config, whose include is
// tests/**/*.test.ts only. Usage, from web/:
//   npx vitest run -c src/crypto/vitest.config.ts
// The test files declare the node environment themselves, so adding 'src/**/*.test.ts' to the
// main config's include would run them with `npm test` as well.
import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'
import base from '../../vite.config'

export default defineConfig({
  ...base,
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: { ...base.test, include: ['src/crypto/**/*.test.ts'], environment: 'node' },
})
