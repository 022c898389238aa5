// The live channels the page follows, one per body, shared by every view that needs it and
// closed when the last one lets go. A reloaded page resumes where it was (the position is kept
// in sessionStorage with the last event's hash, checked against the log so that a recreated
// database is never trusted); a fresh page replays the body's log from the start.
import { defineStore } from 'pinia'
import { reactive } from 'vue'
import { api } from '@/api/client'
import { LiveChannel, type ChannelListener, type ChannelStatus, type LivePosition } from '@/live/channel'

interface Entry {
  channel: LiveChannel
  users: number
}

function storageKey(username: string, body: string) {
  return `plenum.live.${username}.${body}`
}

function readSaved(key: string): LivePosition | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(key)
    if (!raw) return null
    const v = JSON.parse(raw) as LivePosition
    return typeof v.since === 'number' && typeof v.eventSeq === 'number' && typeof v.eventHash === 'string' ? v : null
  } catch {
    return null
  }
}

// Where to resume: the saved position if its event is in this database's log (one small read),
// else 0 (replay everything).
export async function resumeFrom(body: string, saved: LivePosition | null): Promise<number> {
  if (!saved || saved.eventSeq <= 0 || saved.since < saved.eventSeq) return 0
  try {
    const events = await api.get<{ seq: number; hash: string }[]>(
      `/api/v1/bodies/${encodeURIComponent(body)}/events?since=${saved.eventSeq - 1}&limit=1`,
    )
    const ok = events.length === 1 && events[0].seq === saved.eventSeq && events[0].hash === saved.eventHash
    return ok ? saved.since : 0
  } catch {
    return 0
  }
}

export const useLiveStore = defineStore('live', () => {
  const entries = new Map<string, Entry>()
  const status = reactive<Record<string, ChannelStatus>>({})
  let username = ''

  // Channels belong to an account: signing in as someone else closes them.
  function setUser(name: string) {
    if (name !== username) stopAll()
    username = name
  }

  // Follows `body` with `listener` until the returned function is called.
  function follow(body: string, listener: ChannelListener): () => void {
    let entry = entries.get(body)
    if (!entry) {
      const key = storageKey(username, body)
      const channel = new LiveChannel({
        body,
        savePosition: (position) => {
          try {
            globalThis.sessionStorage?.setItem(key, JSON.stringify(position))
          } catch {
            /* storage unavailable: a reload replays from the start */
          }
        },
      })
      channel.subscribe({ onStatus: (s) => (status[body] = s) })
      const e: Entry = { channel, users: 0 }
      entry = e
      entries.set(body, e)
      status[body] = 'connecting'
      void resumeFrom(body, readSaved(key)).then((since) => {
        if (entries.get(body) === e) channel.start(since)
      })
    }
    entry.users++
    const unsubscribe = entry.channel.subscribe(listener)
    const e = entry
    return () => {
      unsubscribe()
      e.users--
      if (e.users === 0 && entries.get(body) === e) {
        e.channel.stop()
        entries.delete(body)
        delete status[body]
      }
    }
  }

  function isLive(body: string): boolean {
    return status[body] === 'live'
  }

  function stopAll() {
    for (const [body, e] of entries) {
      e.channel.stop()
      delete status[body]
    }
    entries.clear()
  }

  return { status, follow, isLive, setUser, stopAll }
})
