import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import { useAuthStore, type Screen } from '@/stores/auth'

declare module 'vue-router' {
  interface RouteMeta {
    screen?: Screen // needs sign-in and this screen among the account's
    bare?: boolean // no header (the big screen)
    public?: boolean
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'home', component: { render: () => null } },
    { path: '/signin', name: 'signin', component: () => import('@/views/SignInView.vue'), meta: { public: true } },
    { path: '/results', name: 'results', component: () => import('@/views/PublicResultsView.vue'), meta: { public: true } },
    { path: '/member', name: 'member', component: () => import('@/views/MemberView.vue'), meta: { screen: 'member' } },
    { path: '/member/elections/:id(\\d+)', name: 'member-election', component: () => import('@/elections/ElectionView.vue'), meta: { screen: 'member' } },
    { path: '/proposals', name: 'proposals', component: () => import('@/views/MyProposalsView.vue'), meta: { screen: 'proposals' } },
    { path: '/unit', name: 'unit', component: () => import('@/views/UnitView.vue'), meta: { screen: 'unit' } },
    { path: '/secretariat', name: 'secretariat', component: () => import('@/views/SecretariatView.vue'), meta: { screen: 'secretariat' } },
    { path: '/console', name: 'console', component: () => import('@/views/ConsoleView.vue'), meta: { screen: 'console' } },
    { path: '/screen', name: 'screen', component: () => import('@/screen/BigScreenView.vue'), meta: { screen: 'screen', bare: true } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

export function homeFor(screens: Screen[]): string {
  return screens.length ? `/${screens[0]}` : '/results'
}

router.beforeEach(async (to: RouteLocationNormalized) => {
  const auth = useAuthStore()
  if (!auth.checked) {
    try {
      await auth.restore()
    } catch {
      /* server unreachable: public pages still try to load and show the error */
    }
  }
  if (to.name === 'home') return auth.me ? homeFor(auth.screens) : '/results'
  if (to.name === 'signin' && auth.me) return homeFor(auth.screens)
  const screen = to.meta.screen
  if (screen) {
    if (!auth.me) return { path: '/signin', query: { next: to.fullPath } }
    if (!auth.screens.includes(screen)) return homeFor(auth.screens)
  }
  return true
})
