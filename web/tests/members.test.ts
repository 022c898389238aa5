// The desk's members against a mocked API: search by name or seat, the delegation and state
// filters, 20 a page, the account opened and the password reset with the arguments the server
// takes; the member told of a reset until choosing their own password.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { api } from '@/api/client'
import type { Member } from '@/api/types'
import { i18n } from '@/i18n'
import MembersAdmin from '@/members/MembersAdmin.vue'
import PasswordNotice from '@/members/PasswordNotice.vue'
import { changedFields, editOf, handoverPassword, matches } from '@/members/api'
import { useAuthStore } from '@/stores/auth'

function member(i: number, over: Partial<Member> = {}): Member {
  return {
    id: i,
    body: 'npc',
    seat: `N${String(i).padStart(4, '0')}`,
    card: `C${i}`,
    name: i === 7 ? '王小明' : `代表${i}`,
    gender: '',
    unit_id: i % 2 ? 1 : 2,
    unit: i % 2 ? '北京代表团' : '天津代表团',
    group: '',
    roles: [],
    joined_on: '2023-03-01',
    vacated_on: null,
    vacancy_reason: null,
    ...over,
  } as Member
}

const roster = Array.from({ length: 45 }, (_, i) => member(i + 1, i + 1 === 45 ? { vacated_on: '2024-01-02', vacancy_reason: 'death' } : {}))

beforeEach(() => {
  setActivePinia(createPinia())
  vi.restoreAllMocks()
  i18n.global.locale.value = 'zh-CN'
})

describe('finding members', () => {
  it('matches the name or seat, the unit and the state', () => {
    const f = { text: '', unit: null, state: 'all' as const }
    expect(matches(member(7), { ...f, text: '小明' })).toBe(true)
    expect(matches(member(7), { ...f, text: 'n0007' })).toBe(true)
    expect(matches(member(7), { ...f, text: 'N0008' })).toBe(false)
    expect(matches(member(7), { ...f, unit: 2 })).toBe(false)
    expect(matches(roster[44], { ...f, state: 'sitting' })).toBe(false)
    expect(matches(roster[44], { ...f, state: 'vacated' })).toBe(true)
  })

  it('hands over passwords without look-alike characters', () => {
    let n = 0
    expect(handoverPassword(() => n++ % 31)).toBe('abcd-efgh-jkmn')
    for (let i = 0; i < 50; i++) expect(handoverPassword()).toMatch(/^[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}$/)
  })
})

describe('the members tab', () => {
  async function mountTab() {
    vi.spyOn(api, 'get').mockImplementation(async (path: string) => {
      if (path === '/api/v1/bodies/npc/members') return roster
      if (path === '/api/v1/bodies/npc/member-accounts')
        return { body: 'npc', accounts: [{ member_id: 1, username: 'npc-0001', disabled: false, password_reset: { by: 'npc-secretariat', at: '2024-03-08T01:00:00Z' } }] }
      throw new Error('unexpected GET ' + path)
    })
    const w = mount(MembersAdmin, { props: { body: 'npc' }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    return w
  }
  const rows = (w: Awaited<ReturnType<typeof mountTab>>) => w.findAll('tbody tr').map((r) => r.findAll('td').map((c) => c.text()))

  it('lists 20 a page, filters by name or seat, and shows each account and its reset', async () => {
    const w = await mountTab()
    expect(w.find('[data-testid="members-count"]').text()).toBe('共 45 人，显示 45 人')
    expect(rows(w)).toHaveLength(20)
    expect(rows(w)[0][4]).toContain('npc-0001')
    expect(rows(w)[0][4]).toContain('密码由 npc-secretariat 于')
    expect(rows(w)[1][4]).toBe('无账户')
    await w.find('#members-search').setValue('王小明')
    await flushPromises()
    expect(w.find('[data-testid="members-count"]').text()).toBe('共 45 人，显示 1 人')
    expect(rows(w)[0][2]).toBe('王小明')
    w.unmount()
  })

  it('opens an account with the member’s id and role, and resets a password by username', async () => {
    const w = await mountTab()
    const action = vi.spyOn(api, 'action').mockResolvedValue({ result: {}, events: [], replayed: false } as never)
    await w.find('[aria-label="为代表2开设账户"]').trigger('click')
    await flushPromises()
    const password = (document.querySelector('[data-testid="handover-password"] input, input[data-testid="handover-password"]') as HTMLInputElement).value
    ;(document.querySelector('[data-testid="member-confirm"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(action).toHaveBeenCalledWith('accounts.create', { username: 'n0002', password, display_name: '代表2', member_id: 2, roles: [{ body: 'npc', role: 'member' }] })
    expect(w.find('[data-testid="members-said"]').text()).toBe('已为代表2开设账户')
    await w.find('[aria-label="重设代表1的密码"]').trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-testid="member-confirm"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(action.mock.calls[1][0]).toBe('accounts.reset_password')
    expect(action.mock.calls[1][1]).toMatchObject({ username: 'npc-0001' })
    w.unmount()
  })

  it('corrects a record with assembly.update_member, naming the member and only the changed fields', async () => {
    const w = await mountTab()
    const action = vi.spyOn(api, 'action').mockResolvedValue({ result: { member_id: 3, changed: ['group_name'] }, events: [], replayed: false } as never)
    await w.find('[aria-label="更正代表3的信息"]').trigger('click')
    await flushPromises()
    const group = document.querySelector('#member-group') as HTMLInputElement
    group.value = '第二组'
    group.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-testid="member-confirm"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(action).toHaveBeenCalledWith('assembly.update_member', { member_id: 3, group: '第二组' })
    expect(w.find('[data-testid="members-said"]').text()).toBe('已保存代表3的信息')
    w.unmount()
  })
})

describe('correcting a record', () => {
  it('sends only what changed, trimmed, and nothing of an unchanged form', () => {
    const m = member(7)
    expect(changedFields(m, editOf(m))).toEqual({})
    expect(changedFields(m, { ...editOf(m), name: ' 王晓明 ', unit: '天津代表团' })).toEqual({ name: '王晓明', unit: '天津代表团' })
  })
})

describe('the member told of a reset', () => {
  it('says who reset the password and when, until the member has chosen their own', async () => {
    const auth = useAuthStore()
    auth.me = { username: 'npc-0001', display_name: '代表1', member_id: 1, roles: [{ body: 'npc', role: 'member' }], csrf_token: 'x', handling_units: [], password_reset: { by: 'npc-secretariat', at: '2024-03-08T01:00:00Z' } }
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<p />' } }, { path: '/signin', component: { template: '<p />' } }] })
    await router.push('/')
    const w = mount(PasswordNotice, { global: { plugins: [i18n, router] } })
    expect(w.find('[data-testid="password-notice"]').text()).toContain('您的密码已由 npc-secretariat 于')
    const action = vi.spyOn(api, 'action').mockResolvedValue({ result: { username: 'npc-0001' }, events: [], replayed: false } as never)
    await w.find('button').trigger('click')
    await flushPromises()
    await w.find('#own-password-current-password').setValue('handed-over')
    await w.find('#own-password-password').setValue('my-own-pass-1')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('accounts.set_password', { username: 'npc-0001', password: 'my-own-pass-1', current_password: 'handed-over' })
    expect(router.currentRoute.value.fullPath).toBe('/signin?changed=1')
    w.unmount()
  })
})
