import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import OrderOfBusiness from '@/components/OrderOfBusiness.vue'
import MotionDocument from '@/components/MotionDocument.vue'
import { i18n } from '@/i18n'
import { agenda, answerGets, clauseTen, motion, organicLaw } from './hall-fixtures'

const motions = { session_id: 1, motions: [motion(2), motion(3), motion(9, { kind: 'agenda' }), motion(20, { parent_id: 2, clause: '第十条' })] }

function mountOrder(props: Record<string, unknown> = {}) {
  return mount(OrderOfBusiness, { props: { sessionId: 1, ...props }, global: { plugins: [i18n] }, attachTo: document.body })
}

beforeEach(() => {
  vi.restoreAllMocks()
  i18n.global.locale.value = 'zh-CN'
  document.body.innerHTML = ''
})

describe('OrderOfBusiness', () => {
  it('lists the items in order with their states in words, title-only items by title alone', async () => {
    answerGets({ '/api/v1/sessions/1/agenda': agenda, '/api/v1/sessions/1/motions': motions })
    const w = mountOrder()
    await flushPromises()
    expect(w.find('h3').text()).toBe('第二次会议议程')
    expect(w.find('[data-testid="agenda-adopted"]').text()).toContain('议程已通过')
    const items = w.findAll('ol.items > li')
    expect(items.map((li) => li.find('.item-title').text())).toEqual([
      '听取和审议政府工作报告',
      '中华人民共和国国务院组织法（修订草案）',
      '关于计划的决议（草案）',
    ])
    expect(items.map((li) => li.find('.state').exists() ? li.find('.state').text() : null)).toEqual([null, '状态：审议中', '状态：已通过'])
    // Only items that are motions have a document to read, each named for a screen reader.
    expect(items.map((li) => li.find('button').exists())).toEqual([false, true, true])
    expect(items[1].find('button').attributes('aria-label')).toBe('阅读文件：中华人民共和国国务院组织法（修订草案）')
    expect(w.find('[data-testid="current-item"]').exists()).toBe(false)
  })

  it('marks the item being voted in words, also when a clause of it is voted', async () => {
    answerGets({ '/api/v1/sessions/1/agenda': agenda, '/api/v1/sessions/1/motions': motions })
    const w = mountOrder({ currentMotionId: 3 })
    await flushPromises()
    let current = w.findAll('li[aria-current="true"]')
    expect(current).toHaveLength(1)
    expect(current[0].attributes('data-item-motion')).toBe('3')
    expect(current[0].find('[data-testid="current-item"]').text()).toContain('正在表决')
    await w.setProps({ currentMotionId: 20 })
    current = w.findAll('li[aria-current="true"]')
    expect(current[0].attributes('data-item-motion')).toBe('2')
    expect(current[0].text()).toContain('正在表决：第十条')
  })

  it('without an agenda lists the session’s motions as documents (no agendas, no clauses)', async () => {
    answerGets({ '/api/v1/sessions/1/agenda': { session_id: 1, agendas: [] }, '/api/v1/sessions/1/motions': motions })
    const w = mountOrder()
    await flushPromises()
    expect(w.text()).toContain('本次会议尚未提出议程')
    expect(w.findAll('ol.items > li').map((li) => li.attributes('data-item-motion'))).toEqual(['2', '3'])
  })

  it('speaks English when asked', async () => {
    i18n.global.locale.value = 'en'
    answerGets({ '/api/v1/sessions/1/agenda': agenda, '/api/v1/sessions/1/motions': motions })
    const w = mountOrder({ currentMotionId: 2 })
    await flushPromises()
    expect(w.find('[data-testid="agenda-adopted"]').text()).toContain('Agenda adopted')
    expect(w.findAll('ol.items > li')[0].text()).toContain('Government work report')
    expect(w.find('li[aria-current="true"]').text()).toContain('Being voted on now')
    expect(w.find('li[aria-current="true"] .state').text()).toBe(`Status: ${i18n.global.t('console.motionState.deliberation')}`)
    expect(w.find('li[aria-current="true"] .state').text()).not.toContain('审议')
  })

  it('opens an item’s document in a titled dialog and gives the focus back on closing', async () => {
    answerGets({
      '/api/v1/sessions/1/agenda': agenda,
      '/api/v1/sessions/1/motions': motions,
      '/api/v1/motions/2': organicLaw,
      '/api/v1/motions/20': clauseTen,
    })
    const w = mountOrder()
    await flushPromises()
    const button = w.findAll('ol.items > li')[1].find('button')
    ;(button.element as HTMLElement).focus()
    await button.trigger('click')
    await flushPromises()
    const dialog = w.find('dialog')
    expect(dialog.attributes('open')).toBeDefined()
    const heading = dialog.find('h2')
    expect(dialog.attributes('aria-labelledby')).toBe(heading.attributes('id'))
    expect(heading.text()).toBe('中华人民共和国国务院组织法（修订草案）')
    expect(document.activeElement).toBe(heading.element)
    expect(dialog.find('[data-testid="current-text"]').text()).toContain('国务院组织法（修订草案表决稿）')
    await dialog.find('[data-testid="close-document"]').trigger('click')
    await flushPromises()
    expect(w.find('dialog').attributes('open')).toBeUndefined()
    expect(document.activeElement).toBe(button.element)
  })
})

