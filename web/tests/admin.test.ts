// The secretariat's administration: terms, sessions, sittings and bodies (AssemblyAdmin and its
// forms), and supervision and deadline extensions on a proposal under review.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { api, ApiError } from '@/api/client'
import { addMonths, proposalQueries } from '@/proposals/api'
import { queries } from '@/api/queries'
import type { Body, ErrorBody, Proposal, ProposalAssignment, ProposalRules, Session, Sitting } from '@/api/types'
import { i18n } from '@/i18n'
import { adminQueries, chineseNumber, type BodyDetail, type RulebookSummary } from '@/secretariat/api'
import AssemblyAdmin from '@/secretariat/AssemblyAdmin.vue'
import BodyForm from '@/secretariat/BodyForm.vue'
import DeadlineExtension from '@/proposals/DeadlineExtension.vue'
import ProposalHistory from '@/proposals/ProposalHistory.vue'
import ProposalReview from '@/proposals/ProposalReview.vue'
import SessionForm from '@/secretariat/SessionForm.vue'
import SupervisionForm from '@/proposals/SupervisionForm.vue'
import TermForm from '@/secretariat/TermForm.vue'
import SecretariatView from '@/views/SecretariatView.vue'
import { useAuthStore } from '@/stores/auth'
import { chooseOption, optionTexts } from './el'
import { createMemoryHistory, createRouter } from 'vue-router'

const ack = (result: Record<string, unknown>) => ({ result, events: [], replayed: false })
const refusal = (status: number, code: ErrorBody['code'], field: string, zh: string, en: string) =>
  new ApiError(status, { code, message_zh: zh, message_en: en, field, rule: null })

beforeEach(() => {
  setActivePinia(createPinia())
  vi.restoreAllMocks()
  i18n.global.locale.value = 'zh-CN'
  document.body.innerHTML = ''
})

const npc: BodyDetail = {
  id: 'npc', name_zh: '全国人民代表大会', name_en: "National People's Congress", rulebook: 'npc', quorum_override: '', level: '',
  terms: [{ number: 14, name_zh: '第十四届全国人民代表大会', starts_on: '2023-03-05' }], units: [], members_total: 2956,
}
const rulebooks: RulebookSummary[] = [
  { id: 'npc', name_zh: '全国人民代表大会', name_en: "National People's Congress", quorum: { comparison: 'at_least', fraction: '2/3', configurable: false } },
  { id: 'generic', name_zh: '通用议事机构', name_en: 'generic deliberative body', quorum: { comparison: 'more_than', fraction: '1/2', configurable: true } },
]
const second: Session = {
  id: 1, body: 'npc', term: 14, number: 2, name_zh: '第十四届全国人民代表大会第二次会议', name_en: 'Second Session of the 14th NPC',
  short_name_zh: '十四届全国人大二次会议', opens_on: '2024-03-05', closes_on: '2024-03-11',
}
const third: Session = { ...second, id: 3, number: 3, name_zh: '第十四届全国人民代表大会第三次会议', name_en: 'Third Session of the 14th NPC', short_name_zh: '十四届全国人大三次会议', opens_on: '2025-03-05', closes_on: '2025-03-11' }
function sitting(id: number, sessionId: number, state: Sitting['state'], title: string): Sitting {
  return { id, session_id: sessionId, body: 'npc', kind: 'plenary', kind_zh: '全体会议', number: id, title_zh: title, title_en: '', starts_at: '2024-03-05T09:00+08:00', state, unit_ids: [], group: '', opened_at: null, closed_at: null }
}

describe('secretariat/api', () => {
  it('writes term and session numbers as their names do', () => {
    expect([1, 2, 10, 14, 20, 23].map(chineseNumber)).toEqual(['一', '二', '十', '十四', '二十', '二十三'])
  })

  it('adds months as the server does, the end of a short month falling back to its last day', () => {
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28')
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29')
    expect(addMonths('2025-03-15', 6)).toBe('2025-09-15')
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28')
  })
})

