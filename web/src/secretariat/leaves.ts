// A sitting's leave requests (请假), and the order the desk reads them in.
import { api } from '@/api/client'
import type { LeaveRequest } from '@/api/types'

export const leaveQueries = {
  leaves: (sittingId: number) => api.get<LeaveRequest[]>(`/api/v1/sittings/${sittingId}/leaves`),
}

/** Pending first (the one waiting longest first), then the decided, the latest decision first. */
export function leaveOrder(list: LeaveRequest[]): LeaveRequest[] {
  const pending = list.filter((l) => l.state === 'pending').sort((a, b) => a.requested_at.localeCompare(b.requested_at))
  const decided = list.filter((l) => l.state !== 'pending').sort((a, b) => (b.decided_at ?? '').localeCompare(a.decided_at ?? ''))
  return [...pending, ...decided]
}
