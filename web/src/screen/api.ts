// The big screen's reads (src/screen, src/attendance): what a body's screen follows and shows,
// and a sitting's check-in by delegation; and the secretariat's projections.
import { api } from '@/api/client'
import type { components } from '@/api/openapi'

type S = components['schemas']
export type ScreenState = S['ScreenState']
export type Projection = S['Projection']
export type ScreenKind = S['ScreenKind']
export type SittingUnits = S['SittingUnits']
export type UnitAttendance = SittingUnits['units'][number]

export const SCREEN_KINDS: ScreenKind[] = ['attendance', 'sign_in', 'poll', 'election', 'message', 'countdown']

const enc = encodeURIComponent

export const screenQueries = {
  state: (body: string) => api.get<ScreenState>(`/api/v1/bodies/${enc(body)}/screen`),
  units: (sittingId: number) => api.get<SittingUnits>(`/api/v1/sittings/${sittingId}/units`),
}

export interface ProjectArgs {
  kind: ScreenKind
  sitting_id?: number
  poll_id?: number
  election_id?: number
  text_zh?: string
  text_en?: string
  seconds?: number
}

export const screenActions = {
  project: (body: string, args: ProjectArgs) => api.action('screen.project', { body, ...args }),
  clear: (body: string) => api.action('screen.clear', { body }),
}

/** Seconds left of a countdown ending at `endsAt`, by the server's clock (`offsetMs`: server − local). */
export function secondsLeft(endsAt: string, offsetMs: number, nowMs = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(endsAt) - (nowMs + offsetMs)) / 1000))
}

/** "4:05", "1:02:09": the time left as a hall clock shows it. */
export function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const two = (n: number) => String(n).padStart(2, '0')
  return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`
}
