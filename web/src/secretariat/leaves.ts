// The order the desk reads leave requests in.
import type { LeaveRequest } from '@/api/types'

/** Pending first (the one waiting longest first), then the decided, the latest decision first. */
export function leaveOrder(list: LeaveRequest[]): LeaveRequest[] {
  const pending = list.filter((l) => l.state === 'pending').sort((a, b) => a.requested_at.localeCompare(b.requested_at))
  const decided = list.filter((l) => l.state !== 'pending').sort((a, b) => (b.decided_at ?? '').localeCompare(a.decided_at ?? ''))
  return [...pending, ...decided]
}
