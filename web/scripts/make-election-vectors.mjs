// Writes tests/data/election/browser-vectors.json: ballots made by the device's code
// (web/src/crypto) for the C++ verifier to check (docs/ELECTION-PROTOCOL.md section 11).
//
//   cd web && npx vite-node scripts/make-election-vectors.mjs
//
// vite-node runs this with the app's Vite config, so it imports the TypeScript sources as the
// app does. Every run draws a fresh key, credentials and randomness; the file is committed, and
// web/src/crypto/interop.test.ts checks it still verifies and decrypts to its marks.
//
// Layout: {"manifest": text (section 5: candidates 11, 12, 13; 2 seats; 3 trustees, threshold 2;
// 4 credentials), "test_secret": x with public_key = g^x, "credential_seeds": the members'
// seeds in the manifest's credential order, "ballots": [{"marks", "randomness",
// "credential_seed", "ballot", "receipt"}]} where marks and randomness are per slot (randomness
// hex scalars: anyone can check alpha = g^r, beta = g^m pk^r); docs/ELECTION-PROTOCOL.md
// section 11 describes the format. The trustees' verification keys are h_m = g^{f(m)} for a
// degree-1 polynomial f with f(0) = x (threshold 2 of 3), so they are consistent with the key.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { testElection } from '../src/crypto/fixtures'
import { makeBallot, marksFor, verifyBallot, audit } from '../src/crypto/index'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const OUT = path.join(ROOT, 'tests/data/election/browser-vectors.json')

const election = testElection({ candidateIds: [11, 12, 13], seats: 2, members: 4, trustees: 3, threshold: 2 })
const cases = [
  { voter: 0, choices: {} }, // blank: abstains on every candidate
  { voter: 1, choices: { 11: 'for', 12: 'for' } }, // as many "for" as seats
  { voter: 2, choices: { 11: 'against', 13: 'against' } },
  { voter: 3, choices: { 11: 'for', 12: 'against' } },
  { voter: 0, choices: { 12: 'for', 13: 'for', 11: 'against' } }, // the same credential again: the last one counts
]

const ballots = cases.map(({ voter, choices }) => {
  const marks = marksFor(election.manifest, choices)
  const made = makeBallot(election.manifest, election.seeds[voter], marks)
  const check = verifyBallot(election.manifest, made.ballot, made.receipt)
  const audited = audit(election.manifest, made.ballot, marks, made.randomness)
  if (!check.ok || !audited.ok) throw new Error(`a vector does not verify: ${JSON.stringify([check, audited])}`)
  return { marks, randomness: made.randomness, credential_seed: election.seeds[voter], ballot: made.ballot, receipt: made.receipt }
})

const vectors = {
  manifest: election.manifest,
  test_secret: election.secret,
  credential_seeds: election.seeds,
  ballots,
}
fs.mkdirSync(path.dirname(OUT), { recursive: true })
fs.writeFileSync(OUT, JSON.stringify(vectors, null, 2) + '\n')
console.log(`wrote ${path.relative(ROOT, OUT)}: ${ballots.length} ballots`)
