import { describe, expect, it } from 'vitest'
import { LiveChannel, type LivePosition, type WebSocketLike } from '@/live/channel'
import type { LiveEventMessage } from '@/api/types'

class FakeSocket implements WebSocketLike {
  onopen: ((ev: unknown) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  onclose: ((ev: { code: number }) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  closed = false
  constructor(readonly url: string) {}
  close() {
    this.closed = true
  }
  open() {
    this.onopen?.({})
  }
  send(msg: object) {
    this.onmessage?.({ data: JSON.stringify(msg) })
  }
  drop(code = 1006) {
    this.onclose?.({ code })
  }
}

function event(seq: number, type = 'attendance.checked_in', payload: object = { sitting_id: 5, member_id: seq }) {
  return { type: 'event', body: 'npc', seq, event_type: type, actor: 'x', at: '2024-03-05T01:00:00Z', payload, hash: `h${seq}` }
}

function setup(since = 0) {
  const sockets: FakeSocket[] = []
  const timers: { fn: () => void; ms: number }[] = []
  const saved: LivePosition[] = []
  const channel = new LiveChannel({
    body: 'npc',
    since,
    url: (body, s) => `ws://test/api/v1/live?body=${body}&since=${s}`,
    createSocket: (url) => {
      const s = new FakeSocket(url)
      sockets.push(s)
      return s
    },
    setTimer: (fn, ms) => {
      timers.push({ fn, ms })
      return timers.length
    },
    clearTimer: () => undefined,
    savePosition: (p) => saved.push(p),
  })
  return { channel, sockets, timers, saved }
}

describe('LiveChannel', () => {
  it('replays, says when it is live, then streams events and notices', () => {
    const { channel, sockets } = setup()
    const seen: [number, boolean][] = []
    const notices: string[] = []
    let liveAt = -1
    channel.subscribe({
      onEvent: (e: LiveEventMessage, catchingUp) => seen.push([e.seq, catchingUp]),
      onNotice: (n) => notices.push(n.key),
      onLive: (seq) => (liveAt = seq),
    })
    channel.start()
    expect(sockets[0].url).toBe('ws://test/api/v1/live?body=npc&since=0')
    expect(channel.status).toBe('connecting')
    sockets[0].open()
    expect(channel.status).toBe('catching_up')
    sockets[0].send(event(1))
    sockets[0].send(event(2))
    sockets[0].send({ type: 'live', body: 'npc', seq: 2 })
    expect(channel.status).toBe('live')
    expect(liveAt).toBe(2)
    sockets[0].send(event(3))
    sockets[0].send({ type: 'notice', body: 'npc', key: 'poll:11', notice: { kind: 'voting.progress', poll_id: 11, voted: 7 } })
    expect(seen).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ])
    expect(notices).toEqual(['poll:11'])
    expect(channel.lastSeq).toBe(3)
  })

  it('reconnects after a drop with since = the last seq seen, backing off, and loses nothing', () => {
    const { channel, sockets, timers } = setup()
    const seqs: number[] = []
    channel.subscribe({ onEvent: (e) => seqs.push(e.seq) })
    channel.start()
    sockets[0].open()
    sockets[0].send(event(1))
    sockets[0].send({ type: 'live', body: 'npc', seq: 1 })
    sockets[0].send(event(2))
    sockets[0].drop(1008) // fell too far behind
    expect(channel.status).toBe('reconnecting')
    expect(timers).toHaveLength(1)
    expect(timers[0].ms).toBe(1000)
    timers[0].fn()
    expect(sockets[1].url).toContain('since=2')
    // A second failure before it is live again waits longer.
    sockets[1].drop()
    expect(timers[1].ms).toBe(2000)
    timers[1].fn()
    expect(sockets[2].url).toContain('since=2')
    sockets[2].open()
    sockets[2].send(event(2)) // a replay overlapping what we had is ignored
    sockets[2].send(event(3))
    sockets[2].send({ type: 'live', body: 'npc', seq: 3 })
    expect(seqs).toEqual([1, 2, 3])
    // Live again: the next drop starts the backoff afresh.
    sockets[2].drop()
    expect(timers[2].ms).toBe(1000)
  })

  it('counts a withheld event in its position without handing it to the screens', () => {
    const { channel, sockets, saved } = setup()
    const seen: number[] = []
    channel.subscribe({ onEvent: (e: LiveEventMessage) => seen.push(e.seq) })
    channel.start()
    sockets[0].open()
    sockets[0].send(event(1))
    sockets[0].send({ ...event(2, 'proposals.submitted'), payload: null, withheld: true })
    sockets[0].send(event(3))
    expect(seen).toEqual([1, 3])
    expect(channel.lastSeq).toBe(3)
    expect(saved.some((p) => p.since === 2)).toBe(true)
  })

  it('keeps doubling up to the cap', () => {
    const { channel, sockets, timers } = setup()
    channel.start()
    for (let i = 0; i < 8; i++) {
      sockets[i].drop()
      timers[i].fn()
    }
    expect(timers.map((t) => t.ms)).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000])
  })

  it('starts from the given seq and saves where to resume with the last event hash', () => {
    const { channel, sockets, saved } = setup()
    channel.start(41)
    expect(sockets[0].url).toContain('since=41')
    sockets[0].open()
    sockets[0].send(event(42))
    // Skipped events (a named poll's casts) can put the head past the last event received.
    sockets[0].send({ type: 'live', body: 'npc', seq: 45 })
    expect(saved).toEqual([
      { since: 42, eventSeq: 42, eventHash: 'h42' },
      { since: 45, eventSeq: 42, eventHash: 'h42' },
    ])
  })

  it('resumes by the last event that came with its hash (one shown in part has none)', () => {
    const { channel, sockets, saved } = setup()
    channel.start(41)
    sockets[0].open()
    sockets[0].send(event(42))
    const { hash: _withheld, ...partial } = event(43)
    sockets[0].send({ ...partial, payload: null, withheld: true })
    expect(saved[saved.length - 1]).toEqual({ since: 43, eventSeq: 42, eventHash: 'h42' })
  })

  it('stops for good: no reconnect, no more messages', () => {
    const { channel, sockets, timers } = setup()
    const seqs: number[] = []
    channel.subscribe({ onEvent: (e) => seqs.push(e.seq) })
    channel.start()
    sockets[0].open()
    channel.stop()
    expect(sockets[0].closed).toBe(true)
    expect(channel.status).toBe('stopped')
    sockets[0].send(event(1))
    sockets[0].drop()
    expect(seqs).toEqual([])
    expect(timers).toHaveLength(0)
  })

  it('ignores frames that are not JSON', () => {
    const { channel, sockets } = setup()
    const seqs: number[] = []
    channel.subscribe({ onEvent: (e) => seqs.push(e.seq) })
    channel.start()
    sockets[0].onmessage?.({ data: 'not json' })
    sockets[0].send(event(1))
    expect(seqs).toEqual([1])
  })
})
