import { createApp } from 'vue'
import { createPinia } from 'pinia'
// Element Plus is imported per component (the full bundle would triple the member device's load).
import 'element-plus/theme-chalk/base.css'
import './styles.css'
import App from './App.vue'
import { i18n, setLocale } from './i18n'
import { router } from './router'
import { api } from './api/client'
import { useAuthStore } from './stores/auth'
import { useLiveStore } from './stores/live'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia).use(i18n).use(router)
setLocale(i18n.global.locale.value as 'zh-CN' | 'en')

// A session that ended on the server (401) sends the user back to sign in, where they were.
api.onUnauthenticated = () => {
  const auth = useAuthStore(pinia)
  if (!auth.me) return
  auth.lost()
  useLiveStore(pinia).stopAll()
  const here = router.currentRoute.value
  if (here.meta.screen) void router.replace({ path: '/signin', query: { next: here.fullPath } })
}

app.mount('#app')
