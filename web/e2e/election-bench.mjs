// Browser benchmark of the member's device (issue 6, "Performance"): the time to encrypt and
// prove one 10-candidate, 2-seat ballot in Debian's chromium, with a bare @noble/curves baseline
// in the same page: the scalar multiplications that ballot performs (counted by
// web/src/crypto/group.ts while it runs), timed alone. Target: ≤ 300 ms per ballot. A
// benchmark, not a test: it asserts only that the ballots it timed verify.
//
//   cd web && node e2e/election-bench.mjs          (RUNS=20 warm ballots, COLD=5 fresh browsers)
//
// It bundles web/src/crypto with Vite (library build, minified IIFE, esbuild as the app's
// production build), loads it into a blank page of headless chromium launched with the flags
// web/e2e/run.mjs uses, and times inside the page (performance.now). Figures:
// - the first ballot in a fresh browser (cold: manifest parsing and checks, the key's table,
//   noble's generator table, code not yet optimized by the JIT), without and with prepare()
//   (what the ballot page can call while the member reads the ballot);
// - RUNS warm ballots under the same manifest, alternating with the baseline; median and p95;
// - verifying one ballot on the device (informational).
// Environment: CHROMIUM (default /usr/bin/chromium), RUNS, COLD. The machine's load average is
// printed: on a shared machine the figures move with it.
import { chromium } from 'playwright-core'
import { build } from 'vite'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const RUNS = Number(process.env.RUNS ?? 20)
const COLD = Number(process.env.COLD ?? 5)
const CANDIDATES = 10
const SEATS = 2

// ---------------------------------------------------------------- bundle

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-election-bench-'))
const entry = path.join(tmp, 'entry.js')
const crypto = path.join(WEB, 'src/crypto')
fs.writeFileSync(
  entry,
  [
    `export * from ${JSON.stringify(path.join(crypto, 'index.ts'))}`,
    `export { testElection } from ${JSON.stringify(path.join(crypto, 'fixtures.ts'))}`,
    `export * as group from ${JSON.stringify(path.join(crypto, 'group.ts'))}`,
  ].join('\n'),
)
const out = await build({
  configFile: false,
  root: WEB,
  logLevel: 'warn',
  build: {
    write: false,
    minify: true,
    target: 'es2020',
    lib: { entry, name: 'PlenumCrypto', formats: ['iife'], fileName: () => 'crypto.js' },
  },
})
const bundle = (Array.isArray(out) ? out[0] : out).output.find((o) => o.type === 'chunk').code
fs.rmSync(tmp, { recursive: true, force: true })

// ---------------------------------------------------------------- in the page

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]
  return { median: (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2, p95: at(0.95), min: s[0], max: s[s.length - 1] }
}

// In a fresh page: the member's first ballot, with or without prepare() while they read it.
async function coldInPage({ candidates, seats, prepared }) {
  const C = window.PlenumCrypto
  const ids = Array.from({ length: candidates }, (_, i) => 101 + i)
  const election = C.testElection({ candidateIds: ids, seats, members: 4 })
  const marks = C.marksFor(election.manifest, { [ids[0]]: 'for', [ids[1]]: 'for', [ids[2]]: 'against' })
  let t = performance.now()
  if (prepared) C.prepare(election.manifest)
  const prepare = performance.now() - t
  t = performance.now()
  const made = C.makeBallot(election.manifest, election.seeds[0], marks)
  const ballot = performance.now() - t
  if (!C.verifyBallot(election.manifest, made.ballot, made.receipt).ok) throw new Error('the cold ballot does not verify')
  return { prepare, ballot }
}

