// Ballots of the electronic mode on the member's device (docs/ELECTION-PROTOCOL.md sections 3 to
// 6 and section 10 step 5): the manifest a round is cast under, exponential ElGamal encryption
// of the marks, the "choice" (0/1) and "constraint" ([min, max]) disjunctive Chaum-Pedersen
// proofs, the ballot bytes BB signed with the member's Ed25519 credential, the receipt, the
// audit of a ballot that will not be cast, and the verifier's checks of one ballot. It is the
// browser twin of src/crypto/ballot.h: ballots made here must verify there and vice versa
// (tests/data/election/).
//
// Contract:
// - parseManifest takes the manifest exactly as published (text or bytes); the fingerprint is
//   SHA-256 of those bytes, never of a re-serialization. It refuses (CryptoError 'manifest' or
//   'malformed') a manifest whose slots and constraints are not the ones section 5 derives from
//   its candidates and seats, so a device never encrypts under a layout it did not check.
// - makeBallot refuses marks that break a constraint (e.g. more "for" marks than seats): such a
//   ballot cannot be proved, and the device says so instead of producing an invalid ballot.
//   The randomness it returns is secret: it is shown only to audit a ballot that is then thrown
//   away (section 6), never for a ballot that is cast.
// - verifyBallot never throws on bad input: it returns the first failure with its section 10
//   code ('malformed' for shapes and encodings, 'ballot' for the checks of step 5), the field
//   and a reason.
// - JavaScript BigInt arithmetic is not constant-time. The secrets handled here (the ballot's
//   randomness and the credential) live on the voter's own device for the few milliseconds of
//   one ballot; timing side channels beyond what noble offers are out of scope.
import { ed25519 } from '@noble/curves/ed25519.js'
import {
  CryptoError,
  GROUP_LABEL,
  PROTOCOL_LABEL,
  Point,
  Transcript,
  addS,
  baseMul,
  baseMulPublic,
  compareBytes,
  concatBytes,
  decodeElement,
  decodeScalar,
  elementBytes,
  encodeElement,
  encodeScalar,
  equalBytes,
  fromHex,
  isIdentity,
  lp,
  mod,
  mul,
  mulPublic,
  mulS,
  negS,
  randomScalar,
  scalarBytes,
  sha256,
  subS,
  toHex,
  u32,
  utf8,
  withTable,
  type ErrorCode,
} from './group'

// ---------------------------------------------------------------- manifest (section 5)

export interface Constraint {
  slots: number[]
  min: number
  max: number
}

export interface ManifestSlot {
  candidate_id: number
  mark: 'for' | 'against'
}

export interface Manifest {
  /** The exact bytes as published; the fingerprint is their SHA-256. */
  bytes: Uint8Array
  fingerprint: Uint8Array
  /** The parsed text, for the fields the cryptography does not need (titles, rule…). */
  json: Record<string, unknown>
  electionId: number
  round: number
  setup: Uint8Array
  publicKey: Point
  publicKeyBytes: Uint8Array
  /** The same key with a fixed-base table (makes the prover's pk^s as cheap as g^s). */
  publicKeyTable: Point
  trusteeThreshold: number
  verificationKeys: Point[]
  /** Public credentials, strictly increasing. */
  credentials: Uint8Array[]
  electorateCount: number
  electorateHash: Uint8Array
  seats: number
  ballotKind: 'election' | 'confirmation'
  candidates: { id: number; name: string }[]
  slots: ManifestSlot[]
  constraints: Constraint[]
}

