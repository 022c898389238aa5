// Web benchmark (issue 5): one big-screen page (the real Vue app in Debian's chromium, headless)
// and N simulated member devices (default 3,000), each with its own login session and its own
// WebSocket on the live channel, voting over HTTP; the presiding officer closes the poll. Measured:
//   close → result rendered  from sending voting.close to the big screen's DOM showing the
//                            result section of that poll (a MutationObserver in the page stamps
//                            Date.now(); same machine, same clock);
//   close → ack              voting.close's acknowledgement;
//   close → all sockets      the last of the N member sockets receiving voting.poll_closed;
//   vote burst               the N casts (ack latency p50/p99, wall time);
// and, once, the member vote screen's time to interactive on a 4× throttled CPU (CDP
// Emulation.setCPUThrottlingRate): from navigation to the three vote keys being enabled.
//
//   node bench/web/bigscreen.mjs [--members 3000] [--runs 3] [--plenum build/release/plenum]
//                                [--concurrency 200] [--rulebooks rulebooks] [--keep]
//
// Setup (not timed): a fresh database with the demo (for its admin account), a county congress of
// N members imported as a roster, a sitting opened, everyone checked in in bulk, a presiding and an
// observer account. The N member accounts and their login sessions are written straight into
// the accounts and login_sessions tables with sqlite3 while plenum is stopped (as
// bench/vote_burst.cpp does for sessions): N Argon2id hashes and verifications would take
// minutes and are not what is measured. Needs ulimit -n above 2N + 100 (the script says so).
// A benchmark, not a test: it checks that every vote was acknowledged, the totals are right and
// the screen shows them, and measures; it asserts no timing.
import { createRequire } from 'node:module'
import { spawn, execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const requireWeb = createRequire(path.join(ROOT, 'web/package.json'))
const requireWs = createRequire(path.join(ROOT, 'bench/ws-baseline/package.json'))
function load(req, name, hint) {
  try {
    return req(name)
  } catch {
    console.error(`bigscreen: ${name} is missing; ${hint}`)
    process.exit(2)
  }
}
const { chromium } = load(requireWeb, 'playwright-core', 'run `npm ci` in web/')
const WebSocket = load(requireWs, 'ws', 'run `npm ci` in bench/ws-baseline/')

const args = process.argv.slice(2)
function opt(name, dflt) {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : dflt
}
const N = Number(opt('members', 3000))
const RUNS = Number(opt('runs', 3))
const BIN = path.resolve(ROOT, opt('plenum', 'build/release/plenum'))
const CONCURRENCY = Number(opt('concurrency', 200))
const KEEP = args.includes('--keep')
const RULEBOOKS = path.resolve(ROOT, opt('rulebooks', 'rulebooks')) // the binary's own tree's
const DIST = path.join(ROOT, 'web/dist')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const PASSWORD = 'plenum-bench-2024'

const t0 = Date.now()
const log = (...a) => console.error(`[bigscreen ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s]`, ...a)
function die(msg) {
  console.error('bigscreen: ' + msg)
  process.exit(2)
}
for (const [what, p] of [['plenum', BIN], ['web/dist', path.join(DIST, 'index.html')], ['chromium', CHROMIUM]])
  if (!fs.existsSync(p)) die(`${what} not found at ${p}`)

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-bigscreen-'))
const DB = path.join(tmp, 'bench.db')
let server = null
let port = 0
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY + 8 })

async function freePort() {
  return await new Promise((resolve) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port
      s.close(() => resolve(p))
    })
  })
}

async function startServer() {
  if (!port) port = await freePort()
  server = spawn(BIN, ['--db', DB, '--rulebooks', RULEBOOKS, 'serve', '--port', String(port), '--static-dir', DIST], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise((resolve, reject) => {
    let out = ''
    server.once('exit', (c) => reject(new Error(`plenum exited ${c}: ${out}`)))
    server.stdout.on('data', (d) => {
      out += d
      if (/serving on/.test(out)) resolve()
    })
  })
  server.removeAllListeners('exit')
  return `http://127.0.0.1:${port}`
}

async function stopServer() {
  if (!server || server.exitCode !== null) return
  await new Promise((resolve) => {
    server.once('exit', resolve)
    server.kill('SIGTERM')
  })
}

// A tiny HTTP client on a keep-alive agent (fetch's pool is not tunable in Node 20).
function request(method, url, { cookie, csrf, body } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const headers = { Accept: 'application/json' }
    if (cookie) headers.Cookie = cookie
    if (data) {
      headers['Content-Type'] = 'application/json'
      headers['Content-Length'] = data.length
    }
    if (csrf) headers['X-CSRF-Token'] = csrf
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString()
        let json = null
        try {
          json = JSON.parse(text)
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode, json, headers: res.headers })
      })
    })
    req.on('error', reject)
    if (data) req.write(data)
    req.end()
  })
}

