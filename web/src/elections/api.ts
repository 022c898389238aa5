// The reads and the one write of the member's electronic ballot (docs/API.md "Elections,
// electronic mode"; docs/ELECTION-PROTOCOL.md sections 5, 6 and 9).
import { api } from '@/api/client'
import type { BallotJson } from '@/crypto'

export type RoundState = 'open' | 'tallying' | 'counted'

export interface ElectionCandidate {
  id: string // "c3": the manifest numbers it 3
  name: string
  member_id?: number | null
  /** A ballot on a motion (elections.create with motion_id): its one item is this motion. */
  motion_id?: number
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
  void_ballots?: number
  candidates: RoundResultCandidate[]
  elected: string[]
  /** Names tied at the cut-off: a new round decides `runoff_seats` among them. */
  runoff?: string[]
  runoff_seats?: number
  /** Seats left for a re-election round. */
  unfilled?: number
  announcement_zh: string
  announcement_en: string
  /** A ballot on a motion: whether the count adopted it, and if not, why. */
  adopted?: boolean
  reason_zh?: string
  reason_en?: string
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
  /** Electronic mode: SHA-256 (hex) of the round's manifest, read out in the hall; null on paper. */
  fingerprint?: string | null
}

/** Electronic mode: how far the trustees and the credential authority have got. */
export interface ElectronicSummary {
  threshold: number | null
  trustees: { index: number; name: string }[]
  /** Set once every trustee has accepted: the election key. */
  public_key: string | null
  /** How many public credentials are published (absent before). */
  credentials: number | null
}

export interface Scrutineer {
  member_id: number
  chief: boolean
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
  scrutineers?: Scrutineer[]
  electronic?: ElectronicSummary | null
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

/** GET /api/v1/me/elections/{id}/ballot: the member's receipts in board order (the last counts). */
export interface MyBallot {
  election_id: number
  voted: boolean
  round: number | null
  receipt: string | null
  receipts: string[]
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
  /** Only the manifests: what a device encrypts under, without every ballot of the board. */
  manifests: (id: number) => api.get<Board>(`/api/v1/elections/${id}/board?kind=manifest`),
  /** The signed-in member's own ballot state: after a reload, whether and what they cast. */
  myBallot: (id: number) => api.get<MyBallot>(`/api/v1/me/elections/${id}/ballot`),
}

export function castBallot(electionId: number, ballot: BallotJson) {
  return api.action<CastResult>('elections.cast', { election_id: electionId, ballot: ballot as unknown as Record<string, unknown> })
}

/** The presiding role opens a round at an open sitting; later rounds name their candidates. */
export function openElectionRound(electionId: number, sittingId: number, candidateIds: string[] | null) {
  const args: Record<string, unknown> = { election_id: electionId, sitting_id: sittingId }
  if (candidateIds) args.candidate_ids = candidateIds
  return api.action<{ election_id: number; round: number; kind: string; seats: number; members: number }>('elections.open_round', args)
}

/** The presiding role ends an electronic round: the homomorphic tally goes on the board. */
export function closeElectionRound(electionId: number) {
  return api.action<{ election_id: number; round: number; ballots_counted: number }>('elections.close_round', { election_id: electionId })
}

/** The latest round, if it is open for ballots. */
export function openRound(e: Election): ElectionRound | null {
  const r = e.rounds[e.rounds.length - 1]
  return r && r.state === 'open' ? r : null
}