/** The slots and constraints section 5 derives for these candidates and seats. */
export function ballotLayout(
  candidateIds: number[],
  seats: number,
): { slots: ManifestSlot[]; constraints: Constraint[] } {
  const slots: ManifestSlot[] = []
  const constraints: Constraint[] = []
  candidateIds.forEach((id, i) => {
    slots.push({ candidate_id: id, mark: 'for' }, { candidate_id: id, mark: 'against' })
    constraints.push({ slots: [2 * i, 2 * i + 1], min: 0, max: 1 })
  })
  constraints.push({ slots: candidateIds.map((_, i) => 2 * i), min: 0, max: seats })
  return { slots, constraints }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Section 1: integers are JSON numbers, non-negative, below 2^31. */
function int(v: unknown, field: string, code: ErrorCode = 'malformed'): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= 2 ** 31)
    throw new CryptoError(code, field, 'not an integer in [0, 2^31)')
  return v
}

function array(v: unknown, field: string): unknown[] {
  if (!Array.isArray(v)) throw new CryptoError('malformed', field, 'not an array')
  return v
}

function str(v: unknown, field: string): string {
  if (typeof v !== 'string') throw new CryptoError('malformed', field, 'not a string')
  return v
}

/** A fraction of the rule: 0 < numerator ≤ denominator ≤ 1000 (section 10 step 4). */
function checkFraction(v: unknown, field: string) {
  if (!isObject(v)) throw new CryptoError('malformed', field, 'not an object')
  const n = int(v.numerator, `${field}.numerator`)
  const d = int(v.denominator, `${field}.denominator`)
  if (!(0 < n && n <= d && d <= 1000))
    throw new CryptoError('manifest', field, 'not a fraction with 0 < numerator ≤ denominator ≤ 1000')
}

/** `rule` (section 5): who is elected; the device does not apply it, but refuses nonsense. */
function checkRule(rule: unknown) {
  if (!isObject(rule)) throw new CryptoError('malformed', 'rule', 'not an object')
  if (rule.comparison !== 'more_than' && rule.comparison !== 'at_least')
    throw new CryptoError('manifest', 'rule.comparison', 'not "more_than" or "at_least"')
  checkFraction(rule, 'rule')
  if (typeof rule.reelection !== 'boolean') throw new CryptoError('malformed', 'rule.reelection', 'not a boolean')
  if (rule.reelection_floor !== null && rule.reelection_floor !== undefined)
    checkFraction(rule.reelection_floor, 'rule.reelection_floor')
}

/**
 * Parses and checks a manifest (section 5 and section 10 step 4, the parts a device can check
 * without the rest of the board: it cannot recompute `setup`, the public key or the
 * verification keys from the trustees' entries, and trusts the server's board for those).
 */
