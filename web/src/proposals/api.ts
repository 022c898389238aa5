// Reads of the proposal cycle (提案、建议), handling units and notifications (docs/API.md
// "Proposals and suggestions"), the routes the secretariat's exports link to, and the date
// arithmetic that mirrors the server's for reply deadlines.
import { api } from '@/api/client'
import { queries } from '@/api/queries'
import type {
  HandlingUnit,
  OverdueItem,
  ProposalAssignment,
  Proposal,
  ProposalList,
  ProposalNotification,
  ProposalReport,
  ProposalRules,
  ProposalStatistics,
  SignatureRequest,
} from '@/api/types'

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

export const SUPERVISION_KINDS = ['consultation', 'inspection', 'visit', 'other'] as const
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number]

// "YYYY-MM-DD" plus n months, a day past the end of the month falling back to its last day:
// the server's add_months (src/base/text.cpp), so the new due date shown is the one it sets.
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number)
  const total = y * 12 + (m - 1) + n
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const p = (x: number) => String(x).padStart(2, '0')
  return `${year}-${p(month)}-${p(Math.min(d, last))}`
}

// The first round's lead or split assignments not returned: the server counts an extension
// from the assignment date of the last of them.
function firstRound(assignments: ProposalAssignment[]): ProposalAssignment[] {
  return assignments.filter((a) => a.round === 1 && a.role !== 'co' && a.state !== 'returned')
}

// Those of them still awaiting their reply: the ones whose due date proposals.extend moves.
export function extendable(assignments: ProposalAssignment[]): ProposalAssignment[] {
  return firstRound(assignments).filter((a) => a.state === 'assigned')
}

// The day proposals.extend counts the months from ('' when nothing can be extended).
export function extensionBase(assignments: ProposalAssignment[]): string {
  return firstRound(assignments).at(-1)?.assigned_on ?? ''
}
