// The public API of the member's device for plenum's verifiable elections
// (docs/ELECTION-PROTOCOL.md; the implementation is in ballot.ts and group.ts).
//
// Contract:
// - Every function takes the manifest exactly as the board publishes it (text or bytes), so the
//   fingerprint is computed from the bytes the member's device actually received. The last
//   parsed manifest is kept (one entry), because a member who audits a ballot encrypts again
//   under the same manifest at once.
// - makeBallot throws CryptoError ('ballot': marks breaking a constraint, such as more "for"
//   marks than seats, or a credential not in the manifest; 'manifest'/'malformed': a manifest
//   that does not check). verifyBallot and audit never throw on bad input; they return
//   { ok: false, code, field, reason }.
// - `randomness` is secret. Show it only for "audit this ballot", then discard that ballot and
//   make a new one with fresh randomness (section 6); never reveal it for a ballot that is cast.
import {
  auditBallot,
  makeBallot as makeBallotWith,
  marksFor as marksForManifest,
  parseManifest,
  verifyBallot as verifyBallotWith,
  credentialFromSeed,
  type BallotJson,
  type Choice,
  type MadeBallot,
  type Manifest,
  type VerifyResult,
} from './ballot'
import { ed25519 } from '@noble/curves/ed25519.js'
import { CryptoError, baseMul, equalBytes, randomScalar, utf8 } from './group'

export { CryptoError, parseManifest, credentialFromSeed }
export type { BallotJson, Choice, MadeBallot, Manifest, VerifyResult }

let last: { bytes: Uint8Array; manifest: Manifest } | null = null

/** Parses (and checks) a manifest, reusing the last one if the bytes are the same. */
export function manifestOf(manifest: string | Uint8Array | Manifest): Manifest {
  // ArrayBuffer.isView, not instanceof: bytes may come from another realm (a worker, an iframe).
  if (typeof manifest !== 'string' && !ArrayBuffer.isView(manifest)) return manifest
  const bytes = typeof manifest === 'string' ? utf8(manifest) : Uint8Array.from(manifest)
  if (last && equalBytes(last.bytes, bytes)) return last.manifest
  const parsed = parseManifest(manifest)
  last = { bytes: parsed.bytes, manifest: parsed }
  return parsed
}

/**
 * Gets the device ready for a round while the member reads the ballot: parses and checks the
 * manifest and builds the tables that are otherwise built during the first ballot: the key's,
 * the generator's and noble's Ed25519 signing table (together most of a first ballot's time in
 * a fresh page; web/e2e/election-bench.mjs). Optional: makeBallot works without it.
 */
export function prepare(manifest: string | Uint8Array | Manifest): Manifest {
  const m = manifestOf(manifest)
  baseMul(randomScalar())
  ed25519.getPublicKey(ed25519.utils.randomSecretKey())
  return m
}

/** The marks (one 0/1 per slot) for {candidateId: 'for' | 'against' | 'abstain'}; absent = abstain. */
export function marksFor(manifest: string | Uint8Array | Manifest, choices: Record<string | number, Choice>): number[] {
  return marksForManifest(manifestOf(manifest), choices)
}

/**
 * Encrypts, proves and signs a ballot on the device: {ballot (the JSON to send), receipt (what
 * the member looks up on the board), randomness (secret; only for "audit this ballot")}.
 */
export function makeBallot(
  manifest: string | Uint8Array | Manifest,
  credentialSeedHex: string,
  marks: readonly number[],
): MadeBallot {
  return makeBallotWith(manifestOf(manifest), credentialFromSeed(credentialSeedHex), marks)
}

/** Every check of section 10 step 5 on one ballot (the parsed JSON), and its receipt when given. */
export function verifyBallot(manifest: string | Uint8Array | Manifest, ballot: unknown, receipt?: string): VerifyResult {
  let m: Manifest
  try {
    m = manifestOf(manifest)
  } catch (e) {
    if (e instanceof CryptoError) return { ok: false, code: e.code, field: e.field, reason: e.reason }
    throw e
  }
  return verifyBallotWith(m, ballot, receipt)
}

/**
 * "Audit this ballot": anyone can run it with the revealed marks and randomness; ok iff the
 * ballot verifies and every slot encrypts the stated mark with the stated randomness.
 */
export function audit(
  manifest: string | Uint8Array | Manifest,
  ballot: unknown,
  marks: readonly number[],
  randomness: readonly string[],
): VerifyResult {
  let m: Manifest
  try {
    m = manifestOf(manifest)
  } catch (e) {
    if (e instanceof CryptoError) return { ok: false, code: e.code, field: e.field, reason: e.reason }
    throw e
  }
  return auditBallot(m, ballot, marks, randomness)
}