class Client {
  constructor(base, cookie = '', csrf = '') {
    Object.assign(this, { base, cookie, csrf })
  }
  async login(username, password) {
    const r = await request('POST', this.base + '/api/v1/auth/login', { body: { username, password } })
    if (r.status !== 200) die(`login ${username}: ${JSON.stringify(r.json)}`)
    this.cookie = r.headers['set-cookie'][0].split(';')[0]
    this.csrf = r.json.csrf_token
  }
  async get(p) {
    const r = await request('GET', this.base + p, { cookie: this.cookie })
    if (r.status !== 200) die(`GET ${p}: ${JSON.stringify(r.json)}`)
    return r.json
  }
  async act(action, a, { check = true } = {}) {
    const r = await request('POST', this.base + '/api/v1/actions', { cookie: this.cookie, csrf: this.csrf, body: { action, args: a } })
    if (check && r.status !== 200) die(`${action}: ${JSON.stringify(r.json)}`)
    return r
  }
}

function today() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) // Beijing
}
const seat = (i) => `B${String(i).padStart(5, '0')}`
const choiceOf = (i) => (i % 20 === 7 ? 'against' : i % 20 === 13 ? 'abstain' : 'for')
const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex')
const token = () => crypto.randomBytes(32).toString('hex')
function pct(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function setup() {
  log(`loading the demo (admin account) into ${DB}…`)
  execFileSync(BIN, ['--db', DB, '--rulebooks', RULEBOOKS, 'demo'], { stdio: ['ignore', 'ignore', 'inherit'] })
  let base = await startServer()
  const admin = new Client(base)
  await admin.login('admin', 'plenum-2024')
  const day = today()
  await admin.act('assembly.create_body', { id: 'wb', name_zh: '基准县人民代表大会', name_en: 'Benchmark County People’s Congress', rulebook: 'local-congress', level: 'county' })
  await admin.act('assembly.create_term', { body: 'wb', number: 1, name_zh: '第一届', starts_on: '2021-01-01' })
  const session = (await admin.act('assembly.create_session', { body: 'wb', term: 1, number: 1, name_zh: '第一届第一次会议', name_en: '1st session', short_name_zh: '一届一次会议', opens_on: day, closes_on: day })).json.result.session_id
  const csv = 'seat,card,name,unit\n' + Array.from({ length: N }, (_, k) => `${seat(k + 1)},K${k + 1},代表${k + 1},第${(k % 30) + 1}代表团`).join('\n') + '\n'
  await admin.act('assembly.import_roster', { body: 'wb', csv })
  const sitting = (await admin.act('assembly.schedule_sitting', { session_id: session, kind: 'plenary', number: 1, title_zh: '基准全体会议', starts_at: `${day}T09:00+08:00` })).json.result.sitting_id
  await admin.act('assembly.open_sitting', { sitting_id: sitting })
  await admin.act('accounts.create', { username: 'wb-chair', password: PASSWORD, display_name: '主持人', roles: [{ body: 'wb', role: 'presiding' }] })
  await admin.act('accounts.create', { username: 'wb-screen', password: PASSWORD, display_name: '大屏幕', roles: [{ body: 'wb', role: 'observer' }] })
  await admin.act('attendance.check_in_bulk', { sitting_id: sitting, seats: Array.from({ length: N }, (_, k) => seat(k + 1)) })
  const members = await admin.get('/api/v1/bodies/wb/members')
  await stopServer()

  // Member accounts and their login sessions, straight into the tables (see the header).
  log(`writing ${N} member accounts and sessions with sqlite3…`)
  const now = Date.now() * 1000
  const bySeat = new Map(members.map((m) => [m.seat, m.id]))
  const voters = []
  const sql = ['BEGIN;']
  for (let i = 1; i <= N; i++) {
    const username = `wb-m${String(i).padStart(5, '0')}`
    const t = token()
    const csrf = token()
    voters.push({ i, username, cookie: `plenum_session=${t}`, csrf, choice: choiceOf(i), key: token() })
    sql.push(`INSERT INTO accounts VALUES('${username}','-','代表${i}',${bySeat.get(seat(i))},0,0);`)
    sql.push(`INSERT INTO account_roles VALUES('${username}','wb','member');`)
    sql.push(`INSERT INTO login_sessions VALUES('${sha256(t)}','${username}','${csrf}',${now},${now + 24 * 3600 * 1e6});`)
  }
  sql.push('COMMIT;')
  execFileSync('sqlite3', [DB], { input: sql.join('\n') })
  base = await startServer()
  const chair = new Client(base)
  await chair.login('wb-chair', PASSWORD)
  return { base, admin: new Client(base, admin.cookie, admin.csrf), chair, session, sitting, voters }
}

async function connectSockets(base, voters, since) {
  const wsBase = base.replace('http', 'ws')
  let opened = 0
  await Promise.all(
    voters.map(
      (v) =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(`${wsBase}/api/v1/live?body=wb&since=${since}`, { headers: { Cookie: v.cookie } })
          v.ws = ws
          ws.on('open', () => {
            opened++
            resolve()
          })
          ws.on('error', reject)
          ws.on('message', (data) => {
            const m = JSON.parse(data)
            if (m.type === 'event' && m.event_type === 'voting.poll_closed' && v.waitClose && m.payload.poll_id === v.waitClose.poll) {
              v.waitClose.resolve(performance.now())
              v.waitClose = null
            }
          })
        }),
    ),
  )
  return opened
}

