// @vitest-environment node
// Ballots on the device (docs/ELECTION-PROTOCOL.md sections 3 to 6) and the verifier's checks of
// section 10 step 5, including the attacks of issue 6: more marks than seats, a tampered
// ciphertext, a proof swapped from another slot or ballot, a wrong signature, a ballot copied
// and re-signed by another credential, a proof whose challenge omits the credential.
import { beforeAll, describe, expect, it } from 'vitest'
import { ed25519 } from '@noble/curves/ed25519.js'
import {
  ballotBytes,
  ballotJson,
  ballotTranscript,
  credentialFromSeed,
  decrypt,
  multiply,
  parseBallot,
  parseManifest,
  proveInterval,
  verifyInterval,
  type BallotJson,
  type Credential,
  type Manifest,
  type ParsedBallot,
} from './ballot'
import { CryptoError, Point, Transcript, addS, subS, baseMul, decodeScalar, encodeElement, mul, multiplications, randomScalar, sha256, toHex, utf8 } from './group'
import { audit, makeBallot, manifestOf, marksFor, prepare, verifyBallot } from './index'
import { testElection, type TestElection } from './fixtures'

let election: TestElection
let manifest: Manifest
let x: bigint
const CANDIDATES = [11, 12, 13]

beforeAll(() => {
  election = testElection({ candidateIds: CANDIDATES, seats: 2, members: 4 })
  manifest = parseManifest(election.manifest)
  x = decodeScalar(election.secret, 'secret')
})

/** A copy of a ballot changed by `edit`, signed again by `seed` (default: the ballot's own). */
function resign(ballot: BallotJson, edit: (b: ParsedBallot) => void, seed?: string): BallotJson {
  const b = parseBallot(ballot)
  edit(b)
  const cred: Credential = credentialFromSeed(seed ?? election.seeds.find((s) => toHex(credentialFromSeed(s).publicKey) === ballot.credential)!)
  b.credential = cred.publicKey
  b.signature = Uint8Array.from(ed25519.sign(ballotBytes(b), cred.seed))
  return ballotJson(b)
}

function refused(result: ReturnType<typeof verifyBallot>, code: string, field: string | RegExp) {
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.code).toBe(code)
  if (typeof field === 'string') expect(result.field).toBe(field)
  else expect(result.field).toMatch(field)
}

describe('manifest (section 5)', () => {
  it('fingerprint is SHA-256 of the exact bytes, not of a re-serialization', () => {
    expect(toHex(manifest.fingerprint)).toBe(toHex(sha256(utf8(election.manifest))))
    const compact = JSON.stringify(JSON.parse(election.manifest))
    expect(toHex(parseManifest(compact).fingerprint)).not.toBe(toHex(manifest.fingerprint))
    // bytes and text give the same fingerprint
    expect(toHex(parseManifest(utf8(election.manifest)).fingerprint)).toBe(toHex(manifest.fingerprint))
  })

  it('derives 2n slots and n + 1 constraints', () => {
    expect(manifest.slots).toHaveLength(6)
    expect(manifest.constraints).toEqual([
      { slots: [0, 1], min: 0, max: 1 },
      { slots: [2, 3], min: 0, max: 1 },
      { slots: [4, 5], min: 0, max: 1 },
      { slots: [0, 2, 4], min: 0, max: 2 },
    ])
  })

  function edited(edit: (m: Record<string, any>) => void): string {
    const m = JSON.parse(election.manifest)
    edit(m)
    return JSON.stringify(m)
  }
  const refuses = (text: string, code: string, field: RegExp) => {
    try {
      parseManifest(text)
    } catch (e) {
      expect(e).toBeInstanceOf(CryptoError)
      expect((e as CryptoError).code).toBe(code)
      expect((e as CryptoError).field).toMatch(field)
      return
    }
    throw new Error('accepted')
  }

  it('refuses a layout that is not the derived one (a "for" max above the seats)', () => {
    refuses(edited((m) => (m.constraints[3].max = 3)), 'manifest', /constraints\[3\]/)
    refuses(edited((m) => m.slots.pop()), 'manifest', /slots/)
    refuses(edited((m) => (m.slots[1].mark = 'for')), 'manifest', /slots\[1\]/)
    refuses(edited((m) => (m.slots[2].note = 'x')), 'manifest', /slots\[2\]/)
    refuses(edited((m) => (m.constraints[0].slots = [1, 0])), 'manifest', /constraints\[0\]/)
  })

  it('refuses unsorted or miscounted credentials, another protocol, a bad key', () => {
    refuses(edited((m) => m.credentials.reverse()), 'manifest', /credentials/)
    refuses(edited((m) => (m.electorate.count = 5)), 'manifest', /credentials/)
    refuses(edited((m) => (m.protocol = 'plenum-election/2')), 'manifest', /protocol/)
    refuses(edited((m) => (m.public_key = '00'.repeat(32))), 'malformed', /public_key/)
    refuses(edited((m) => (m.public_key = m.public_key.toUpperCase())), 'malformed', /public_key/)
    refuses('{"protocol": ', 'malformed', /manifest/)
    refuses(edited((m) => (m.rule.numerator = 3)), 'manifest', /^rule$/)
    refuses(edited((m) => (m.rule.comparison = 'most')), 'manifest', /rule.comparison/)
    refuses(edited((m) => (m.rule.reelection_floor = { numerator: 0, denominator: 3 })), 'manifest', /rule.reelection_floor/)
    expect(() => parseManifest(edited((m) => (m.rule = { ...m.rule, reelection: true, reelection_floor: { numerator: 1, denominator: 3 } })))).not.toThrow()
  })
})

