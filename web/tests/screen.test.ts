// The big screen against a mocked API and a captured live listener: it follows the body's sitting
// by itself, what the secretariat projects shows over it until cleared, a countdown counts by
// the server's clock, and the operator's controls stay off the image until the pointer moves.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { api } from '@/api/client'
import type { Poll, ReadableEvent, SittingReport } from '@/api/types'
import { i18n } from '@/i18n'
import type { ChannelListener } from '@/live/channel'
import { oneAtATime } from '@/live/oneAtATime'
import BigScreenView from '@/screen/BigScreenView.vue'
import { clock, secondsLeft, type Projection, type ScreenState } from '@/screen/api'
import { useAuthStore } from '@/stores/auth'
import { openPoll } from './hall-fixtures'

const listeners: ChannelListener[] = []
vi.mock('@/composables/useLive', () => ({ useLive: (_body: unknown, l: ChannelListener) => void listeners.push(l) }))

const SITTING = 5
const report = {
  id: SITTING,
  session_id: 1,
  body: 'npc',
  kind: 'plenary',
  state: 'open',
  title_zh: '第三次全体会议',
  title_en: '3rd plenary sitting',
  starts_at: '2024-03-08T01:00:00Z',
  session: { name_zh: '第十四届全国人民代表大会第二次会议', name_en: 'Second Session of the 14th NPC' },
  attendance: { expected: 2956, present: 2000, absent: 956, on_leave: 0 },
  quorum: { met: true, minimum: 1971, wording: { met_zh: '出席人数符合法定人数', not_met_zh: '出席人数不足法定人数', met_en: 'met', not_met_en: 'not met' } },
  announcement_zh: '应出席代表2956人，出席2000人。',
  announcement_en: 'Expected 2956; present 2000.',
} as unknown as SittingReport

function state(projection: Partial<Projection> | null, now = new Date().toISOString()): ScreenState {
  const full = projection
    ? ({ kind: 'message', sitting_id: null, poll_id: null, election_id: null, text_zh: '', text_en: '', ends_at: null, projected_at: now, by: 'npc-secretariat', ...projection } as Projection)
    : null
  return { body: 'npc', now, sitting_id: SITTING, following: 'open', projection: full }
}

let screenState: ScreenState
const poll: Poll = { ...openPoll({ sitting_id: SITTING }), voted: 120 }

function serve() {
  return vi.spyOn(api, 'get').mockImplementation(async (path: string) => {
    if (path === '/api/v1/bodies/npc/screen') return screenState
    if (path === `/api/v1/sittings/${SITTING}`) return report
    if (path === `/api/v1/sittings/${SITTING}/polls`) return { sitting_id: SITTING, polls: [poll] }
    if (path === '/api/v1/sessions/1/elections') return { elections: [] }
    if (path === `/api/v1/sittings/${SITTING}/units`)
      return {
        sitting_id: SITTING,
        units: [
          { unit_id: 1, name: '北京市代表团', kind: 'delegation', expected: 54, present: 54, absent: 0, on_leave: 0, absentees: [] },
          { unit_id: 2, name: '天津市代表团', kind: 'delegation', expected: 41, present: 40, absent: 1, on_leave: 0, absentees: [] },
        ],
      }
    throw new Error('unexpected GET ' + path)
  })
}

const event = (seq: number, event_type: string, payload: Record<string, unknown> = {}) =>
  ({ type: 'event', body: 'npc', seq, event_type, actor: 'npc-secretariat', at: '', payload, hash: '' }) as ReadableEvent

async function mountScreen() {
  useAuthStore().me = { username: 'screen', display_name: '大屏幕', member_id: null, roles: [{ body: 'npc', role: 'observer' }], csrf_token: 'x', handling_units: [], password_reset: null }
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/screen', component: BigScreenView }, { path: '/', component: { template: '<p />' } }] })
  await router.push('/screen')
  const w = mount(BigScreenView, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await flushPromises()
  return w
}

// Tell every listener (the screen's state, the sitting, the elections) of an event.
async function emit(ev: ReadableEvent) {
  for (const l of listeners) l.onEvent?.(ev, false)
  await flushPromises()
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.restoreAllMocks()
  listeners.length = 0
  i18n.global.locale.value = 'zh-CN'
  screenState = state(null)
})

describe('a read one at a time', () => {
  it('runs again after a read that had nothing to do, and once more for any calls during a run', async () => {
    let runs = 0
    let release: () => void = () => undefined
    let wait = false
    const read = oneAtATime(async () => {
      runs++
      if (wait) await new Promise<void>((r) => (release = r))
    })
    await read() // finishes without awaiting anything: the next call must still run
    await read()
    expect(runs).toBe(2)
    wait = true
    const first = read()
    void read()
    void read() // two calls during the run: one more run after it
    expect(runs).toBe(3)
    wait = false
    release()
    await first
    expect(runs).toBe(4)
  })
})

