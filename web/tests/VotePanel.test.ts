import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { api } from '@/api/client'
import type { Poll } from '@/api/types'
import VotePanel from '@/components/VotePanel.vue'
import { i18n } from '@/i18n'

const poll: Poll = {
  id: 11,
  body: 'npc',
  sitting_id: 5,
  motion_id: 12,
  title_zh: '关于……的决议（草案）',
  title_en: 'Resolution on …',
  mode: 'anonymous',
  state: 'open',
  method: 'device',
  opened_at: '2024-03-08T01:00:00Z',
  voted: 0,
  manual_entered: false,
}

function mountPanel() {
  return mount(VotePanel, { props: { poll, username: 'npc-0001' }, global: { plugins: [i18n] } })
}

beforeEach(() => {
  localStorage.clear()
  vi.restoreAllMocks()
  i18n.global.locale.value = 'zh-CN'
})

describe('VotePanel', () => {
  it('shows three keys with their words and accessible names, none pressed', () => {
    const w = mountPanel()
    const keys = w.findAll('button.vote-key')
    expect(keys.map((k) => k.text())).toEqual(['✓赞成', '✕反对', '○弃权'])
    expect(keys.map((k) => k.attributes('aria-label'))).toEqual(['赞成：投赞成票', '反对：投反对票', '弃权：投弃权票'])
    expect(keys.map((k) => k.attributes('aria-pressed'))).toEqual(['false', 'false', 'false'])
    expect(w.text()).toContain('您尚未表决')
  })

  it('confirms what the server recorded, and a change', async () => {
    const action = vi
      .spyOn(api, 'action')
      .mockResolvedValueOnce({ result: { poll_id: 11, choice: 'against', changed: false }, events: [], replayed: false })
      .mockResolvedValueOnce({ result: { poll_id: 11, choice: 'for', changed: true }, events: [], replayed: false })
    const w = mountPanel()
    await w.find('button[data-choice="against"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="vote-recorded"]').text()).toContain('您的表决已记录：反对')
    expect(w.find('button[data-choice="against"]').attributes('aria-pressed')).toBe('true')
    await w.find('button[data-choice="for"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="vote-recorded"]').text()).toContain('已更改，您现在的表决是：赞成')
    expect(w.find('button[data-choice="for"]').attributes('aria-pressed')).toBe('true')
    expect(w.find('button[data-choice="against"]').attributes('aria-pressed')).toBe('false')
    const keys = action.mock.calls.map((c) => (c[1] as { ballot_key: string }).ballot_key)
    expect(keys[0]).toBe(keys[1])
  })

  it('speaks English when asked', () => {
    i18n.global.locale.value = 'en'
    const w = mountPanel()
    expect(w.findAll('button.vote-key').map((k) => k.attributes('aria-label'))).toEqual([
      'For: vote in favour',
      'Against: vote against',
      'Abstain: abstain from voting',
    ])
    expect(w.text()).toContain('Resolution on …')
  })

  it('shows the server refusal in the UI language', async () => {
    vi.spyOn(api, 'action').mockRejectedValueOnce(
      new (await import('@/api/client')).ApiError(422, {
        code: 'rule_violation',
        message_zh: '未签到的成员不能表决',
        message_en: 'a member who has not checked in cannot vote',
        field: 'actor',
        rule: null,
      }),
    )
    const w = mountPanel()
    await w.find('button[data-choice="for"]').trigger('click')
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toContain('未签到的成员不能表决')
    expect(w.find('[data-testid="vote-recorded"]').exists()).toBe(false)
  })
})
