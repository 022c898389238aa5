// The group of plenum's verifiable elections on the member's device: ristretto255 (RFC 9496)
// through @noble/curves, with the encodings of docs/ELECTION-PROTOCOL.md section 1 and the
// transcripts and challenges of section 2. It is the browser twin of src/crypto/group.h (libsodium);
// both must produce and accept exactly the same bytes.
//
// Contract:
// - A scalar is a bigint in [0, ℓ). On the wire it is 32 bytes little-endian, in JSON 64
//   lowercase hex characters; decodeScalar refuses anything else, including values ≥ ℓ (no
//   silent reduction: a second encoding of the same scalar would make ballots malleable).
// - An element is a ristretto255 point. On the wire it is the 32-byte canonical encoding of RFC
//   9496 section 4.3.2, in JSON 64 lowercase hex characters; decodeElement follows RFC 9496
//   section 4.3.1 and refuses non-canonical encodings. The identity (32 zero bytes) is refused
//   unless the caller says it is allowed there (the spec's "identity allowed").
// - Every decoding failure throws CryptoError with code 'malformed' and the JSON field named.
// - Scalar multiplication accepts 0 and returns the identity (noble's constant-time multiply
//   refuses 0), so callers decide where the identity is acceptable, as in the C++ side.
// - randomScalar draws 64 bytes from crypto.getRandomValues and reduces them mod ℓ (bias below
//   2^-250), redrawing the (negligible) zero.
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js'
import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js'

export const Point = ristretto255.Point
export type Point = InstanceType<typeof ristretto255.Point>

/** ℓ = 2^252 + 27742317777372353535851937790883648493, the order of the group. */
export const ORDER: bigint = ristretto255.Point.Fn.ORDER

/** Section 10's reason codes that the crypto layer can report. */
export type ErrorCode = 'malformed' | 'manifest' | 'ballot'

