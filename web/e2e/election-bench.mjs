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
// web/e2e/run.mjs uses, and times every step twice: wall time inside the page (performance.now)
// and the CPU time of the renderer's main thread (CDP Performance.getMetrics ThreadTime, read
// around the step's page.evaluate; an empty step shows that measurement's own cost). On a
// shared machine the wall time includes waiting for a core; the CPU time mostly does not.
// Figures:
// - the first ballot in a fresh browser (cold: manifest parsing and checks, the key's table,
//   the generator's table, code not yet optimized by the JIT), without and after prepare()
//   (parsing and tables, which the ballot page can do while the member reads the ballot);
// - RUNS warm ballots under the same manifest, alternating with the baseline; median and p95;
// - verifying one ballot on the device (informational).
// Environment: CHROMIUM (default /usr/bin/chromium), RUNS, COLD. The machine's load average is
// printed: on a shared machine the figures move with it.
import { build } from 'vite'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchChromium } from './support.mjs'

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
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

// The page side: window.bench holds the election and one function per measured step. Each step
// is its own page.evaluate, so the main thread's CPU time (CDP Performance.getMetrics
// ThreadTime) can be read around it as well as the wall time inside the page.
// The election is made in another page (see below), so that installing touches no crypto code:
// the cold figures then include parsing the manifest and building both tables.
function makeElection({ candidates, seats }) {
  const C = window.PlenumCrypto
  const ids = Array.from({ length: candidates }, (_, i) => 101 + i)
  const election = C.testElection({ candidateIds: ids, seats, members: 4 })
  const marks = C.marksFor(election.manifest, { [ids[0]]: 'for', [ids[1]]: 'for', [ids[2]]: 'against' })
  return { election, marks }
}

function install({ election, marks }) {
  const C = window.PlenumCrypto
  const { generatorTable, randomScalar, multiplications } = C.group
  const made = []
  let manifest = null
  let counts = null
  const timed = (f) => {
    const t = performance.now()
    f()
    return performance.now() - t
  }
  window.bench = {
    nothing: () => 0,
    prepare: () => timed(() => (manifest = C.prepare(election.manifest))),
    // From the manifest text, as the app would call it (parsed once, then reused).
    ballot: () => timed(() => made.push(C.makeBallot(election.manifest, election.seeds[made.length % 4], marks))),
    count: () => {
      manifest = C.manifestOf(election.manifest)
      const before = { ...multiplications }
      C.makeBallot(manifest, election.seeds[0], marks)
      counts = { g: multiplications.base - before.base, pk: multiplications.other - before.other }
      return { ...counts, slots: manifest.slots.length, constraints: manifest.constraints.length }
    },
    // The same numbers of bare noble multiplications, with the same tables the ballot code uses
    // (window 6 for g and for pk); the scalars are drawn before the timing.
    baseline: () => {
      const scalars = Array.from({ length: counts.g + counts.pk }, () => randomScalar())
      return timed(() => {
        let k = 0
        for (let j = 0; j < counts.g; j++) generatorTable().multiply(scalars[k++])
        for (let j = 0; j < counts.pk; j++) manifest.publicKeyTable.multiply(scalars[k++])
      })
    },
    // Verifies the last ballot (informational; also checks that what was timed is valid).
    verify: () => {
      const b = made[made.length - 1]
      let r
      const ms = timed(() => (r = C.verifyBallot(election.manifest, b.ballot, b.receipt)))
      if (!r.ok) throw new Error('a benchmarked ballot does not verify: ' + JSON.stringify(r))
      return ms
    },
    agent: () => `${navigator.userAgent} (${navigator.hardwareConcurrency} cores)`,
  }
}

async function withPage(f, setup = true) {
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    page.on('pageerror', (e) => console.error('page error:', e))
    await page.setContent('<!doctype html><meta charset="utf-8"><title>election bench</title>')
    await page.addScriptTag({ content: bundle })
    if (!setup) return await page.evaluate(makeElection, { candidates: CANDIDATES, seats: SEATS })
    await page.evaluate(install, data)
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
    const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value
    // step(name) → {wall: ms inside the page, cpu: ms of the renderer's main thread}
    const step = async (name) => {
      const before = await threadTime()
      const wall = await page.evaluate((n) => window.bench[n](), name)
      return { wall, cpu: ((await threadTime()) - before) * 1000, value: wall }
    }
    return await f(step)
  } finally {
    await browser.close()
  }
}

const data = await withPage(null, false)
const cold = { plain: [], prepare: [], prepared: [] }
for (let i = 0; i < COLD; i++) {
  // A fresh browser each: V8 would reuse compiled code within one.
  await withPage(async (step) => cold.plain.push(await step('ballot')))
  await withPage(async (step) => {
    cold.prepare.push(await step('prepare'))
    cold.prepared.push(await step('ballot'))
  })
}
const warm = await withPage(async (step) => {
  const agent = (await step('agent')).value
  await step('prepare')
  for (let i = 0; i < 3; i++) await step('ballot')
  const counts = (await step('count')).value
  const overhead = []
  const ballot = []
  const baseline = []
  const verify = []
  // Ballots and the baseline alternate, so a change in the machine's load hits both alike.
  for (let i = 0; i < RUNS; i++) {
    overhead.push(await step('nothing'))
    ballot.push(await step('ballot'))
    baseline.push(await step('baseline'))
    if (i < 5) verify.push(await step('verify'))
  }
  return { agent, counts, overhead, ballot, baseline, verify }
})

const f = (x) => x.toFixed(1).padStart(6)
const line = (label, xs) => {
  const w = stats(xs.map((x) => x.wall))
  const c = stats(xs.map((x) => x.cpu))
  console.log(
    `${label.padEnd(46)} wall median ${f(w.median)} p95 ${f(w.p95)} min ${f(w.min)} | CPU median ${f(c.median)} p95 ${f(c.p95)} ms  (n ${xs.length})`,
  )
  return { w, c }
}
console.log(`chromium: ${warm.agent}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`)
console.log(
  `ballot: ${CANDIDATES} candidates, ${SEATS} seats: ${warm.counts.slots} slots, ${warm.counts.constraints} constraints; ` +
    `bundle ${(bundle.length / 1024).toFixed(0)} KiB minified; CPU = the renderer main thread's time (CDP ThreadTime)`,
)
const c = line('first ballot in a fresh browser, no prepare()', cold.plain)
line('prepare() in a fresh browser', cold.prepare)
const p = line('first ballot after prepare()', cold.prepared)
const w = line(`ballot, warm`, warm.ballot)
console.log(`scalar multiplications per ballot: ${warm.counts.g} by g, ${warm.counts.pk} by pk (both with a window-6 table)`)
const b = line(`baseline: ${warm.counts.g + warm.counts.pk} bare noble multiplications`, warm.baseline)
line('verify one ballot (informational)', warm.verify)
line('an empty step (measurement overhead)', warm.overhead)
console.log(
  `ballot / baseline, warm medians: wall ${(w.w.median / b.w.median).toFixed(2)}, CPU ${(w.c.median / b.c.median).toFixed(2)}`,
)
const verdict = (x) => (x <= 300 ? 'met' : 'NOT met')
console.log(
  `target ≤ 300 ms per ballot (wall p95): warm ${verdict(w.w.p95)}; first after prepare() ${verdict(p.w.p95)}; first, no prepare() ${verdict(c.w.p95)}`,
)
