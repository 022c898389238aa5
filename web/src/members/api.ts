// The desk's reads and actions on a body's members and their accounts (src/assembly,
// src/accounts): the roster, which members have an account, the account opened, a forgotten
// password reset, a vacancy recorded.
import { api } from '@/api/client'
import type { components } from '@/api/openapi'
import type { Member } from '@/api/types'

type S = components['schemas']
export type MemberAccount = S['MemberAccounts']['accounts'][number]
export const VACANCY_REASONS = ['death', 'resignation', 'recall', 'other'] as const
export type VacancyReason = (typeof VACANCY_REASONS)[number]

const enc = encodeURIComponent

export const memberQueries = {
  members: (body: string) => api.get<Member[]>(`/api/v1/bodies/${enc(body)}/members`),
  accounts: (body: string) => api.get<S['MemberAccounts']>(`/api/v1/bodies/${enc(body)}/member-accounts`),
}

export const memberActions = {
  openAccount: (body: string, m: Member, username: string, password: string) =>
    api.action('accounts.create', { username, password, display_name: m.name, member_id: m.id, roles: [{ body, role: 'member' }] }),
  resetPassword: (username: string, password: string) => api.action('accounts.reset_password', { username, password }),
  recordVacancy: (m: Member, on: string, reason: VacancyReason) => api.action('assembly.record_vacancy', { member_id: m.id, on, reason }),
}

/** Who a filter keeps: the name or seat contains the text, of the unit, sitting or vacated. */
export function matches(m: Member, f: { text: string; unit: number | null; state: 'all' | 'sitting' | 'vacated' }): boolean {
  const text = f.text.trim().toLowerCase()
  if (text && !m.name.toLowerCase().includes(text) && !m.seat.toLowerCase().includes(text)) return false
  if (f.unit !== null && m.unit_id !== f.unit) return false
  if (f.state === 'sitting' && m.vacated_on) return false
  if (f.state === 'vacated' && !m.vacated_on) return false
  return true
}

/** A password to hand over: 12 characters from a set without look-alikes (no 0/O, 1/l/I). */
export function handoverPassword(random: (n: number) => number = (n) => crypto.getRandomValues(new Uint32Array(1))[0] % n): string {
  const chars = 'abcdefghjkmnpqrstuvwxyz23456789'
  let out = ''
  for (let i = 0; i < 12; i++) out += chars[random(chars.length)]
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`
}