describe('marks', () => {
  it('for is slot 2i, against slot 2i+1, abstention neither', () => {
    expect(marksFor(election.manifest, { 11: 'for', 12: 'abstain', 13: 'against' })).toEqual([1, 0, 0, 0, 0, 1])
    expect(marksFor(election.manifest, {})).toEqual([0, 0, 0, 0, 0, 0])
    expect(() => marksFor(election.manifest, { 99: 'for' })).toThrow(CryptoError)
  })
})

describe('interval proofs (section 4.2)', () => {
  const prefix = () => ballotTranscript('choice', manifest, manifest.credentials[0], 0)
  const encrypt = (m: number, r: bigint) => ({ alpha: baseMul(r), beta: baseMul(BigInt(m)).add(mul(manifest.publicKey, r)) })

  it('accepts 0 and 1 for [0, 1] and 0 … 3 for [0, 3]', () => {
    for (const m of [0, 1]) {
      const r = randomScalar()
      const ct = encrypt(m, r)
      const proof = proveInterval(prefix(), manifest.publicKeyTable, ct, 0, 1, m, r)
      expect(proof).toHaveLength(2)
      expect(verifyInterval(prefix(), manifest.publicKey, ct, 0, 1, proof)).toBe(true)
    }
    for (const m of [0, 1, 2, 3]) {
      const r = randomScalar()
      const ct = encrypt(m, r)
      expect(verifyInterval(prefix(), manifest.publicKey, ct, 0, 3, proveInterval(prefix(), manifest.publicKey, ct, 0, 3, m, r))).toBe(true)
    }
  })

  it('a ciphertext of 2 cannot be proved to be 0 or 1', () => {
    const r = randomScalar()
    const ct = encrypt(2, r)
    expect(() => proveInterval(prefix(), manifest.publicKey, ct, 0, 1, 2, r)).toThrow(RangeError)
    // A cheating prover claiming 1 (or 0) for it: the recomputed commitments do not hash.
    for (const claim of [0, 1]) expect(verifyInterval(prefix(), manifest.publicKey, ct, 0, 1, proveInterval(prefix(), manifest.publicKey, ct, 0, 1, claim, r))).toBe(false)
  })

  it('rejects a changed c or z, a changed ciphertext, another transcript prefix, a wrong item count', () => {
    const r = randomScalar()
    const ct = encrypt(1, r)
    const proof = proveInterval(prefix(), manifest.publicKey, ct, 0, 1, 1, r)
    const bump = (i: number, k: 'c' | 'z') => proof.map((p, j) => (j === i ? { ...p, [k]: addS(p[k], 1n) } : p))
    for (const i of [0, 1]) for (const k of ['c', 'z'] as const) expect(verifyInterval(prefix(), manifest.publicKey, ct, 0, 1, bump(i, k))).toBe(false)
    // Shifting challenge between items keeps Σc but breaks the commitments.
    const shifted = [{ ...proof[0], c: addS(proof[0].c, 1n) }, { ...proof[1], c: subS(proof[1].c, 1n) }]
    expect(verifyInterval(prefix(), manifest.publicKey, ct, 0, 1, shifted)).toBe(false)
    expect(verifyInterval(prefix(), manifest.publicKey, { alpha: ct.alpha.add(Point.BASE), beta: ct.beta }, 0, 1, proof)).toBe(false)
    expect(verifyInterval(ballotTranscript('choice', manifest, manifest.credentials[0], 1), manifest.publicKey, ct, 0, 1, proof)).toBe(false)
    expect(verifyInterval(ballotTranscript('constraint', manifest, manifest.credentials[0], 0), manifest.publicKey, ct, 0, 1, proof)).toBe(false)
    expect(verifyInterval(prefix(), manifest.publicKey, ct, 0, 2, proof)).toBe(false)
    expect(verifyInterval(prefix(), manifest.publicKey, ct, 0, 1, proof.slice(0, 1))).toBe(false)
  })
})

