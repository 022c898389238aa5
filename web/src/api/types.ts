// Shapes of the plenum API used by the web app (docs/openapi.json is the reference).

export type RoleName = 'admin' | 'secretariat' | 'presiding' | 'member' | 'observer'

export interface AccountRole {
  body: string // a body id, or "*" (admin)
  role: RoleName
}

export interface Me {
  username: string
  display_name: string
  member_id: number | null
  roles: AccountRole[]
  // The handling units (承办单位) the account answers for.
  handling_units?: { id: number; body: string; name_zh: string }[]
  csrf_token: string
}

export interface ErrorDetail {
  line?: number
  field?: string | null
  message_zh: string
  message_en: string
}

export interface ErrorBody {
  code: string
  message_zh: string
  message_en: string
  field: string | null
  rule: string | null
  details?: ErrorDetail[]
}

export interface Body {
  id: string
  name_zh: string
  name_en: string
  rulebook: string
  quorum_override: string
  level: string
}

export interface Session {
  id: number
  body: string
  term: number
  number: number
  name_zh: string
  name_en: string
  short_name_zh: string
  opens_on: string
  closes_on: string
}

export type SittingState = 'scheduled' | 'open' | 'closed'

export interface Sitting {
  id: number
  session_id: number
  body: string
  kind: string
  kind_zh: string
  number: number
  title_zh: string
  title_en: string
  starts_at: string
  state: SittingState
  unit_ids: number[]
  group: string
  opened_at: string | null
  closed_at: string | null
}

export interface Attendance {
  expected: number
  present: number
  absent: number
  on_leave: number
}

export interface Quorum {
  met: boolean
  minimum: number
  rule_zh: string
  rule_en: string
}

export interface SittingReport extends Sitting {
  session: Session
  attendance: Attendance
  quorum: Quorum
  announcement_zh: string
  announcement_en: string
}

export interface Member {
  id: number
  body: string
  seat: string
  card: string
  name: string
  gender: string
  unit_id: number
  unit: string
  group: string
  roles: string[]
  joined_on: string
  vacated_on: string | null
}

export type AttendanceStatus = 'present' | 'on_leave' | 'absent_unexcused' | 'not_checked_in'

export interface MemberSittingAttendance {
  session_id: number
  session: string
  sitting_id: number
  title_zh: string
  kind: string
  starts_at: string
  sitting_state: SittingState
  status: AttendanceStatus
  method?: string
  at?: string
}

export interface MemberAttendance {
  member: Member
  sittings: MemberSittingAttendance[]
}

export type VoteChoice = 'for' | 'against' | 'abstain'

export interface PollRule {
  comparison: string
  fraction: string
  base: string
  base_size: number
  minimum: number
  kind: string
  decided_zh: string
  decided_en: string
  citation_zh: string
  citation_en: string
}

export interface Poll {
  id: number
  body: string
  sitting_id: number
  motion_id: number
  title_zh: string
  title_en: string
  mode: 'anonymous' | 'named'
  state: 'open' | 'closed'
  method: 'device' | 'show_of_hands'
  opened_at: string
  voted?: number
  manual_entered?: boolean
  manual?: ShowOfHandsCounts // open: the counts entered, awaiting sign-off
  manual_note?: string // closed by a signed-off show of hands: the note entered with the counts
  closed_at?: string
  for?: number
  against?: number
  abstain?: number
  not_voted?: number
  present?: number
  base_size?: number
  adopted?: boolean
  result_zh?: string
  rule?: PollRule
  announcement_zh?: string
  announcement_en?: string
}

export interface SittingPolls {
  sitting_id: number
  polls: Poll[]
}

export type MotionState =
  | 'awaiting_signatures'
  | 'submitted'
  | 'on_agenda'
  | 'referred'
  | 'deliberation'
  | 'voting'
  | 'adopted'
  | 'not_adopted'
  | 'withdrawn'

export interface Motion {
  id: number
  body: string
  session_id: number
  kind: string
  kind_zh: string
  title_zh: string
  title_en: string
  state: MotionState
  parent_id: number
  clause: string
}

