// A member's ballot on this device. For an anonymous poll the device makes its own ballot key
// before the first cast (docs/API.md "Anonymous polls"): the key is what lets the member change
// the choice, makes a retry after a lost answer safe, and lets them find their own ballot in the
// sealed box afterwards. Kept in localStorage so that a reloaded page can still change the vote,
// and only until the member's ballot has been found in the sealed box after the close (or the
// sitting has closed): then the key is erased, and the device keeps only the choice it checked,
// shown on this device alone.
import { ApiError, newBallotKey, type ApiClient } from '@/api/client'
import type { VoteChoice, VotingCastResult } from '@/api/types'
import { concatBytes, sha256, toHex, utf8 } from '@/crypto/group'

export interface StoredBallot {
  key: string // '' once erased
  choice: VoteChoice | null // what the server last acknowledged from this device
  checked?: VoteChoice // found in the sealed box with this choice (the key is then erased)
}

export interface BallotStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

function storageKey(username: string, pollId: number) {
  return `plenum.ballot.${username}.${pollId}`
}

function defaultStorage(): BallotStorage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

export class BallotBook {
  private readonly memory = new Map<string, string>()
  constructor(
    private readonly username: string,
    private readonly storage: BallotStorage | null = defaultStorage(),
  ) {}

  private read(k: string): string | null {
    try {
      return this.storage ? this.storage.getItem(k) : (this.memory.get(k) ?? null)
    } catch {
      return this.memory.get(k) ?? null
    }
  }

  private write(k: string, v: string) {
    this.memory.set(k, v)
    try {
      this.storage?.setItem(k, v)
    } catch {
      /* memory copy remains */
    }
  }

  // The ballot for this poll, creating (and saving) its key the first time.
  get(pollId: number): StoredBallot {
    const k = storageKey(this.username, pollId)
    const raw = this.read(k)
    if (raw) {
      try {
        const b = JSON.parse(raw) as StoredBallot
        if (typeof b.key === 'string' && b.key.length >= 16) return b
      } catch {
        /* rewritten below */
      }
    }
    const fresh: StoredBallot = { key: newBallotKey(), choice: null }
    this.write(k, JSON.stringify(fresh))
    return fresh
  }

  // The choice acknowledged for this poll, if any, without creating a key.
  peek(pollId: number): VoteChoice | null {
    const raw = this.read(storageKey(this.username, pollId))
    if (!raw) return null
    try {
      return (JSON.parse(raw) as StoredBallot).choice ?? null
    } catch {
      return null
    }
  }

  record(pollId: number, choice: VoteChoice) {
    const b = this.get(pollId)
    this.write(storageKey(this.username, pollId), JSON.stringify({ key: b.key, choice }))
  }

  // The stored ballot as it is, creating nothing.
  stored(pollId: number): StoredBallot | null {
    const raw = this.read(storageKey(this.username, pollId))
    if (!raw) return null
    try {
      return JSON.parse(raw) as StoredBallot
    } catch {
      return null
    }
  }

  // Keeps the checked choice and erases the key.
  settle(pollId: number, checked: VoteChoice) {
    this.write(storageKey(this.username, pollId), JSON.stringify({ key: '', choice: checked, checked }))
  }

  // Erases the key of a poll whose sitting is over (nothing left to change or check).
  forget(pollId: number) {
    const b = this.stored(pollId)
    if (!b || !b.key) return
    this.write(storageKey(this.username, pollId), JSON.stringify({ key: '', choice: b.choice, checked: b.checked }))
  }
}

// The id the server files the member's anonymous ballot under: SHA-256 over the length-prefixed
// fields "plenum-ballot-v2", the poll, the member and the key ("<bytes>:<text>" each).
export function ballotId(pollId: number, memberId: number, key: string): string {
  const field = (s: string) => {
    const b = utf8(s)
    return concatBytes(utf8(`${b.length}:`), b)
  }
  return toHex(sha256(concatBytes(field('plenum-ballot-v2'), field(String(pollId)), field(String(memberId)), field(key))))
}

export type SealedCheck =
  | { state: 'none' } // no ballot of this device's in this poll
  | { state: 'checked'; choice: VoteChoice } // found in the sealed box: the key is erased
  | { state: 'missing' } // the device's key finds no ballot in the box: the key is kept as evidence

// After the close: finds this device's ballot in the sealed box, keeps the choice found there
// and erases the key.
export async function checkSealed(client: ApiClient, book: BallotBook, pollId: number, memberId: number): Promise<SealedCheck> {
  const b = book.stored(pollId)
  if (b?.checked) return { state: 'checked', choice: b.checked }
  if (!b?.key) return { state: 'none' }
  const box = await client.get<{ poll_id: number; ballots: [string, VoteChoice, number?][] }>(`/api/v1/polls/${pollId}/box`)
  const id = ballotId(pollId, memberId, b.key)
  const found = box.ballots.find((entry) => entry[0] === id)
  if (!found) return { state: 'missing' }
  book.settle(pollId, found[1])
  return { state: 'checked', choice: found[1] }
}

export type CastOutcome =
  | { ok: true; choice: VoteChoice; changed: boolean }
  | { ok: false; otherDevice: boolean; error: ApiError }

// Casts (or changes) the member's vote, always with this device's key.
export async function castVote(client: ApiClient, book: BallotBook, pollId: number, choice: VoteChoice): Promise<CastOutcome> {
  const ballot = book.get(pollId)
  try {
    const ack = await client.action<VotingCastResult>('voting.cast', { poll_id: pollId, choice, ballot_key: ballot.key })
    const recorded = ack.result.choice ?? choice
    book.record(pollId, recorded)
    return { ok: true, choice: recorded, changed: ack.result.changed === true }
  } catch (e) {
    if (!(e instanceof ApiError)) throw e
    // Voted already with another key: on another device, or this device lost its storage.
    const otherDevice = e.code === 'conflict' && e.field === 'args.ballot_key'
    return { ok: false, otherDevice, error: e }
  }
}
