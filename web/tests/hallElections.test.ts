// The hall's side of an election: the presiding console's elections (fingerprint as the member
// device shows it, the buttons for presiding vs secretariat and per state, the confirmed actions)
// and the big screen's election (voting, decrypting, counted; giving way to polls), against a
// mocked API and a captured live listener.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ElMessageBox } from 'element-plus'
import { api } from '@/api/client'
import type { LiveNoticeMessage, Poll, ReadableEvent, SittingReport } from '@/api/types'
import { testElection, type TestElection } from '@/crypto/fixtures'
import { sha256, toHex, utf8 } from '@/crypto/group'
import { i18n } from '@/i18n'
import type { ChannelListener } from '@/live/channel'
import { useAuthStore } from '@/stores/auth'
import type { Election, ElectionRound, RoundResult } from '@/elections/api'
import { electionOnScreen, fingerprintLines, motionVerdict, nextRoundCandidates, notReady, presidingActions, shortFingerprint } from '@/elections/hall'
import ConsoleElections from '@/elections/ConsoleElections.vue'
import ElectionView from '@/elections/ElectionView.vue'
import ScreenElection from '@/elections/ScreenElection.vue'

// The live channel: every listener a component registers, to feed it events and notices.
const listeners: ChannelListener[] = []
vi.mock('@/composables/useLive', () => ({ useLive: (_body: unknown, l: ChannelListener) => void listeners.push(l) }))

const FP = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90'
const SITTING = 5

function round(over: Partial<ElectionRound> = {}): ElectionRound {
  return {
    number: 1,
    sitting_id: SITTING,
    kind: 'first',
    seats: 2,
    candidate_ids: ['c1', 'c2', 'c3'],
    members: 6,
    members_hash: '00',
    state: 'open',
    result: null,
    voted: 2,
    fingerprint: FP,
    ...over,
  }
}

const RESULT: RoundResult = {
  valid: true,
  valid_ballots: 5,
  candidates: [
    { id: 'c1', name: '周文华', for: 4, against: 0, abstain: 1, elected: true, tied: false },
    { id: 'c2', name: '吴海燕', for: 4, against: 0, abstain: 1, elected: true, tied: false },
    { id: 'c3', name: '郑国强', for: 1, against: 3, abstain: 1, elected: false, tied: false },
  ],
  elected: ['周文华', '吴海燕'],
  announcement_zh: '应选2名……周文华、吴海燕当选。',
  announcement_en: '2 to elect … 周文华 and 吴海燕 are elected.',
}

function election(over: Partial<Election> = {}): Election {
  return {
    id: 7,
    body: 'ele',
    session_id: 1,
    title_zh: '选举副主任',
    title_en: 'Election of vice-chairs',
    seats: 2,
    ballot_kind: 'election',
    mode: 'electronic',
    state: 'voting',
    candidates: [
      { id: 'c1', name: '周文华' },
      { id: 'c2', name: '吴海燕' },
      { id: 'c3', name: '郑国强' },
    ],
    elected: [],
    rounds: [round()],
    scrutineers: [],
    electronic: { threshold: 2, trustees: [], public_key: 'ab', credentials: 6 },
    ...over,
  }
}

const nominating = (over: Partial<Election> = {}) => election({ state: 'nominating', rounds: [], ...over })
const counted = (over: Partial<Election> = {}) =>
  election({ state: 'closed', elected: RESULT.elected, rounds: [round({ state: 'counted', result: RESULT })], ...over })

function report(state: 'scheduled' | 'open' | 'closed' = 'open'): SittingReport {
  return { id: SITTING, session_id: 1, body: 'ele', state, title_zh: '第三次全体会议', title_en: '3rd plenary sitting' } as unknown as SittingReport
}

function signInAs(role: 'presiding' | 'secretariat') {
  useAuthStore().me = { username: `ele-${role}`, display_name: role, member_id: null, roles: [{ body: 'ele', role }], csrf_token: 'x', handling_units: [], password_reset: null }
}

function serve(elections: () => Election[]) {
  return vi.spyOn(api, 'get').mockImplementation(async (path: string) => {
    if (path === '/api/v1/sessions/1/elections') return { elections: elections() }
    throw new Error('unexpected GET ' + path)
  })
}

