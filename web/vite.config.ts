import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { fileURLToPath } from 'node:url'

// `npm run dev` proxies the API and the live WebSocket to a running plenum (PLENUM_URL,
// default http://127.0.0.1:8080); `npm run build` writes dist/, which plenum serves at /.
// Element Plus components used in a template (<el-input>, <el-table>, …) are imported with their
// CSS where they are used (src/components.d.ts types them for vue-tsc), so a screen loads only
// the controls it shows.
const target = process.env.PLENUM_URL ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: 'src/components.d.ts', dirs: [] })],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { proxy: { '/api': { target, ws: true } } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  // src/crypto's tests declare the node environment themselves.
  // Element Plus is processed by Vite in the tests too, so the CSS a component imports is ignored.
  test: { environment: 'jsdom', include: ['tests/**/*.test.ts', 'src/**/*.test.ts'], server: { deps: { inline: ['element-plus'] } } },
})