export function parseManifest(text: string | Uint8Array): Manifest {
  let bytes: Uint8Array
  let source: string
  if (typeof text === 'string') {
    bytes = utf8(text)
    source = text
  } else {
    bytes = Uint8Array.from(text)
    try {
      source = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    } catch {
      throw new CryptoError('malformed', 'manifest', 'not UTF-8')
    }
  }
  let json: unknown
  try {
    json = JSON.parse(source)
  } catch {
    throw new CryptoError('malformed', 'manifest', 'not JSON')
  }
  if (!isObject(json)) throw new CryptoError('malformed', 'manifest', 'not a JSON object')

  if (json.protocol !== PROTOCOL_LABEL)
    throw new CryptoError('manifest', 'protocol', `not "${PROTOCOL_LABEL}"`)
  if (json.group !== GROUP_LABEL) throw new CryptoError('manifest', 'group', `not "${GROUP_LABEL}"`)

  const electionId = int(json.election_id, 'election_id')
  const round = int(json.round, 'round')
  const setup = fromHex(json.setup, 'setup', 32)
  const publicKey = decodeElement(json.public_key, 'public_key')
  const trusteeThreshold = int(json.trustee_threshold, 'trustee_threshold')
  const verificationKeys = array(json.verification_keys, 'verification_keys').map((v, i) =>
    decodeElement(v, `verification_keys[${i}]`),
  )
  if (trusteeThreshold < 1 || trusteeThreshold > verificationKeys.length)
    throw new CryptoError('manifest', 'trustee_threshold', 'not between 1 and the number of trustees')

  const credentials = array(json.credentials, 'credentials').map((v, i) =>
    fromHex(v, `credentials[${i}]`, 32),
  )
  for (let i = 1; i < credentials.length; i++)
    if (compareBytes(credentials[i - 1], credentials[i]) >= 0)
      throw new CryptoError('manifest', `credentials[${i}]`, 'credentials not strictly increasing')

  if (!isObject(json.electorate)) throw new CryptoError('malformed', 'electorate', 'not an object')
  const electorateCount = int(json.electorate.count, 'electorate.count')
  const electorateHash = fromHex(json.electorate.hash, 'electorate.hash', 32)
  if (credentials.length !== electorateCount)
    throw new CryptoError('manifest', 'credentials', `${credentials.length} credentials for an electorate of ${electorateCount}`)

  const seats = int(json.seats, 'seats')
  if (seats < 1) throw new CryptoError('manifest', 'seats', 'no seat to fill')
  const ballotKind = json.ballot_kind
  if (ballotKind !== 'election' && ballotKind !== 'confirmation')
    throw new CryptoError('manifest', 'ballot_kind', 'not "election" or "confirmation"')

  checkRule(json.rule)

  const candidates = array(json.candidates, 'candidates').map((c, i) => {
    if (!isObject(c)) throw new CryptoError('malformed', `candidates[${i}]`, 'not an object')
    return { id: int(c.id, `candidates[${i}].id`), name: str(c.name, `candidates[${i}].name`) }
  })
  if (candidates.length === 0) throw new CryptoError('manifest', 'candidates', 'no candidate')
  const ids = candidates.map((c) => c.id)
  if (new Set(ids).size !== ids.length)
    throw new CryptoError('manifest', 'candidates', 'a candidate id appears twice')

  // Slots and constraints must be exactly those derived from the candidates and seats (the
  // same JSON values, no extra keys): a layout chosen by the server (say, a "for" constraint
  // with max above the seats) would let ballots with more names than seats through.
  const layout = ballotLayout(ids, seats)
  const slots = array(json.slots, 'slots')
  if (slots.length !== layout.slots.length)
    throw new CryptoError('manifest', 'slots', `${slots.length} slots, section 5 derives ${layout.slots.length}`)
  slots.forEach((s, i) => {
    const want = layout.slots[i]
    if (!isObject(s) || Object.keys(s).length !== 2 || s.candidate_id !== want.candidate_id || s.mark !== want.mark)
      throw new CryptoError('manifest', `slots[${i}]`, `not {"candidate_id": ${want.candidate_id}, "mark": "${want.mark}"}`)
  })
  const constraints = array(json.constraints, 'constraints')
  if (constraints.length !== layout.constraints.length)
    throw new CryptoError('manifest', 'constraints', `${constraints.length} constraints, section 5 derives ${layout.constraints.length}`)
  constraints.forEach((c, i) => {
    const want = layout.constraints[i]
    const ok =
      isObject(c) &&
      Object.keys(c).length === 3 &&
      Array.isArray(c.slots) &&
      c.slots.length === want.slots.length &&
      c.slots.every((s, k) => s === want.slots[k]) &&
      c.min === want.min &&
      c.max === want.max
    if (!ok)
      throw new CryptoError('manifest', `constraints[${i}]`, `not ${JSON.stringify(want)}`)
  })

  return {
    bytes,
    fingerprint: sha256(bytes),
    json,
    electionId,
    round,
    setup,
    publicKey,
    publicKeyBytes: elementBytes(publicKey),
    publicKeyTable: withTable(publicKey),
    trusteeThreshold,
    verificationKeys,
    credentials,
    electorateCount,
    electorateHash,
    seats,
    ballotKind,
    candidates,
    slots: layout.slots,
    constraints: layout.constraints,
  }
}

export type Choice = 'for' | 'against' | 'abstain'

