// The member's electronic ballot: the board helpers, the ballot's radiogroups and seat limit,
// and the whole view against a mocked API (audit, cast, receipt on the board), with a real
// manifest and real ballots from web/src/crypto.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { api } from '@/api/client'
import { testElection, type TestElection } from '@/crypto/fixtures'
import { parseBallot, receiptOf, type BallotJson } from '@/crypto/ballot'
import { concatBytes, lp, sha256, toHex, u32, utf8 } from '@/crypto/group'
import { i18n } from '@/i18n'
import zhCN from '@/i18n/elections.zh-CN'
import en from '@/i18n/elections.en'
import type { Board, Election } from '@/elections/api'
import { brokenLink, checkReceipt, latestManifest, normalizeCredential, shortFingerprint } from '@/elections/board'
import ElectionBallot from '@/elections/ElectionBallot.vue'
import ElectionView from '@/elections/ElectionView.vue'

// The live channel is not under test here.
vi.mock('@/composables/useLive', () => ({ useLive: () => undefined }))

const CANDIDATES = [3, 4, 5]
const NAMES = ['候选人 1 Candidate 1', '候选人 2 Candidate 2', '候选人 3 Candidate 3']
let election: TestElection

beforeAll(() => {
  election = testElection({ candidateIds: CANDIDATES, seats: 2, members: 4, electionId: 7, round: 1 })
})

beforeEach(() => {
  setActivePinia(createPinia())
  vi.restoreAllMocks()
  i18n.global.locale.value = 'zh-CN'
  localStorage.clear()
  sessionStorage.clear()
})

// A board with correct hashes (section 9), entries given as [kind, payload text].
function board(entries: [string, string][]): Board {
  let prev: Uint8Array = new Uint8Array(32)
  return {
    election_id: 7,
    entries: entries.map(([kind, payload], index) => {
      const h = sha256(concatBytes(lp(utf8('plenum-board/1')), lp(prev), u32(index), lp(utf8(kind)), lp(utf8(payload))))
      prev = h
      return { index, kind, payload, hash: toHex(h) }
    }),
  }
}

const ballotPayload = (ballot: BallotJson, round = 1) =>
  JSON.stringify({ round, ballot, receipt: receiptOf(parseBallot(ballot)) })

function electionJson(state: 'open' | 'tallying' | 'counted' = 'open', voted = 0): Election {
  return {
    id: 7,
    body: 'e2e',
    session_id: 1,
    title_zh: '选举县人民政府县长',
    title_en: 'Election of the county head',
    seats: 2,
    ballot_kind: 'election',
    mode: 'electronic',
    state: 'voting',
    candidates: CANDIDATES.map((id, i) => ({ id: `c${id}`, name: NAMES[i] })),
    elected: [],
    rounds: [
      {
        number: 1,
        sitting_id: 1,
        kind: 'first',
        seats: 2,
        candidate_ids: CANDIDATES.map((id) => `c${id}`),
        members: 4,
        members_hash: '00',
        state,
        result: null,
        voted,
      },
    ],
  }
}

describe('messages', () => {
  it('the same keys and placeholders in both languages', () => {
    const flat = (o: object, p = ''): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? flat(v, `${p}${k}.`) : [[`${p}${k}`, v as string]]))
    const zh = new Map(flat(zhCN))
    const e = new Map(flat(en))
    expect([...e.keys()].sort()).toEqual([...zh.keys()].sort())
    const holes = (s: string) => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort()
    for (const [k, v] of zh) {
      expect(v, k).not.toBe('')
      expect(holes(e.get(k)!), k).toEqual(holes(v))
    }
  })
})

