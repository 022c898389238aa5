// The public results page's additions: a body's proposal statistics (read when opened) and a
// session's announced election results (counted rounds only).
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { beijingToday } from '@/proposals/api'
import type { ProposalStatistics } from '@/api/types'
import PublicProposalStats from '@/proposals/PublicProposalStats.vue'
import AnnouncedElections from '@/elections/AnnouncedElections.vue'
import type { Election, ElectionRound } from '@/elections/api'
import { i18n } from '@/i18n'
import { answerGets } from './hall-fixtures'

beforeEach(() => {
  vi.restoreAllMocks()
  i18n.global.locale.value = 'zh-CN'
})

const stats = {
  body: 'cppcc', as_of: '2024-02-29', received: 5621, pending_review: 0, registered: 4791, merged: 286, converted: 511,
  withdrawn: 21, not_registered: 12, by_members: 5000, by_collectives: 621, plenary: 5000, intersession: 621, online: 5000,
  online_share: '89.0%', registered_by_area: { economy: 1, politics: 1, culture: 1, society: 1, ecology: 1 }, answered: 4787,
  reply_rate: '99.9%', rated: 0, satisfied: 0, basically_satisfied: 0, dissatisfied: 0, satisfaction_rate: '', units: [],
  report_zh: '共提出提案5621件，经审查立案4791件。',
} as unknown as ProposalStatistics

describe('PublicProposalStats', () => {
  it('reads the statistics only when opened, then shows the figures and the report’s sentence', async () => {
    const get = answerGets({
      '/api/v1/bodies/cppcc/proposal-reports': [],
      [`/api/v1/bodies/cppcc/proposal-statistics?as_of=${beijingToday()}`]: stats,
    })
    const w = mount(PublicProposalStats, { props: { body: 'cppcc' }, global: { plugins: [i18n] } })
    expect(get).not.toHaveBeenCalled()
    const details = w.find('details')
    ;(details.element as HTMLDetailsElement).open = true
    await details.trigger('toggle')
    await flushPromises()
    expect(get).toHaveBeenCalledTimes(2)
    expect(w.find('[data-testid="stats-as-of"]').text()).toBe('截至 2024-02-29')
    expect(w.find('[data-testid="stats-received"]').text()).toBe('5621')
    expect(w.find('[data-testid="stats-reply-rate"]').text()).toBe('99.9%')
    expect(w.find('[data-testid="stats-report"]').text()).toContain('共提出提案5621件')
    await details.trigger('toggle') // closing and opening again does not read again
    await flushPromises()
    expect(get).toHaveBeenCalledTimes(2)
  })

  it('reports the latest dated session as of its report’s date, named in the UI language', async () => {
    const report = {
      session_id: 3, term: 14, number: 1, name_zh: '中国人民政治协商会议第十四届全国委员会第一次会议',
      name_en: 'First Session of the 14th CPPCC National Committee', short_name_zh: '全国政协十四届一次会议', as_of: '2024-02-29',
    }
    const get = answerGets({
      '/api/v1/bodies/cppcc/proposal-reports': [report, { ...report, session_id: 1, number: 0, as_of: '2023-02-28' }],
      '/api/v1/bodies/cppcc/proposal-statistics?session_id=3': stats,
    })
    const w = mount(PublicProposalStats, { props: { body: 'cppcc' }, global: { plugins: [i18n] } })
    const details = w.find('details')
    ;(details.element as HTMLDetailsElement).open = true
    await details.trigger('toggle')
    await flushPromises()
    expect(get).toHaveBeenCalledWith('/api/v1/bodies/cppcc/proposal-statistics?session_id=3')
    expect(w.find('[data-testid="stats-as-of"]').text()).toBe('全国政协十四届一次会议以来，截至 2024-02-29')
    i18n.global.locale.value = 'en'
    await flushPromises()
    expect(w.find('[data-testid="stats-as-of"]').text()).toBe(
      'Since the First Session of the 14th CPPCC National Committee, as of 2024-02-29',
    )
  })
})

function round(over: Partial<ElectionRound>): ElectionRound {
  return {
    number: 1, sitting_id: 1, kind: 'first', seats: 1, candidate_ids: ['c1', 'c2'], members: 10, members_hash: '00',
    state: 'counted', result: null, ...over,
  }
}

function election(over: Partial<Election>): Election {
  return {
    id: 1, body: 'ele', session_id: 3, title_zh: '选举县长', title_en: 'Election of the county head', seats: 1,
    ballot_kind: 'election', mode: 'paper', state: 'closed', candidates: [], elected: [], rounds: [], ...over,
  }
}

const counted = {
  valid: true, valid_ballots: 10, candidates: [], elected: ['甲'],
  announcement_zh: '应选1名，发出选票10张，收回选票10张，选举有效。甲当选。',
  announcement_en: 'One to elect; 10 ballots issued and returned; valid. 甲 is elected.',
}

describe('AnnouncedElections', () => {
  it('lists only counted rounds, with the announcement and the elected, in the UI language', async () => {
    answerGets({
      '/api/v1/sessions/3/elections': {
        elections: [
          election({ id: 1, elected: ['甲'], rounds: [round({ result: counted })] }),
          election({ id: 2, title_zh: '选举副县长', state: 'voting', rounds: [round({ state: 'open' })] }),
        ],
      },
    })
    const w = mount(AnnouncedElections, { props: { sessionId: 3 }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(w.findAll('[data-election]').map((e) => e.attributes('data-election'))).toEqual(['1'])
    expect(w.find('.announcement').text()).toBe(counted.announcement_zh)
    expect(w.find('[data-testid="public-elected"]').text()).toBe('当选：甲')
    i18n.global.locale.value = 'en'
    await flushPromises()
    expect(w.find('.announcement').text()).toBe(counted.announcement_en)
  })

  it('shows nothing for a session without counted elections', async () => {
    answerGets({ '/api/v1/sessions/4/elections': { elections: [] } })
    const w = mount(AnnouncedElections, { props: { sessionId: 4 }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(w.find('[data-testid="announced-elections"]').exists()).toBe(false)
  })
})