async function oneRun(ctx, page, run) {
  const { chair, sitting, session, voters } = ctx
  const title = `基准表决事项${run}`
  const motion = (await chair.act('motions.submit', { session_id: session, kind: 'draft_resolution', organ: 'presidium', title_zh: title })).json.result.motion_id
  await chair.act('motions.place_on_agenda', { motion_id: motion })
  const poll = (await chair.act('voting.open', { motion_id: motion, sitting_id: sitting })).json.result.poll_id
  await page.locator('.poll-open .motion', { hasText: title }).waitFor({ timeout: 60_000 })

  // The vote burst, CONCURRENCY casts in flight.
  const lat = []
  let next = 0
  const tv = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < voters.length) {
        const v = voters[next++]
        const s = performance.now()
        const r = await request('POST', ctx.base + '/api/v1/actions', {
          cookie: v.cookie,
          csrf: v.csrf,
          body: { action: 'voting.cast', args: { poll_id: poll, choice: v.choice, ballot_key: `${v.key.slice(0, 40)}${run}` } },
        })
        lat.push(performance.now() - s)
        if (r.status !== 200 || r.json.result.choice !== v.choice) die(`cast ${v.username}: ${r.status} ${JSON.stringify(r.json)}`)
      }
    }),
  )
  const burstMs = performance.now() - tv
  lat.sort((a, b) => a - b)
  await page.getByTestId('screen-voted').filter({ hasText: new RegExp(`^${voters.length}$`) }).waitFor({ timeout: 60_000 })

  // Close: stamp the screen's result in the page, and every member socket's poll_closed.
  await page.evaluate((t) => {
    window.__resultAt = null
    const check = () => {
      const r = document.querySelector('[data-testid="screen-result"] .motion')
      if (r && r.textContent.includes(t) && window.__resultAt === null) window.__resultAt = Date.now()
    }
    window.__obs?.disconnect()
    window.__obs = new MutationObserver(check)
    window.__obs.observe(document.body, { subtree: true, childList: true, characterData: true })
  }, title)
  const socketsDone = Promise.all(voters.map((v) => new Promise((resolve) => (v.waitClose = { poll, resolve }))))
  const closeWall = Date.now()
  const tc = performance.now()
  const closed = await chair.act('voting.close', { poll_id: poll })
  const ackMs = performance.now() - tc
  const lastSocket = Math.max(...(await socketsDone)) - tc
  await page.waitForFunction(() => window.__resultAt !== null, null, { timeout: 60_000, polling: 50 })
  const renderedMs = (await page.evaluate(() => window.__resultAt)) - closeWall

  const p = await ctx.admin.get(`/api/v1/polls/${poll}`)
  const want = { for: voters.filter((v) => v.choice === 'for').length, against: voters.filter((v) => v.choice === 'against').length, abstain: voters.filter((v) => v.choice === 'abstain').length }
  if (p.for !== want.for || p.against !== want.against || p.abstain !== want.abstain) die(`totals ${JSON.stringify(p)} != ${JSON.stringify(want)}`)
  const shown = (await page.locator('[data-testid="screen-result"] .totals').textContent()).replace(/\s+/g, '')
  if (!shown.includes(`赞成${want.for}`) || !shown.includes(`反对${want.against}`)) die(`the screen shows ${shown}`)
  const r = { run, renderedMs, ackMs, lastSocketMs: lastSocket, burstMs, p50: pct(lat, 50), p99: pct(lat, 99), adopted: closed.json.result.adopted }
  log(`run ${run}: close→rendered ${renderedMs} ms, close→ack ${ackMs.toFixed(1)} ms, close→last of ${voters.length} sockets ${lastSocket.toFixed(1)} ms; burst ${burstMs.toFixed(0)} ms (p50 ${r.p50.toFixed(1)}, p99 ${r.p99.toFixed(1)})`)
  return r
}