describe('board helpers', () => {
  it('normalise a typed credential and shorten the fingerprint', () => {
    const seed = election.seeds[0]
    const spaced = seed.toUpperCase().match(/.{8}/g)!.join(' ')
    expect(normalizeCredential(spaced)).toBe(seed)
    expect(normalizeCredential(seed.slice(0, 63))).toBeNull()
    expect(normalizeCredential(seed.slice(0, 63) + 'g')).toBeNull()
    expect(shortFingerprint('3f2a9c410b7e55d2ffff')).toBe('3f2a 9c41 0b7e 55d2')
  })

  it('take the latest manifest of the round, exactly as published, and find a broken link', () => {
    const older = election.manifest.replace('"round": 1', '"round": 0')
    const b = board([['setup', '{}'], ['manifest', older], ['manifest', election.manifest]])
    expect(latestManifest(b, 1)?.payload).toBe(election.manifest)
    expect(latestManifest(b, 0)?.payload).toBe(older)
    expect(latestManifest(b)?.index).toBe(2)
    expect(brokenLink(b)).toBeNull()
    b.entries[1].payload = b.entries[1].payload + ' '
    expect(brokenLink(b)).toBe(1)
  })

  it('find a receipt, verify the ballot there, see a later ballot and the tally', async () => {
    const { makeBallot, marksFor } = await import('@/crypto')
    const marks = marksFor(election.manifest, { 3: 'for', 4: 'against' })
    const first = makeBallot(election.manifest, election.seeds[0], marks)
    const other = makeBallot(election.manifest, election.seeds[1], marks)
    const later = makeBallot(election.manifest, election.seeds[0], marksFor(election.manifest, { 5: 'for' }))
    const b = board([
      ['setup', '{}'],
      ['manifest', election.manifest],
      ['ballot', ballotPayload(first.ballot)],
      ['ballot', ballotPayload(other.ballot)],
    ])
    let c = checkReceipt(b, first.receipt, election.manifest)
    expect([c.index, c.round, c.verified, c.superseded, c.counted, c.brokenAt]).toEqual([2, 1, { ok: true }, false, null, null])
    expect(checkReceipt(b, 'ab'.repeat(32), election.manifest).index).toBeNull()

    const b2 = board([
      ...b.entries.map((e) => [e.kind, e.payload] as [string, string]),
      ['ballot', ballotPayload(later.ballot)],
      ['tally', JSON.stringify({ round: 1, ballots_counted: 2, receipts: [other.receipt, later.receipt], slots: [] })],
    ])
    c = checkReceipt(b2, first.receipt, election.manifest)
    expect([c.superseded, c.counted]).toEqual([true, false])
    expect(checkReceipt(b2, later.receipt, election.manifest).counted).toBe(true)
  })
})

