// What the end-to-end tests (run.mjs, election.mjs, admin.mjs) share: where things are, a timed
// log, the check that their inputs exist, a plenum server on a free port, the demo in a fresh
// database, a small API client for the setup, today's date, signing in and reading text in the
// browser, and the browser helpers (pages, language switch, screenshots, axe-core).
//
// Environment: PLENUM_BIN (default build/test/plenum), PLENUM_RULEBOOKS (default rulebooks/),
// CHROMIUM (default /usr/bin/chromium), E2E_SEED_DB (see loadDemo).
import { AxeBuilder } from '@axe-core/playwright'
import { chromium } from 'playwright-core'
import { spawn, execFileSync } from 'node:child_process'
import net from 'node:net'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** web/ and the repository root. */
export const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const ROOT = path.resolve(WEB, '..')
/** The plenum binary as given (a script may copy it before use). */
export const PLENUM_BIN = process.env.PLENUM_BIN ?? path.join(ROOT, 'build/test/plenum')
export const RULEBOOKS = process.env.PLENUM_RULEBOOKS ?? path.join(ROOT, 'rulebooks')
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
/** The built web app (E2E_DIST: another build, e.g. one made with `vite build --outDir`). */
export const DIST = process.env.E2E_DIST ?? path.join(WEB, 'dist')
/** Logs, axe-core results and screenshots. */
export const ART = path.join(WEB, 'test-artifacts')
export const SHOTS = path.join(ART, 'screenshots')
/** The password of every account the tests create. */
export const PASSWORD = 'plenum-e2e-2024'
/** plenum's environment: the test build runs under AddressSanitizer; leaks are not the point. */
export const SERVER_ENV = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=1' }

/** A console.log that prefixes `[tag seconds-since-this-call]`. */
export function makeLog(tag) {
  const started = Date.now()
  return (...args) => console.log(`[${tag} ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s]`, ...args)
}

/** Exits with status 2 and `prefix: what not found at path` unless every [what, path] exists. */
export function requireFiles(prefix, files) {
  for (const [what, p] of files) {
    if (!fs.existsSync(p)) {
      console.error(`${prefix}: ${what} not found at ${p}`)
      process.exit(2)
    }
  }
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export async function freePort() {
  return await new Promise((resolve, reject) => {
    const s = net.createServer()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port
      s.close(() => resolve(p))
    })
  })
}

/**
 * Puts the demo (for its admin account) into the database `db`: `plenum demo`, or, with
 * E2E_SEED_DB (a development shortcut), a copy of a database that holds only the freshly loaded
 * demo (with its -wal and -shm files).
 */
export function loadDemo({ bin, db, log }) {
  if (process.env.E2E_SEED_DB) {
    for (const suffix of ['', '-wal', '-shm'])
      if (fs.existsSync(process.env.E2E_SEED_DB + suffix)) fs.copyFileSync(process.env.E2E_SEED_DB + suffix, db + suffix)
  } else {
    log('loading the demo into a fresh database (for its admin account)…')
    execFileSync(bin, ['--db', db, '--rulebooks', RULEBOOKS, 'demo'], { env: SERVER_ENV, stdio: ['ignore', 'ignore', 'inherit'] })
  }
}

/**
 * `plenum serve` on `db`, serving `dist`. start() picks a free port the first time and reuses it
 * after a stop() (so that open pages reconnect to the restarted server); it resolves to the base
 * address once plenum prints "serving on http://…", and rejects if plenum exits first or is not
 * serving within 60 s. plenum's stdout and stderr go to `logFile` (appended to with `append`,
 * else overwritten at each start). stop() sends SIGTERM, then SIGKILL after 10 s.
 */
export class PlenumServer {
  constructor({ bin, db, dist, logFile, append = false }) {
    this.bin = bin
    this.db = db
    this.dist = dist
    this.logFile = logFile
    this.append = append
    this.process = null
    this.port = 0
  }

  async start() {
    if (!this.port) this.port = await freePort()
    const server = spawn(this.bin, ['--db', this.db, '--rulebooks', RULEBOOKS, 'serve', '--port', String(this.port), '--static-dir', this.dist], {
      env: SERVER_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.process = server
    const serverLog = fs.createWriteStream(this.logFile, { flags: this.append ? 'a' : 'w' })
    server.stderr.pipe(serverLog)
    return await new Promise((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error('plenum did not start in 60 s: ' + out)), 60_000)
      server.once('exit', (code) => reject(new Error(`plenum exited with ${code}: ${out}`)))
      server.stdout.on('data', (chunk) => {
        out += chunk
        serverLog.write(chunk)
        const m = /serving on (http:\/\/[^/\s]+)\//.exec(out)
        if (m) {
          clearTimeout(timer)
          resolve(m[1])
        }
      })
    })
  }

