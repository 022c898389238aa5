// The elections of a sitting's session, as the hall follows them (presiding console, big screen):
// read from GET /api/v1/sessions/{id}/elections, re-read when an election event commits, with the
// live count of members who have voted from the channel's elections.progress notices (single
// ballots never reach the channel), and the order of election rounds and polls at the sitting,
// so the big screen knows which came last.
import { reactive, ref, watch, type Ref } from 'vue'
import { useApiError } from '@/composables/useApiError'
import { useLive } from '@/composables/useLive'
import { oneAtATime } from '@/live/oneAtATime'
import { electionQueries, type Election, type ElectionProgressNotice } from './api'
import type { HallOrder } from './hall'

// Events after which an election's rounds or results read differently.
const ROUND_EVENTS = ['elections.round_opened', 'elections.tallied', 'elections.round_counted']

export function useHallElections(sessionId: Ref<number | null>, body: Ref<string | null>, sittingId: Ref<number | null>) {
  const { error, set: setError, clear: clearError } = useApiError()
  const elections = ref<Election[]>([])
  const loaded = ref(false)
  // "election id:round" → members who have voted, from the live notices
  const progress = reactive<Record<string, number>>({})
  const order = reactive<HallOrder>({ electionSeq: {}, pollSeq: null })
  const pollsHere = new Set<number>() // polls opened at this sitting, seen on the channel

  // One read at a time; a request while one runs reads once more after it (events come in bursts).
  const load = oneAtATime(async () => {
    const id = sessionId.value
    if (id === null) {
      elections.value = []
    } else {
      try {
        const list = (await electionQueries.sessionElections(id)).elections
        if (sessionId.value === id) {
          elections.value = list
          clearError()
        }
      } catch (err) {
        setError(err)
      }
    }
    loaded.value = true
  })

  function ours(electionId: unknown): boolean {
    return elections.value.some((e) => e.id === electionId)
  }

  // Another sitting may belong to another session; the order seen so far was this sitting's.
  watch(sessionId, () => void load(), { immediate: true })
  watch(sittingId, () => {
    order.pollSeq = null
    pollsHere.clear()
  })

  useLive(body, {
    onLive: () => void load(),
    onNotice: (msg) => {
      const n = msg.notice as unknown as ElectionProgressNotice
      if (n.kind === 'elections.progress') progress[`${n.election_id}:${n.round}`] = n.voted
    },
    onEvent: (ev, catchingUp) => {
      const p = ev.payload as Record<string, unknown>
      const type = ev.event_type
      if (type === 'voting.poll_opened' && p.sitting_id === sittingId.value) {
        pollsHere.add(p.poll_id as number)
        order.pollSeq = ev.seq
      } else if (type === 'voting.poll_closed' && pollsHere.has(p.poll_id as number)) {
        order.pollSeq = ev.seq
      } else if (ROUND_EVENTS.includes(type) && typeof p.election_id === 'number') {
        order.electionSeq[p.election_id] = ev.seq
      }
      if (catchingUp || !type.startsWith('elections.')) return
      if (type === 'elections.created' ? p.session_id === sessionId.value : ours(p.election_id)) void load()
    },
  })

  return { elections, loaded, progress, order, error, clearError, load }
}
