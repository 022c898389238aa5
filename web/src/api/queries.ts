// The reads the screens use (GET /api/v1/…).
import { api } from './client'
import type {
  Body,
  BodyEvent,
  Member,
  MemberAttendance,
  MotionDetail,
  MotionList,
  Poll,
  PollWithVotes,
  Session,
  SessionAgenda,
  ShowOfHandsCounts,
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
  events: (body: string, since: number, limit: number) =>
    api.get<BodyEvent[]>(`/api/v1/bodies/${enc(body)}/events?since=${since}&limit=${limit}`),
}

// The show-of-hands counts entered for an open poll. GET /polls/{id} says only that counts were
// entered (manual_entered), not which, so they are read from the body's log: backwards from
// `headSeq` (the last seq the live channel saw), page by page, until the latest
// voting.manual_result_entered of the poll, or its voting.poll_opened (none entered since).
export async function enteredShowOfHands(
  body: string,
  pollId: number,
  headSeq: number,
  page = 500,
  maxPages = 40,
): Promise<ShowOfHandsCounts | null> {
  let end = headSeq
  for (let i = 0; i < maxPages && end > 0; i++) {
    const since = Math.max(0, end - page)
    const events = await queries.events(body, since, end - since)
    for (let j = events.length - 1; j >= 0; j--) {
      const e = events[j]
      if (e.payload.poll_id !== pollId) continue
      if (e.type === 'voting.manual_result_entered') return e.payload.counts as ShowOfHandsCounts
      if (e.type === 'voting.poll_opened') return null
    }
    end = since
  }
  return null
}

// Every sitting of a body, newest session first, each session's sittings in order.
export async function bodySittings(body: string): Promise<{ session: Session; sittings: Sitting[] }[]> {
  const sessions = await queries.sessions(body)
  const out = await Promise.all(sessions.map(async (session) => ({ session, sittings: await queries.sittings(session.id) })))
  return out.sort((a, b) => b.session.opens_on.localeCompare(a.session.opens_on) || b.session.id - a.session.id)
}