/**
 * The marks (one 0/1 per slot) for a member's choices; a candidate left out is an abstention.
 * Refuses an unknown candidate or choice (CryptoError 'ballot').
 */
export function marksFor(manifest: Manifest, choices: Record<string | number, Choice>): number[] {
  const marks = new Array<number>(manifest.slots.length).fill(0)
  const index = new Map(manifest.candidates.map((c, i) => [String(c.id), i]))
  for (const [id, choice] of Object.entries(choices)) {
    const i = index.get(id)
    if (i === undefined) throw new CryptoError('ballot', `choices.${id}`, 'not a candidate of this round')
    if (choice === 'for') marks[2 * i] = 1
    else if (choice === 'against') marks[2 * i + 1] = 1
    else if (choice !== 'abstain') throw new CryptoError('ballot', `choices.${id}`, 'not for, against or abstain')
  }
  return marks
}

// ---------------------------------------------------------------- credentials (section 6)

export interface Credential {
  seed: Uint8Array
  publicKey: Uint8Array
}

/** The Ed25519 key pair of a 32-byte seed given in hex (the member's private credential). */
export function credentialFromSeed(seedHex: string): Credential {
  const seed = fromHex(seedHex, 'credential seed', 32)
  return { seed, publicKey: Uint8Array.from(ed25519.getPublicKey(seed)) }
}

/** A fresh credential (what `plenum election-credentials` does; used by tests and vectors). */
export function newCredential(): Credential {
  const seed = new Uint8Array(32)
  crypto.getRandomValues(seed)
  return { seed, publicKey: Uint8Array.from(ed25519.getPublicKey(seed)) }
}

// ---------------------------------------------------------------- proofs (section 4.2)

export interface ProofItem {
  c: bigint
  z: bigint
}

export interface Ciphertext {
  alpha: Point
  beta: Point
}

/** Componentwise product: encrypts the sum of the two values. */
export function multiply(a: Ciphertext, b: Ciphertext): Ciphertext {
  return { alpha: a.alpha.add(b.alpha), beta: a.beta.add(b.beta) }
}

/** prefix ‖ LP(fingerprint) ‖ LP(pk) ‖ LP(credential) ‖ U32(index), for kind "choice" or "constraint". */
export function ballotTranscript(
  kind: 'choice' | 'constraint',
  manifest: Pick<Manifest, 'fingerprint' | 'publicKeyBytes'>,
  credential: Uint8Array,
  index: number,
): Transcript {
  return new Transcript(kind)
    .bytes(manifest.fingerprint)
    .bytes(manifest.publicKeyBytes)
    .bytes(credential)
    .u32(index)
}

/**
 * Proves that ct = (g^r, g^m · pk^r) encrypts a value in [m0, m1] (section 4.2); `prefix` is
 * the transcript up to the ciphertext (ballotTranscript) and is not modified.
 *
 * The spec's commitments for a simulated branch i are A_i = g^{z_i} · α^{-c_i} and
 * B_i = pk^{z_i} · (β · g^{-m_i})^{-c_i}. Knowing r and m, the prover computes the same points as
 * A_i = g^{z_i − c_i·r} and B_i = pk^{z_i − c_i·r} · g^{−c_i·(m − m_i)}: only the fixed bases g
 * and pk (which has a table), never a variable-base ladder on α or β, which costs 3 to 6 times a
 * table multiplication in noble (measured in node). The points, hence the proof, are the same.
 * If ct is not the encryption of m with r, the proof simply does not verify.
 */
