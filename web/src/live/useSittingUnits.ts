// A sitting's check-ins by delegation (sector, unit), kept current: read again on the sitting's
// attendance notices (one per committed batch of check-ins, so a burst costs one read) and on
// leave events, one read at a time. The big screen's sign-in screen and the desk's table share it.
import { computed, ref, watch } from 'vue'
import { useApiError } from '@/composables/useApiError'
import { useLive } from '@/composables/useLive'
import { screenQueries, type UnitAttendance } from '@/screen/api'
import { oneAtATime } from './oneAtATime'

export function useSittingUnits(props: { sittingId: number; body: string }) {
  const { error, attempt, clear } = useApiError()
  const units = ref<UnitAttendance[]>([])
  const reload = oneAtATime(async () => {
    const id = props.sittingId
    const r = await attempt(() => screenQueries.units(id))
    if (r && props.sittingId === id) units.value = r.units
  })
  watch(() => props.sittingId, () => void reload(), { immediate: true })
  useLive(computed(() => props.body), {
    onLive: () => void reload(),
    onEvent: (ev, catchingUp) => {
      if (!catchingUp && ev.event_type.startsWith('attendance.leave_')) void reload()
    },
    onNotice: (msg) => {
      if (msg.notice.kind === 'attendance.summary' && msg.notice.sitting_id === props.sittingId) void reload()
    },
  })
  return { units, error, clear }
}