const notice = (election_id: number, roundNo: number, voted: number) =>
  ({ type: 'notice', body: 'ele', key: `election:${election_id}`, notice: { kind: 'elections.progress', election_id, round: roundNo, voted } }) as unknown as LiveNoticeMessage
const event = (seq: number, event_type: string, payload: Record<string, unknown>) =>
  ({ type: 'event', body: 'ele', seq, event_type, actor: 'x', at: '', payload, hash: '' }) as ReadableEvent

beforeEach(() => {
  setActivePinia(createPinia())
  vi.restoreAllMocks()
  listeners.length = 0
  i18n.global.locale.value = 'zh-CN'
})

describe('the fingerprint as the hall reads it', () => {
  it('groups the full value by four, the first line being the short form', () => {
    const lines = fingerprintLines(FP)
    expect(lines).toHaveLength(4)
    expect(lines[0]).toBe('a1b2 c3d4 e5f6 0718')
    expect(lines[0]).toBe(shortFingerprint(FP))
    expect(lines.join(' ').replace(/ /g, '')).toBe(FP)
    expect(lines.every((l) => /^([0-9a-f]{4} ){3}[0-9a-f]{4}$/.test(l))).toBe(true)
  })

  describe('is the very text the member device shows for the same manifest', () => {
    let e: TestElection
    beforeAll(() => {
      e = testElection({ candidateIds: [1, 2, 3], seats: 2, members: 6, electionId: 7, round: 1 })
    })

    it('console and ballot screen', async () => {
      const fp = toHex(sha256(utf8(e.manifest)))
      const el = election({ rounds: [round({ fingerprint: fp })] })
      vi.spyOn(api, 'get').mockImplementation(async (path: string) => {
        if (path === '/api/v1/sessions/1/elections') return { elections: [el] }
        if (path === '/api/v1/elections/7') return el
        if (path === '/api/v1/elections/7/board?kind=manifest') return { election_id: 7, entries: [{ index: 0, kind: 'manifest', payload: e.manifest, hash: '' }] }
        if (path === '/api/v1/me/elections/7/ballot') return { election_id: 7, voted: false, round: null, receipt: null, receipts: [] }
        throw new Error('unexpected GET ' + path)
      })
      signInAs('presiding')
      const consoleView = mount(ConsoleElections, { props: { report: report() }, global: { plugins: [i18n] } })
      const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/member/elections/:id', component: ElectionView }, { path: '/member', component: { template: '<p />' } }] })
      await router.push('/member/elections/7')
      const device = mount({ template: '<router-view />' }, { global: { plugins: [i18n, router] } })
      await flushPromises()
      const onDevice = device.find('[data-testid="fingerprint-short"]').text()
      expect(onDevice).toMatch(/^([0-9a-f]{4} ){3}[0-9a-f]{4}$/)
      expect(consoleView.find('[data-testid="console-fingerprint-short"]').text()).toBe(onDevice)
      expect(consoleView.find('[data-testid="console-fingerprint-full"]').text().replace(/\s/g, '')).toBe(fp)
      consoleView.unmount()
      device.unmount()
    }, 30_000)
  })
})

