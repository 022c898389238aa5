import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { api } from '@/api/client'
import { queries } from '@/api/queries'
import type { ProposalStatistics } from '@/api/types'
import { i18n } from '@/i18n'
import StatsCharts from '@/proposals/StatsCharts.vue'
import SecretariatView from '@/views/SecretariatView.vue'
import { useAuthStore } from '@/stores/auth'

// ECharts needs a real layout; the charts' figures are checked in their tables.
vi.mock('vue-echarts', async () => {
  const { defineComponent, h } = await import('vue')
  return { default: defineComponent({ props: { option: Object }, setup: () => () => h('div', { class: 'chart-stub' }) }) }
})

beforeEach(() => {
  setActivePinia(createPinia())
  vi.restoreAllMocks()
  i18n.global.locale.value = 'zh-CN'
})

const stats: ProposalStatistics = {
  body: 'cppcc', as_of: '2024-02-29', received: 10, pending_review: 1, registered: 8, merged: 1, converted: 0, withdrawn: 0, not_registered: 0,
  by_members: 9, by_collectives: 1, plenary: 8, intersession: 2, online: 9, online_share: '90.0%',
  registered_by_area: { economy: 3, politics: 1, culture: 1, society: 2, ecology: 1 },
  answered: 8, reply_rate: '100.0%', rated: 0, satisfied: 0, basically_satisfied: 0, dissatisfied: 0, satisfaction_rate: '',
  units: [{ unit_id: 1, name_zh: '教育部', assigned: 5, replied: 4, overdue: 1 }],
  report_zh: '共提出提案10件，经审查立案8件。',
}

describe('StatsCharts', () => {
  it('puts every charted figure in a table too, and draws no ratings chart before any rating', async () => {
    const w = mount(StatsCharts, { props: { stats }, global: { plugins: [i18n] } })
    await flushPromises()
    const tables = w.findAll('.figures-table')
    expect(tables[0].findAll('.el-table__body tr').map((r) => r.text())).toEqual(['经济建设3', '政治建设1', '文化建设1', '社会建设2', '生态文明建设1'])
    expect(w.text()).toContain('尚无评价')
    expect(w.find('.units .el-table__body tr').findAll('td').map((c) => c.text()).slice(1)).toEqual(['5', '4', '1'])
    // Two charts (area, units): the ratings chart waits for a rating.
    expect(w.findAll('.chart-stub').length).toBe(2)
  })
})

describe('SecretariatView', () => {
  it('offers its sections as tabs, moved through with the arrow keys', async () => {
    vi.spyOn(api, 'me').mockResolvedValueOnce({ username: 's', display_name: 'S', member_id: null, roles: [{ body: 'npc', role: 'secretariat' }], csrf_token: 'c', handling_units: [], password_reset: null })
    await useAuthStore().restore()
    vi.spyOn(queries, 'bodies').mockResolvedValue([{ id: 'npc', name_zh: '全国人民代表大会', name_en: 'NPC', rulebook: 'npc', quorum_override: '', level: 'national' }])
    vi.spyOn(api, 'get').mockImplementation(async () => {
      throw new Error('not needed')
    })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/secretariat', component: SecretariatView }] })
    await router.push('/secretariat')
    const w = mount(SecretariatView, {
      attachTo: document.body,
      global: { plugins: [i18n, router], stubs: { ProposalReview: true, ProposalStats: true, RosterImport: true, MembersAdmin: true, AttendanceDesk: true, LeaveApprovals: true, ScreenControl: true, AssemblyAdmin: true } },
    })
    await flushPromises()
    const tabs = w.findAll('[role="tab"]')
    expect(tabs.map((x) => x.text())).toEqual(['审查与交办', '统计', '名册导入', '成员与账户', '签到台', '请假审批', '大屏幕', '届次与会议'])
    expect(tabs.map((x) => x.attributes('aria-selected'))).toEqual(['true', 'false', 'false', 'false', 'false', 'false', 'false', 'false'])
    expect(tabs.map((x) => x.attributes('tabindex'))).toEqual(['0', '-1', '-1', '-1', '-1', '-1', '-1', '-1'])
    await tabs[0].trigger('keydown', { key: 'ArrowLeft' })
    await flushPromises()
    expect(w.find('[aria-selected="true"]').text()).toBe('届次与会议')
    expect(document.activeElement?.textContent?.trim()).toBe('届次与会议')
    expect(w.find('assembly-admin-stub').exists()).toBe(true)
    expect(router.currentRoute.value.query).toMatchObject({ body: 'npc', tab: 'assembly' })
    await w.find('[aria-selected="true"]').trigger('keydown', { key: 'ArrowLeft' })
    await flushPromises()
    expect(w.find('[aria-selected="true"]').text()).toBe('大屏幕')
    expect(w.find('screen-control-stub').exists()).toBe(true)
    w.unmount()
  })
})
