// The reads and the one write of the member's electronic ballot (docs/API.md "Elections,
// electronic mode"; docs/ELECTION-PROTOCOL.md sections 5, 6 and 9).
import { api } from '@/api/client'
import type { BallotJson } from '@/crypto'

export type RoundState = 'open' | 'tallying' | 'counted'

export interface ElectionCandidate {
  id: string // "c3": the manifest numbers it 3
  name: string
  member_id?: number | null
}

export interface RoundResultCandidate {
  id: string
  name: string
  for: number
  against: number
  abstain: number
  elected: boolean
  tied: boolean
}

export interface RoundResult {
  valid: boolean
  valid_ballots: number
  candidates: RoundResultCandidate[]
  elected: string[]
  announcement_zh: string
  announcement_en: string
}

export interface ElectionRound {
  number: number
  sitting_id: number
  kind: string
  seats: number
  candidate_ids: string[]
  members: number
  members_hash: string
  state: RoundState
  result: RoundResult | null
  /** Electronic mode, the latest round: members who have cast a ballot. */
  voted?: number
}

export interface Election {
  id: number
  body: string
  session_id: number
  title_zh: string
  title_en: string
  seats: number
  ballot_kind: 'election' | 'confirmation'
  mode: 'paper' | 'electronic'
  state: string
  candidates: ElectionCandidate[]
  elected: string[]
  rounds: ElectionRound[]
}

export interface BoardEntry {
  index: number
  kind: string
  /** The entry's JSON text, exactly as hashed: never re-serialise it. */
  payload: string
  hash: string
}

export interface Board {
  election_id: number
  entries: BoardEntry[]
}

export interface CastResult {
  election_id: number
  round: number
  receipt: string
}

/** The notice the live channel sends while an electronic round is open. */
export interface ElectionProgressNotice {
  kind: 'elections.progress'
  election_id: number
  round: number
  voted: number
}

export const electionQueries = {
  election: (id: number) => api.get<Election>(`/api/v1/elections/${id}`),
  sessionElections: (sessionId: number) => api.get<{ elections: Election[] }>(`/api/v1/sessions/${sessionId}/elections`),
  board: (id: number) => api.get<Board>(`/api/v1/elections/${id}/board`),
}

export function castBallot(electionId: number, ballot: BallotJson) {
  return api.action<CastResult>('elections.cast', { election_id: electionId, ballot: ballot as unknown as Record<string, unknown> })
}

/** The latest round, if it is open for ballots. */
export function openRound(e: Election): ElectionRound | null {
  const r = e.rounds[e.rounds.length - 1]
  return r && r.state === 'open' ? r : null
}
