import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { api, ApiError } from '@/api/client'
import * as upload from '@/api/upload'
import { proposalQueries } from '@/proposals/api'
import { memberQueries } from '@/members/api'
import type { Member, Proposal, ProposalRules } from '@/api/types'
import { i18n } from '@/i18n'
import ProposalDraftForm from '@/proposals/ProposalDraftForm.vue'
import ProposalDetail from '@/proposals/ProposalDetail.vue'
import RateReply from '@/proposals/RateReply.vue'
import ReviewForm from '@/proposals/ReviewForm.vue'
import AssignForm from '@/proposals/AssignForm.vue'
import RosterImport from '@/secretariat/RosterImport.vue'
import UnitView from '@/views/UnitView.vue'
import MyProposalsView from '@/views/MyProposalsView.vue'
import { queries } from '@/api/queries'
import { emptyDraft, useDraftsStore } from '@/stores/drafts'
import { chooseOption } from './el'
import { useAuthStore } from '@/stores/auth'

const rules: ProposalRules = {
  kind: 'proposal',
  proposers: ['member'],
  joint: true,
  required_parts: ['facts', 'analysis', 'suggestions'],
  outcomes: ['register', 'merge', 'convert', 'withdraw', 'reject'],
  rejection_reasons: [{ id: 'personal', zh: '涉及个人私事', en: 'a personal matter' }],
  reply_classes: ['A', 'B', 'C'],
  max_text_bytes: 30000,
  return_days: 5,
  reply_months: 3,
  max_reply_months: 6,
  co_opinion_months: 1,
  rehandle_months: 2,
  citation_zh: '提案工作条例',
  citation_en: 'Rules on Proposal Work',
  deadline_citation_zh: '',
  deadline_citation_en: '',
  plenary_only: [],
}

function member(id: number, name: string, seat: string): Member {
  return { id, body: 'cppcc', seat, card: `C${id}`, name, gender: '', unit_id: 1, unit: '教育界', group: '', roles: [], joined_on: '2023-03-01', vacated_on: null, vacancy_reason: null, photo: null }
}

function proposal(over: Partial<Proposal> = {}): Proposal {
  return {
    id: 7, body: 'cppcc', session_id: 3, number: null, title: '关于乡村教师的提案', area: 'society', proposer_kind: 'member',
    proposer_name: '甲', stage: 'plenary', channel: 'online', submitted_on: '2024-03-05', state: 'submitted', state_zh: '待审查',
    outcome: '', handling: '', round: 1, key: false, replied_on: '', rating: '', closed_on: '',
    parts: { facts: '事实', analysis: '分析', suggestions: '建议' }, reason: '', reviewed_on: '',
    proposers: [{ member_id: 1, name: '甲' }], assignments: [], feedback: [], supervision: [], extensions: [], merged: [],
    ...over,
  }
}

const ack = (result: Record<string, unknown>) => ({ result, events: [], replayed: false })

beforeEach(() => {
  setActivePinia(createPinia())
  localStorage.clear()
  vi.restoreAllMocks()
  i18n.global.locale.value = 'zh-CN'
})

