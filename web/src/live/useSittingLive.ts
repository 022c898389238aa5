// One sitting as the hall follows it (the presiding console, the big screen): its report
// (attendance, quorum, the announcement), its polls and the live count of members who have
// voted. Read when the sitting changes and after every reconnect; the channel's notices fold
// into it (attendance.summary, voting.progress) and a vote or sitting event of its own reads it
// again. `hooks` see every event of the body and each reconnect too, for what a screen follows besides.
import { computed, reactive, ref, watch, type Ref } from 'vue'
import { queries } from '@/api/queries'
import type { Poll, SittingReport } from '@/api/types'
import { useApiError } from '@/composables/useApiError'
import { useLive } from '@/composables/useLive'
import type { ChannelListener } from '@/live/channel'

export function useSittingLive(sittingId: Ref<number | null>, hooks: Pick<ChannelListener, 'onEvent' | 'onLive'> = {}) {
  const { error, attempt, clear } = useApiError()
  const report = ref<SittingReport | null>(null)
  const polls = ref<Poll[]>([])
  const progress = reactive<Record<number, number>>({}) // poll id → members who have voted (live notices)
  const body = computed(() => report.value?.body ?? null)
  const openPoll = computed(() => polls.value.find((p) => p.state === 'open') ?? null)
  const closedPolls = computed(() => polls.value.filter((p) => p.state === 'closed'))
  const lastClosed = computed(() => closedPolls.value[closedPolls.value.length - 1] ?? null)

  async function reload() {
    const id = sittingId.value
    if (id === null) {
      report.value = null
      polls.value = []
      return
    }
    await attempt(async () => {
      const [r, p] = await Promise.all([queries.sitting(id), queries.polls(id)])
      if (sittingId.value !== id) return // another sitting was chosen meanwhile
      report.value = r
      polls.value = p.polls
    })
  }

  watch(sittingId, (id, before) => {
    if (before !== undefined && id !== before) {
      report.value = null
      polls.value = []
    }
    void reload()
  }, { immediate: true })

  // The count never falls: the read and the notices may each be the older.
  function voted(p: Poll): number {
    return Math.max(progress[p.id] ?? 0, p.voted ?? 0)
  }

  useLive(body, {
    onLive: (seq) => {
      hooks.onLive?.(seq)
      void reload()
    },
    onNotice: (msg) => {
      const n = msg.notice
      if (n.kind === 'attendance.summary' && report.value && n.sitting_id === report.value.id) {
        report.value = {
          ...report.value,
          attendance: { expected: n.expected, present: n.present, absent: n.absent, on_leave: n.on_leave },
          quorum: { ...report.value.quorum, met: n.quorum_met, minimum: n.quorum_minimum },
          announcement_zh: n.announcement_zh,
          announcement_en: n.announcement_en,
        }
      } else if (n.kind === 'voting.progress') {
        progress[n.poll_id] = n.voted
      }
    },
    onEvent: (ev, catchingUp) => {
      hooks.onEvent?.(ev, catchingUp)
      if (catchingUp || !report.value) return
      const pid = ev.payload.poll_id
      const ours = ev.payload.sitting_id === report.value.id || (pid !== undefined && polls.value.some((p) => p.id === pid))
      if (ours && (ev.event_type.startsWith('voting.') || ev.event_type.startsWith('assembly.sitting_'))) void reload()
    },
  })

  return { report, polls, progress, body, openPoll, closedPolls, lastClosed, voted, reload, error, clear }
}
