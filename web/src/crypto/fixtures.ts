// Test elections for the crypto tests, the interoperability vectors and the benchmark: a
// manifest (section 5) with a key whose secret is known, trustees' verification keys that are
// consistent with it, and member credentials. Never used by the app: in a real election the
// secret x exists nowhere (section 7) and the credentials' seeds only on the members' devices.
//
// The trustees' keys come from a degree k−1 polynomial f with f(0) = x, h_m = g^{f(m)}, so
// the same data could drive a threshold decryption test (section 8).
import { ballotLayout, newCredential } from './ballot'
import { addS, baseMul, compareBytes, encodeElement, encodeScalar, mulS, randomScalar, sha256, toHex, utf8 } from './group'

export interface TestElection {
  manifest: string
  /** x with pk = g^x (hex scalar). */
  secret: string
  /** The members' private credentials (hex seeds), in the order of the manifest's credentials. */
  seeds: string[]
}

export function testElection(opts: {
  candidateIds: number[]
  seats: number
  members: number
  trustees?: number
  threshold?: number
  electionId?: number
  round?: number
}): TestElection {
  const trustees = opts.trustees ?? 3
  const threshold = opts.threshold ?? 2
  const coefficients = Array.from({ length: threshold }, () => randomScalar())
  const f = (t: number): bigint =>
    coefficients.reduceRight((acc, a) => addS(mulS(acc, BigInt(t)), a), 0n)
  const x = coefficients[0]
  const credentials = Array.from({ length: opts.members }, () => newCredential()).sort((a, b) =>
    compareBytes(a.publicKey, b.publicKey),
  )
  const memberIds = new Uint8Array(8 * opts.members)
  for (let i = 0; i < opts.members; i++) new DataView(memberIds.buffer).setBigUint64(8 * i, BigInt(1001 + i), false)
  const layout = ballotLayout(opts.candidateIds, opts.seats)
  const manifest = {
    protocol: 'plenum-election/1',
    group: 'ristretto255',
    election_id: opts.electionId ?? 7,
    round: opts.round ?? 1,
    title_zh: '测试选举',
    title_en: 'Test election',
    setup: toHex(sha256(utf8('plenum test setup entry'))),
    public_key: encodeElement(baseMul(x)),
    trustee_threshold: threshold,
    verification_keys: Array.from({ length: trustees }, (_, m) => encodeElement(baseMul(f(m + 1)))),
    credentials: credentials.map((c) => toHex(c.publicKey)),
    electorate: { count: opts.members, hash: toHex(sha256(memberIds)) },
    seats: opts.seats,
    ballot_kind: 'election',
    rule: { comparison: 'more_than', numerator: 1, denominator: 2, reelection: false, reelection_floor: null },
    candidates: opts.candidateIds.map((id, i) => ({ id, name: `候选人 ${i + 1} Candidate ${i + 1}` })),
    slots: layout.slots,
    constraints: layout.constraints,
  }
  return {
    manifest: JSON.stringify(manifest, null, 2) + '\n',
    secret: encodeScalar(x),
    seeds: credentials.map((c) => toHex(c.seed)),
  }
}