export function proveInterval(
  prefix: Transcript,
  pk: Point,
  ct: Ciphertext,
  m0: number,
  m1: number,
  m: number,
  r: bigint,
): ProofItem[] {
  if (!(m0 <= m && m <= m1)) throw new RangeError(`cannot prove ${m} is in [${m0}, ${m1}]`)
  const t = prefix.clone().element(ct.alpha).element(ct.beta).u32(m0).u32(m1)
  const items: ProofItem[] = []
  let w = 0n
  let others = 0n
  for (let mi = m0; mi <= m1; mi++) {
    let a: bigint
    let b: bigint
    if (mi === m) {
      w = randomScalar()
      a = w
      b = 0n
      items.push({ c: 0n, z: 0n }) // filled in below
    } else {
      const c = randomScalar()
      const z = randomScalar()
      items.push({ c, z })
      others = addS(others, c)
      a = subS(z, mulS(c, r))
      b = negS(mulS(c, mod(BigInt(m - mi))))
    }
    t.element(baseMul(a)).element(mul(pk, a).add(baseMul(b)))
  }
  const cj = subS(t.challenge(), others)
  items[m - m0] = { c: cj, z: addS(w, mulS(cj, r)) }
  return items
}

/**
 * Checks a proof of section 4.2: recomputes every A_i, B_i from the proof and accepts iff
 * Σ c_i = H(T) (mod ℓ). `prefix` is not modified.
 */
export function verifyInterval(
  prefix: Transcript,
  pk: Point,
  ct: Ciphertext,
  m0: number,
  m1: number,
  proof: ProofItem[],
): boolean {
  if (m1 < m0 || proof.length !== m1 - m0 + 1) return false
  const t = prefix.clone().element(ct.alpha).element(ct.beta).u32(m0).u32(m1)
  let sum = 0n
  proof.forEach(({ c, z }, i) => {
    const betaOverGm = ct.beta.subtract(baseMulPublic(BigInt(m0 + i)))
    const A = baseMulPublic(z).subtract(mulPublic(ct.alpha, c))
    const B = mulPublic(pk, z).subtract(mulPublic(betaOverGm, c))
    t.element(A).element(B)
    sum = addS(sum, c)
  })
  return sum === t.challenge()
}

// ---------------------------------------------------------------- ballots (section 6)

export interface ProofItemJson {
  c: string
  z: string
}

export interface BallotJson {
  fingerprint: string
  credential: string
  slots: { alpha: string; beta: string; proof: ProofItemJson[] }[]
  constraints: { proof: ProofItemJson[] }[]
  signature: string
}

/** A ballot decoded from JSON: shapes and encodings checked, nothing else. */
export interface ParsedBallot {
  fingerprint: Uint8Array
  credential: Uint8Array
  slots: { ct: Ciphertext; proof: ProofItem[] }[]
  constraints: ProofItem[][]
  signature: Uint8Array
}

function parseProof(v: unknown, field: string): ProofItem[] {
  return array(v, field).map((item, i) => {
    if (!isObject(item)) throw new CryptoError('malformed', `${field}[${i}]`, 'not an object')
    return { c: decodeScalar(item.c, `${field}[${i}].c`), z: decodeScalar(item.z, `${field}[${i}].z`) }
  })
}

/**
 * Decodes ballot JSON (section 6): every element canonical, every scalar < ℓ; throws CryptoError
 * 'malformed'. The identity is accepted here: it is a canonical element, and section 10 says an
 * identity α or β fails step 5 ('ballot'), which verifyBallot checks. Fields other than the
 * five are ignored.
 */
export function parseBallot(json: unknown): ParsedBallot {
  if (!isObject(json)) throw new CryptoError('malformed', 'ballot', 'not a JSON object')
  const fingerprint = fromHex(json.fingerprint, 'fingerprint', 32)
  const credential = fromHex(json.credential, 'credential', 32)
  const slots = array(json.slots, 'slots').map((s, i) => {
    if (!isObject(s)) throw new CryptoError('malformed', `slots[${i}]`, 'not an object')
    return {
      ct: { alpha: decodeElement(s.alpha, `slots[${i}].alpha`, true), beta: decodeElement(s.beta, `slots[${i}].beta`, true) },
      proof: parseProof(s.proof, `slots[${i}].proof`),
    }
  })
  const constraints = array(json.constraints, 'constraints').map((c, k) => {
    if (!isObject(c)) throw new CryptoError('malformed', `constraints[${k}]`, 'not an object')
    return parseProof(c.proof, `constraints[${k}].proof`)
  })
  const signature = fromHex(json.signature, 'signature', 64)
  return { fingerprint, credential, slots, constraints, signature }
}