export interface MotionList {
  session_id: number
  motions: Motion[]
}

export interface Ack<R = Record<string, unknown>> {
  result: R
  events: { body: string; seq: number; type: string; hash: string }[]
  replayed: boolean
}

export interface VotingCastResult {
  poll_id: number
  choice: VoteChoice
  ballot_key?: string
  changed?: boolean
  unchanged?: true
}

export interface VotingOpenResult {
  poll_id: number
}

export interface VotingCloseResult {
  poll_id: number
  adopted: boolean
  announcement_zh: string
}

// Live channel messages (LiveMessage).
export interface LiveEventMessage {
  type: 'event'
  body: string
  seq: number
  event_type: string
  actor: string
  at: string
  payload: Record<string, unknown>
  hash: string
  withheld?: true // the payload (then null) is not the reader's to read
}

export interface AttendanceSummaryNotice {
  kind: 'attendance.summary'
  sitting_id: number
  expected: number
  present: number
  absent: number
  on_leave: number
  quorum_minimum: number
  quorum_met: boolean
  announcement_zh: string
  announcement_en: string
}

export interface VotingProgressNotice {
  kind: 'voting.progress'
  poll_id: number
  voted: number
}

export interface LiveNoticeMessage {
  type: 'notice'
  body: string
  key: string
  notice: AttendanceSummaryNotice | VotingProgressNotice
}

export interface LiveCaughtUpMessage {
  type: 'live'
  body: string
  seq: number
}

export type LiveMessage = LiveEventMessage | LiveNoticeMessage | LiveCaughtUpMessage

// ---- Proposals and suggestions (提案、建议): docs/API.md "Proposals and suggestions".

export type ProposalState =
  | 'submitted'
  | 'registered'
  | 'assigned'
  | 'replied'
  | 'rehandling'
  | 'closed'
  | 'merged'
  | 'converted'
  | 'withdrawn'
  | 'not_registered'

export type ProposalArea = 'economy' | 'politics' | 'culture' | 'society' | 'ecology'
export const AREAS: ProposalArea[] = ['economy', 'politics', 'culture', 'society', 'ecology']
export type ProposalPart = 'facts' | 'analysis' | 'suggestions'
export const PARTS: ProposalPart[] = ['facts', 'analysis', 'suggestions']
export type Rating = 'satisfied' | 'basically_satisfied' | 'dissatisfied'
export const RATINGS: Rating[] = ['satisfied', 'basically_satisfied', 'dissatisfied']
export type ReviewOutcome = 'register' | 'merge' | 'convert' | 'withdraw' | 'reject'

export interface ProposalSummary {
  id: number
  body: string
  session_id: number
  number: number | null
  title: string
  title_highlight?: string
  snippet?: string
  area: ProposalArea
  proposer_kind: string
  proposer_name: string
  stage: string
  channel: string
  submitted_on: string
  state: ProposalState
  state_zh: string
  outcome: string
  handling: string
  round: number
  key: boolean
  replied_on: string
  rating: string
  closed_on: string
  similarity?: number
}

export interface ProposalAssignment {
  unit_id: number
  unit_name: string
  role: 'lead' | 'co' | 'split'
  round: number
  assigned_on: string
  due_on: string
  state: string
  reply_class: string
  reply_text: string
  replied_on: string
  returned_reason: string
}

export interface ProposalFeedback {
  round: number
  rater: string
  rating: Rating
  note: string
  on: string
}

// A reply deadline extended (延期): the new deadline in months after assignment, and when and by
// whom it was set. It moves the lead's (or each split unit's) due date of that round.
export interface ProposalExtension {
  round: number
  months: number
  due_on: string
  on: string
  by: string
}

export interface Proposal extends ProposalSummary {
  parts: Partial<Record<ProposalPart, string>>
  reason: string
  reviewed_on: string
  proposers: { member_id: number; name: string }[]
  assignments: ProposalAssignment[]
  feedback: ProposalFeedback[]
  supervision: { kind: string; note: string; on: string; by: string }[]
  extensions: ProposalExtension[]
  merged: ProposalSummary[]
  merged_into?: ProposalSummary & { assignments: ProposalAssignment[] }
  similar?: ProposalSummary[] // staff only: merge candidates
}

