// The reads the screens use (GET /api/v1/…).
import { api } from './client'
import type {
  Body,
  Member,
  MemberAttendance,
  MotionDetail,
  MotionList,
  Poll,
  PollWithVotes,
  Rulebook,
  Session,
  SessionAgenda,
  Sitting,
  SittingPolls,
  SittingReport,
} from './types'

const enc = encodeURIComponent

export const queries = {
  bodies: () => api.get<Body[]>('/api/v1/bodies'),
  sessions: (body: string) => api.get<Session[]>(`/api/v1/bodies/${enc(body)}/sessions`),
  sittings: (sessionId: number) => api.get<Sitting[]>(`/api/v1/sessions/${sessionId}/sittings`),
  sitting: (id: number) => api.get<SittingReport>(`/api/v1/sittings/${id}`),
  polls: (sittingId: number) => api.get<SittingPolls>(`/api/v1/sittings/${sittingId}/polls`),
  poll: (id: number) => api.get<Poll>(`/api/v1/polls/${id}`),
  motions: (sessionId: number) => api.get<MotionList>(`/api/v1/sessions/${sessionId}/motions`),
  member: (id: number) => api.get<Member>(`/api/v1/members/${id}`),
  memberAttendance: (id: number) => api.get<MemberAttendance>(`/api/v1/members/${id}/attendance`),
  agenda: (sessionId: number) => api.get<SessionAgenda>(`/api/v1/sessions/${sessionId}/agenda`),
  motion: (id: number) => api.get<MotionDetail>(`/api/v1/motions/${id}`),
  pollWithVotes: (id: number) => api.get<PollWithVotes>(`/api/v1/polls/${id}`),
  // The rules the body runs under (its rulebook, GET /api/v1/rulebooks/{id}).
  rulebookOf: async (body: string) => {
    const b = await api.get<Body>(`/api/v1/bodies/${enc(body)}`)
    return api.get<Rulebook>(`/api/v1/rulebooks/${enc(b.rulebook)}`)
  },
}

// Every sitting of a body, newest session first, each session's sittings in order.
export async function bodySittings(body: string): Promise<{ session: Session; sittings: Sitting[] }[]> {
  const sessions = await queries.sessions(body)
  const out = await Promise.all(sessions.map(async (session) => ({ session, sittings: await queries.sittings(session.id) })))
  return out.sort((a, b) => b.session.opens_on.localeCompare(a.session.opens_on) || b.session.id - a.session.id)
}