describe('ballots (section 6) and their verification (section 10 step 5)', () => {
  it('a ballot verifies, its receipt matches, its audit passes and it decrypts to the marks', () => {
    const marks = marksFor(election.manifest, { 11: 'for', 13: 'against' })
    const made = makeBallot(election.manifest, election.seeds[2], marks)
    expect(made.ballot.credential).toBe(toHex(manifest.credentials[2]))
    expect(made.ballot.slots).toHaveLength(6)
    expect(made.ballot.constraints.map((c) => c.proof.length)).toEqual([2, 2, 2, 3])
    expect(made.ballot.signature).toMatch(/^[0-9a-f]{128}$/)
    expect(verifyBallot(election.manifest, made.ballot, made.receipt)).toEqual({ ok: true })
    const bb = ballotBytes(parseBallot(made.ballot))
    expect(made.receipt).toBe(toHex(sha256(new Uint8Array([...bb, ...parseBallot(made.ballot).signature]))))
    expect(audit(election.manifest, made.ballot, marks, made.randomness)).toEqual({ ok: true })
    expect(parseBallot(made.ballot).slots.map((s) => decrypt(s.ct, x, 1))).toEqual(marks)
  })

  it('a ballot takes 4 multiplications by g and 3 by pk per slot, 2k − 1 and k per k-item constraint', () => {
    // The benchmark's baseline times this many bare multiplications.
    const before = { ...multiplications }
    makeBallot(manifest, election.seeds[0], [1, 0, 0, 1, 0, 0])
    const slots = 6
    const items = [2, 2, 2, 3]
    expect(multiplications.base - before.base).toBe(4 * slots + items.reduce((s, k) => s + 2 * k - 1, 0))
    expect(multiplications.other - before.other).toBe(3 * slots + items.reduce((s, k) => s + k, 0))
  })

  it('every slot is encrypted with fresh randomness (two ballots of the same marks share nothing)', () => {
    const marks = [1, 0, 0, 0, 0, 0]
    const a = makeBallot(election.manifest, election.seeds[0], marks)
    const b = makeBallot(election.manifest, election.seeds[0], marks)
    expect(new Set([...a.randomness, ...b.randomness]).size).toBe(12)
    expect(a.ballot.slots[0].alpha).not.toBe(b.ballot.slots[0].alpha)
    expect(a.receipt).not.toBe(b.receipt)
  })

  it('the audit fails for other marks or other randomness', () => {
    const marks = [0, 0, 1, 0, 0, 0]
    const made = makeBallot(election.manifest, election.seeds[0], marks)
    refused(audit(election.manifest, made.ballot, [1, 0, 0, 0, 0, 0], made.randomness), 'audit', 'slots[0]')
    const other = [...made.randomness]
    other[3] = made.randomness[4]
    refused(audit(election.manifest, made.ballot, marks, other), 'audit', 'slots[3]')
  })

  it('prepare() parses the manifest once and leaves makeBallot unchanged; a credential outside the list cannot make a ballot', () => {
    const prepared = prepare(election.manifest)
    expect(manifestOf(election.manifest)).toBe(prepared)
    const made = makeBallot(election.manifest, election.seeds[1], [0, 0, 0, 1, 0, 0])
    expect(verifyBallot(prepared, made.ballot, made.receipt)).toEqual({ ok: true })
    expect(() => makeBallot(election.manifest, '42'.repeat(32), [0, 0, 0, 0, 0, 0])).toThrow(/credential/)
    expect(() => makeBallot(election.manifest, '42', [0, 0, 0, 0, 0, 0])).toThrow(CryptoError)
  })

  it('a ballot with more "for" marks than seats cannot be made', () => {
    const marks = marksFor(election.manifest, { 11: 'for', 12: 'for', 13: 'for' })
    expect(() => makeBallot(election.manifest, election.seeds[0], marks)).toThrow(/more names than seats/)
    expect(() => makeBallot(election.manifest, election.seeds[0], [1, 1, 0, 0, 0, 0])).toThrow(/both for and against/)
    expect(() => makeBallot(election.manifest, election.seeds[0], [2, 0, 0, 0, 0, 0])).toThrow(CryptoError)
    expect(() => makeBallot(election.manifest, election.seeds[0], [0, 0, 0])).toThrow(CryptoError)
  })

  it('a device that skips the check still cannot get 3 "for" marks past the verifier', () => {
    // A dishonest device: valid 0/1 proofs for each slot, then a constraint proof claiming the
    // "for" sum is 2 when it is 3.
    const cred = credentialFromSeed(election.seeds[1])
    const marks = [1, 0, 1, 0, 1, 0]
    const rs = marks.map(() => randomScalar())
    const slots = marks.map((m, i) => {
      const ct = { alpha: baseMul(rs[i]), beta: baseMul(BigInt(m)).add(mul(manifest.publicKey, rs[i])) }
      return { ct, proof: proveInterval(ballotTranscript('choice', manifest, cred.publicKey, i), manifest.publicKey, ct, 0, 1, m, rs[i]) }
    })
    const constraints = manifest.constraints.map((c, k) => {
      const ct = c.slots.map((s) => slots[s].ct).reduce(multiply)
      const r = c.slots.reduce((acc, s) => addS(acc, rs[s]), 0n)
      const m = Math.min(c.max, c.slots.reduce((acc, s) => acc + marks[s], 0))
      return proveInterval(ballotTranscript('constraint', manifest, cred.publicKey, k), manifest.publicKey, ct, c.min, c.max, m, r)
    })
    const b = { fingerprint: manifest.fingerprint, credential: cred.publicKey, slots, constraints, signature: new Uint8Array(64) }
    b.signature = Uint8Array.from(ed25519.sign(ballotBytes(b), cred.seed))
    refused(verifyBallot(manifest, ballotJson(b)), 'ballot', 'constraints[3].proof')
  })

  describe('tampering', () => {
    let made: ReturnType<typeof makeBallot>
    let other: ReturnType<typeof makeBallot>
    beforeAll(() => {
      made = makeBallot(manifest, election.seeds[0], [1, 0, 0, 1, 1, 0])
      other = makeBallot(manifest, election.seeds[0], [0, 1, 1, 0, 0, 0])
    })

    it('a changed alpha: the signature fails; signed again, the proof fails', () => {
      const ballot = structuredClone(made.ballot)
      ballot.slots[0].alpha = encodeElement(parseBallot(made.ballot).slots[0].ct.alpha.add(Point.BASE))
      refused(verifyBallot(manifest, ballot), 'ballot', 'signature')
      const resigned = resign(made.ballot, (b) => (b.slots[0].ct.alpha = b.slots[0].ct.alpha.add(Point.BASE)))
      refused(verifyBallot(manifest, resigned), 'ballot', 'slots[0].proof')
      // changing β to turn a "for" into an "against" fails the same way
      const flipped = resign(made.ballot, (b) => {
        b.slots[0].ct.beta = b.slots[0].ct.beta.subtract(Point.BASE)
        b.slots[1].ct.beta = b.slots[1].ct.beta.add(Point.BASE)
      })
      refused(verifyBallot(manifest, flipped), 'ballot', 'slots[0].proof')
    })

    it('a proof swapped from another slot or from another ballot is rejected', () => {
      const swappedSlots = resign(made.ballot, (b) => ([b.slots[0].proof, b.slots[2].proof] = [b.slots[2].proof, b.slots[0].proof]))
      refused(verifyBallot(manifest, swappedSlots), 'ballot', 'slots[0].proof')
      const fromOther = resign(made.ballot, (b) => (b.slots[4].proof = parseBallot(other.ballot).slots[4].proof))
      refused(verifyBallot(manifest, fromOther), 'ballot', 'slots[4].proof')
      const item = resign(made.ballot, (b) => (b.slots[3].proof[1] = parseBallot(other.ballot).slots[3].proof[1]))
      refused(verifyBallot(manifest, item), 'ballot', 'slots[3].proof')
      const constraint = resign(made.ballot, (b) => (b.constraints[3] = parseBallot(other.ballot).constraints[3]))
      refused(verifyBallot(manifest, constraint), 'ballot', 'constraints[3].proof')
      // the same ciphertext and proof moved to another slot along with it
      const moved = resign(made.ballot, (b) => ([b.slots[0], b.slots[2]] = [b.slots[2], b.slots[0]]))
      refused(verifyBallot(manifest, moved), 'ballot', 'slots[0].proof')
    })

    it('a wrong signature, a wrong receipt', () => {
      const ballot = structuredClone(made.ballot)
      ballot.signature = (ballot.signature[0] === '0' ? '1' : '0') + ballot.signature.slice(1)
      refused(verifyBallot(manifest, ballot), 'ballot', 'signature')
      const signedByOther = structuredClone(made.ballot)
      signedByOther.signature = other.ballot.signature
      refused(verifyBallot(manifest, signedByOther), 'ballot', 'signature')
      refused(verifyBallot(manifest, made.ballot, other.receipt), 'ballot', 'receipt')
    })

    it('a ballot copied and re-signed by another credential is rejected (the credential is in every challenge)', () => {
      const copied = resign(made.ballot, () => {}, election.seeds[3])
      expect(copied.credential).toBe(toHex(manifest.credentials[3]))
      refused(verifyBallot(manifest, copied), 'ballot', 'slots[0].proof')
      // a credential outside the list is refused before anything else is checked
      const stranger = '42'.repeat(32)
      refused(verifyBallot(manifest, resign(made.ballot, () => {}, stranger)), 'ballot', 'credential')
    })

    it('another election (fingerprint), counts that do not match the manifest', () => {
      refused(verifyBallot(manifest, resign(made.ballot, (b) => (b.fingerprint = sha256(utf8('another manifest'))))), 'ballot', 'fingerprint')
      refused(verifyBallot(manifest, resign(made.ballot, (b) => b.slots.pop())), 'ballot', 'slots')
      refused(verifyBallot(manifest, resign(made.ballot, (b) => b.constraints.pop())), 'ballot', 'constraints')
      refused(verifyBallot(manifest, resign(made.ballot, (b) => b.slots[2].proof.pop())), 'ballot', 'slots[2].proof')
      refused(verifyBallot(manifest, resign(made.ballot, (b) => b.constraints[3].push(b.constraints[3][0]))), 'ballot', 'constraints[3].proof')
    })

    it('invalid encodings are malformed (non-canonical β, scalar ≥ ℓ, upper case, missing fields); an identity α or β is a bad ballot', () => {
      const edit = (f: (b: BallotJson) => void) => {
        const b = structuredClone(made.ballot)
        f(b)
        return b
      }
      // The identity is canonical: unsigned it fails the signature, signed it fails step 5.
      refused(verifyBallot(manifest, edit((b) => (b.slots[1].alpha = '00'.repeat(32)))), 'ballot', 'signature')
      refused(verifyBallot(manifest, resign(made.ballot, (b) => (b.slots[1].ct.alpha = Point.ZERO))), 'ballot', 'slots[1]')
      refused(verifyBallot(manifest, resign(made.ballot, (b) => (b.slots[5].ct.beta = Point.ZERO))), 'ballot', 'slots[5]')
      refused(verifyBallot(manifest, edit((b) => (b.slots[1].beta = 'ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20'))), 'malformed', 'slots[1].beta')
      refused(verifyBallot(manifest, edit((b) => (b.slots[0].proof[0].z = 'edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010'))), 'malformed', 'slots[0].proof[0].z')
      refused(verifyBallot(manifest, edit((b) => (b.constraints[0].proof[1].c = b.constraints[0].proof[1].c.toUpperCase()))), 'malformed', 'constraints[0].proof[1].c')
      refused(verifyBallot(manifest, edit((b) => delete (b as Partial<BallotJson>).signature)), 'malformed', 'signature')
      refused(verifyBallot(manifest, 'not a ballot'), 'malformed', 'ballot')
    })
  })

  it('a proof whose challenge omits the credential (weak Fiat-Shamir) is rejected', () => {
    // A device (or an attacker preparing a ballot to copy) that hashes no credential: its proofs
    // would be valid for any signer, so the verifier must not accept them.
    const cred = credentialFromSeed(election.seeds[0])
    const weak = (kind: 'choice' | 'constraint', index: number) =>
      new Transcript(kind).bytes(manifest.fingerprint).bytes(manifest.publicKeyBytes).u32(index)
    const marks = [0, 1, 0, 0, 1, 0]
    const rs = marks.map(() => randomScalar())
    const slots = marks.map((m, i) => {
      const ct = { alpha: baseMul(rs[i]), beta: baseMul(BigInt(m)).add(mul(manifest.publicKey, rs[i])) }
      return { ct, proof: proveInterval(weak('choice', i), manifest.publicKey, ct, 0, 1, m, rs[i]) }
    })
    const constraints = manifest.constraints.map((c, k) => {
      const ct = c.slots.map((s) => slots[s].ct).reduce(multiply)
      const r = c.slots.reduce((acc, s) => addS(acc, rs[s]), 0n)
      const m = c.slots.reduce((acc, s) => acc + marks[s], 0)
      return proveInterval(weak('constraint', k), manifest.publicKey, ct, c.min, c.max, m, r)
    })
    // The weak proofs are internally consistent (they verify against the weak transcript) …
    expect(verifyInterval(weak('choice', 0), manifest.publicKey, slots[0].ct, 0, 1, slots[0].proof)).toBe(true)
    // … but the ballot, properly signed, is refused.
    const b = { fingerprint: manifest.fingerprint, credential: cred.publicKey, slots, constraints, signature: new Uint8Array(64) }
    b.signature = Uint8Array.from(ed25519.sign(ballotBytes(b), cred.seed))
    refused(verifyBallot(manifest, ballotJson(b)), 'ballot', 'slots[0].proof')
  })

  it('ciphertexts multiply to the sum: a tally of three ballots decrypts to the counts', () => {
    const ballots = [
      [1, 0, 1, 0, 0, 0],
      [1, 0, 0, 1, 0, 0],
      [0, 1, 0, 0, 1, 0],
    ].map((marks, i) => parseBallot(makeBallot(manifestOf(election.manifest), election.seeds[i], marks).ballot))
    const counts = manifest.slots.map((_, s) => decrypt(ballots.map((b) => b.slots[s].ct).reduce(multiply), x, 3))
    expect(counts).toEqual([2, 1, 1, 1, 1, 0])
  })
})