describe('what the presiding role may do', () => {
  const presiding = { mayPreside: true, sittingOpen: true }

  it('opens a ready election at an open sitting; closes an open electronic round', () => {
    expect(presidingActions(nominating(), presiding)).toEqual(['open_round'])
    expect(presidingActions(election(), presiding)).toEqual(['close_round'])
    expect(presidingActions(election({ state: 'counted', rounds: [round({ state: 'counted', result: { ...RESULT, elected: ['周文华'] } })] }), presiding)).toEqual(['open_round'])
  })

  it('offers nothing to the secretariat, whatever the state', () => {
    for (const e of [nominating(), election(), counted()]) expect(presidingActions(e, { mayPreside: false, sittingOpen: true })).toEqual([])
  })

  it('offers nothing the API would refuse', () => {
    expect(presidingActions(nominating(), { mayPreside: true, sittingOpen: false })).toEqual([])
    expect(notReady(nominating(), false)).toBe('sittingNotOpen')
    expect(presidingActions(nominating({ electronic: { threshold: 2, trustees: [], public_key: null, credentials: null } }), presiding)).toEqual([])
    expect(notReady(nominating({ electronic: { threshold: 2, trustees: [], public_key: null, credentials: null } }), true)).toBe('noKey')
    expect(notReady(nominating({ electronic: { threshold: 2, trustees: [], public_key: 'ab', credentials: null } }), true)).toBe('noCredentials')
    expect(notReady(nominating({ mode: 'paper', electronic: null }), true)).toBe('noChief')
    expect(presidingActions(nominating({ mode: 'paper', electronic: null, scrutineers: [{ member_id: 3, chief: true }] }), presiding)).toEqual(['open_round'])
    // An open paper round ends with the chief scrutineer's sign-off, not a button here.
    expect(presidingActions(election({ mode: 'paper' }), presiding)).toEqual([])
    expect(presidingActions(election({ rounds: [round({ state: 'tallying' })] }), presiding)).toEqual([])
    expect(presidingActions(counted(), presiding)).toEqual([])
  })

  it('names the next round’s candidates as open_round wants them', () => {
    expect(nextRoundCandidates(nominating())).toBeNull()
    const tie: RoundResult = { ...RESULT, elected: ['周文华'], candidates: RESULT.candidates.map((c, i) => ({ ...c, elected: i === 0, tied: i > 0 })) }
    expect(nextRoundCandidates(election({ state: 'counted', elected: ['周文华'], rounds: [round({ state: 'counted', result: tie })] }))).toEqual(['c2', 'c3'])
    const unfilled: RoundResult = { ...RESULT, elected: ['周文华'] }
    expect(nextRoundCandidates(election({ state: 'counted', elected: ['周文华'], rounds: [round({ state: 'counted', result: unfilled })] }))).toEqual(['c2', 'c3'])
    const void_: RoundResult = { ...RESULT, valid: false, elected: [] }
    expect(nextRoundCandidates(election({ state: 'counted', rounds: [round({ state: 'counted', result: void_ })] }))).toEqual(['c1', 'c2', 'c3'])
  })
})