/** A refusal with the spec's reason code and the field it concerns (for the UI and the tests). */
export class CryptoError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${code}: ${field}: ${reason}`)
    this.name = 'CryptoError'
  }
}

// ---------------------------------------------------------------- bytes and hex

const HEX = /^(?:[0-9a-f]{2})*$/

/** Lowercase hex of any bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += b.toString(16).padStart(2, '0')
  return s
}

/**
 * Decodes lowercase hex; `length` (in bytes) when given must match. Upper case is refused
 * because the spec makes hex a single canonical spelling (a board entry's bytes are hashed).
 */
export function fromHex(hex: unknown, field: string, length?: number): Uint8Array {
  if (typeof hex !== 'string') throw new CryptoError('malformed', field, 'not a string')
  if (!HEX.test(hex)) throw new CryptoError('malformed', field, 'not lowercase hexadecimal')
  if (length !== undefined && hex.length !== 2 * length)
    throw new CryptoError('malformed', field, `not ${2 * length} hexadecimal characters`)
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let d = 0
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i]
  return d === 0
}

/** Byte order of two strings of bytes (for the sorted credential list). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

// noble's hashes return their own Uint8Array; copying keeps the type plain for callers.
export const sha256 = (data: Uint8Array): Uint8Array => Uint8Array.from(nobleSha256(data))
export const sha512 = (data: Uint8Array): Uint8Array => Uint8Array.from(nobleSha512(data))

// ---------------------------------------------------------------- scalars

export function mod(a: bigint): bigint {
  const r = a % ORDER
  return r < 0n ? r + ORDER : r
}

export const addS = (a: bigint, b: bigint): bigint => mod(a + b)
export const subS = (a: bigint, b: bigint): bigint => mod(a - b)
export const mulS = (a: bigint, b: bigint): bigint => mod(a * b)
export const negS = (a: bigint): bigint => mod(-a)

/** Reads little-endian bytes as an integer (no reduction). */
export function bytesToBigintLE(bytes: Uint8Array): bigint {
  let x = 0n
  for (let i = bytes.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(bytes[i])
  return x
}

/** The 32-byte little-endian encoding of a scalar in [0, ℓ). */
export function scalarBytes(s: bigint): Uint8Array {
  if (s < 0n || s >= ORDER) throw new RangeError('scalar out of range')
  const out = new Uint8Array(32)
  let x = s
  for (let i = 0; i < 32; i++) {
    out[i] = Number(x & 0xffn)
    x >>= 8n
  }
  return out
}

export const encodeScalar = (s: bigint): string => toHex(scalarBytes(s))

/** Scalar from 32 bytes; refuses values ≥ ℓ (section 1: "Decoding MUST reject values ≥ ℓ"). */
export function scalarFromBytes(bytes: Uint8Array, field: string): bigint {
  if (bytes.length !== 32) throw new CryptoError('malformed', field, 'a scalar is 32 bytes')
  const s = bytesToBigintLE(bytes)
  if (s >= ORDER) throw new CryptoError('malformed', field, 'scalar not below the group order')
  return s
}

export function decodeScalar(hex: unknown, field: string): bigint {
  return scalarFromBytes(fromHex(hex, field, 32), field)
}

/** SHA-512 read as a 512-bit little-endian integer, reduced mod ℓ (libsodium scalar_reduce). */
export function reduce64(bytes: Uint8Array): bigint {
  if (bytes.length !== 64) throw new RangeError('reduce64 takes 64 bytes')
  return mod(bytesToBigintLE(bytes))
}

/**
 * A uniform nonzero scalar: 64 random bytes reduced mod ℓ (the statistical distance from
 * uniform is below 2^-250, unlike 32 bytes reduced, which would be visibly biased).
 */
export function randomScalar(): bigint {
  const buf = new Uint8Array(64)
  for (;;) {
    crypto.getRandomValues(buf)
    const s = reduce64(buf)
    buf.fill(0)
    if (s !== 0n) return s
  }
}

// ---------------------------------------------------------------- elements

export const IDENTITY: Point = Point.ZERO
export const GENERATOR: Point = Point.BASE
/** RFC 9496's generator encoding, restated in the spec (section 1). */
export const GENERATOR_HEX = 'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76'

export function isIdentity(p: Point): boolean {
  return p.is0()
}

// Encoding costs an inverse square root (~0.1 ms); a ballot's α and β are encoded for the
// transcript, BB and JSON, so encodings are remembered per point (noble points are immutable).
const encodings = new WeakMap<Point, Uint8Array>()

export function elementBytes(p: Point): Uint8Array {
  let b = encodings.get(p)
  if (!b) {
    b = Uint8Array.from(p.toBytes())
    encodings.set(p, b)
  }
  return b.slice()
}
export const encodeElement = (p: Point): string => toHex(elementBytes(p))

/**
 * Element from its 32-byte encoding (RFC 9496 section 4.3.1, which rejects non-canonical field
 * encodings, negative s, non-square and negative t or zero y; noble implements exactly these
 * steps). The identity is refused unless allowIdentity.
 */
export function elementFromBytes(bytes: Uint8Array, field: string, allowIdentity = false): Point {
  if (bytes.length !== 32) throw new CryptoError('malformed', field, 'an element is 32 bytes')
  let p: Point
  try {
    p = Point.fromBytes(bytes)
  } catch {
    throw new CryptoError('malformed', field, 'not a canonical ristretto255 encoding')
  }
  if (!allowIdentity && p.is0()) throw new CryptoError('malformed', field, 'the identity is not allowed here')
  encodings.set(p, Uint8Array.from(bytes))
  return p
}

export function decodeElement(hex: unknown, field: string, allowIdentity = false): Point {
  return elementFromBytes(fromHex(hex, field, 32), field, allowIdentity)
}

/**
 * Scalar multiplications done so far, by g and by any other point (the election key, α, β…):
 * the benchmark times the same number of bare noble multiplications as its baseline. Counting
 * costs an increment; noble freezes its classes, so they cannot be counted from outside.
 */
export const multiplications = { base: 0, other: 0 }

/**
 * RFC 9496 section 4.3.4 element derivation from 64 uniform bytes (libsodium
 * crypto_core_ristretto255_from_hash). The protocol does not use it; it is here so the RFC's
 * hash-to-group vectors (appendix A.3) are checked on the same code path as the C++ side.
 */
export function fromUniformBytes(bytes: Uint8Array): Point {
  if (bytes.length !== 64) throw new RangeError('element derivation takes 64 bytes')
  return ristretto255_hasher.deriveToCurve!(bytes)
}

/**
 * The generator with the same kind of table as the election key (window 6, 1,408 points).
 * noble's own Point.BASE multiplies secret scalars with blinding: a 384-bit scalar and a table
 * of 6,144 points built on first use, and each g^s about 1.6 times the cost of a multiplication
 * with this table (measured in node; and its variable-time path builds yet another table).
 * Blinding only g^r would buy little here: pk^r, with the same secret r, cannot be blinded by
 * noble (it blinds only its own base point), and BigInt arithmetic is not constant-time anyway.
 * Both bases therefore use the same unblinded fixed-window multiplication, whose sequence of
 * point operations does not depend on the scalar. Built on first use.
 */
let gTable: Point | null = null
export function generatorTable(): Point {
  if (!gTable) {
    gTable = Point.fromBytes(Point.BASE.toBytes())
    gTable.precompute(6, false)
  }
  return gTable
}

/** g^s for a secret s; s = 0 gives the identity. */
export function baseMul(s: bigint): Point {
  if (s === 0n) return Point.ZERO
  multiplications.base++
  return generatorTable().multiply(s)
}

/** g^s for a public s (verification): variable-time. */
export function baseMulPublic(s: bigint): Point {
  multiplications.base++
  return generatorTable().multiplyUnsafe(s)
}

/** e^s for a secret s; s = 0 or e the identity gives the identity. */
export function mul(e: Point, s: bigint): Point {
  if (s === 0n || e.is0()) return Point.ZERO
  multiplications.other++
  return e.multiply(s)
}

/** e^s for public e and s (verification): variable-time, about 20 % faster. */
export function mulPublic(e: Point, s: bigint): Point {
  multiplications.other++
  return e.multiplyUnsafe(s)
}

/**
 * A copy of `e` with a fixed-base table attached: every later mul(copy, s) costs about what g^s
 * costs instead of a full ladder. Worth it for the election key, which a ballot multiplies by
 * some hundred scalars; the table (window 6) takes a few milliseconds to build.
 */
export function withTable(e: Point): Point {
  if (e.is0()) return e
  const copy = Point.fromBytes(e.toBytes())
  copy.precompute(6, false)
  return copy
}

// ---------------------------------------------------------------- transcripts

const PROTOCOL = 'plenum-election/1'
const GROUP = 'ristretto255'

/** LP(x): the 4-byte big-endian length of x, then x. */
export function lp(bytes: Uint8Array): Uint8Array {
  if (bytes.length > 0xffffffff) throw new RangeError('LP: too long')
  const out = new Uint8Array(4 + bytes.length)
  new DataView(out.buffer).setUint32(0, bytes.length, false)
  out.set(bytes, 4)
  return out
}

/** U32(n): LP of the 4-byte big-endian n (so 8 bytes: 00 00 00 04 then n). */
export function u32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError('U32: out of range')
  const four = new Uint8Array(4)
  new DataView(four.buffer).setUint32(0, n, false)
  return lp(four)
}

/**
 * A length-prefixed transcript (section 2). It starts with LP("plenum-election/1") ‖
 * LP("ristretto255") ‖ LP(kind); every later piece is length-prefixed too, so no two different
 * sequences of pieces give the same bytes. Pieces are kept as a list and joined when hashed, so
 * a prefix can be shared by cloning.
 */
export class Transcript {
  private parts: Uint8Array[] = []

  constructor(kind: string) {
    this.parts.push(lp(utf8(PROTOCOL)), lp(utf8(GROUP)), lp(utf8(kind)))
  }

  bytes(b: Uint8Array): this {
    this.parts.push(lp(b))
    return this
  }
  text(s: string): this {
    return this.bytes(utf8(s))
  }
  element(e: Point): this {
    return this.bytes(elementBytes(e))
  }
  /** An element already encoded (saves re-encoding points decoded from the board). */
  elementBytes(b: Uint8Array): this {
    return this.bytes(b)
  }
  scalar(s: bigint): this {
    return this.bytes(scalarBytes(s))
  }
  u32(n: number): this {
    this.parts.push(u32(n))
    return this
  }
  clone(): Transcript {
    const t = Object.create(Transcript.prototype) as Transcript
    t.parts = this.parts.slice()
    return t
  }
  data(): Uint8Array {
    return concatBytes(...this.parts)
  }
  /** H(T): SHA-512 of the transcript, little-endian, reduced mod ℓ. */
  challenge(): bigint {
    return reduce64(sha512(this.data()))
  }
}

export const PROTOCOL_LABEL = PROTOCOL
export const GROUP_LABEL = GROUP