const proofJson = (proof: ProofItem[]): ProofItemJson[] =>
  proof.map(({ c, z }) => ({ c: encodeScalar(c), z: encodeScalar(z) }))

export function ballotJson(b: ParsedBallot): BallotJson {
  return {
    fingerprint: toHex(b.fingerprint),
    credential: toHex(b.credential),
    slots: b.slots.map((s) => ({ alpha: encodeElement(s.ct.alpha), beta: encodeElement(s.ct.beta), proof: proofJson(s.proof) })),
    constraints: b.constraints.map((p) => ({ proof: proofJson(p) })),
    signature: toHex(b.signature),
  }
}

function appendItems(parts: Uint8Array[], proof: ProofItem[]) {
  parts.push(u32(proof.length))
  for (const { c, z } of proof) parts.push(lp(scalarBytes(c)), lp(scalarBytes(z)))
}

/**
 * BB (section 6), what the credential signs:
 * LP("plenum-election/1") ‖ LP("ballot") ‖ LP(fingerprint) ‖ LP(credential) ‖ U32(#slots) ‖
 * for each slot LP(α) ‖ LP(β) ‖ U32(#items) ‖ items LP(c) ‖ LP(z) ‖ U32(#constraints) ‖
 * for each constraint U32(#items) ‖ items LP(c) ‖ LP(z).
 */
export function ballotBytes(b: Omit<ParsedBallot, 'signature'>): Uint8Array {
  const parts: Uint8Array[] = [
    lp(utf8(PROTOCOL_LABEL)),
    lp(utf8('ballot')),
    lp(b.fingerprint),
    lp(b.credential),
    u32(b.slots.length),
  ]
  for (const s of b.slots) {
    parts.push(lp(elementBytes(s.ct.alpha)), lp(elementBytes(s.ct.beta)))
    appendItems(parts, s.proof)
  }
  parts.push(u32(b.constraints.length))
  for (const p of b.constraints) appendItems(parts, p)
  return concatBytes(...parts)
}

/** The receipt: hex(SHA-256(BB ‖ signature)). */
export function receiptOf(b: ParsedBallot): string {
  return toHex(sha256(concatBytes(ballotBytes(b), b.signature)))
}

export interface MadeBallot {
  ballot: BallotJson
  receipt: string
  /** Each slot's r, hex: secret; reveal only to audit a ballot that is then discarded. */
  randomness: string[]
}

/** Checks marks against the manifest's slots and constraints; the first problem, or null. */
export function marksProblem(manifest: Manifest, marks: readonly number[]): CryptoError | null {
  if (marks.length !== manifest.slots.length)
    return new CryptoError('ballot', 'marks', `${marks.length} marks for ${manifest.slots.length} slots`)
  const bad = marks.findIndex((m) => m !== 0 && m !== 1)
  if (bad >= 0) return new CryptoError('ballot', `marks[${bad}]`, 'a mark is 0 or 1')
  const last = manifest.constraints.length - 1
  for (let k = 0; k <= last; k++) {
    const c = manifest.constraints[k]
    const sum = c.slots.reduce((s, i) => s + marks[i], 0)
    if (sum < c.min || sum > c.max)
      return new CryptoError(
        'ballot',
        'marks',
        k === last
          ? `${sum} "for" marks for ${manifest.seats} seat(s): a ballot with more names than seats cannot be cast`
          : `candidate ${manifest.candidates[k].id} is marked both for and against`,
      )
  }
  return null
}

/**
 * What the device does (sections 3, 4.2, 6): encrypts each mark with fresh randomness, proves
 * each slot is 0/1 and each constraint's sum is within [min, max], signs BB with the credential.
 * Throws CryptoError 'ballot' if the marks break a constraint or the credential is not in the
 * manifest's list (the server would refuse the ballot).
 */