describe('ConsoleElections', () => {
  async function mountConsole(list: () => Election[], role: 'presiding' | 'secretariat', state: 'open' | 'closed' = 'open') {
    signInAs(role)
    const get = serve(list)
    const w = mount(ConsoleElections, { props: { report: report(state) }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    return { w, get }
  }

  it('shows presiding the open round’s fingerprint, the live count and the close button; closes after confirming', async () => {
    let list = [election()]
    const { w } = await mountConsole(() => list, 'presiding')
    const card = w.find('[data-election="7"]')
    expect(card.find('h3').text()).toBe('选举副主任')
    expect(card.find('[data-testid="election-mode"]').text()).toBe('电子选票')
    expect(card.text()).toContain('周文华、吴海燕、郑国强')
    expect(card.find('[data-testid="console-fingerprint-short"]').text()).toBe('a1b2 c3d4 e5f6 0718')
    const voted = card.find('[data-testid="election-voted"]')
    expect(voted.text()).toBe('已投票 2 人 / 有选举权 6 人')
    expect(voted.attributes('aria-live')).toBe('polite')
    listeners[0].onNotice!(notice(7, 1, 4))
    await flushPromises()
    expect(w.find('[data-testid="election-voted"]').text()).toBe('已投票 4 人 / 有选举权 6 人')
    // A notice of another round does not count here.
    listeners[0].onNotice!(notice(7, 2, 5))
    await flushPromises()
    expect(w.find('[data-testid="election-voted"]').text()).toBe('已投票 4 人 / 有选举权 6 人')
    expect(w.find('[data-testid="open-round"]').exists()).toBe(false)

    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValueOnce('cancel').mockResolvedValue('confirm' as never)
    const action = vi.spyOn(api, 'action').mockResolvedValue({ result: { election_id: 7, round: 1, ballots_counted: 4 } as never, events: [], replayed: false })
    await w.find('[data-testid="close-round"]').trigger('click')
    await flushPromises()
    expect(confirm.mock.calls[0][0]).toContain('已有 4 名成员投票')
    expect(action).not.toHaveBeenCalled() // cancelled
    list = [election({ rounds: [round({ state: 'tallying', voted: 4 })] })]
    await w.find('[data-testid="close-round"]').trigger('click')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('elections.close_round', { election_id: 7 })
    expect(w.find('[role="status"]').text()).toContain('第1轮投票已结束')
    expect(w.find('[data-testid="round-state"]').text()).toContain('受托人正在解密计票')
    expect(w.find('[data-testid="close-round"]').exists()).toBe(false)
    w.unmount()
  })

  it('shows the secretariat the same without buttons, and says who acts', async () => {
    const { w } = await mountConsole(() => [election(), nominating({ id: 8 })], 'secretariat')
    expect(w.find('[data-testid="console-fingerprint-short"]').text()).toBe('a1b2 c3d4 e5f6 0718')
    expect(w.findAll('button.big-button')).toHaveLength(0)
    expect(w.text()).toContain('开始和结束投票由主持人操作')
    w.unmount()
  })

  it('opens a round at this sitting after confirming, and says why it cannot when not ready', async () => {
    let list = [nominating(), nominating({ id: 8, title_zh: '选举主任', electronic: { threshold: 2, trustees: [], public_key: null, credentials: null } })]
    const { w } = await mountConsole(() => list, 'presiding')
    const first = w.find('[data-election="7"]')
    expect(first.find('[data-testid="open-round"]').text()).toBe('开始第1轮投票')
    expect(first.find('[data-testid="console-fingerprint"]').exists()).toBe(false)
    const second = w.find('[data-election="8"]')
    expect(second.find('button').exists()).toBe(false)
    expect(second.find('[data-testid="not-ready"]').text()).toContain('受托人尚未完成选举密钥的生成')

    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const action = vi.spyOn(api, 'action').mockResolvedValue({ result: { election_id: 7, round: 1, kind: 'first', seats: 2, members: 6 } as never, events: [], replayed: false })
    list = [election(), list[1]]
    await first.find('[data-testid="open-round"]').trigger('click')
    await flushPromises()
    expect(confirm.mock.calls[0][0]).toContain('候选人：周文华、吴海燕、郑国强')
    expect(action).toHaveBeenCalledWith('elections.open_round', { election_id: 7, sitting_id: SITTING })
    expect(w.find('[data-election="7"] [data-testid="console-fingerprint-short"]').exists()).toBe(true)
    w.unmount()
  })

  it('after counting shows the result to read and the elected, in the UI language', async () => {
    const { w } = await mountConsole(() => [counted()], 'presiding')
    expect(w.find('[data-testid="console-election-result"] h4').text()).toBe('选举结果（请宣读）')
    expect(w.find('[data-testid="console-election-result"]').text()).toContain('周文华、吴海燕当选。')
    expect(w.find('[data-testid="console-elected"]').text()).toBe('当选：周文华、吴海燕')
    expect(w.find('[data-testid="election-state"]').text()).toBe('选举已结束')
    expect(w.find('[data-testid="console-fingerprint"]').exists()).toBe(false)
    expect(w.findAll('button.big-button')).toHaveLength(0)
    i18n.global.locale.value = 'en'
    await flushPromises()
    expect(w.find('[data-testid="console-elected"]').text()).toBe('Elected: 周文华, 吴海燕')
    expect(w.find('[data-testid="console-election-result"]').text()).toContain('are elected.')
    w.unmount()
  })

  it('shows a paper round’s state and result likewise, without fingerprint, count or buttons', async () => {
    const paper = { mode: 'paper' as const, electronic: null, scrutineers: [{ member_id: 3, chief: true }] }
    let list = [election({ ...paper, rounds: [round({ fingerprint: null, voted: undefined })] })]
    const { w } = await mountConsole(() => list, 'presiding')
    expect(w.find('[data-testid="election-mode"]').text()).toBe('纸质选票')
    expect(w.find('[data-testid="round-state"]').text()).toContain('投票进行中')
    expect(w.text()).toContain('纸质选票由监票人清点')
    expect(w.find('[data-testid="console-fingerprint"]').exists()).toBe(false)
    expect(w.find('[data-testid="election-voted"]').exists()).toBe(false)
    expect(w.findAll('button.big-button')).toHaveLength(0)
    list = [counted(paper)]
    listeners[0].onEvent!(event(40, 'elections.round_counted', { election_id: 7 }), false)
    await flushPromises()
    expect(w.find('[data-testid="console-elected"]').text()).toBe('当选：周文华、吴海燕')
    w.unmount()
  })

  it('shows a ballot on a motion as the motion decided, adopted or not and why, never as an election', async () => {
    const item = { id: 'c1', name: '中华人民共和国宪法修正案（草案）', motion_id: 14 }
    const onMotion = (result: RoundResult) =>
      election({
        mode: 'paper', electronic: null, seats: 1, ballot_kind: 'confirmation', title_zh: '宪法修正案表决', state: 'closed',
        scrutineers: [{ member_id: 3, chief: true }], candidates: [item], elected: result.adopted ? [item.name] : [],
        rounds: [round({ seats: 1, candidate_ids: ['c1'], fingerprint: null, voted: undefined, state: 'counted', result })],
      })
    const base = { valid: true, valid_ballots: 20, candidates: [], announcement_en: '…' }
    let list = [onMotion({ ...base, elected: [item.name], adopted: true, announcement_zh: '发出表决票20张……通过。' })]
    const { w } = await mountConsole(() => list, 'presiding')
    expect(w.find('[data-testid="election-state"]').text()).toBe('已表决')
    expect(w.text()).toContain('表决事项：中华人民共和国宪法修正案（草案）')
    expect(w.text()).not.toContain('候选人')
    expect(w.text()).not.toContain('当选')
    expect(w.find('[data-testid="console-verdict"]').text()).toBe('通过')
    list = [
      onMotion({
        ...base, elected: [], adopted: false, announcement_zh: '……未通过。',
        reason_zh: '赞成13票，不足14票：赞成票须达全体代表的三分之二以上', reason_en: '13 for, fewer than 14',
      }),
    ]
    listeners[0].onEvent!(event(41, 'elections.round_counted', { election_id: 7 }), false)
    await flushPromises()
    expect(w.find('[data-testid="console-verdict"]').text()).toBe('未通过：赞成13票，不足14票：赞成票须达全体代表的三分之二以上')
    expect(motionVerdict(counted().rounds[0].result)).toBeNull()
    w.unmount()
  })

  it('re-reads when an election of the session changes, not for other bodies’ business', async () => {
    const { w, get } = await mountConsole(() => [nominating()], 'presiding')
    const reads = get.mock.calls.length
    listeners[0].onEvent!(event(20, 'elections.round_opened', { election_id: 7, sitting_id: SITTING }), false)
    await flushPromises()
    expect(get.mock.calls.length).toBe(reads + 1)
    listeners[0].onEvent!(event(21, 'elections.round_opened', { election_id: 99, sitting_id: 1 }), false)
    listeners[0].onEvent!(event(22, 'voting.poll_opened', { poll_id: 1, sitting_id: SITTING }), false)
    await flushPromises()
    expect(get.mock.calls.length).toBe(reads + 1)
    w.unmount()
  })
})

describe('the big screen’s election', () => {
  const poll = (state: 'open' | 'closed') => ({ id: 1, sitting_id: SITTING, state }) as Poll

  async function mountScreen(list: () => Election[], polls: Poll[] = []) {
    serve(list)
    const r = report()
    const props = {
      sessionId: r.session_id,
      body: r.body,
      sittingId: r.id,
      pollOpen: polls.some((p) => p.state === 'open'),
      pollClosed: polls.some((p) => p.state === 'closed'),
    }
    const w = mount(ScreenElection, { props, global: { plugins: [i18n] } })
    await flushPromises()
    return w
  }

  it('while voting: the title, the round, the fingerprint in groups of four and the live count', async () => {
    const w = await mountScreen(() => [election()])
    const s = w.find('[data-testid="screen-election"]')
    expect(s.attributes('data-phase')).toBe('voting')
    expect(s.find('h2').text()).toBe('选举副主任')
    expect(s.text()).toContain('选举 · 第1轮投票 · 应选 2 名')
    expect(s.text()).toContain('选举指纹')
    expect(w.find('[data-testid="screen-fingerprint"]').text()).toBe('a1b2 c3d4 e5f6 0718')
    expect(w.find('[data-testid="screen-fingerprint-rest"]').text()).toBe(fingerprintLines(FP).slice(1).join(' '))
    expect(w.find('[data-testid="screen-election-voted"]').text()).toBe('2')
    expect(w.find('.count').attributes('aria-live')).toBe('polite')
    listeners[0].onNotice!(notice(7, 1, 5))
    await flushPromises()
    expect(w.find('[data-testid="screen-election-voted"]').text()).toBe('5')
    w.unmount()
  })

  it('while the trustees decrypt, says so; once counted, the elected and the announcement', async () => {
    let list = [election({ rounds: [round({ state: 'tallying', voted: 5 })] })]
    const w = await mountScreen(() => list)
    expect(w.find('[data-testid="screen-election"]').attributes('data-phase')).toBe('tallying')
    expect(w.find('[role="status"]').text()).toBe('投票已结束，受托人正在解密计票')
    list = [counted()]
    listeners[0].onEvent!(event(30, 'elections.round_counted', { election_id: 7 }), false)
    await flushPromises()
    expect(w.find('[data-testid="screen-election"]').attributes('data-phase')).toBe('counted')
    expect(w.findAll('.elected-name').map((n) => n.text())).toEqual(['周文华', '吴海燕'])
    expect(w.find('[data-testid="screen-election-announcement"]').text()).toBe(RESULT.announcement_zh)
    expect(w.find('[data-testid="screen-fingerprint"]').exists()).toBe(false)
    i18n.global.locale.value = 'en'
    await flushPromises()
    expect(w.find('[data-testid="screen-election-announcement"]').text()).toBe(RESULT.announcement_en)
    expect(w.find('.elected-label').text()).toBe('Elected')
    w.unmount()
  })

  it('gives way to an open poll, and to a poll closed after the count', async () => {
    const open = await mountScreen(() => [election()], [poll('open')])
    expect(open.find('[data-testid="screen-election"]').exists()).toBe(false)
    open.unmount()

    listeners.length = 0
    const w = await mountScreen(() => [counted()], [poll('closed')])
    // Order unknown (the page resumed after both): the poll's result stays.
    expect(w.find('[data-testid="screen-election"]').exists()).toBe(false)
    // Seen on the channel: the count after the poll.
    listeners[0].onEvent!(event(10, 'voting.poll_opened', { poll_id: 1, sitting_id: SITTING }), true)
    listeners[0].onEvent!(event(11, 'voting.poll_closed', { poll_id: 1 }), true)
    listeners[0].onEvent!(event(12, 'elections.round_counted', { election_id: 7 }), true)
    await flushPromises()
    expect(w.find('[data-testid="screen-election"]').attributes('data-phase')).toBe('counted')
    // Then another poll opens and closes: its result is the news.
    listeners[0].onEvent!(event(13, 'voting.poll_opened', { poll_id: 2, sitting_id: SITTING }), false)
    listeners[0].onEvent!(event(14, 'voting.poll_closed', { poll_id: 2 }), false)
    await flushPromises()
    expect(w.find('[data-testid="screen-election"]').exists()).toBe(false)
    w.unmount()
  })

  it('shows nothing for a round at another sitting or before any round', () => {
    const order = { electionSeq: {}, pollSeq: null }
    const opts = { pollOpen: false, pollClosed: false, order }
    expect(electionOnScreen([election({ rounds: [round({ sitting_id: 4 })] })], SITTING, opts)).toBeNull()
    expect(electionOnScreen([nominating()], SITTING, opts)).toBeNull()
    expect(electionOnScreen([counted()], SITTING, opts)?.phase).toBe('counted')
    expect(electionOnScreen([counted(), election({ id: 8 })], SITTING, opts)?.election.id).toBe(8)
  })
})
