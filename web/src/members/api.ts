// The desk's reads and actions on a body's members and their accounts (src/assembly,
// src/accounts): the roster, which members have an account, the account opened, a forgotten
// password reset, a vacancy recorded, a record corrected, a photo uploaded.
import { api } from '@/api/client'
import { uploadFile } from '@/api/upload'
import type { components } from '@/api/openapi'
import type { Member } from '@/api/types'

type S = components['schemas']
export type MemberAccount = S['MemberAccounts']['accounts'][number]
export const VACANCY_REASONS = ['death', 'resignation', 'recall', 'other'] as const
export type VacancyReason = (typeof VACANCY_REASONS)[number]
export const GENDERS = ['M', 'F', ''] as const
/** What the desk may correct of a member's record (assembly.update_member); a seat never. */
export interface MemberEdit {
  name: string
  gender: (typeof GENDERS)[number]
  card: string
  unit: string
  group: string
}
export const PHOTO_TYPES = ['image/jpeg', 'image/png']
export const PHOTO_MAX_BYTES = 5 << 20

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
  /** Sends only what differs from the record, so an unchanged form records nothing. */
  update: (m: Member, edit: MemberEdit) => api.action('assembly.update_member', { member_id: m.id, ...changedFields(m, edit) }),
  uploadPhoto: (m: Member, file: File) => uploadFile(photoPath(m), file, { contentType: file.type }),
  removePhoto: (m: Member) => api.action('assembly.remove_photo', { member_id: m.id }),
}

export const photoPath = (m: Pick<Member, 'id'>) => `/api/v1/members/${m.id}/photo`
/** The photo's address, changing with the photo, so an <img> shows a new one at once. */
export const photoSrc = (m: Member) => (m.photo ? `${photoPath(m)}?v=${m.photo.sha256.slice(0, 16)}` : null)

export function editOf(m: Member): MemberEdit {
  return { name: m.name, gender: m.gender, card: m.card, unit: m.unit, group: m.group }
}

export function changedFields(m: Member, edit: MemberEdit): Partial<MemberEdit> {
  const before = editOf(m)
  const out: Partial<MemberEdit> = {}
  for (const k of Object.keys(before) as (keyof MemberEdit)[]) if (edit[k].trim() !== before[k]) (out as Record<string, string>)[k] = edit[k].trim()
  return out
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