export function makeBallot(manifest: Manifest, credential: Credential, marks: readonly number[]): MadeBallot {
  const problem = marksProblem(manifest, marks)
  if (problem) throw problem
  if (!manifest.credentials.some((c) => equalBytes(c, credential.publicKey)))
    throw new CryptoError('ballot', 'credential', "not in the manifest's credentials")

  const pk = manifest.publicKeyTable
  const rs: bigint[] = []
  const slots = marks.map((m, i) => {
    const r = randomScalar()
    rs.push(r)
    // g^m for a mark is G or the identity: no multiplication needed.
    const ct = { alpha: baseMul(r), beta: (m === 1 ? Point.BASE : Point.ZERO).add(mul(pk, r)) }
    const proof = proveInterval(ballotTranscript('choice', manifest, credential.publicKey, i), pk, ct, 0, 1, m, r)
    return { ct, proof }
  })
  const constraints = manifest.constraints.map((c, k) => {
    let ct = slots[c.slots[0]].ct
    let r = rs[c.slots[0]]
    let m = marks[c.slots[0]]
    for (const s of c.slots.slice(1)) {
      ct = multiply(ct, slots[s].ct)
      r = addS(r, rs[s])
      m += marks[s]
    }
    return proveInterval(ballotTranscript('constraint', manifest, credential.publicKey, k), pk, ct, c.min, c.max, m, r)
  })
  const unsigned = { fingerprint: manifest.fingerprint, credential: credential.publicKey, slots, constraints }
  const signature = Uint8Array.from(ed25519.sign(ballotBytes(unsigned), credential.seed))
  const parsed: ParsedBallot = { ...unsigned, signature }
  return { ballot: ballotJson(parsed), receipt: receiptOf(parsed), randomness: rs.map(encodeScalar) }
}

// ---------------------------------------------------------------- verification (section 10 step 5)

export type VerifyResult = { ok: true } | { ok: false; code: ErrorCode | 'audit'; field: string; reason: string }

const fail = (code: ErrorCode | 'audit', field: string, reason: string): VerifyResult => ({ ok: false, code, field, reason })

/**
 * Every check of section 10 step 5 for one ballot, in the spec's order: fingerprint, credential
 * in the list, signature over BB, receipt (when given), numbers of slots, constraints and proof
 * items, non-identity α and β, every choice and constraint proof. Shapes and encodings are
 * checked first ('malformed', section 10 step 2).
 */