describe('the countdown clock', () => {
  it('counts whole seconds left by the server’s clock and never below zero', () => {
    const now = Date.parse('2024-03-08T06:00:00Z')
    expect(secondsLeft('2024-03-08T06:01:05Z', 0, now)).toBe(65)
    expect(secondsLeft('2024-03-08T06:01:05Z', 0, now + 500)).toBe(65) // 64.5 s: a started second shows
    expect(secondsLeft('2024-03-08T06:01:05Z', 5000, now)).toBe(60) // the server is 5 s ahead
    expect(secondsLeft('2024-03-08T06:01:05Z', 0, now + 3_600_000)).toBe(0)
    expect(clock(65)).toBe('1:05')
    expect(clock(0)).toBe('0:00')
    expect(clock(3729)).toBe('1:02:09')
  })
})

describe('the big screen', () => {
  it('follows the open sitting by itself: its title, the vote with the live count of those present', async () => {
    serve()
    const w = await mountScreen()
    expect(w.find('[data-testid="screen-title"]').text()).toBe('第三次全体会议')
    expect(w.find('[data-testid="screen-voted"]').text()).toBe('120')
    expect(w.find('.count-unit').text()).toBe('/ 2000')
    expect(w.find('[data-testid="stage"]').attributes('data-projection')).toBe('none')
    w.unmount()
  })

  it('shows what the secretariat projects over the sitting until it is cleared', async () => {
    const get = serve()
    const w = await mountScreen()
    screenState = state({ kind: 'message', text_zh: '会议将于15时继续进行', text_en: 'The sitting resumes at 15:00' })
    await emit(event(40, 'screen.projected', { kind: 'message' }))
    expect(w.find('[data-testid="screen-message"]').text()).toBe('会议将于15时继续进行')
    expect(w.find('[data-testid="screen-voted"]').exists()).toBe(false)
    expect(w.find('[data-testid="screen-attendance"]').exists()).toBe(true) // the attendance line stays
    i18n.global.locale.value = 'en'
    await flushPromises()
    expect(w.find('[data-testid="screen-message"]').text()).toBe('The sitting resumes at 15:00')
    i18n.global.locale.value = 'zh-CN'

    screenState = state({ kind: 'sign_in', sitting_id: SITTING })
    await emit(event(41, 'screen.projected', { kind: 'sign_in' }))
    const cells = w.findAll('[data-testid="screen-sign-in"] li')
    expect(cells.map((c) => c.text().replace(/\s+/g, ''))).toEqual(['北京市代表团54/54', '天津市代表团40/41'])
    expect(cells[0].classes()).toContain('complete')
    expect(w.find('[data-testid="screen-sign-in-total"]').text()).toBe('已签到 94 / 95')
    expect(w.find('[data-testid="screen-attendance"]').exists()).toBe(false)
    // An attendance notice of the sitting reads the delegations again.
    const reads = get.mock.calls.filter(([p]) => p.endsWith('/units')).length
    for (const l of listeners) l.onNotice?.({ type: 'notice', body: 'npc', key: 'attendance:5', notice: { ...report.attendance, kind: 'attendance.summary', sitting_id: SITTING, quorum_met: true, quorum_minimum: 1971, announcement_zh: '', announcement_en: '' } } as never)
    await flushPromises()
    expect(get.mock.calls.filter(([p]) => p.endsWith('/units')).length).toBe(reads + 1)

    screenState = state(null)
    await emit(event(42, 'screen.cleared'))
    expect(w.find('[data-testid="screen-sign-in"]').exists()).toBe(false)
    expect(w.find('[data-testid="screen-voted"]').text()).toBe('120')
    w.unmount()
  })

  it('counts a countdown down by the server’s clock, whatever the device’s says', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] })
    try {
      const local = Date.parse('2024-03-08T06:00:00Z')
      vi.setSystemTime(local)
      // The server is 30 s ahead of this device; the countdown ends 95 s after the server's now.
      const serverNow = new Date(local + 30_000).toISOString()
      screenState = state({ kind: 'countdown', text_zh: '距复会', ends_at: new Date(local + 125_000).toISOString() }, serverNow)
      serve()
      const w = await mountScreen()
      expect(w.find('.countdown-label').text()).toBe('距复会')
      expect(w.find('[data-testid="screen-countdown-clock"]').text()).toBe('1:35')
      vi.advanceTimersByTime(35_000)
      await flushPromises()
      expect(w.find('[data-testid="screen-countdown-clock"]').text()).toBe('1:00')
      vi.advanceTimersByTime(120_000)
      await flushPromises()
      expect(w.find('[data-testid="screen-countdown-clock"]').text()).toBe('0:00')
      expect(w.find('.countdown-up').text()).toBe('时间到')
      w.unmount()
    } finally {
      vi.useRealTimers()
    }
  })

  it('keeps the operator’s controls off the image until the pointer moves or a control has focus', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      serve()
      const w = await mountScreen()
      const controls = w.find('[data-testid="screen-controls"]')
      expect(controls.classes()).not.toContain('awake')
      await w.find('.big-screen').trigger('pointermove')
      expect(controls.classes()).toContain('awake')
      vi.advanceTimersByTime(3100)
      await flushPromises()
      expect(controls.classes()).not.toContain('awake')
      w.unmount()
    } finally {
      vi.useRealTimers()
    }
  })
})