describe('MotionDocument', () => {
  it('shows the latest text with its stage named, earlier texts newest first, and the clauses voted separately', async () => {
    answerGets({ '/api/v1/motions/2': organicLaw, '/api/v1/motions/20': clauseTen })
    const w = mount(MotionDocument, { props: { motionId: 2 }, global: { plugins: [i18n] } })
    await flushPromises()
    const current = w.find('[data-testid="current-text"]')
    expect(current.find('h3').text()).toBe('现行文本：表决稿')
    expect(current.text()).toContain('第3稿 · 表决稿')
    expect(current.text()).toContain('说明：主席团提请大会表决')
    expect(current.find('.text').text()).toBe('国务院组织法（修订草案表决稿）')
    const earlier = w.find('[data-testid="earlier-texts"]')
    expect(earlier.element.tagName).toBe('DETAILS')
    expect(earlier.find('summary').text()).toBe('以前的文本（2稿）')
    expect(earlier.findAll('h4').map((h) => h.text().split(' · ').slice(0, 2).join(' · '))).toEqual(['第2稿 · 修改稿', '第1稿 · 草案'])
    expect(earlier.text()).toContain('关于国务院组织法修订草案的说明')
    const clauses = w.find('[data-testid="clauses"]')
    expect(clauses.find('h3').text()).toBe('单独表决的条款')
    expect(clauses.text()).toContain('第十条')
    expect(clauses.text()).toContain('状态：已通过')
    expect(clauses.text()).toContain('国务院实行总理负责制')
    expect(w.text()).toContain('提出者：主席团')
  })

  it('names the stages in English and says when there is no text', async () => {
    i18n.global.locale.value = 'en'
    const bare = { ...organicLaw, versions: [], clauses: [] }
    answerGets({ '/api/v1/motions/2': bare, '/api/v1/motions/3': { ...organicLaw, id: 3, clauses: [], versions: organicLaw.versions.slice(0, 2) } })
    const w = mount(MotionDocument, { props: { motionId: 2 }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(w.text()).toContain('This document has no text yet.')
    expect(w.find('[data-testid="earlier-texts"]').exists()).toBe(false)
    await w.setProps({ motionId: 3 })
    await flushPromises()
    expect(w.find('[data-testid="current-text"] h3').text()).toBe('Current text: Revised draft')
    expect(w.find('[data-testid="earlier-texts"] summary').text()).toBe('Earlier texts (1)')
  })
})