export interface ProposalList {
  total: number
  offset: number
  limit: number
  proposals: ProposalSummary[]
}

export interface ProposalRules {
  kind: 'proposal' | 'suggestion'
  proposers: string[]
  joint: boolean
  required_parts: ProposalPart[]
  outcomes: ReviewOutcome[]
  rejection_reasons: { id: string; zh: string; en: string }[]
  reply_classes: string[]
  max_text_bytes: number
  return_days: number
  reply_months: number
  max_reply_months: number
  co_opinion_months: number
  rehandle_months: number
  citation_zh: string
  citation_en: string
}

export interface HandlingUnit {
  id: number
  name_zh: string
  name_en: string
}

export interface ProposalNotification {
  id: number
  body: string
  recipient: string
  proposal_id: number
  kind: string
  text_zh: string
  text_en: string
  at: string
}

// A joint motion or proposal awaiting the member's signature (the confirmation inbox).
export interface SignatureRequest {
  subject: 'motion' | 'proposal'
  id: number
  title?: string
  state?: string
  asked_at: string
}

export interface OverdueItem extends ProposalAssignment {
  proposal_id: number
  title: string
}

export interface ProposalStatistics {
  body: string
  as_of: string
  received: number
  pending_review: number
  registered: number
  merged: number
  converted: number
  withdrawn: number
  not_registered: number
  by_members: number
  by_collectives: number
  plenary: number
  intersession: number
  online: number
  online_share: string
  registered_by_area: Record<ProposalArea, number>
  answered: number
  reply_rate: string
  rated: number
  satisfied: number
  basically_satisfied: number
  dissatisfied: number
  satisfaction_rate: string
  units: { unit_id: number; name_zh: string; assigned: number; replied: number; overdue: number }[]
  report_zh: string
}

// ---- Attendance desk

export interface LeaveRequest {
  leave_id: number
  member_id: number
  name: string
  seat: string
  reason: string
  state: 'pending' | 'approved' | 'denied'
  requested_by: string
  requested_at: string
}

// ---- Order of business and documents (议程和文件): GET /sessions/{id}/agenda, /motions/{id}

// An agenda item: a motion of the session (with its current state) or a title only.
export interface AgendaItem {
  motion_id?: number
  title_zh: string
  title_en: string
  state?: MotionState
}

export interface Agenda extends Motion {
  items: AgendaItem[]
  sitting_id: number | null
  adopted: boolean
}

export interface SessionAgenda {
  session_id: number
  agendas: Agenda[]
}

// A text of a motion: 草案 (draft, the submitted text), 修改稿 (revised), 表决稿 (voting).
export type VersionStage = 'draft' | 'revised' | 'voting'

export interface MotionVersion {
  number: number
  stage: VersionStage
  text: string
  note: string
  by: string
  at: string
}

export interface MotionDetail extends Motion {
  submitter_kind: string
  submitter: string
  sections: { subject?: string; grounds?: string; solution?: string } | null
  referred_to: string
  decided_how: string
  decided_at: string | null
  submitted_at: string
  versions: MotionVersion[]
  clauses: Motion[]
  polls: { id: number; sitting_id: number; state: 'open' | 'closed'; adopted: boolean | null; announcement_zh: string }[]
  promulgation?: { id: number; series: string; number: number }
}

// ---- Named polls (记名表决): GET /polls/{id} of a closed named poll lists every member's choice.

export interface NamedVote {
  member_id: number
  name: string
  seat: string
  choice: VoteChoice
}

export interface PollWithVotes extends Poll {
  votes?: NamedVote[]
}

// ---- Show of hands (举手表决): the counts voting.enter_manual_result recorded.

export interface ShowOfHandsCounts {
  for: number
  against: number
  abstain: number
  note: string
}
