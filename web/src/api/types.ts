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
