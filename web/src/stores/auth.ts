// Who is signed in and what their roles let them do. GET /api/v1/auth/me is the truth; the
// screens the app offers follow from the roles (a member votes, presiding opens polls, …).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api } from '@/api/client'
import type { Me, RoleName } from '@/api/types'

export type Screen = 'member' | 'proposals' | 'console' | 'secretariat' | 'unit' | 'screen'

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const checked = ref(false) // has /auth/me been asked once?

  function set(value: Me | null) {
    me.value = value
    api.setCsrfToken(value?.csrf_token ?? '')
  }

  async function restore(): Promise<Me | null> {
    set(await api.me())
    checked.value = true
    return me.value
  }

  async function login(username: string, password: string): Promise<Me> {
    const m = await api.login(username, password)
    set(m)
    checked.value = true
    return m
  }

  async function logout(): Promise<void> {
    try {
      await api.logout()
    } finally {
      set(null)
    }
  }

  // The session ended on the server (expired, password changed): forget it here too.
  function lost() {
    set(null)
  }

  const isAdmin = computed(() => !!me.value?.roles.some((r) => r.role === 'admin'))

  function has(role: RoleName, body?: string): boolean {
    if (!me.value) return false
    if (isAdmin.value) return true
    return me.value.roles.some((r) => r.role === role && (body === undefined || r.body === body))
  }

  // Bodies where the account holds one of these roles ("*" for admin: every body).
  function bodiesWith(...roles: RoleName[]): string[] {
    if (!me.value) return []
    if (isAdmin.value) return ['*']
    return [...new Set(me.value.roles.filter((r) => roles.includes(r.role)).map((r) => r.body))]
  }

  // The screens this account may use, in the order the menu shows them.
  const screens = computed<Screen[]>(() => {
    const out: Screen[] = []
    if (!me.value) return out
    if (me.value.member_id !== null && has('member')) out.push('member', 'proposals')
    if (me.value.handling_units?.length) out.push('unit')
    if (has('presiding') || has('secretariat')) out.push('console')
    if (has('secretariat')) out.push('secretariat')
    // Every role in a body may follow its live channel, so every account with a role may open
    // the big screen (a handling unit's account has none).
    if (me.value.roles.length) out.push('screen')
    return out
  })

  // The console's name: the presiding officer's, or the secretariat's when that is all it is.
  const consoleKey = computed(() => (has('presiding') ? 'screens.console' : 'screens.consoleSecretariat'))

  return { me, checked, restore, login, logout, lost, isAdmin, has, bodiesWith, screens, consoleKey }
})
