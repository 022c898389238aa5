import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { api } from '@/api/client'
import type { Me } from '@/api/types'
import { useAuthStore } from '@/stores/auth'
import { resumeFrom, useLiveStore } from '@/stores/live'

function me(roles: Me['roles'], member_id: number | null = null, handling_units: Me['handling_units'] = []): Me {
  return { username: 'u', display_name: 'U', member_id, roles, handling_units, csrf_token: 'c'.repeat(64), password_reset: null }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.restoreAllMocks()
  sessionStorage.clear()
})

describe('auth store', () => {
  it('offers each role only its screens', async () => {
    const auth = useAuthStore()
    const cases: [Me, string[]][] = [
      [me([{ body: 'npc', role: 'member' }], 1), ['member', 'proposals', 'screen']],
      [me([{ body: 'npc', role: 'presiding' }]), ['console', 'screen']],
      [me([{ body: 'npc', role: 'secretariat' }]), ['console', 'secretariat', 'screen']],
      [me([{ body: 'npc', role: 'observer' }]), ['screen']],
      [me([{ body: '*', role: 'admin' }]), ['console', 'secretariat', 'screen']],
      // A handling unit's account has no role: its portal only.
      [me([], null, [{ id: 1, body: 'cppcc', name_zh: '教育部' }]), ['unit']],
      // A member role without a linked member cannot vote: no member screen.
      [me([{ body: 'npc', role: 'member' }], null), ['screen']],
    ]
    for (const [m, screens] of cases) {
      vi.spyOn(api, 'login').mockResolvedValueOnce(m)
      await auth.login('u', 'p')
      expect(auth.screens, JSON.stringify(m.roles)).toEqual(screens)
    }
  })

  it('knows roles per body; admin holds every role everywhere', async () => {
    const auth = useAuthStore()
    vi.spyOn(api, 'me').mockResolvedValueOnce(me([{ body: 'npc', role: 'presiding' }, { body: 'cppcc', role: 'secretariat' }]))
    await auth.restore()
    expect(auth.checked).toBe(true)
    expect(auth.has('presiding', 'npc')).toBe(true)
    expect(auth.has('presiding', 'cppcc')).toBe(false)
    expect(auth.bodiesWith('presiding', 'secretariat').sort()).toEqual(['cppcc', 'npc'])
    vi.spyOn(api, 'me').mockResolvedValueOnce(me([{ body: '*', role: 'admin' }]))
    await auth.restore()
    expect(auth.has('presiding', 'anything')).toBe(true)
    expect(auth.bodiesWith('presiding')).toEqual(['*'])
  })

  it('sets the CSRF token on sign-in and clears it on sign-out or a lost session', async () => {
    const auth = useAuthStore()
    vi.spyOn(api, 'me').mockResolvedValueOnce(me([{ body: 'npc', role: 'observer' }]))
    await auth.restore()
    expect(api.csrfToken).toBe('c'.repeat(64))
    auth.lost()
    expect(auth.me).toBeNull()
    expect(api.csrfToken).toBe('')
    vi.spyOn(api, 'logout').mockResolvedValueOnce()
    vi.spyOn(api, 'me').mockResolvedValueOnce(me([{ body: 'npc', role: 'observer' }]))
    await auth.restore()
    await auth.logout()
    expect(auth.me).toBeNull()
    expect(api.csrfToken).toBe('')
  })
})

describe('live store', () => {
  it('resumes from a saved position only if its event is in this log', async () => {
    const get = vi.spyOn(api, 'get')
    get.mockResolvedValueOnce([{ seq: 40, hash: 'h40' }])
    expect(await resumeFrom('npc', { since: 45, eventSeq: 40, eventHash: 'h40' })).toBe(45)
    expect(get).toHaveBeenLastCalledWith('/api/v1/bodies/npc/events?since=39&limit=1')
    // Another database (recreated): same seq, different hash.
    get.mockResolvedValueOnce([{ seq: 40, hash: 'other' }])
    expect(await resumeFrom('npc', { since: 45, eventSeq: 40, eventHash: 'h40' })).toBe(0)
    // A log shorter than the saved position.
    get.mockResolvedValueOnce([])
    expect(await resumeFrom('npc', { since: 45, eventSeq: 40, eventHash: 'h40' })).toBe(0)
    get.mockRejectedValueOnce(new Error('down'))
    expect(await resumeFrom('npc', { since: 45, eventSeq: 40, eventHash: 'h40' })).toBe(0)
    expect(await resumeFrom('npc', null)).toBe(0)
  })

  it('shares one channel per body and closes it when the last follower leaves', async () => {
    const sockets: { url: string; close: () => void }[] = []
    class FakeWebSocket {
      onopen = null
      onmessage = null
      onclose = null
      onerror = null
      closed = false
      constructor(readonly url: string) {
        sockets.push(this)
      }
      close() {
        this.closed = true
      }
    }
    vi.stubGlobal('WebSocket', FakeWebSocket)
    const live = useLiveStore()
    live.setUser('u')
    const stop1 = live.follow('npc', {})
    const stop2 = live.follow('npc', {})
    await vi.waitFor(() => expect(sockets).toHaveLength(1))
    expect(sockets[0].url).toMatch(/\/api\/v1\/live\?body=npc&since=0$/)
    expect(live.status.npc).toBe('connecting')
    stop1()
    expect(live.status.npc).toBe('connecting')
    stop2()
    expect(live.status.npc).toBeUndefined()
    expect((sockets[0] as unknown as { closed: boolean }).closed).toBe(true)
    vi.unstubAllGlobals()
  })
})