  async stop() {
    const s = this.process
    if (!s || s.exitCode !== null) return
    await new Promise((resolve) => {
      const t = setTimeout(() => s.kill('SIGKILL'), 10_000)
      s.removeAllListeners('exit')
      s.on('exit', () => {
        clearTimeout(t)
        resolve()
      })
      s.kill('SIGTERM')
    })
  }
}

/**
 * A signed-in client of plenum's API, for the setup: login() keeps the session cookie and the
 * CSRF token; get() and act() send them. Each asserts status 200 and returns the body (act():
 * its `result`).
 */
export class Api {
  constructor(base) {
    this.base = base
    this.cookie = ''
    this.csrf = ''
  }
  async login(username, password) {
    const r = await fetch(this.base + '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
    const body = await r.json()
    assert.equal(r.status, 200, `login ${username}: ${JSON.stringify(body)}`)
    this.cookie = r.headers.get('set-cookie').split(';')[0]
    this.csrf = body.csrf_token
    return body
  }
  async get(p) {
    const r = await fetch(this.base + p, { headers: { Cookie: this.cookie } })
    const body = await r.json()
    assert.equal(r.status, 200, `GET ${p}: ${JSON.stringify(body)}`)
    return body
  }
  // Posts an action; its status and answer.
  async post(action, args) {
    const r = await fetch(this.base + '/api/v1/actions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: this.cookie, 'X-CSRF-Token': this.csrf },
      body: JSON.stringify({ action, args }),
    })
    return { status: r.status, body: await r.json() }
  }
  async act(action, args) {
    const { status, body } = await this.post(action, args)
    assert.equal(status, 200, `${action}: ${JSON.stringify(body)}`)
    return body.result
  }
  // An action the server must refuse with `status`: returns its error.
  async refused(action, args, status) {
    const r = await this.post(action, args)
    assert.equal(r.status, status, `${action}: ${JSON.stringify(r.body)}`)
    return r.body.error
  }
}

/** Today's date in local time, YYYY-MM-DD. */
export function today() {
  const d = new Date()
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

// ---------------------------------------------------------------- in the browser

/** Debian's chromium, headless. --disable-dev-shm-usage: containers often give /dev/shm 64 MB, too little for eleven pages. */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  })
}

/**
 * Signs `username` in on the sign-in page and waits for `landing` (a path; null: any page but
 * the sign-in page). `password`: PASSWORD unless given (the demo's accounts have their own).
 */
export async function signIn(page, base, username, landing, password = PASSWORD) {
  await page.goto(base + '/signin')
  await page.getByLabel('账号').fill(username)
  await page.getByLabel('密码', { exact: true }).fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.waitForURL((u) => (landing === null ? u.pathname !== '/signin' : u.pathname === landing))
}

/**
 * Chooses the option whose text is `option` (a string: exact; or a RegExp) in the Element Plus
 * select `select` (a locator of its input, e.g. by its label), and waits until its list is closed.
 */
