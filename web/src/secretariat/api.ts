// The reads and shapes the secretariat's administration needs beyond src/api (bodies with their
// terms, rulebooks), and the numbering of terms and sessions.
import { api } from '@/api/client'
import type { Body } from '@/api/types'

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
