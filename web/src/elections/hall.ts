// What the hall shows of an election (the presiding console and the big screen): the fingerprint
// as it is read out, what the presiding role may do at this point, and which election the big
// screen puts up. Pure functions, so the rules are tested without a server.
//
// The fingerprint is announced outside the server (docs/ELECTION-PROTOCOL.md section 5): the
// member's device shows the first 16 hex digits in groups of four (board.ts shortFingerprint);
// the hall shows exactly that string, so the two can be compared character for character, and
// the full value beside it for the trustees.
import { shortFingerprint } from './board'
import type { Election, ElectionRound, RoundResult } from './api'

export { shortFingerprint }

/** The full fingerprint in groups of four, four groups a line: the first line is the short form. */
export function fingerprintLines(hex: string): string[] {
  const groups = hex.match(/.{1,4}/g) ?? []
  const lines: string[] = []
  for (let i = 0; i < groups.length; i += 4) lines.push(groups.slice(i, i + 4).join(' '))
  return lines
}

export function latestRound(e: Election): ElectionRound | null {
  return e.rounds[e.rounds.length - 1] ?? null
}

/**
 * The candidates of the next round, as elections.open_round wants them (src/elections/elections.cpp):
 * none for the first round (every candidate stands); after a tie, the tied; after a void round,
 * the same list again; otherwise (seats left unfilled) those of the last round not elected.
 */
export function nextRoundCandidates(e: Election): string[] | null {
  const last = latestRound(e)
  if (!last) return null
  const result = last.result
  if (!result) return [...last.candidate_ids]
  const tied = result.candidates.filter((c) => c.tied).map((c) => c.id)
  if (tied.length) return tied
  if (!result.valid) return [...last.candidate_ids]
  const elected = new Set(e.elected)
  return last.candidate_ids.filter((id) => !elected.has(e.candidates.find((c) => c.id === id)?.name ?? ''))
}

/** Why a round cannot be opened yet, as a key of elections.console.notReady.*, or null. */
export type NotReady = 'sittingNotOpen' | 'noKey' | 'noCredentials' | 'noChief' | 'fewCandidates'

export function notReady(e: Election, sittingOpen: boolean): NotReady | null {
  if (e.mode === 'electronic') {
    if (!e.electronic?.public_key) return 'noKey'
    if (!e.electronic.credentials) return 'noCredentials'
  } else if (!(e.scrutineers ?? []).some((s) => s.chief)) return 'noChief'
  if (e.rounds.length === 0 && e.candidates.length < e.seats) return 'fewCandidates'
  if (!sittingOpen) return 'sittingNotOpen'
  return null
}

/** Whether the election is between rounds, where elections.open_round accepts a new one. */
export function awaitsRound(e: Election): boolean {
  return e.state === 'nominating' || e.state === 'counted'
}

export type PresidingAction = 'open_round' | 'close_round'

/**
 * The buttons the console offers: only the presiding role acts (the server refuses anyone else),
 * and only what the API allows now. Opening needs an open sitting and a ready election; closing
 * is for an open electronic round (a paper round is closed by the chief scrutineer's sign-off).
 */
export function presidingActions(e: Election, opts: { mayPreside: boolean; sittingOpen: boolean }): PresidingAction[] {
  if (!opts.mayPreside) return []
  const last = latestRound(e)
  if (last?.state === 'open') return e.mode === 'electronic' ? ['close_round'] : []
  if (awaitsRound(e) && notReady(e, opts.sittingOpen) === null) return ['open_round']
  return []
}

export type ScreenPhase = 'voting' | 'tallying' | 'counted'

export interface OnScreen {
  election: Election
  round: ElectionRound
  phase: ScreenPhase
}

/**
 * What the live channel has shown this page of the hall's order of business: the sequence number
 * of the latest round event per election, and of the latest poll event at this sitting. Unknown
 * (not seen) when the page resumed after them.
 */
export interface HallOrder {
  electionSeq: Record<number, number>
  pollSeq: number | null
}

/**
 * The election the big screen shows, or null (the screen keeps its poll display). A poll that is
 * open always wins. Otherwise a round of this sitting that is open or being decrypted; else one
 * counted at this sitting, unless a poll was opened or closed after it. When the page has not
 * seen the order, a counted election gives way to a closed poll (the screen's older behaviour).
 */
export function electionOnScreen(
  elections: Election[],
  sittingId: number,
  opts: { pollOpen: boolean; pollClosed: boolean; order: HallOrder },
): OnScreen | null {
  if (opts.pollOpen) return null
  const here = elections
    .map((election) => ({ election, round: latestRound(election) }))
    .filter((x): x is { election: Election; round: ElectionRound } => x.round !== null && x.round.sitting_id === sittingId)
  const seq = (e: Election) => opts.order.electionSeq[e.id] ?? -1
  const newest = <T extends { election: Election }>(xs: T[]) => xs.reduce<T | null>((a, b) => (a && seq(a.election) >= seq(b.election) ? a : b), null)
  const running = newest(here.filter((x) => x.round.state === 'open' || x.round.state === 'tallying'))
  if (running) return { ...running, phase: running.round.state === 'open' ? 'voting' : 'tallying' }
  const counted = newest(here.filter((x) => x.round.state === 'counted' && x.round.result))
  if (!counted) return null
  const known = opts.order.electionSeq[counted.election.id]
  const after = known !== undefined ? known > (opts.order.pollSeq ?? -1) : !opts.pollClosed
  return after ? { ...counted, phase: 'counted' } : null
}

/** The election the secretariat projects (screen.project): its latest round, whatever its sitting. */
export function electionProjected(elections: Election[], electionId: number): OnScreen | null {
  const election = elections.find((e) => e.id === electionId)
  const round = election ? latestRound(election) : null
  if (!election || !round) return null
  const phase: ScreenPhase = round.state === 'open' ? 'voting' : round.state === 'counted' && round.result ? 'counted' : 'tallying'
  return { election, round, phase }
}

/**
 * The voted count of the election's latest round: the larger of the read's and the live notices'
 * (keyed "election id:round"), since either may be the older and the count never falls.
 */
export function votedNow(e: Election, live: Record<string, number>): number {
  const r = latestRound(e)
  return r ? Math.max(live[`${e.id}:${r.number}`] ?? 0, r.voted ?? 0) : 0
}

/**
 * A ballot on a motion (a constitutional amendment's 表决票) decides the motion: whether it was
 * adopted and, if not, why. Null for an election of people, whose result is who is elected.
 */
export function motionVerdict(result: RoundResult | null | undefined): { adopted: boolean; reason_zh: string; reason_en: string } | null {
  if (!result || typeof result.adopted !== 'boolean') return null
  return { adopted: result.adopted, reason_zh: result.reason_zh ?? '', reason_en: result.reason_en ?? '' }
}