async function warmInPage({ candidates, seats, runs }) {
  const C = window.PlenumCrypto
  const { Point, randomScalar, multiplications } = C.group
  const ids = Array.from({ length: candidates }, (_, i) => 101 + i)
  const election = C.testElection({ candidateIds: ids, seats, members: 4 })
  const marks = C.marksFor(election.manifest, { [ids[0]]: 'for', [ids[1]]: 'for', [ids[2]]: 'against' })
  const manifest = C.prepare(election.manifest)
  for (let i = 0; i < 3; i++) C.makeBallot(manifest, election.seeds[0], marks)

  // The scalar multiplications of one ballot, by g and by the key (the prover multiplies no
  // other point).
  const before = { ...multiplications }
  C.makeBallot(manifest, election.seeds[1], marks)
  const counts = { g: multiplications.base - before.base, pk: multiplications.other - before.other }

  // Ballots and the baseline alternate, so a change in the machine's load hits both alike.
  // Baseline: the same numbers of bare noble multiplications (g with noble's own table, pk with
  // the table the ballot code attaches), random scalars drawn outside the timing.
  const times = []
  const ballots = []
  const baseline = []
  for (let i = 0; i < runs; i++) {
    let t = performance.now()
    ballots.push(C.makeBallot(manifest, election.seeds[i % 4], marks))
    times.push(performance.now() - t)
    const scalars = Array.from({ length: counts.g + counts.pk }, () => randomScalar())
    t = performance.now()
    let k = 0
    for (let j = 0; j < counts.g; j++) Point.BASE.multiply(scalars[k++])
    for (let j = 0; j < counts.pk; j++) manifest.publicKeyTable.multiply(scalars[k++])
    baseline.push(performance.now() - t)
  }

  // Verification on the device (informational), which also checks that what was timed is valid.
  const verifyTimes = []
  for (const b of ballots.slice(0, 5)) {
    const t = performance.now()
    const r = C.verifyBallot(manifest, b.ballot, b.receipt)
    verifyTimes.push(performance.now() - t)
    if (!r.ok) throw new Error('a benchmarked ballot does not verify: ' + JSON.stringify(r))
  }
  return {
    userAgent: navigator.userAgent,
    cores: navigator.hardwareConcurrency,
    slots: manifest.slots.length,
    constraints: manifest.constraints.length,
    counts,
    times,
    baseline,
    verifyTimes,
  }
}

async function withPage(f, arg) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  })
  try {
    const page = await browser.newPage()
    page.on('pageerror', (e) => console.error('page error:', e))
    await page.setContent('<!doctype html><meta charset="utf-8"><title>election bench</title>')
    await page.addScriptTag({ content: bundle })
    return await page.evaluate(f, arg)
  } finally {
    await browser.close()
  }
}

const args = { candidates: CANDIDATES, seats: SEATS }
// Cold figures need a fresh browser each (V8 would reuse compiled code within one).
const cold = []
const prepared = []
for (let i = 0; i < COLD; i++) {
  cold.push(await withPage(coldInPage, { ...args, prepared: false }))
  prepared.push(await withPage(coldInPage, { ...args, prepared: true }))
}
const r = await withPage(warmInPage, { ...args, runs: RUNS })

const ms = (x) => x.toFixed(1).padStart(6) + ' ms'
const line = (label, xs) => {
  const s = stats(xs)
  console.log(`${label.padEnd(58)} median ${ms(s.median)}  p95 ${ms(s.p95)}  (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)}, n ${xs.length})`)
  return s
}
console.log(`chromium: ${r.userAgent} (${r.cores} cores); load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`)
console.log(`ballot: ${CANDIDATES} candidates, ${SEATS} seats: ${r.slots} slots, ${r.constraints} constraints; bundle ${(bundle.length / 1024).toFixed(0)} KiB minified`)
const c = line('first ballot in a fresh page, no prepare()', cold.map((x) => x.ballot))
line('prepare() in a fresh page (manifest, key table, warm-up)', prepared.map((x) => x.prepare))
const p = line('first ballot after prepare()', prepared.map((x) => x.ballot))
const w = line(`ballot, warm (${RUNS} runs)`, r.times)
console.log(`scalar multiplications per ballot: ${r.counts.g} by g, ${r.counts.pk} by pk (with its table)`)
const b = line(`baseline: ${r.counts.g + r.counts.pk} bare noble multiplications`, r.baseline)
console.log(`ballot / baseline (warm medians): ${(w.median / b.median).toFixed(2)}`)
line('verify one ballot on the device', r.verifyTimes)
console.log(`target ≤ 300 ms per ballot: warm p95 ${w.p95 <= 300 ? 'met' : 'NOT met'}; after prepare() p95 ${p.p95 <= 300 ? 'met' : 'NOT met'}; cold p95 ${c.p95 <= 300 ? 'met' : 'NOT met'}`)