export function verifyBallot(manifest: Manifest, ballot: unknown, receipt?: string): VerifyResult {
  let b: ParsedBallot
  try {
    b = parseBallot(ballot)
  } catch (e) {
    if (e instanceof CryptoError) return fail(e.code, e.field, e.reason)
    throw e
  }
  if (!equalBytes(b.fingerprint, manifest.fingerprint))
    return fail('ballot', 'fingerprint', "not the SHA-256 of the round's manifest")
  if (!manifest.credentials.some((c) => equalBytes(c, b.credential)))
    return fail('ballot', 'credential', "not in the manifest's credentials")
  const bb = ballotBytes(b)
  let signed = false
  try {
    // zip215: false is RFC 8032's strict verification, as libsodium's crypto_sign_verify_detached.
    signed = ed25519.verify(b.signature, bb, b.credential, { zip215: false })
  } catch {
    signed = false
  }
  if (!signed) return fail('ballot', 'signature', 'the Ed25519 signature over BB does not verify')
  if (receipt !== undefined && receipt !== toHex(sha256(concatBytes(bb, b.signature))))
    return fail('ballot', 'receipt', 'not SHA-256(BB ‖ signature)')

  if (b.slots.length !== manifest.slots.length)
    return fail('ballot', 'slots', `${b.slots.length} slots, the manifest has ${manifest.slots.length}`)
  if (b.constraints.length !== manifest.constraints.length)
    return fail('ballot', 'constraints', `${b.constraints.length} constraints, the manifest has ${manifest.constraints.length}`)
  for (let i = 0; i < b.slots.length; i++)
    if (b.slots[i].proof.length !== 2) return fail('ballot', `slots[${i}].proof`, 'a choice proof has 2 items')
  for (let k = 0; k < b.constraints.length; k++) {
    const c = manifest.constraints[k]
    if (b.constraints[k].length !== c.max - c.min + 1)
      return fail('ballot', `constraints[${k}].proof`, `a [${c.min}, ${c.max}] proof has ${c.max - c.min + 1} items`)
  }

  // The identity as α would be r = 0, leaving β = g^m in the clear; as β it is no valid vote.
  for (let i = 0; i < b.slots.length; i++)
    if (isIdentity(b.slots[i].ct.alpha) || isIdentity(b.slots[i].ct.beta))
      return fail('ballot', `slots[${i}]`, 'the identity in its ciphertext')

  const pk = manifest.publicKeyTable
  for (let i = 0; i < b.slots.length; i++) {
    const { ct, proof } = b.slots[i]
    if (!verifyInterval(ballotTranscript('choice', manifest, b.credential, i), pk, ct, 0, 1, proof))
      return fail('ballot', `slots[${i}].proof`, 'the choice proof does not verify')
  }
  for (let k = 0; k < b.constraints.length; k++) {
    const c = manifest.constraints[k]
    const ct = c.slots.map((s) => b.slots[s].ct).reduce(multiply)
    if (!verifyInterval(ballotTranscript('constraint', manifest, b.credential, k), pk, ct, c.min, c.max, b.constraints[k]))
      return fail('ballot', `constraints[${k}].proof`, 'the constraint proof does not verify')
  }
  return { ok: true }
}

/**
 * "Audit this ballot" (section 6): with the randomness the device revealed, anyone can check
 * that the ballot verifies and that each slot encrypts the stated mark: α = g^r and
 * β = g^m · pk^r. Code 'audit' when the encryption does not match.
 */
export function auditBallot(
  manifest: Manifest,
  ballot: unknown,
  marks: readonly number[],
  randomness: readonly string[],
): VerifyResult {
  const verified = verifyBallot(manifest, ballot)
  if (!verified.ok) return verified
  const b = parseBallot(ballot)
  if (marks.length !== b.slots.length || randomness.length !== b.slots.length)
    return fail('audit', 'marks', 'one mark and one randomness per slot')
  for (let i = 0; i < b.slots.length; i++) {
    const m = marks[i]
    if (m !== 0 && m !== 1) return fail('audit', `marks[${i}]`, 'a mark is 0 or 1')
    let r: bigint
    try {
      r = decodeScalar(randomness[i], `randomness[${i}]`)
    } catch (e) {
      if (e instanceof CryptoError) return fail('malformed', e.field, e.reason)
      throw e
    }
    const { alpha, beta } = b.slots[i].ct
    if (!alpha.equals(baseMulPublic(r)) || !beta.equals(baseMulPublic(BigInt(m)).add(mulPublic(manifest.publicKeyTable, r))))
      return fail('audit', `slots[${i}]`, `does not encrypt ${m} with the revealed randomness`)
  }
  return { ok: true }
}

/**
 * Decrypts a ciphertext with the whole secret x (tests only; in an election no one holds x):
 * g^m = β · (α^x)^{-1}, m found by trying 0 … max. null if m is not in that range.
 */
export function decrypt(ct: Ciphertext, x: bigint, max: number): number | null {
  const gm = ct.beta.subtract(mulPublic(ct.alpha, x))
  let acc = Point.ZERO
  for (let m = 0; m <= max; m++) {
    if (acc.equals(gm)) return m
    acc = acc.add(Point.BASE)
  }
  return null
}