// The member vote screen's time to interactive on a throttled CPU.
async function memberTti(ctx, browser) {
  const { chair, session, sitting, voters } = ctx
  const motion = (await chair.act('motions.submit', { session_id: session, kind: 'draft_resolution', organ: 'presidium', title_zh: '基准：可交互时间' })).json.result.motion_id
  await chair.act('motions.place_on_agenda', { motion_id: motion })
  const poll = (await chair.act('voting.open', { motion_id: motion, sitting_id: sitting })).json.result.poll_id
  const out = []
  for (let k = 0; k < 3; k++) {
    const v = voters[k]
    const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, locale: 'zh-CN' })
    await context.addCookies([{ name: 'plenum_session', value: v.cookie.split('=')[1], url: ctx.base }])
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    const start = Date.now()
    await page.goto(ctx.base + '/member')
    await page.getByRole('button', { name: '赞成：投赞成票' }).and(page.locator(':enabled')).waitFor({ timeout: 120_000 })
    out.push(Date.now() - start)
    await context.close()
  }
  await chair.act('voting.close', { poll_id: poll })
  log(`member vote screen, 4× CPU throttling: ${out.join(', ')} ms`)
  return out
}

let browser
let failed = false
try {
  const ctx = await setup()
  const since = (await ctx.admin.get('/api/v1/bodies/wb/events?since=0&limit=10000')).at(-1).seq
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] })
  const screenCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
  const page = await screenCtx.newPage()
  await page.goto(ctx.base + '/signin')
  await page.getByLabel('账号').fill('wb-screen')
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/screen')
  await page.goto(`${ctx.base}/screen?sitting=${ctx.sitting}`)
  await page.getByText('实时更新中').waitFor({ timeout: 60_000 })
  log(`big screen live; connecting ${N} member sockets…`)
  const opened = await connectSockets(ctx.base, ctx.voters, since)
  log(`${opened} member sockets connected`)
  const runs = []
  for (let run = 1; run <= RUNS; run++) runs.push(await oneRun(ctx, page, run))
  const tti = await memberTti(ctx, browser)
  for (const v of ctx.voters) v.ws.close()
  const summary = {
    members: N,
    runs: RUNS,
    close_to_rendered_ms: runs.map((r) => r.renderedMs),
    close_to_rendered_median_ms: median(runs.map((r) => r.renderedMs)),
    close_ack_ms: runs.map((r) => +r.ackMs.toFixed(1)),
    close_to_last_socket_ms: runs.map((r) => +r.lastSocketMs.toFixed(1)),
    vote_burst_ms: runs.map((r) => +r.burstMs.toFixed(0)),
    cast_p50_ms: runs.map((r) => +r.p50.toFixed(1)),
    cast_p99_ms: runs.map((r) => +r.p99.toFixed(1)),
    member_tti_cpu4x_ms: tti,
  }
  console.log(JSON.stringify(summary, null, 2))
} catch (e) {
  failed = true
  console.error('bigscreen FAILED:', e?.stack ?? e)
} finally {
  await browser?.close().catch(() => undefined)
  await stopServer()
  agent.destroy()
  if (!KEEP) fs.rmSync(tmp, { recursive: true, force: true })
  else log('kept', tmp)
}
process.exit(failed ? 1 : 0)
