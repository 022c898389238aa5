// One body's live channel (GET /api/v1/live?body=…&since=…, docs/API.md "Live channel").
// The server replays every event after `since`, says {"type":"live"} once caught up, then
// streams events and notices. On any disconnect we reconnect with the last seq we saw, so no
// event is lost; notices are not replayed, so listeners re-read current figures on `live`.
import type { LiveMessage, LiveNoticeMessage, ReadableEvent } from '@/api/types'

export type ChannelStatus = 'connecting' | 'catching_up' | 'live' | 'reconnecting' | 'stopped'

export interface ChannelListener {
  // A committed event. `catchingUp` is true while the server replays what we missed.
  onEvent?(event: ReadableEvent, catchingUp: boolean): void
  onNotice?(notice: LiveNoticeMessage): void
  // Caught up (after the first connection and after every reconnection).
  onLive?(seq: number): void
  onStatus?(status: ChannelStatus): void
}

export interface WebSocketLike {
  onopen: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  onclose: ((ev: { code: number }) => void) | null
  onerror: ((ev: unknown) => void) | null
  close(code?: number): void
}

export interface ChannelOptions {
  body: string
  since?: number
  // Where the socket connects; default: this page's host, ws: or wss: to match.
  url?: (body: string, since: number) => string
  createSocket?: (url: string) => WebSocketLike
  // Reconnection delays in ms: first, and the cap of the doubling.
  backoffMs?: number
  maxBackoffMs?: number
  // Remembers where to resume (e.g. in sessionStorage) so a reloaded page need not replay:
  // `since`, and the last event received (its seq and hash, to check it against the log later).
  savePosition?: (position: LivePosition) => void
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

export interface LivePosition {
  since: number
  eventSeq: number
  eventHash: string
}

export function defaultLiveUrl(body: string, since: number): string {
  const loc = globalThis.location
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${loc.host}/api/v1/live?body=${encodeURIComponent(body)}&since=${since}`
}

export class LiveChannel {
  readonly body: string
  private seq: number
  private lastEvent = { seq: 0, hash: '' }
  private socket: WebSocketLike | null = null
  private timer: unknown = null
  private attempts = 0
  private caughtUp = false
  private _status: ChannelStatus = 'stopped'
  private readonly listeners = new Set<ChannelListener>()
  private readonly opts: Required<Omit<ChannelOptions, 'since' | 'savePosition'>> &
    Pick<ChannelOptions, 'savePosition'>

  constructor(options: ChannelOptions) {
    this.body = options.body
    this.seq = options.since ?? 0
    this.opts = {
      body: options.body,
      url: options.url ?? defaultLiveUrl,
      createSocket: options.createSocket ?? ((url) => new WebSocket(url) as unknown as WebSocketLike),
      backoffMs: options.backoffMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 15000,
      savePosition: options.savePosition,
      setTimer: options.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimer: options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>)),
    }
  }

  get lastSeq(): number {
    return this.seq
  }

  get status(): ChannelStatus {
    return this._status
  }

  get isLive(): boolean {
    return this._status === 'live'
  }

  subscribe(listener: ChannelListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  // Starts following; `since` (default: the constructor's) is the last seq already known.
  start(since?: number): void {
    if (this._status !== 'stopped') return
    if (since !== undefined) this.seq = since
    this.connect()
  }

  stop(): void {
    this.setStatus('stopped')
    if (this.timer !== null) this.opts.clearTimer(this.timer)
    this.timer = null
    const s = this.socket
    this.socket = null
    if (s) {
      s.onclose = s.onmessage = s.onerror = s.onopen = null
      s.close(1000)
    }
  }

  private setStatus(status: ChannelStatus): void {
    if (this._status === status) return
    this._status = status
    for (const l of this.listeners) l.onStatus?.(status)
  }

  private connect(): void {
    this.caughtUp = false
    this.setStatus(this.attempts === 0 ? 'connecting' : 'reconnecting')
    let socket: WebSocketLike
    try {
      socket = this.opts.createSocket(this.opts.url(this.body, this.seq))
    } catch {
      this.scheduleReconnect()
      return
    }
    this.socket = socket
    socket.onopen = () => {
      if (this.socket === socket) this.setStatus('catching_up')
    }
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.handle(ev.data)
    }
    socket.onerror = () => {
      /* onclose follows */
    }
    socket.onclose = () => {
      if (this.socket !== socket) return
      this.socket = null
      this.scheduleReconnect()
    }
  }

  private scheduleReconnect(): void {
    if (this._status === 'stopped') return
    this.setStatus('reconnecting')
    const delay = Math.min(this.opts.maxBackoffMs, this.opts.backoffMs * 2 ** Math.min(this.attempts, 10))
    this.attempts++
    this.timer = this.opts.setTimer(() => {
      this.timer = null
      if (this._status !== 'stopped') this.connect()
    }, delay)
  }

  private save(): void {
    this.opts.savePosition?.({ since: this.seq, eventSeq: this.lastEvent.seq, eventHash: this.lastEvent.hash })
  }

  private handle(data: unknown): void {
    if (typeof data !== 'string') return
    let msg: LiveMessage
    try {
      msg = JSON.parse(data) as LiveMessage
    } catch {
      return
    }
    switch (msg.type) {
      case 'event':
        if (msg.seq <= this.seq) return // already seen (a replay overlapping what we had)
        this.seq = msg.seq
        // The position is checked on resume by an event's hash; one shown in part has none.
        if (msg.hash) this.lastEvent = { seq: msg.seq, hash: msg.hash }
        this.save()
        // Withheld: the record moved on, but the payload is not this account's to read (another
        // member's proposal, say). Counted in the position; nothing for the screens to fold in.
        if (msg.withheld || msg.payload === null) break
        for (const l of this.listeners) l.onEvent?.(msg as ReadableEvent, !this.caughtUp)
        break
      case 'live':
        this.caughtUp = true
        this.attempts = 0
        // Skipped events (a named poll's single casts) can leave the head beyond the last event.
        if (msg.seq > this.seq) {
          this.seq = msg.seq
          this.save()
        }
        this.setStatus('live')
        for (const l of this.listeners) l.onLive?.(this.seq)
        break
      case 'notice':
        for (const l of this.listeners) l.onNotice?.(msg)
        break
    }
  }
}