describe('ProposalDraftForm', () => {
  const members = [member(1, '甲', 'C001'), member(2, '乙', 'C002'), member(3, '丙', 'C003')]

  function mountForm() {
    useDraftsStore().load('cppcc-0001')
    return mount(ProposalDraftForm, {
      props: { draft: emptyDraft(), rules, members, meId: 1, sessionId: 3, noun: '提案' },
      global: { plugins: [i18n] },
    })
  }

  it('waits for every required part, then submits with the co-proposers and the draft id as request id', async () => {
    const action = vi.spyOn(api, 'action').mockResolvedValueOnce(ack({ proposal_id: 42 }))
    const w = mountForm()
    await flushPromises()
    const submit = w.find('button[type="submit"]')
    expect(submit.attributes('disabled')).toBeDefined()
    expect(w.text()).toContain('尚未填写：案由（标题）、情况、分析、具体建议')
    await w.find('#draft-title').setValue('关于乡村教师的提案')
    for (const p of ['facts', 'analysis', 'suggestions']) await w.find(`#draft-${p}`).setValue(`${p} 内容`)
    await w.find('#draft-co-search').setValue('乙')
    await w.find('.matches button').trigger('click')
    expect(w.find('.chosen').text()).toContain('乙')
    expect(submit.attributes('disabled')).toBeUndefined()
    await w.find('form').trigger('submit')
    await flushPromises()
    const [name, args, requestId] = action.mock.calls[0]
    expect(name).toBe('proposals.submit')
    expect(args).toMatchObject({ session_id: 3, title: '关于乡村教师的提案', area: 'economy', member_ids: [1, 2] })
    expect(requestId).toMatch(/^draft-/)
    expect(w.emitted('submitted')?.[0]).toEqual([42])
    // Submitted: no longer a draft on the device.
    expect(useDraftsStore().drafts).toEqual([])
  })

  it('keeps the draft and shows the refusal in the UI language', async () => {
    vi.spyOn(api, 'action').mockRejectedValueOnce(
      new ApiError(422, { code: 'rule_violation', message_zh: '本机构不接受联名提案', message_en: 'joint proposals are not accepted here', field: 'args.member_ids', rule: null }),
    )
    const w = mountForm()
    await flushPromises()
    await w.find('#draft-title').setValue('标题')
    for (const p of ['facts', 'analysis', 'suggestions']) await w.find(`#draft-${p}`).setValue('x')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toContain('本机构不接受联名提案')
    expect(useDraftsStore().drafts.map((d) => d.title)).toEqual(['标题'])
    i18n.global.locale.value = 'en'
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toContain('joint proposals are not accepted here')
  })
})

