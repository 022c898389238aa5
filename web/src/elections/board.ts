// What the member's device reads from the public bulletin board (docs/ELECTION-PROTOCOL.md
// section 9) and the small checks it can make there: the round's manifest (its exact text), the
// hash chain, and where the member's receipt is.
import { credentialFromSeed, verifyBallot, type Manifest, type VerifyResult } from '@/crypto'
import { concatBytes, equalBytes, lp, sha256, toHex, u32, utf8 } from '@/crypto/group'
import type { Board, BoardEntry } from './api'

/** The latest `manifest` entry (of `round`, if given): its payload text exactly as received. */
export function latestManifest(board: Board, round?: number): BoardEntry | null {
  for (let i = board.entries.length - 1; i >= 0; i--) {
    const e = board.entries[i]
    if (e.kind !== 'manifest') continue
    if (round === undefined) return e
    try {
      if ((JSON.parse(e.payload) as { round?: unknown }).round === round) return e
    } catch {
      /* a malformed manifest is reported when it is parsed */
    }
  }
  return null
}

/**
 * hash_i = SHA-256(LP("plenum-board/1") ‖ LP(hash_{i−1}) ‖ U32(i) ‖ LP(kind) ‖ LP(payload)),
 * hash_{−1} = 32 zero bytes. The index of the first entry that does not recompute, or null.
 */
export function brokenLink(board: Board): number | null {
  let prev: Uint8Array = new Uint8Array(32)
  for (let i = 0; i < board.entries.length; i++) {
    const e = board.entries[i]
    if (e.index !== i) return i
    const h = sha256(concatBytes(lp(utf8('plenum-board/1')), lp(prev), u32(i), lp(utf8(e.kind)), lp(utf8(e.payload))))
    if (toHex(h) !== e.hash) return i
    prev = h
  }
  return null
}

/**
 * The election fingerprint as people compare it: the first 16 hex digits of SHA-256 of the
 * manifest, in groups of four ("3f2a 9c41 0b7e 55d2"). The full hex is shown beside it.
 */
export function shortFingerprint(hex: string): string {
  return (hex.slice(0, 16).match(/.{4}/g) ?? []).join(' ')
}

/**
 * The credential as the member typed it (from the credential authority's printout): 64 hex
 * digits, spaces, dashes and upper case allowed. The lowercase hex, or null if it is not that.
 */
export function normalizeCredential(input: string): string | null {
  const hex = input.replace(/[\s\-:]/g, '').toLowerCase()
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null
}

/** Whether the credential's public key is in the manifest's list (a typo is caught here). */
export function credentialInManifest(manifest: Manifest, seedHex: string): boolean {
  const { publicKey } = credentialFromSeed(seedHex)
  return manifest.credentials.some((c) => equalBytes(c, publicKey))
}

export interface ReceiptCheck {
  /** The chain of board hashes recomputes (null: intact; else the first bad index). */
  brokenAt: number | null
  /** The board entry holding the receipt, or null if it is not on the board. */
  index: number | null
  round: number | null
  /** The ballot on the board verifies (signature, proofs) and hashes to the receipt. */
  verified: VerifyResult | null
  /** A later ballot with the same credential in the same round replaces this one. */
  superseded: boolean
  /** Once the round is tallied: whether the tally counts this ballot (null: not tallied yet). */
  counted: boolean | null
  entries: number
}

interface BallotPayload {
  round: number
  receipt: string
  ballot: { credential?: unknown }
}

/** Finds the receipt on the board and checks the ballot there with the manifest's key. */
export function checkReceipt(board: Board, receipt: string, manifestText: string | null): ReceiptCheck {
  const out: ReceiptCheck = {
    brokenAt: brokenLink(board),
    index: null,
    round: null,
    verified: null,
    superseded: false,
    counted: null,
    entries: board.entries.length,
  }
  let credential: unknown = null
  for (const e of board.entries) {
    if (e.kind === 'ballot') {
      let p: BallotPayload
      try {
        p = JSON.parse(e.payload) as BallotPayload
      } catch {
        continue
      }
      if (out.index === null) {
        if (p.receipt !== receipt) continue
        out.index = e.index
        out.round = p.round
        credential = p.ballot?.credential
        out.verified = manifestText ? verifyBallot(manifestText, p.ballot, receipt) : null
      } else if (p.round === out.round && p.ballot?.credential === credential) {
        out.superseded = true
      }
    } else if (e.kind === 'tally' && out.index !== null) {
      try {
        const t = JSON.parse(e.payload) as { round: number; receipts: string[] }
        if (t.round === out.round) out.counted = t.receipts.includes(receipt)
      } catch {
        /* left unknown */
      }
    }
  }
  return out
}