describe('ElectionBallot', () => {
  function mountBallot(seats = 1) {
    const choices: Record<number, 'for' | 'against' | 'abstain'> = {}
    let limit = false
    const choose = (id: number, c: 'for' | 'against' | 'abstain') => {
      if (c === 'for' && choices[id] !== 'for' && Object.values(choices).filter((x) => x === 'for').length >= seats) {
        limit = true
        w.setProps({ limitNotice: true })
        return false
      }
      choices[id] = c
      w.setProps({ choices: { ...choices }, limitNotice: false })
      return true
    }
    const w = mount(ElectionBallot, {
      props: { candidates: CANDIDATES.map((id, i) => ({ id, name: NAMES[i] })), choices, seats, choose, limitNotice: limit },
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    return w
  }

  it('has one radiogroup per candidate named by the candidate, with three labelled choices', () => {
    const w = mountBallot()
    const groups = w.findAll('[role="radiogroup"]')
    expect(groups).toHaveLength(3)
    for (const [i, g] of groups.entries()) {
      const name = w.find(`#${g.attributes('aria-labelledby')}`)
      expect(name.text()).toBe(NAMES[i])
      expect(g.findAll('label').map((l) => l.text())).toEqual(['✓赞成', '✕反对', '○弃权'])
      expect(g.findAll('input[type="radio"]').map((r) => r.attributes('value'))).toEqual(['for', 'against', 'abstain'])
    }
    expect(w.text()).toContain('应选 1 名，最多对 1 名候选人投赞成票')
    w.unmount()
  })

  it('refuses a 赞成 beyond the seats with a message and keeps the earlier choice', async () => {
    const w = mountBallot(1)
    const radio = (cand: number, v: string) => w.find<HTMLInputElement>(`[data-candidate="${cand}"] input[value="${v}"]`)
    await radio(3, 'for').setValue(true)
    expect(w.find('[data-testid="for-count"]').text()).toBe('已选赞成 1 名（最多 1 名）')
    await radio(4, 'against').setValue(true)
    await radio(4, 'for').setValue(true)
    expect(w.find('[data-testid="seat-limit"]').text()).toContain('最多只能对 1 名候选人投赞成票')
    expect(w.find('[data-testid="seat-limit"]').attributes('role')).toBe('alert')
    expect(radio(4, 'for').element.checked).toBe(false)
    expect(radio(4, 'against').element.checked).toBe(true)
    expect(w.find('[data-testid="for-count"]').text()).toBe('已选赞成 1 名（最多 1 名）')
    w.unmount()
  })
})

describe('ElectionView', () => {
  const notVoted = { election_id: 7, voted: false, round: null, receipt: null, receipts: [] }

  async function mountView(boardEntries: [string, string][], e = electionJson(), mine: object = notVoted) {
    let current = board(boardEntries)
    const get = vi.spyOn(api, 'get').mockImplementation(async (path: string) => {
      if (path === '/api/v1/elections/7') return e
      if (path === '/api/v1/elections/7/board') return current
      if (path === '/api/v1/elections/7/board?kind=manifest') {
        const m = current.entries.filter((x) => x.kind === 'manifest')
        return { election_id: 7, entries: m }
      }
      if (path === '/api/v1/me/elections/7/ballot') return mine
      throw new Error('unexpected GET ' + path)
    })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/member', component: { template: '<p>member</p>' } },
        { path: '/member/elections/:id', component: ElectionView },
      ],
    })
    await router.push('/member/elections/7')
    await router.isReady()
    const w = mount({ template: '<router-view />' }, { global: { plugins: [i18n, router] }, attachTo: document.body })
    await flushPromises()
    return { w, get, setBoard: (b: [string, string][]) => (current = board(b)) }
  }

  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await flushPromises()
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  it('after a reload, says the member has voted in this round, with the server’s receipt, and checks it on the board', async () => {
    const { makeBallot, marksFor } = await import('@/crypto')
    const sent = makeBallot(election.manifest, election.seeds[2], marksFor(election.manifest, { 3: 'for' }))
    const entries: [string, string][] = [['setup', '{}'], ['manifest', election.manifest], ['ballot', ballotPayload(sent.ballot)]]
    const mine = { election_id: 7, voted: true, round: 1, receipt: sent.receipt, receipts: [sent.receipt] }
    const { w, get } = await mountView(entries, electionJson('open', 1), mine)
    // The page asked for the manifests only, not every ballot of the board.
    expect(get).not.toHaveBeenCalledWith('/api/v1/elections/7/board')
    expect(w.find('[data-testid="receipt-code"]').text()).toBe(sent.receipt)
    expect(w.find('[data-testid="cast-earlier"]').text()).toContain('您在本轮已经投过票')
    expect(w.find('[data-testid="receipt"]').text()).not.toContain('您提交的选择')
    expect(w.findAll('[role="radiogroup"]')).toHaveLength(3) // and may vote again until the close
    await w.find('[data-testid="check-board"]').trigger('click')
    await settle()
    expect(w.find('[data-testid="board-verdict"]').text()).toContain('已在公告板第 2 条找到您的选票')
    w.unmount()
  })

  it('shows the ballot, the fingerprint and the count; audits and casts; finds the receipt on the board', async () => {
    const entries: [string, string][] = [['setup', '{}'], ['manifest', election.manifest]]
    const { w, setBoard } = await mountView(entries, electionJson('open', 2))
    const fp = toHex(sha256(utf8(election.manifest)))
    expect(w.find('[data-testid="fingerprint-short"]').text()).toBe(shortFingerprint(fp))
    expect(w.find('[data-testid="voted-count"]').text()).toBe('已有 2 名成员投票')
    i18n.global.locale.value = 'en'
    await flushPromises()
    expect(w.find('[data-testid="voted-count"]').text()).toBe('2 members have voted')
    i18n.global.locale.value = 'zh-CN'
    await flushPromises()
    expect(w.findAll('[role="radiogroup"]')).toHaveLength(3)

    // Without a credential nothing is encrypted.
    await w.find('[data-testid="cast-button"]').trigger('click')
    expect(w.find('[data-testid="ballot-problem"]').text()).toContain('请先输入您的投票凭证')
    // A credential not in the manifest's list is refused before anything is sent.
    await w.find('#credential').setValue('11'.repeat(32))
    await w.find('[data-testid="cast-button"]').trigger('click')
    await settle()
    expect(w.find('[data-testid="ballot-problem"]').text()).toContain('不在本次选举的凭证名单中')
    // The credential is typed in, never stored.
    await w.find('#credential').setValue(election.seeds[2].match(/.{16}/g)!.join(' '))
    expect(w.find<HTMLInputElement>('#credential').element.type).toBe('password')

    await w.find('[data-candidate="3"] input[value="for"]').setValue(true)
    await w.find('[data-candidate="4"] input[value="against"]').setValue(true)
    expect(w.find('[data-testid="ballot-summary"]').text()).toBe('赞成 1 名，反对 1 名，弃权 1 名')

    const action = vi.spyOn(api, 'action')
    await w.find('[data-testid="audit-button"]').trigger('click')
    await settle()
    expect(action).not.toHaveBeenCalled()
    const auditBox = w.find('[data-testid="audit"]')
    expect(auditBox.find('[data-testid="audit-verdict"]').text()).toContain('核对通过')
    expect(auditBox.findAll('li.row').map((r) => r.find('.choice').text())).toEqual(['赞成', '反对', '弃权'])
    expect(auditBox.findAll('code.hex')).toHaveLength(6)
    const revealed = auditBox.findAll('code.hex').map((c) => c.text())
    expect(revealed.every((r) => /^[0-9a-f]{64}$/.test(r))).toBe(true)
    expect(w.find('[data-testid="audit-discarded"]').text()).toContain('已作废')

    let sent: BallotJson | null = null
    action.mockImplementation(async (name: string, args: Record<string, unknown>) => {
      expect(name).toBe('elections.cast')
      expect(args.election_id).toBe(7)
      sent = args.ballot as unknown as BallotJson
      return { result: { election_id: 7, round: 1, receipt: receiptOf(parseBallot(sent)) } as never, events: [], replayed: false }
    })
    await w.find('[data-testid="cast-button"]').trigger('click')
    await settle()
    expect(action).toHaveBeenCalledTimes(1)
    const receipt = receiptOf(parseBallot(sent!))
    expect(w.find('[data-testid="ballot-recorded"]').text()).toContain('您的选票已加密提交')
    expect(w.find('[data-testid="receipt-code"]').text()).toBe(receipt)
    expect(w.find('[data-testid="receipt"]').text()).toContain('本轮投票结束前您可以重新投票')
    expect(w.find('[data-testid="audit"]').exists()).toBe(false)
    // The cast ballot was encrypted afresh: none of the audited randomness is in it.
    const { audit } = await import('@/crypto')
    const { marksFor } = await import('@/crypto')
    const marks = marksFor(election.manifest, { 3: 'for', 4: 'against' })
    expect(audit(election.manifest, sent, marks, revealed).ok).toBe(false)
    // Nothing about the credential was written to the device.
    expect(localStorage.length).toBe(0)
    expect(JSON.stringify({ ...sessionStorage })).not.toContain(election.seeds[2])

    setBoard([...entries, ['ballot', ballotPayload(sent!)]])
    await w.find('[data-testid="check-board"]').trigger('click')
    await settle()
    expect(w.find('[data-testid="board-verdict"]').text()).toContain('已在公告板第 2 条找到您的选票')
    expect(w.find('[data-testid="board-check"]').text()).toContain('哈希链完整')

    // A change: the second cast says so.
    await w.find('[data-candidate="5"] input[value="for"]').setValue(true)
    await w.find('[data-testid="cast-button"]').trigger('click')
    await settle()
    expect(w.find('[data-testid="ballot-recorded"]').text()).toContain('已更改')

    i18n.global.locale.value = 'en'
    await flushPromises()
    expect(w.find('[data-testid="ballot-recorded"]').text()).toContain('Your ballot has been changed')
    w.unmount()
  }, 30_000)

  it('tells the member why a 赞成 beyond the seats is refused, in the UI language', async () => {
    const { w } = await mountView([['setup', '{}'], ['manifest', election.manifest]], electionJson('open', 1))
    i18n.global.locale.value = 'en'
    await flushPromises()
    expect(w.find('[data-testid="voted-count"]').text()).toBe('1 member has voted')
    for (const id of CANDIDATES) await w.find(`[data-candidate="${id}"] input[value="for"]`).setValue(true)
    expect(w.find('[data-testid="seat-limit"]').text()).toContain('you may vote for at most 2 candidates')
    expect(w.find('[data-testid="for-count"]').text()).toBe('“For” chosen: 2 (at most 2)')
    w.unmount()
  })

  it('shows an API refusal in the UI language', async () => {
    const { w } = await mountView([['setup', '{}'], ['manifest', election.manifest]])
    const { ApiError } = await import('@/api/client')
    vi.spyOn(api, 'action').mockRejectedValue(
      new ApiError(403, { code: 'forbidden', message_zh: '该凭证已由另一名成员使用', message_en: 'this credential is already used by another member', field: 'args.ballot.credential', rule: null }),
    )
    await w.find('#credential').setValue(election.seeds[0])
    await w.find('[data-testid="cast-button"]').trigger('click')
    await settle()
    expect(w.find('[role="alert"]').text()).toContain('该凭证已由另一名成员使用')
    i18n.global.locale.value = 'en'
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toContain('already used by another member')
    expect(w.find('[data-testid="receipt"]').exists()).toBe(false)
    w.unmount()
  }, 30_000)

  it('refuses a manifest that is not the round’s, and says when voting has closed', async () => {
    const other = testElection({ candidateIds: [8, 9], seats: 1, members: 4, electionId: 7, round: 1 })
    const a = await mountView([['setup', '{}'], ['manifest', other.manifest]])
    expect(a.w.find('[data-testid="ballot-problem"]').text()).toContain('候选人与本轮候选人不一致')
    expect(a.w.find('[role="radiogroup"]').exists()).toBe(false)
    a.w.unmount()
    const b = await mountView([['setup', '{}'], ['manifest', election.manifest]], electionJson('tallying'))
    expect(b.w.text()).toContain('正在由受托人解密计票')
    expect(b.w.find('[role="radiogroup"]').exists()).toBe(false)
    b.w.unmount()
  })
})

describe('MemberElections', () => {
  it('links to each electronic election of the member’s sessions with a round open, and to no other', async () => {
    const { default: MemberElections } = await import('@/elections/MemberElections.vue')
    const paper = { ...electionJson(), id: 8, mode: 'paper' as const, title_zh: '纸质选举' }
    const closed = { ...electionJson('counted'), id: 9, title_zh: '已计票的选举' }
    const get = vi.spyOn(api, 'get').mockImplementation(async (path: string) => {
      if (path === '/api/v1/sessions/1/elections') return { elections: [electionJson(), paper, closed] }
      throw new Error('unexpected GET ' + path)
    })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<p />' } }] })
    const w = mount(MemberElections, { props: { body: 'e2e', sessionIds: [1, 1] }, global: { plugins: [i18n, router] } })
    await flushPromises()
    expect(get).toHaveBeenCalledTimes(1)
    const links = w.findAll('a.go-vote')
    expect(links.map((a) => a.text())).toEqual(['进入电子投票：选举县人民政府县长'])
    expect(links[0].attributes('href')).toBe('/member/elections/7')
    expect(w.text()).toContain('第1轮投票进行中')
    w.unmount()
  })
})
