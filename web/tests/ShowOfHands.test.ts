import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElMessageBox } from 'element-plus'
import { api, ApiError } from '@/api/client'
import ShowOfHands from '@/components/ShowOfHands.vue'
import { i18n } from '@/i18n'
import { openPoll } from './hall-fixtures'

const ack = { result: { poll_id: 11 }, events: [], replayed: false }

function mountForm(props: Record<string, unknown> = {}) {
  return mount(ShowOfHands, {
    props: { poll: openPoll(), mayEnter: true, maySignOff: true, ...props },
    global: { plugins: [i18n] },
  })
}

beforeEach(() => {
  vi.restoreAllMocks()
  i18n.global.locale.value = 'zh-CN'
})

describe('ShowOfHands', () => {
  it('has a labelled number input for each count and posts them with the note', async () => {
    const action = vi.spyOn(api, 'action').mockResolvedValue(ack)
    const w = mountForm()
    await flushPromises()
    const labels = w.findAll('label').map((l) => l.text())
    expect(labels.slice(0, 3)).toEqual(['赞成票数', '反对票数', '弃权票数'])
    for (const k of ['for', 'against', 'abstain']) {
      const input = w.find(`input[name="${k}"]`)
      expect(input.attributes('type')).toBe('number')
      expect(w.find(`label[for="${input.attributes('id')}"]`).exists()).toBe(true)
    }
    await w.find('input[name="for"]').setValue('2865')
    await w.find('input[name="against"]').setValue('12')
    await w.find('input[name="abstain"]').setValue('16')
    await w.find('input[type="text"]').setValue('  表决器故障  ')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action).toHaveBeenCalledWith('voting.enter_manual_result', { poll_id: 11, for: 2865, against: 12, abstain: 16, note: '表决器故障' })
    expect(w.find('[data-testid="hand-count-entered"]').text()).toContain('已录入举手表决结果：赞成2865票，反对12票，弃权16票。')
    expect(w.emitted('entered')?.[0]).toEqual([{ for: 2865, against: 12, abstain: 16, note: '表决器故障' }])
  })

  it('leaves an empty count out and shows the server’s refusal in the UI language at the field it names', async () => {
    i18n.global.locale.value = 'en'
    const action = vi.spyOn(api, 'action').mockRejectedValue(
      new ApiError(400, { code: 'malformed', message_zh: '缺少 args.against', message_en: 'args.against is missing', field: 'args.against', rule: null }),
    )
    const w = mountForm()
    await flushPromises()
    await w.find('input[name="for"]').setValue('3')
    await w.find('input[name="abstain"]').setValue('0')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(action.mock.calls[0][1]).toEqual({ poll_id: 11, for: 3, abstain: 0 })
    expect(w.find('[role="alert"]').text()).toContain('args.against is missing')
    expect(w.find('[role="alert"]').text()).not.toContain('缺少')
    const against = w.find('input[name="against"]')
    expect(against.attributes('aria-invalid')).toBe('true')
    expect(w.find(`#${against.attributes('aria-describedby')}`).text()).toContain('args.against is missing')
    expect(w.find('input[name="for"]').attributes('aria-invalid')).toBeUndefined()
    expect(w.emitted('entered')).toBeUndefined()
  })

  it('signs off only after a confirmation that repeats the counts', async () => {
    const action = vi.spyOn(api, 'action').mockResolvedValue(ack)
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValueOnce('cancel').mockResolvedValueOnce('confirm' as never)
    const w = mountForm({ poll: openPoll({ manual_entered: true, manual: { for: 7, against: 2, abstain: 1, note: '' } }) })
    await flushPromises()
    expect(w.find('[data-testid="hand-count-entered"]').text()).toContain('赞成7票，反对2票，弃权1票')
    await w.find('[data-testid="sign-off-hand-count"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(confirm.mock.calls[0][0]).toContain('赞成7票，反对2票，弃权1票')
    expect(confirm.mock.calls[0][0]).toContain('中华人民共和国国务院组织法')
    expect(action).not.toHaveBeenCalled() // cancelled: nothing posted
    await w.find('[data-testid="sign-off-hand-count"]').trigger('click')
    await flushPromises()
    expect(action).toHaveBeenCalledExactlyOnceWith('voting.sign_off_manual_result', { poll_id: 11 })
    expect(w.emitted('signedOff')).toHaveLength(1)
  })

  it('shows counts entered at another desk from the open poll, and replaces them when they change', async () => {
    const w = mountForm({ poll: openPoll({ manual_entered: true, manual: { for: 5, against: 4, abstain: 0, note: '表决器故障' } }) })
    await flushPromises()
    expect(w.find('[data-testid="hand-count-entered"]').text()).toContain('赞成5票，反对4票，弃权0票')
    await w.setProps({ poll: openPoll({ manual_entered: true, manual: { for: 6, against: 3, abstain: 0, note: '' } }) })
    expect(w.find('[data-testid="hand-count-entered"]').text()).toContain('赞成6票，反对3票，弃权0票')
    await w.setProps({ poll: openPoll({ id: 12 }) }) // another poll: nothing entered
    expect(w.find('[data-testid="hand-count-entered"]').exists()).toBe(false)
  })

  it('the secretariat enters but does not sign off; presiding alone may sign', async () => {
    const w = mountForm({ poll: openPoll({ manual_entered: true, manual: { for: 1, against: 0, abstain: 0, note: '' } }), maySignOff: false })
    await flushPromises()
    expect(w.find('[data-testid="enter-hand-count"]').exists()).toBe(true)
    expect(w.find('[data-testid="sign-off-hand-count"]').exists()).toBe(false)
    expect(w.text()).toContain('等待主持人签署确认')
    const p = mountForm({ poll: openPoll({ manual_entered: false }) })
    expect(p.find('[data-testid="sign-off-hand-count"]').exists()).toBe(false) // nothing entered yet
  })
})