describe('TermForm', () => {
  it('numbers on from the last term, names it after the body and posts assembly.create_term', async () => {
    const action = vi.spyOn(api, 'action').mockResolvedValueOnce(ack({ body: 'npc', term: 15 }))
    const w = mount(TermForm, { props: { body: 'npc', bodyNameZh: '全国人民代表大会', terms: npc.terms }, global: { plugins: [i18n] } })
    await flushPromises()
    expect((w.find('#term-number').element as HTMLInputElement).value).toBe('15')
    expect((w.find('#term-name-zh').element as HTMLInputElement).value).toBe('第十五届全国人民代表大会')
    await w.find('#term-starts-on').setValue('2028-03-05')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('assembly.create_term', { body: 'npc', number: 15, name_zh: '第十五届全国人民代表大会', starts_on: '2028-03-05' })
    expect(w.emitted('created')?.[0]).toEqual([{ number: 15, name_zh: '第十五届全国人民代表大会', starts_on: '2028-03-05' }])
  })

  it('shows a refusal with the field at fault', async () => {
    vi.spyOn(api, 'action').mockRejectedValueOnce(refusal(409, 'conflict', 'args.number', '该届已存在', 'this term already exists'))
    const w = mount(TermForm, { props: { body: 'npc', bodyNameZh: '全国人民代表大会', terms: [] }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    await w.find('#term-starts-on').setValue('2023-03-05')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toContain('该届已存在')
    expect(w.find('[data-testid="field-at-fault"]').text()).toBe('需要更正：第几届')
    expect(w.find('#term-number').attributes('aria-invalid')).toBe('true')
    expect(document.activeElement?.id).toBe('term-number')
    w.unmount()
  })
})

describe('SessionForm', () => {
  function mountForm() {
    return mount(SessionForm, { props: { body: 'npc', terms: npc.terms, sessions: [second] }, global: { plugins: [i18n] }, attachTo: document.body })
  }
  async function fill(w: ReturnType<typeof mountForm>, opens: string, closes: string) {
    await w.find('#session-name-en').setValue('Third Session of the 14th NPC')
    await w.find('#session-short-name-zh').setValue('十四届全国人大三次会议')
    await w.find('#session-opens-on').setValue(opens)
    await w.find('#session-closes-on').setValue(closes)
  }

  it('proposes the next session of the latest term and posts assembly.create_session as the API wants it', async () => {
    const action = vi.spyOn(api, 'action').mockResolvedValueOnce(ack({ session_id: 3 }))
    const w = mountForm()
    await flushPromises()
    expect((w.find('#session-number').element as HTMLInputElement).value).toBe('3')
    expect((w.find('#session-name-zh').element as HTMLInputElement).value).toBe('第十四届全国人民代表大会第三次会议')
    expect(w.find('button[type="submit"]').attributes('disabled')).toBeDefined()
    await fill(w, '2025-03-05', '2025-03-11')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('assembly.create_session', {
      body: 'npc', term: 14, number: 3, name_zh: '第十四届全国人民代表大会第三次会议', name_en: 'Third Session of the 14th NPC',
      short_name_zh: '十四届全国人大三次会议', opens_on: '2025-03-05', closes_on: '2025-03-11',
    })
    expect(w.emitted('created')?.[0]).toEqual([{ id: 3, name_zh: '第十四届全国人民代表大会第三次会议', name_en: 'Third Session of the 14th NPC' }])
    w.unmount()
  })

  it('shows the server’s date error in the UI language, marks the date at fault and focuses it', async () => {
    vi.spyOn(api, 'action').mockRejectedValueOnce(refusal(400, 'malformed', 'args.closes_on', '闭幕日期早于开幕日期', 'closes_on is before opens_on'))
    const w = mountForm()
    await flushPromises()
    await fill(w, '2025-03-11', '2025-03-05')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toContain('闭幕日期早于开幕日期')
    expect(w.find('[data-testid="field-at-fault"]').text()).toBe('需要更正：闭幕日期')
    expect(w.find('#session-closes-on').attributes('aria-invalid')).toBe('true')
    expect(w.find('#session-closes-on').attributes('aria-describedby')).toBe('session-error')
    expect(w.find('#session-opens-on').attributes('aria-invalid')).toBeUndefined()
    expect(document.activeElement?.id).toBe('session-closes-on')
    expect(w.emitted('created')).toBeUndefined()
    i18n.global.locale.value = 'en'
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toContain('closes_on is before opens_on')
    expect(w.find('[data-testid="field-at-fault"]').text()).toBe('Please correct: Closes on')
    w.unmount()
  })
})

describe('BodyForm', () => {
  it('offers the server’s rulebooks, a quorum only where the rulebook allows one, and posts assembly.create_body', async () => {
    vi.spyOn(adminQueries, 'rulebooks').mockResolvedValue(rulebooks)
    const action = vi.spyOn(api, 'action').mockResolvedValueOnce(ack({ body: 'staff' }))
    const w = mount(BodyForm, { global: { plugins: [i18n] } })
    await flushPromises()
    await flushPromises()
    expect(optionTexts(w, '#body-rulebook')).toEqual(['全国人民代表大会（npc）', '通用议事机构（generic）'])
    await chooseOption(w, '#body-rulebook', '全国人民代表大会（npc）')
    expect(w.find('#body-quorum').exists()).toBe(false)
    await chooseOption(w, '#body-rulebook', '通用议事机构（generic）')
    await flushPromises()
    expect(w.find('#body-quorum').exists()).toBe(true)
    await w.find('#body-id').setValue('staff')
    await w.find('#body-name-zh').setValue('某大学教职工代表大会')
    await w.find('#body-name-en').setValue('Staff Congress')
    await chooseOption(w, '#body-level', '县级')
    await chooseOption(w, '#body-quorum', '全体成员的三分之二以上')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('assembly.create_body', {
      id: 'staff', name_zh: '某大学教职工代表大会', name_en: 'Staff Congress', rulebook: 'generic', level: 'county', quorum: 'at_least 2/3',
    })
    expect(w.emitted('created')?.[0]).toEqual([{ id: 'staff', name_zh: '某大学教职工代表大会', name_en: 'Staff Congress' }])
  })
})

describe('AssemblyAdmin', () => {
  function setup(admin = false) {
    vi.spyOn(adminQueries, 'body').mockResolvedValue(npc)
    vi.spyOn(adminQueries, 'rulebooks').mockResolvedValue(rulebooks)
    const sessions = vi.spyOn(queries, 'sessions').mockResolvedValue([second])
    vi.spyOn(queries, 'sittings').mockImplementation(async (id) =>
      id === 1 ? [sitting(1, 1, 'closed', '开幕会（第一次全体会议）')] : id === 3 ? [sitting(5, 3, 'scheduled', '第一次全体会议')] : [],
    )
    const auth = useAuthStore()
    auth.me = { username: admin ? 'admin' : 'npc-secretariat', display_name: '', member_id: null, roles: [{ body: admin ? '*' : 'npc', role: admin ? 'admin' : 'secretariat' }], csrf_token: 'c', handling_units: [], password_reset: null }
    const w = mount(AssemblyAdmin, { props: { body: 'npc' }, global: { plugins: [i18n], stubs: { ScheduleSittingForm: true } }, attachTo: document.body })
    return { w, sessions }
  }

  it('shows the body, its terms and its sessions with each sitting’s state in words', async () => {
    const { w } = setup()
    await flushPromises()
    expect(w.find('[data-testid="body-summary"]').text()).toContain('全国人民代表大会')
    expect(w.find('[data-testid="members-total"]').text()).toBe('2956')
    expect(w.find('[data-term="14"]').text()).toBe('第14届：第十四届全国人民代表大会（2023-03-05起）')
    expect(w.find('[data-session="1"] h4').text()).toBe('第十四届全国人民代表大会第二次会议')
    expect(w.find('[data-sitting="1"]').text()).toContain('已结束')
    // Only an admin may create a body.
    expect(w.findComponent(BodyForm).exists()).toBe(false)
    w.unmount()
  })

  it('after a session is created, reads the sessions again, focuses the new one and says so', async () => {
    const { w, sessions } = setup()
    await flushPromises()
    sessions.mockResolvedValue([second, third])
    vi.spyOn(api, 'action').mockResolvedValueOnce(ack({ session_id: 3 }))
    await w.find('#session-name-en').setValue('Third Session of the 14th NPC')
    await w.find('#session-short-name-zh').setValue('十四届全国人大三次会议')
    await w.find('#session-opens-on').setValue('2025-03-05')
    await w.find('#session-closes-on').setValue('2025-03-11')
    await w.find('.session-form').trigger('submit')
    await flushPromises()
    expect(w.findAll('[data-session]').map((s) => s.attributes('data-session'))).toEqual(['3', '1'])
    expect(w.find('[data-sitting="5"]').text()).toContain('未开始')
    expect(document.activeElement?.id).toBe('session-3')
    expect(w.find('[role="status"]').text()).toBe('已创建会议：第十四届全国人民代表大会第三次会议')
    w.unmount()
  })

  it('after a sitting is scheduled, lists it, focuses it and says so', async () => {
    const { w, sessions } = setup()
    await flushPromises()
    sessions.mockResolvedValue([second, third])
    w.findComponent({ name: 'ScheduleSittingForm' }).vm.$emit('scheduled', 5)
    await flushPromises()
    expect(document.activeElement?.id).toBe('sitting-5')
    expect(w.find('[role="status"]').text()).toBe('已安排会议：第一次全体会议')
    w.unmount()
  })

  it('offers an admin the body form', async () => {
    const { w } = setup(true)
    await flushPromises()
    expect(w.findComponent(BodyForm).exists()).toBe(true)
    w.unmount()
  })
})

describe('SecretariatView for an admin', () => {
  it('offers the first body’s form when there is none, then opens the new body’s record and says so', async () => {
    vi.spyOn(api, 'me').mockResolvedValueOnce({ username: 'admin', display_name: '管理员', member_id: null, roles: [{ body: '*', role: 'admin' }], csrf_token: 'c', handling_units: [], password_reset: null })
    await useAuthStore().restore()
    const county: Body = { id: 'county', name_zh: '示范县人民代表大会', name_en: 'Example County People’s Congress', rulebook: 'local-congress', quorum_override: '', level: 'county' }
    const bodies = vi.spyOn(queries, 'bodies').mockResolvedValueOnce([]).mockResolvedValueOnce([county])
    vi.spyOn(adminQueries, 'rulebooks').mockResolvedValue(rulebooks)
    vi.spyOn(adminQueries, 'body').mockResolvedValue({ ...county, terms: [], units: [], members_total: 0 })
    vi.spyOn(queries, 'sessions').mockResolvedValue([])
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/secretariat', component: SecretariatView }] })
    await router.push('/secretariat')
    const w = mount(SecretariatView, { global: { plugins: [i18n, router] }, attachTo: document.body })
    await flushPromises()
    await flushPromises()
    expect(w.find('[role="tablist"]').exists()).toBe(false)
    expect(w.text()).toContain('还没有任何机构。')
    const form = w.findComponent(BodyForm)
    form.vm.$emit('created', { id: 'county', name_zh: county.name_zh, name_en: county.name_en })
    await flushPromises()
    expect(bodies).toHaveBeenCalledTimes(2)
    expect(w.find('[aria-selected="true"]').text()).toBe('届次与会议')
    expect(w.find('[data-testid="body-said"]').text()).toBe('已创建机构：示范县人民代表大会')
    expect(w.find('[data-testid="body-summary"]').text()).toContain('县级')
    expect(document.activeElement?.id).toBe('assembly-body-title')
    expect(router.currentRoute.value.query).toMatchObject({ body: 'county', tab: 'assembly' })
    w.unmount()
  })
})

// ---------------------------------------------------------------- supervision and extensions

const rules: ProposalRules = {
  kind: 'suggestion', proposers: ['member'], joint: true, required_parts: ['suggestions'], outcomes: ['register', 'merge', 'withdraw'],
  rejection_reasons: [], reply_classes: ['A', 'B', 'C'], max_text_bytes: 30000, return_days: 5, reply_months: 3, max_reply_months: 6,
  co_opinion_months: 1, rehandle_months: 2, citation_zh: '代表法第五十一条', citation_en: 'Deputies Law, art. 51',
  deadline_citation_zh: '', deadline_citation_en: '', plenary_only: [],
}
const lead: ProposalAssignment = {
  unit_id: 4, unit_name: '教育部', role: 'lead', round: 1, assigned_on: '2025-03-15', due_on: '2025-06-15', state: 'assigned',
  reply_class: '', reply_text: '', replied_on: '', returned_reason: '',
}
function proposal(over: Partial<Proposal> = {}): Proposal {
  return {
    id: 11, body: 'npc', session_id: 3, number: 1, title: '关于加强乡村学校师资建设的建议', area: 'society', proposer_kind: 'member',
    proposer_name: '甲', stage: 'plenary', channel: 'online', submitted_on: '2025-03-06', state: 'assigned', state_zh: '办理中',
    outcome: 'register', handling: 'lead', round: 1, key: false, replied_on: '', rating: '', closed_on: '',
    parts: { suggestions: '建议' }, reason: '', reviewed_on: '2025-03-10', proposers: [{ member_id: 1, name: '甲' }],
    assignments: [lead, { ...lead, unit_id: 5, unit_name: '财政部', role: 'co', due_on: '2025-04-15' }], feedback: [], supervision: [], extensions: [], merged: [],
    ...over,
  }
}

describe('DeadlineExtension', () => {
  it('shows the current and the new due date and posts proposals.extend', async () => {
    const action = vi.spyOn(api, 'action').mockResolvedValueOnce(ack({ proposal_id: 11, due_on: '2025-07-15' }))
    const w = mount(DeadlineExtension, { props: { proposal: proposal(), rules }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(w.find('[data-testid="current-due"]').text()).toBe('教育部（主办，交办于 2025-03-15）：2025-06-15')
    expect(optionTexts(w, '#extend-months')).toEqual(['4 个月', '5 个月', '6 个月'])
    expect(w.find('[data-testid="new-due"]').text()).toBe('新的答复期限：2025-09-15')
    await chooseOption(w, '#extend-months', '4 个月')
    expect(w.find('[data-testid="new-due"]').text()).toBe('新的答复期限：2025-07-15')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('proposals.extend', { proposal_id: 11, months: 4 })
    expect(w.emitted('extended')?.[0]).toEqual(['2025-07-15'])
  })

  it('shows the rulebook’s refusal with the field at fault', async () => {
    vi.spyOn(api, 'action').mockRejectedValueOnce(
      refusal(422, 'rule_violation', 'args.months', '答复期限只能延长到交办后 4 至 6 个月', 'the reply deadline can be extended only to 4-6 months after assignment'),
    )
    const w = mount(DeadlineExtension, { props: { proposal: proposal(), rules }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toContain('答复期限只能延长到交办后 4 至 6 个月')
    expect(w.find('[data-testid="field-at-fault"]').text()).toBe('需要更正：延长至交办后')
    expect(w.find('#extend-months').attributes('aria-invalid')).toBe('true')
    expect(w.emitted('extended')).toBeUndefined()
  })
})

describe('SupervisionForm', () => {
  it('posts proposals.record_supervision with the kind, date and note', async () => {
    const action = vi.spyOn(api, 'action').mockResolvedValueOnce(ack({ proposal_id: 11, supervision_id: 1 }))
    const w = mount(SupervisionForm, { props: { proposalId: 11 }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(optionTexts(w, '#supervise-kind')).toEqual(['协商座谈', '视察调研', '走访', '其他'])
    await chooseOption(w, '#supervise-kind', '视察调研')
    await w.find('#supervise-on').setValue('2025-04-02')
    await w.find('#supervise-note').setValue('赴县教育局视察调研乡村教师轮岗情况。')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('proposals.record_supervision', { proposal_id: 11, kind: 'inspection', on: '2025-04-02', note: '赴县教育局视察调研乡村教师轮岗情况。' })
    expect(w.emitted('recorded')?.[0]).toEqual(['inspection', '2025-04-02'])
  })
})

describe('ProposalHistory', () => {
  it('lists the supervision records and the extensions, newest first', async () => {
    const p = proposal({
      assignments: [{ ...lead, due_on: '2025-09-15' }],
      extensions: [{ round: 1, months: 5, due_on: '2025-08-15', on: '2025-04-01', by: 'npc-secretariat' }, { round: 1, months: 6, due_on: '2025-09-15', on: '2025-05-02', by: 'npc-secretariat' }],
      supervision: [
        { kind: 'visit', note: '走访承办单位', on: '2025-04-01', by: 'npc-secretariat' },
        { kind: 'consultation', note: '召开督办座谈会', on: '2025-05-20', by: 'npc-presiding' },
      ],
    })
    const w = mount(ProposalHistory, { props: { proposal: p }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(w.findAll('[data-supervision]').map((r) => r.find('strong').text())).toEqual(['2025-05-20 · 协商座谈', '2025-04-01 · 走访'])
    expect(w.findAll('[data-extension]').map((e) => e.text())).toEqual([
      '2025-05-02：答复期限延长至交办后 6 个月，即 2025-09-15（经办：npc-secretariat）',
      '2025-04-01：答复期限延长至交办后 5 个月，即 2025-08-15（经办：npc-secretariat）',
    ])
  })

  it('says when there is nothing on record', async () => {
    const w = mount(ProposalHistory, { props: { proposal: proposal() }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(w.text()).toContain('尚无督办记录或延期。')
  })
})

describe('ProposalReview’s list', () => {
  it('shows the answer to the latest filter even when an earlier answer arrives after it', async () => {
    vi.spyOn(proposalQueries, 'rules').mockResolvedValue(rules)
    vi.spyOn(proposalQueries, 'units').mockResolvedValue([])
    vi.spyOn(proposalQueries, 'overdue').mockResolvedValue({ as_of: '2025-04-01', overdue: [] })
    let answerFirst: (v: unknown) => void = () => {}
    vi.spyOn(proposalQueries, 'list').mockImplementation(((_body: string, filter: { state?: string }) =>
      filter.state === 'submitted'
        ? new Promise((resolve) => (answerFirst = resolve)) // the first load, slow
        : Promise.resolve({ total: 1, offset: 0, limit: 50, proposals: [proposal()] })) as never)
    const w = mount(ProposalReview, { props: { body: 'npc' }, global: { plugins: [i18n] } })
    await flushPromises()
    await flushPromises()
    await chooseOption(w, '#review-state', '办理中')
    await flushPromises()
    expect(w.findAll('[data-proposal-row]')).toHaveLength(1)
    answerFirst({ total: 0, offset: 0, limit: 50, proposals: [] }) // the stale answer comes last
    await flushPromises()
    expect(w.findAll('[data-proposal-row]')).toHaveLength(1)
  })
})

describe('ProposalReview with supervision', () => {
  it('extends the deadline of an assigned proposal, then reads it again and shows the new due date', async () => {
    vi.spyOn(proposalQueries, 'rules').mockResolvedValue(rules)
    vi.spyOn(proposalQueries, 'units').mockResolvedValue([])
    vi.spyOn(proposalQueries, 'overdue').mockResolvedValue({ as_of: '2025-04-01', overdue: [] })
    const list = vi.spyOn(proposalQueries, 'list').mockResolvedValue({ total: 1, offset: 0, limit: 50, proposals: [proposal()] })
    const get = vi.spyOn(proposalQueries, 'get').mockResolvedValueOnce(proposal({ key: true }))
    const w = mount(ProposalReview, { props: { body: 'npc' }, global: { plugins: [i18n] } })
    await flushPromises()
    await flushPromises()
    await w.find('.proposal-row-11 button').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="supervision"]').exists()).toBe(true)
    expect(w.find('.supervision-form').exists()).toBe(true)
    get.mockResolvedValueOnce(proposal({ key: true, assignments: [{ ...lead, due_on: '2025-09-15' }], extensions: [{ round: 1, months: 6, due_on: '2025-09-15', on: '2025-05-02', by: 'npc-secretariat' }] }))
    const action = vi.spyOn(api, 'action').mockResolvedValueOnce(ack({ proposal_id: 11, due_on: '2025-09-15' }))
    const calls = list.mock.calls.length
    await w.find('.deadline-extension').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('proposals.extend', { proposal_id: 11, months: 6 })
    expect(list.mock.calls.length).toBe(calls + 1)
    expect(w.find('[data-testid="review-said"]').text()).toBe('答复期限已延长至 2025-09-15。')
    expect(w.find('[data-testid="current-due"]').text()).toContain('2025-09-15')
    expect(w.find('[data-extension]').text()).toBe('2025-05-02：答复期限延长至交办后 6 个月，即 2025-09-15（经办：npc-secretariat）')
  })

  it('keeps the supervision form for key proposals', async () => {
    vi.spyOn(proposalQueries, 'rules').mockResolvedValue(rules)
    vi.spyOn(proposalQueries, 'units').mockResolvedValue([])
    vi.spyOn(proposalQueries, 'overdue').mockResolvedValue({ as_of: '2025-04-01', overdue: [] })
    vi.spyOn(proposalQueries, 'list').mockResolvedValue({ total: 1, offset: 0, limit: 50, proposals: [proposal()] })
    vi.spyOn(proposalQueries, 'get').mockResolvedValueOnce(proposal())
    const w = mount(ProposalReview, { props: { body: 'npc' }, global: { plugins: [i18n] } })
    await flushPromises()
    await flushPromises()
    await w.find('.proposal-row-11 button').trigger('click')
    await flushPromises()
    expect(w.find('.supervision-form').exists()).toBe(false)
    expect(w.find('[data-testid="supervision"]').text()).toContain('列为重点后才能记录督办活动。')
  })
})
