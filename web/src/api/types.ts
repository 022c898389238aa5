// The API's shapes, as docs/openapi.json defines them: src/api/openapi.ts is generated from it
// (npm run api-types, run by every build and test), and this file only gives the app's names
// to its schemas and to the parts of them the app handles on their own.
import type { components } from './openapi'

type S = components['schemas']
type Item<T> = T extends readonly (infer U)[] ? U : never

export type RoleName = S['AccountRoleName']
export type AccountRole = S['AccountRole']
export type Me = S['Me']
export type ErrorDetail = S['ErrorDetail']
// 'network': the client's own, for a request that never reached the server (api/client.ts).
export type ErrorBody = Omit<S['ErrorBody'], 'code'> & { code: S['ErrorCode'] | 'network' }

export type Body = S['Body']
export type Session = S['Session']
export type SittingState = S['SittingState']
export type Sitting = S['Sitting']
export type Attendance = S['Attendance']
export type SittingReport = S['SittingReport']
export type Quorum = SittingReport['quorum']
export type Member = S['Member']
export type MemberAttendance = S['MemberAttendance']
export type MemberSittingAttendance = Item<MemberAttendance['sittings']>
export type AttendanceStatus = MemberSittingAttendance['status']
export type LeaveRequest = S['LeaveRequest']

export type VoteChoice = S['VoteChoice']
export type PollRule = S['PollRule']
export type Poll = S['Poll']
export type PollWithVotes = Poll
export type NamedVote = Item<NonNullable<Poll['votes']>>
export type SittingPolls = S['SittingPolls']
export type ShowOfHandsCounts = Omit<S['VotingEnterManualResultArgs'], 'poll_id'>

export type MotionState = S['MotionState']
export type Motion = S['Motion']
export type MotionList = S['MotionList']
export type MotionVersion = S['MotionVersion']
export type VersionStage = MotionVersion['stage']
export type MotionDetail = S['MotionDetail']
export type AgendaItem = S['AgendaItem']
export type SessionAgenda = S['SessionAgenda']
export type Agenda = Item<SessionAgenda['agendas']>

// An action's acknowledgement, with the shape of its result.
export type Ack<R = Record<string, unknown>> = Omit<S['Ack'], 'result'> & { result: R }
export type VotingCastResult = S['VotingCastResult']
export type VotingOpenResult = S['VotingOpenResult']
export type VotingCloseResult = S['VotingCloseResult']

export type LiveEventMessage = S['LiveEventMessage']
// An event whose payload the account may read (the live channel passes on only these).
export type ReadableEvent = LiveEventMessage & { payload: NonNullable<LiveEventMessage['payload']> }
export type LiveNoticeMessage = S['LiveNoticeMessage']
export type LiveCaughtUpMessage = S['LiveCaughtUpMessage']
export type LiveMessage = S['LiveMessage']
export type AttendanceSummaryNotice = S['AttendanceSummary']
export type VotingProgressNotice = S['VotingProgress']

export type ProposalState = S['ProposalState']
export type ProposalArea = S['ProposalArea']
export const AREAS: ProposalArea[] = ['economy', 'politics', 'culture', 'society', 'ecology']
export type ProposalPart = keyof S['ProposalsSubmitArgs']['parts']
export const PARTS: ProposalPart[] = ['facts', 'analysis', 'suggestions']
export type Rating = S['ProposalRating']
export const RATINGS: Rating[] = ['satisfied', 'basically_satisfied', 'dissatisfied']
export type ReviewOutcome = Exclude<S['ProposalOutcome'], ''>
export type ProposalSummary = S['ProposalSummary']
export type ProposalHit = S['ProposalHit']
export type ProposalAssignment = S['ProposalAssignment']
export type Proposal = S['ProposalDetail']
export type ProposalFeedback = Item<Proposal['feedback']>
export type ProposalExtension = Item<Proposal['extensions']>
export type ProposalList = S['ProposalList']
export type ProposalRules = S['ProposalRules']
export type HandlingUnit = S['HandlingUnit']
export type ProposalNotification = S['Notification']
export type SignatureRequest = Item<NonNullable<S['NotificationList']['signature_requests']>>
export type OverdueItem = Item<S['OverdueList']['overdue']>
export type ProposalStatistics = S['ProposalStatistics']
export type Rulebook = S['Rulebook']
export type ProposalReport = S['ProposalReport']