export async function choose(page, select, option, { multiple = false } = {}) {
  // The input lies under the select's shown value: the click goes to the wrapper, as a person's does.
  await select.locator('xpath=ancestor::div[contains(@class, "el-select__wrapper")][1]').click()
  const items = page.locator('.el-select-dropdown__item:visible')
  const item = typeof option === 'string' ? items.filter({ has: page.getByText(option, { exact: true }) }) : items.filter({ hasText: option })
  await item.first().click()
  // A multiple select stays open for the next choice: Escape closes it.
  if (multiple) await page.keyboard.press('Escape')
  await page.locator('.el-select-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 5000 })
}

/**
 * Checks the Element Plus radio `radio` (a locator of its input, e.g. by role and name) by a click
 * on its label, as a person does (the input itself lies under the drawn circle).
 */
export async function checkRadio(radio) {
  await radio.locator('xpath=ancestor::label[1]').click()
  assert.ok(await radio.isChecked(), 'the radio is checked')
}

/**
 * Types `day` ("YYYY-MM-DD") into the Element Plus date picker `picker` (a locator of its input)
 * and confirms it with Enter, as a person typing the date does.
 */
export async function fillDate(page, picker, day) {
  await picker.click()
  await picker.fill(day)
  await picker.press('Enter')
  await page.locator('.el-picker-panel:visible').first().waitFor({ state: 'hidden', timeout: 5000 })
}

/** The text of `locator`, its white space collapsed. */
export async function textOf(locator) {
  return (await locator.textContent())?.replace(/\s+/g, ' ').trim()
}

/**
 * The browser helpers of one script: `browser()` returns its launched chromium, `log` its log.
 * Pages record their uncaught errors in `pageErrors`; screenshots are taken in Chinese and
 * English; axe-core checks WCAG 2.1 A and AA in both languages and fails on any serious or
 * critical violation, keeping every violation in `axeResults` for the artifacts.
 */
export function browserKit({ browser, log, timeout, viewport }) {
  const axeResults = {}
  const pageErrors = []

  async function newPage(size = viewport) {
    // Reduced motion: the app then fades nothing, so axe and screenshots never catch a half-drawn state.
    const context = await browser().newContext({ viewport: size, locale: 'zh-CN', reducedMotion: 'reduce' })
    const page = await context.newPage()
    page.setDefaultTimeout(timeout)
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`))
    return page
  }

  // The header's language key (a modal must be closed first: it makes the rest of the page inert);
  // on a phone it is in the header's menu, opened first.
  async function toggleLanguage(page, to) {
    const key = page.getByTestId('lang-toggle')
    if (!(await key.isVisible()) && (await page.getByTestId('menu-toggle').isVisible())) await page.getByTestId('menu-toggle').click()
    // The big screen's controls are off the image until the pointer comes near: reach its key by
    // the keyboard, so that a screenshot after the switch shows the image alone.
    if (await page.getByTestId('screen-controls').count()) {
      await key.focus()
      await page.keyboard.press('Enter')
    } else {
      await key.click()
    }
    await page.locator(`html[lang="${to}"]`).waitFor()
  }

  // Screenshot in Chinese, switch the page to English, screenshot, switch back.
  async function shoot(page, name, { fullPage = true } = {}) {
    await page.waitForTimeout(150) // let transitions settle
    await page.screenshot({ path: path.join(SHOTS, `${name}.zh.png`), fullPage })
    await toggleLanguage(page, 'en')
    await page.waitForTimeout(150)
    await page.screenshot({ path: path.join(SHOTS, `${name}.en.png`), fullPage })
    await toggleLanguage(page, 'zh-CN')
  }

  // One axe-core pass; the serious and critical violations, described.
  async function check(page, name, lang) {
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    axeResults[`${name}.${lang}`] = r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }))
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${lang}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)
  }

  function verdict(name, found) {
    log(`axe ${name}: ${found.length ? found.length + ' serious/critical' : 'no serious or critical violations'}`)
    assert.deepEqual(found, [], `axe-core on ${name}`)
  }

  async function axe(page, name) {
    const found = await check(page, name, 'zh')
    await toggleLanguage(page, 'en')
    found.push(...(await check(page, name, 'en')))
    await toggleLanguage(page, 'zh-CN')
    verdict(name, found)
  }

  // axe-core and screenshots, zh and en, of a state shown in a modal (a dialog or a message box)
  // that `show` brings up and `hide` takes away: the language is switched between the two.
  async function checkModal(page, name, show, hide) {
    const found = []
    for (const [lang, html] of [['zh', 'zh-CN'], ['en', 'en']]) {
      if (lang === 'en') await toggleLanguage(page, html)
      await show()
      await page.waitForTimeout(200)
      found.push(...(await check(page, name, lang)))
      await page.screenshot({ path: path.join(SHOTS, `${name}.${lang}.png`) })
      await hide()
    }
    await toggleLanguage(page, 'zh-CN')
    verdict(name, found)
  }

  // Element Plus's confirmation box: confirm (确定) and wait until it is gone.
  async function confirmDialog(page) {
    const box = page.locator('.el-message-box')
    await box.waitFor()
    await box.getByRole('button', { name: '确定' }).click()
    await box.waitFor({ state: 'hidden' })
  }

  return { axeResults, pageErrors, newPage, toggleLanguage, shoot, axe, checkModal, confirmDialog }
}

/**
 * A script's whole run: the demo loaded into its fresh database, plenum started, the scenario;
 * then always the axe results written (ART/axeFile), the browser closed, plenum stopped and the
 * temporary directory removed (E2E_KEEP=1 keeps it). On failure every open page is photographed
 * (SHOTS/<shotPrefix>failure-i-j.png). Exits the process with 0 or 1.
 */
export async function runScenario({ name, log, bin, db, server, tmp, browser, axeResults, axeFile, shotPrefix, scenario }) {
  const started = Date.now()
  let failed = false
  try {
    loadDemo({ bin, db, log })
    const base = await server.start()
    log('plenum serving at', base)
    await scenario(base)
  } catch (e) {
    failed = true
    console.error(`${name} FAILED:`, e?.stack ?? e)
    for (const [i, ctx] of (browser()?.contexts() ?? []).entries())
      for (const [j, p] of ctx.pages().entries())
        await p.screenshot({ path: path.join(SHOTS, `${shotPrefix}failure-${i}-${j}.png`), fullPage: true }).catch(() => undefined)
  } finally {
    fs.writeFileSync(path.join(ART, axeFile), JSON.stringify(axeResults, null, 2))
    await browser()?.close().catch(() => undefined)
    await server.stop()
    if (!process.env.E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true })
    else log('kept', tmp)
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  log(failed ? `FAILED after ${seconds} s` : `passed in ${seconds} s; screenshots in ${path.relative(ROOT, SHOTS)}`)
  process.exit(failed ? 1 : 0)
}