describe('RateReply', () => {
  it('sends the chosen rating with its note', async () => {
    const action = vi.spyOn(api, 'action').mockResolvedValueOnce(ack({}))
    const w = mount(RateReply, { props: { proposalId: 7 }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(w.findAll('input[type="radio"]').map((r) => (r.element.parentElement as HTMLElement).textContent?.trim())).toEqual(['满意', '基本满意', '不满意'])
    await w.find('input[value="dissatisfied"]').setValue(true)
    await w.find('#rate-note').setValue('答复未涉及补助标准')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('proposals.rate', { proposal_id: 7, rating: 'dissatisfied', note: '答复未涉及补助标准' })
    expect(w.emitted('rated')?.[0]).toEqual(['dissatisfied'])
  })
})

describe('ProposalDetail', () => {
  it('says in words that an assignment is overdue, and shows the reply class', () => {
    const w = mount(ProposalDetail, {
      props: {
        proposal: proposal({
          state: 'assigned',
          assignments: [
            { unit_id: 1, unit_name: '教育部', role: 'lead', round: 1, assigned_on: '2020-01-01', due_on: '2020-04-01', state: 'assigned', reply_class: '', reply_text: '', replied_on: '', returned_reason: '' },
            { unit_id: 2, unit_name: '财政部', role: 'split', round: 1, assigned_on: '2020-01-01', due_on: '2020-04-01', state: 'replied', reply_class: 'B', reply_text: '正在研究', replied_on: '2020-03-01', returned_reason: '' },
          ],
        }),
      },
      global: { plugins: [i18n] },
    })
    expect(w.find('[data-unit="1"]').text()).toContain('已逾期')
    expect(w.find('[data-unit="2"]').text()).not.toContain('已逾期')
    expect(w.find('[data-testid="reply-class"]').text()).toContain('B类（正在解决或已列入计划）')
  })
})

describe('ReviewForm', () => {
  it('merges into a similar proposal the hints offer', async () => {
    const action = vi.spyOn(api, 'action').mockResolvedValueOnce(ack({}))
    const p = proposal({ similar: [{ ...proposal({ id: 3, number: 12, state: 'registered', title: '关于提高乡村教师待遇的提案' }), similarity: 0.82 }] })
    const w = mount(ReviewForm, { props: { proposal: p, rules }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(w.findAll('.outcomes input[type="radio"]').length).toBe(5)
    await w.find('input[value="merge"]').setValue(true)
    expect(w.find('[data-candidate="3"]').text()).toContain('第12号')
    expect(w.find('button[type="submit"]').attributes('disabled')).toBeDefined()
    await w.find('[data-candidate="3"] input').setValue(true)
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('proposals.review', { proposal_id: 7, outcome: 'merge', into_id: 3 })
  })

  it('rejects only with a listed reason', async () => {
    const action = vi.spyOn(api, 'action').mockResolvedValueOnce(ack({}))
    const w = mount(ReviewForm, { props: { proposal: proposal(), rules }, global: { plugins: [i18n] } })
    await flushPromises()
    await w.find('input[value="reject"]').setValue(true)
    expect(w.find('button[type="submit"]').attributes('disabled')).toBeDefined()
    await chooseOption(w, '#review-reason', '涉及个人私事')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('proposals.review', { proposal_id: 7, outcome: 'reject', reason: 'personal' })
  })
})

describe('AssignForm', () => {
  const units = [
    { id: 1, name_zh: '教育部', name_en: 'Ministry of Education' },
    { id: 2, name_zh: '财政部', name_en: 'Ministry of Finance' },
  ]
  it('assigns a lead with co-handlers, or splits among two or more', async () => {
    const action = vi.spyOn(api, 'action').mockResolvedValue(ack({}))
    const w = mount(AssignForm, { props: { proposalId: 7, units }, global: { plugins: [i18n] } })
    await flushPromises()
    await chooseOption(w, '#assign-lead', '教育部')
    await chooseOption(w, '#assign-co', '财政部')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenLastCalledWith('proposals.assign', { proposal_id: 7, lead_unit_id: 1, co_unit_ids: [2] })
    await w.find('input[value="split"]').setValue(true)
    await flushPromises()
    await chooseOption(w, '#assign-split', '教育部')
    expect(w.find('button[type="submit"]').attributes('disabled')).toBeDefined()
    await chooseOption(w, '#assign-split', '财政部')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenLastCalledWith('proposals.assign', { proposal_id: 7, split_unit_ids: [1, 2] })
  })
})

describe('RosterImport', () => {
  it('lists every bad line of a refused roster, in the UI language', async () => {
    vi.spyOn(upload, 'uploadFile').mockRejectedValueOnce(
      new ApiError(400, {
        code: 'malformed', message_zh: '名册有 2 处错误，未导入任何成员', message_en: 'the roster has 2 problems; nothing was imported', field: 'args.csv', rule: null,
        details: [
          { line: 3, field: 'card', message_zh: '证件号不能为空', message_en: 'card is empty' },
          { line: 5, field: 'seat', message_zh: '座位号重复', message_en: 'seat repeated' },
        ],
      }),
    )
    const w = mount(RosterImport, { props: { body: 'e2e' }, global: { plugins: [i18n] } })
    await flushPromises()
    await w.find('#roster-text').setValue('seat,card,name,unit\n')
    await w.find('form').trigger('submit')
    await flushPromises()
    const rows = w.findAll('[data-testid="roster-errors"] tbody tr').map((r) => r.findAll('td').map((c) => c.text()))
    expect(rows).toEqual([['3', '证件号', '证件号不能为空'], ['5', '座位号', '座位号重复']])
    i18n.global.locale.value = 'en'
    await flushPromises()
    expect(w.find('[data-testid="roster-errors"] tbody tr td:last-child').text()).toBe('card is empty')
  })

  it('reports how many were imported', async () => {
    const spy = vi.spyOn(upload, 'uploadFile').mockImplementationOnce(async (_p, _t, o) => {
      o?.onProgress?.({ loaded: 5, total: 10, phase: 'sending' })
      return ack({ imported: 12 }) as never
    })
    const w = mount(RosterImport, { props: { body: 'e2e' }, global: { plugins: [i18n] } })
    await flushPromises()
    await w.find('#roster-text').setValue('seat,card,name,unit\nE001,C1,甲,城关镇\n')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(spy.mock.calls[0][0]).toBe('/api/v1/bodies/e2e/roster')
    expect(w.find('[data-testid="roster-done"]').text()).toBe('已导入 12 名成员。')
  })
})

describe('UnitView', () => {
  it('lists the unit’s assignments by deadline, overdue ones said in words', async () => {
    const auth = useAuthStore()
    vi.spyOn(api, 'me').mockResolvedValueOnce({
      username: 'cppcc-unit-2', display_name: '教育部', member_id: null, roles: [], csrf_token: 'c',
      handling_units: [{ id: 2, body: 'cppcc', name_zh: '教育部' }], password_reset: null,
    })
    await auth.restore()
    const late = proposal({ id: 1, state: 'assigned', title: '逾期的提案' })
    late.assignments = [{ unit_id: 2, unit_name: '教育部', role: 'lead', round: 1, assigned_on: '2020-01-01', due_on: '2020-04-01', state: 'assigned', reply_class: '', reply_text: '', replied_on: '', returned_reason: '' }]
    const fresh = proposal({ id: 2, state: 'assigned', title: '未到期的提案' })
    fresh.assignments = [{ unit_id: 2, unit_name: '教育部', role: 'co', round: 1, assigned_on: '2999-01-01', due_on: '2999-02-01', state: 'assigned', reply_class: '', reply_text: '', replied_on: '', returned_reason: '' }]
    const done = proposal({ id: 3, state: 'closed', title: '已办结的提案' })
    vi.spyOn(proposalQueries, 'rules').mockResolvedValue(rules)
    vi.spyOn(proposalQueries, 'list').mockResolvedValue({ total: 3, offset: 0, limit: 200, proposals: [fresh, late, done] })
    vi.spyOn(proposalQueries, 'get').mockImplementation(async (id) => [late, fresh, done].find((p) => p.id === id)!)
    const w = mount(UnitView, { global: { plugins: [i18n] } })
    await flushPromises()
    await flushPromises()
    expect(w.find('h1').text()).toBe('承办单位：教育部')
    const rows = w.findAll('.assigned .el-table__body tr')
    expect(rows.map((r) => r.find('[data-proposal-row]').attributes('data-proposal-row'))).toEqual(['1', '2'])
    expect(rows[0].text()).toMatch(/已逾期 \d+ 天/)
    expect(rows[1].text()).toContain('会办')
    expect(rows[1].text()).not.toContain('逾期')
    await w.find('#tab-history').trigger('click')
    expect(w.text()).toContain('已办结的提案')
  })
})

describe('MyProposalsView', () => {
  it('lists the requests to co-sign and answers one from the member’s own account', async () => {
    const auth = useAuthStore()
    vi.spyOn(api, 'me').mockResolvedValueOnce({
      username: 'cppcc-0002', display_name: '乙', member_id: 2, roles: [{ body: 'cppcc', role: 'member' }], csrf_token: 'c',
      handling_units: [], password_reset: null,
    })
    await auth.restore()
    vi.spyOn(queries, 'member').mockResolvedValue(member(2, '乙', 'C0002'))
    vi.spyOn(queries, 'sessions').mockResolvedValue([])
    vi.spyOn(proposalQueries, 'rules').mockResolvedValue(rules)
    vi.spyOn(memberQueries, 'members').mockResolvedValue([member(1, '甲', 'C0001'), member(2, '乙', 'C0002')])
    vi.spyOn(proposalQueries, 'list').mockResolvedValue({ total: 0, offset: 0, limit: 200, proposals: [] })
    const notifications = vi.spyOn(proposalQueries, 'notifications').mockResolvedValue({
      notifications: [],
      signature_requests: [
        { subject: 'motion', id: 11, title: '关于修改某法的议案', state: 'awaiting_signatures', asked_at: '2024-03-06T01:00:00Z' },
        { subject: 'proposal', id: 7, title: '关于乡村教师的提案', state: 'submitted', asked_at: '2024-03-06T02:00:00Z' },
      ],
    })
    const action = vi.spyOn(api, 'action').mockResolvedValue(ack({ motion_id: 11, member_id: 2, decision: 'confirm' }))
    const w = mount(MyProposalsView, { global: { plugins: [i18n] } })
    await flushPromises()
    await flushPromises()
    const rows = w.findAll('[data-request]')
    expect(rows.map((r) => r.attributes('data-request'))).toEqual(['motion-11', 'proposal-7'])
    expect(rows[0].text()).toContain('关于修改某法的议案')
    notifications.mockResolvedValue({ notifications: [], signature_requests: [] })
    await rows[0].findAll('button').find((b) => b.text() === '同意联名')!.trigger('click')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('motions.cosign', { motion_id: 11, decision: 'confirm' })
    expect(w.find('[data-testid="proposal-said"]').text()).toBe('已同意联名：关于修改某法的议案')
    expect(w.findAll('[data-request]')).toHaveLength(0)
  })
})
