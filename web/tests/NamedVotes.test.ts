import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import PollResult from '@/components/PollResult.vue'
import type { Poll, PollWithVotes } from '@/api/types'
import { i18n } from '@/i18n'
import { answerGets } from './hall-fixtures'

const closed: Poll = {
  id: 7,
  body: 'staff',
  sitting_id: 2,
  motion_id: 4,
  title_zh: '关于修改教代会章程的决定（草案）',
  title_en: 'Decision amending the charter',
  mode: 'named',
  state: 'closed',
  method: 'device',
  opened_at: '2026-11-29T01:00:00Z',
  closed_at: '2026-11-29T01:10:00Z',
  for: 3,
  against: 1,
  abstain: 0,
  not_voted: 1,
  present: 5,
  base_size: 6,
  adopted: true,
  announcement_zh: '赞成3票，反对1票，弃权0票，未按表决器1人。通过。',
  announcement_en: 'For 3, against 1, abstaining 0, not voting 1. Adopted.',
}

const withVotes: PollWithVotes = {
  ...closed,
  votes: [
    { member_id: 1, name: '王建国', seat: '', choice: 'for' },
    { member_id: 2, name: '李秀英', seat: '', choice: 'against' },
    { member_id: 3, name: '张伟', choice: 'for', seat: 'A03' },
    { member_id: 4, name: '刘芳', seat: '', choice: 'for' },
  ],
}

function mountResult(poll: Poll) {
  return mount(PollResult, { props: { poll }, global: { plugins: [i18n] } })
}

async function open(w: ReturnType<typeof mountResult>) {
  const d = w.find('[data-testid="named-votes"]')
  ;(d.element as HTMLDetailsElement).open = true
  await d.trigger('toggle')
  await flushPromises()
}

beforeEach(() => {
  vi.restoreAllMocks()
  i18n.global.locale.value = 'zh-CN'
})

describe('named votes in PollResult', () => {
  it('keeps the names behind a closed disclosure and reads them only when opened', async () => {
    const get = answerGets({ '/api/v1/polls/7': withVotes })
    const w = mountResult(closed)
    const d = w.find('[data-testid="named-votes"]')
    expect(d.element.tagName).toBe('DETAILS')
    expect((d.element as HTMLDetailsElement).open).toBe(false)
    expect(d.find('summary').text()).toBe('记名表决名单（4人）')
    expect(w.text()).not.toContain('王建国')
    expect(get).not.toHaveBeenCalled()
    await open(w)
    expect(get).toHaveBeenCalledExactlyOnceWith('/api/v1/polls/7')
    expect(w.text()).toContain('王建国')
  })

  it('groups the members by choice with counts, in the server’s order, seats where given', async () => {
    answerGets({ '/api/v1/polls/7': withVotes })
    const w = mountResult(closed)
    await open(w)
    const groups = w.findAll('section.group')
    expect(groups.map((g) => g.find('h4').text())).toEqual(['赞成（3人）', '反对（1人）', '弃权（0人）'])
    expect(groups[0].findAll('li').map((li) => li.text())).toEqual(['王建国', '张伟 · 座位号 A03', '刘芳'])
    expect(groups[1].findAll('li').map((li) => li.text())).toEqual(['李秀英'])
    expect(groups[2].find('ul').exists()).toBe(false)
    expect(groups[2].text()).toContain('无')
  })

  it('uses votes already in the poll without asking again, in English too', async () => {
    i18n.global.locale.value = 'en'
    const get = answerGets({})
    const w = mountResult(withVotes)
    await open(w)
    expect(get).not.toHaveBeenCalled()
    expect(w.find('summary').text()).toBe('Roll-call list (4 members)')
    expect(w.findAll('section.group h4').map((h) => h.text())).toEqual(['For (3)', 'Against (1)', 'Abstain (0)'])
  })

  it('shows nothing of the sort for an anonymous poll, nor for a named one still open', () => {
    const get = answerGets({})
    expect(mountResult({ ...closed, mode: 'anonymous' }).find('[data-testid="named-votes"]').exists()).toBe(false)
    expect(mountResult({ ...closed, state: 'open' }).find('[data-testid="named-votes"]').exists()).toBe(false)
    expect(get).not.toHaveBeenCalled()
  })

  it('says how a show-of-hands result was taken', () => {
    const w = mountResult({ ...closed, mode: 'anonymous', method: 'show_of_hands' })
    expect(w.find('[data-testid="poll-method"]').text()).toBe('表决方式：举手表决')
    const noted = mountResult({ ...closed, mode: 'anonymous', method: 'show_of_hands', manual_note: '表决器故障' })
    expect(noted.find('[data-testid="poll-method"]').text()).toBe('表决方式：举手表决（表决器故障）')
    // Present members who raised no hand, not members who did not press a key.
    expect(noted.findAll('dt').map((d) => d.text())).toContain('未举手')
    expect(noted.findAll('dt').map((d) => d.text())).not.toContain('未按表决器')
    expect(mountResult(closed).findAll('dt').map((d) => d.text())).toContain('未按表决器')
    expect(mountResult(closed).find('[data-testid="poll-method"]').exists()).toBe(false)
  })
})
