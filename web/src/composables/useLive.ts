// Follow a body's live channel while the component is mounted (or until `body` changes).
import { onBeforeUnmount, watch, type Ref } from 'vue'
import type { ChannelListener } from '@/live/channel'
import { useLiveStore } from '@/stores/live'

export function useLive(body: Ref<string | null | undefined>, listener: ChannelListener) {
  const live = useLiveStore()
  let stop: (() => void) | null = null
  watch(
    body,
    (b) => {
      stop?.()
      stop = b ? live.follow(b, listener) : null
    },
    { immediate: true },
  )
  onBeforeUnmount(() => {
    stop?.()
    stop = null
  })
}
