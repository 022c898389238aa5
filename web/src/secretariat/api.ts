// The reads and shapes the secretariat's administration needs beyond src/api (bodies with their
// terms, rulebooks), and the date arithmetic that mirrors the server's for reply deadlines.
import { api } from '@/api/client'
import type { Body, ProposalAssignment } from '@/api/types'

const enc = encodeURIComponent

// 届: a body's term, as GET /api/v1/bodies/{body} lists it.
export interface Term {
  number: number
  name_zh: string
  starts_on: string
}

export interface BodyDetail extends Body {
  terms: Term[]
  units: { id: number; kind: string; name: string }[]
  members_total: number
}

// What the body form needs of a rulebook (GET /api/v1/rulebooks holds much more).
export interface RulebookSummary {
  id: string
  name_zh: string
  name_en: string
  quorum: { comparison: string; fraction: string; configurable: boolean }
}

export const LEVELS = ['national', 'province', 'city', 'county', 'township'] as const
export type Level = (typeof LEVELS)[number]

export const SUPERVISION_KINDS = ['consultation', 'inspection', 'visit', 'other'] as const
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number]

export const adminQueries = {
  body: (id: string) => api.get<BodyDetail>(`/api/v1/bodies/${enc(id)}`),
  rulebooks: () => api.get<RulebookSummary[]>('/api/v1/rulebooks'),
}

// 一 … 九十九, as term and session names write their numbers (第十四届, 第三次会议).
export function chineseNumber(n: number): string {
  const digits = '〇一二三四五六七八九'
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n)
  if (n < 10) return digits[n]
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens === 1 ? '' : digits[tens]}十${ones ? digits[ones] : ''}`
}

// The smallest number above every one in use (届次 and 次会议 are numbered on from the last).
export function nextNumber(used: number[]): number {
  return used.length ? Math.max(...used) + 1 : 1
}

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
