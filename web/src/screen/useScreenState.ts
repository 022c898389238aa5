// What one body's big screen follows (GET /api/v1/bodies/{body}/screen): the sitting, the
// projection over it, and the server's clock (for a countdown), read again when the record
// says either changed (screen.*, a sitting opened, closed or scheduled) and after a reconnect.
import { ref, watch, type Ref } from 'vue'
import { useApiError } from '@/composables/useApiError'
import { useLive } from '@/composables/useLive'
import { oneAtATime } from '@/live/oneAtATime'
import { screenQueries, type ScreenState } from './api'

export function useScreenState(body: Ref<string | null>) {
  const { error, attempt } = useApiError()
  const state = ref<ScreenState | null>(null)
  const offsetMs = ref(0) // server clock − this device's

  const reload = oneAtATime(async () => {
    const b = body.value
    if (!b) return
    const sent = Date.now()
    const s = await attempt(() => screenQueries.state(b))
    if (s && body.value === b) {
      state.value = s
      offsetMs.value = Date.parse(s.now) - (sent + Date.now()) / 2
    }
  })

  watch(body, () => {
    state.value = null
    void reload()
  }, { immediate: true })

  useLive(body, {
    onLive: () => void reload(),
    onEvent: (ev, catchingUp) => {
      if (catchingUp) return
      const t = ev.event_type
      if (t.startsWith('screen.') || t === 'assembly.sitting_opened' || t === 'assembly.sitting_closed' || t === 'assembly.sitting_scheduled')
        void reload()
    },
  })

  return { state, offsetMs, error, reload }
}
