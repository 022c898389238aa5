// Reads of the proposal cycle (提案、建议), handling units and notifications (docs/API.md
// "Proposals and suggestions"), and the routes the secretariat's exports link to.
import { api } from './client'
import { queries } from './queries'
import type {
  HandlingUnit,
  LeaveRequest,
  Member,
  OverdueItem,
  Proposal,
  ProposalList,
  ProposalNotification,
  ProposalReport,
  ProposalRules,
  ProposalStatistics,
  SignatureRequest,
} from './types'

const enc = encodeURIComponent

export type ProposalFilter = Partial<
  Record<'state' | 'area' | 'outcome' | 'proposer_kind' | 'unit_id' | 'session_id' | 'from' | 'to' | 'key' | 'q' | 'limit' | 'offset' | 'as_of', string | number>
>

export function queryString(filter: ProposalFilter = {}): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '' && v !== null) params.set(k, String(v))
  const s = params.toString()
  return s ? `?${s}` : ''
}

export const proposalQueries = {
  list: (body: string, filter: ProposalFilter = {}) =>
    api.get<ProposalList>(`/api/v1/bodies/${enc(body)}/proposals${queryString(filter)}`),
  get: (id: number) => api.get<Proposal>(`/api/v1/proposals/${id}`),
  statistics: (body: string, filter: ProposalFilter = {}) =>
    api.get<ProposalStatistics>(`/api/v1/bodies/${enc(body)}/proposal-statistics${queryString(filter)}`),
  reports: (body: string) => api.get<ProposalReport[]>(`/api/v1/bodies/${enc(body)}/proposal-reports`),
  units: (body: string) => api.get<HandlingUnit[]>(`/api/v1/bodies/${enc(body)}/handling-units`),
  overdue: (body: string) => api.get<{ as_of: string; overdue: OverdueItem[] }>(`/api/v1/bodies/${enc(body)}/proposals/overdue`),
  notifications: () =>
    api.get<{ notifications: ProposalNotification[]; signature_requests: SignatureRequest[] }>('/api/v1/me/notifications'),
  // The body's rulebook's [proposals] table (null: the body takes no proposals).
  rules: async (body: string): Promise<ProposalRules | null> => (await queries.rulebookOf(body)).proposals ?? null,
  members: (body: string) => api.get<Member[]>(`/api/v1/bodies/${enc(body)}/members`),
  leaves: (sittingId: number) => api.get<LeaveRequest[]>(`/api/v1/sittings/${sittingId}/leaves`),
}

export function exportUrl(body: string, filter: ProposalFilter = {}): string {
  return `/api/v1/bodies/${enc(body)}/proposals/export.csv${queryString(filter)}`
}

// Today in Beijing (the server's deadlines and "as_of" are Beijing dates).
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

// "YYYY-MM-DD" plus n days.
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}
