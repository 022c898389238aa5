// Every screen at every width: the demo with an NPC vote in progress (2,000 deputies checked in),
// then each role's screens at 360, 1024, 1440 and 1920 px wide, in Chinese and in English, each
// checked for:
//   - no horizontal overflow (the page is no wider than the window);
//   - the action of the moment in the window without scrolling (结束表决 on the console during a
//     vote, the vote keys on the member device);
//   - no native input, select or textarea outside an Element Plus component;
//   - no "null", "undefined", "NaN" or raw key (an i18n path like secretariat.tab, a field name
//     like closes_on) in the text (but in <code>, meant literally);
// and photographed (web/test-artifacts/screenshots/s-<screen>-<width>.<lang>.png). The big screen
// is also checked for its 16:9 stage holding all its content. Then the secretariat projects each
// kind of content on the big screen in turn (the sign-in by delegation, attendance, the vote, a
// message, a countdown) and clears it; each is checked the same way at 1920×1080, axe clean in
// both languages (p-<kind>.<lang>.png).
//
// Environment as in run.mjs (PLENUM_BIN, PLENUM_RULEBOOKS, CHROMIUM, E2E_DIST, E2E_KEEP,
// E2E_SEED_DB); E2E_WIDTHS="360,1440" checks only those widths (while developing).
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Api, CHROMIUM, DIST, PLENUM_BIN, PlenumServer, SHOTS, ART, browserKit, checkRadio, makeLog, requireFiles, runScenario, launchChromium, signIn } from './support.mjs'

const TIMEOUT = 45_000
const DEMO_PASSWORD = 'plenum-2024'
const HEIGHTS = { 360: 780, 1024: 768, 1440: 900, 1920: 1080 }
const WIDTHS = (process.env.E2E_WIDTHS ?? '360,1024,1440,1920').split(',').map(Number)
const log = makeLog('screens')

requireFiles('screens e2e', [
  ['plenum binary', PLENUM_BIN],
  ['the built web app (npm run build)', path.join(DIST, 'index.html')],
  ['chromium', CHROMIUM],
])
fs.mkdirSync(SHOTS, { recursive: true })
for (const f of fs.readdirSync(SHOTS)) if (/^[sp]-/.test(f)) fs.rmSync(path.join(SHOTS, f))

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-screens-e2e-'))
const BIN = path.join(tmp, 'plenum')
fs.copyFileSync(PLENUM_BIN, BIN)
fs.chmodSync(BIN, 0o755)
const DB = path.join(tmp, 'e2e.db')
const server = new PlenumServer({ bin: BIN, db: DB, dist: DIST, logFile: path.join(ART, 'server-screens.log') })
let browser = null
const { axeResults, pageErrors, newPage, toggleLanguage, axe } = browserKit({ browser: () => browser, log, timeout: TIMEOUT, viewport: { width: 1440, height: 900 } })

// An NPC sitting of the 2024 session, open, with 2,000 deputies present and a vote open.
async function voteInProgress(base) {
  const sec = new Api(base)
  await sec.login('npc-secretariat', DEMO_PASSWORD)
  const chair = new Api(base)
  await chair.login('npc-presiding', DEMO_PASSWORD)
  const { sitting_id } = await sec.act('assembly.schedule_sitting', {
    session_id: 1,
    kind: 'plenary',
    number: 20,
    title_zh: '第二十次全体会议（检查用）',
    starts_at: '2024-03-08T09:00+08:00',
  })
  await chair.act('assembly.open_sitting', { sitting_id })
  const members = (await sec.get('/api/v1/bodies/npc/members')).slice(0, 2000).map((m) => m.id)
  await sec.act('attendance.check_in_bulk', { sitting_id, member_ids: members })
  const { motion_id } = await chair.act('motions.submit', { session_id: 1, kind: 'draft_resolution', organ: 'presidium', title_zh: '关于政府工作报告的决议（草案）' })
  await chair.act('motions.place_on_agenda', { motion_id })
  await chair.act('voting.open', { motion_id, sitting_id })
  return sitting_id
}

// What is wrong with the page as it stands (an empty list: nothing).
async function faults(page, { action }) {
  const found = await page.evaluate(() => {
    const native = [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => !el.closest('[class^="el-"], [class*=" el-"]'))
      .map((el) => el.outerHTML.slice(0, 120))
    // Text in <code> is meant literally (a CSV file's column names).
    let text = document.body.innerText
    for (const c of document.querySelectorAll('code')) text = text.replace(c.innerText, '')
    // The big screen's 16:9 stage: everything it shows lies inside it.
    const stage = document.querySelector('[data-testid="stage"]')
    const outside = []
    if (stage) {
      const box = stage.getBoundingClientRect()
      for (const el of stage.querySelectorAll('*')) {
        const r = el.getBoundingClientRect()
        if (r.width && r.height && (r.bottom > box.bottom + 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.left < box.left - 1))
          outside.push(el.outerHTML.slice(0, 100))
      }
    }
    return { native, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, text, outside }
  })
  const out = []
  for (const o of found.outside) out.push(`outside the stage: ${o}`)
  if (found.scrollWidth > found.innerWidth) out.push(`overflows: ${found.scrollWidth} px wide in a ${found.innerWidth} px window`)
  for (const n of found.native) out.push(`native control: ${n}`)
  const raw = found.text.match(/\b(?:null|undefined|NaN)\b|\b[a-z]+[A-Z]?[a-z]*\.[a-z]+[A-Za-z]*(?:\.[A-Za-z]+)*\b|\b[a-z]+_[a-z_]+\b/g) ?? []
  for (const r of new Set(raw)) out.push(`raw text: "${r}"`)
  if (action) {
    const inView = await action(page).evaluate((el) => {
      const r = el.getBoundingClientRect()
      return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth
    })
    if (!inView) out.push(`the action of the moment (${action(page)}) is not in the window without scrolling`)
  }
  return out
}

const closeVote = (p) => p.getByRole('button', { name: '结束表决', exact: true }).first()
const votedCount = (p) => p.getByTestId('screen-voted')

const SCREENS = (sitting) => [
  { name: 'signin', path: '/signin', user: null, ready: (p) => p.getByLabel('账号').waitFor() },
  { name: 'results', path: '/results', user: null, ready: (p) => p.getByRole('heading').first().waitFor() },
  { name: 'member', path: '/member', user: 'npc-0001', ready: (p) => p.locator('.vote-key.for').waitFor(), action: (p) => p.locator('.vote-key.for') },
  { name: 'proposals', path: '/proposals', user: 'npc-0001', ready: (p) => p.getByTestId('new-draft').waitFor() },
  { name: 'unit', path: '/unit', user: 'cppcc-unit-2', ready: (p) => p.getByRole('tab').first().waitFor() },
  ...['review', 'stats', 'roster', 'members', 'desk', 'leave', 'screen', 'assembly'].map((tab) => ({
    name: `secretariat-${tab}`,
    path: `/secretariat?body=${tab === 'review' || tab === 'stats' ? 'cppcc' : 'npc'}&tab=${tab}`,
    user: tab === 'review' || tab === 'stats' ? 'cppcc-secretariat' : 'npc-secretariat',
    ready: (p) => p.locator('[role="tab"][aria-selected="true"]').waitFor(),
  })),
  { name: 'console', path: `/console?sitting=${sitting}`, user: 'npc-presiding', ready: (p) => closeVote(p).waitFor(), action: closeVote },
  // The screen account follows both bodies: it finds the NPC's open sitting by itself.
  { name: 'screen', path: '/screen', user: 'screen', ready: (p) => votedCount(p).waitFor(), action: votedCount },
]

async function checkScreen(base, screen, width) {
  const page = await newPage({ width, height: HEIGHTS[width] })
  if (screen.user) await signIn(page, base, screen.user, null, DEMO_PASSWORD)
  await page.goto(base + screen.path)
  await screen.ready(page)
  await page.waitForLoadState('networkidle')
  const found = []
  for (const [lang, html] of [['zh', 'zh-CN'], ['en', 'en']]) {
    if (lang === 'en') {
      await toggleLanguage(page, html)
      await page.waitForLoadState('networkidle')
    }
    // The phone header's menu (opened for the language key) is closed again, as a page is first seen.
    const menu = page.getByTestId('menu-toggle')
    if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'true') await menu.click()
    await page.waitForTimeout(200)
    found.push(...(await faults(page, { action: lang === 'zh' ? screen.action : undefined })).map((f) => `${lang}: ${f}`))
    await page.screenshot({ path: path.join(SHOTS, `s-${screen.name}-${width}.${lang}.png`) })
  }
  await page.context().close()
  return found
}

// The secretariat puts each kind of content on the big screen from its desk, then takes it down.
async function projections(base) {
  const desk = await newPage({ width: 1440, height: 900 })
  await signIn(desk, base, 'npc-secretariat', null, DEMO_PASSWORD)
  await desk.goto(`${base}/secretariat?body=npc&tab=screen`)
  await desk.getByTestId('screen-now').filter({ hasText: '跟随正在进行的会议' }).waitFor()
  const wall = await newPage({ width: 1920, height: 1080 })
  await signIn(wall, base, 'screen', null, DEMO_PASSWORD)
  await wall.goto(`${base}/screen`)
  await votedCount(wall).waitFor()
  const problems = []
  const steps = [
    { kind: '签到情况（按代表团）', name: 'sign_in', shown: (p) => p.getByTestId('screen-sign-in-total').filter({ hasText: '已签到 2000 / 2956' }) },
    { kind: '出席情况', name: 'attendance', shown: (p) => p.getByTestId('screen-attendance-present').filter({ hasText: /^2000$/ }) },
    { kind: '表决', name: 'poll', shown: votedCount },
    {
      kind: '通知',
      name: 'message',
      fill: async (p) => {
        await p.getByLabel('通知（中文）').fill('请各位代表在座位上就座，会议即将开始')
        await p.getByLabel('通知（英文，可不填）').fill('Deputies, please take your seats: the sitting is about to begin')
      },
      shown: (p) => p.getByTestId('screen-message').filter({ hasText: '请各位代表在座位上就座' }),
    },
    {
      kind: '倒计时',
      name: 'countdown',
      fill: async (p) => {
        await p.getByLabel('倒计时（分钟）').fill('15')
        await p.getByLabel('说明（中文，可不填），如“距复会”').fill('距复会')
        await p.getByLabel('说明（英文，可不填）').fill('Until the sitting resumes')
      },
      shown: (p) => p.getByTestId('screen-countdown-clock').filter({ hasText: /^1[45]:\d\d$/ }),
    },
  ]
  for (const step of steps) {
    await checkRadio(desk.getByRole('radio', { name: step.kind }))
    await step.fill?.(desk)
    await desk.getByTestId('screen-project').click()
    await desk.getByTestId('projection-said').filter({ hasText: step.kind }).waitFor()
    await desk.getByTestId('screen-now').filter({ hasText: step.kind }).waitFor()
    await step.shown(wall).waitFor()
    await wall.locator(`[data-testid="stage"][data-projection="${step.name}"]`).waitFor()
    for (const [lang, html] of [['zh', 'zh-CN'], ['en', 'en']]) {
      if (lang === 'en') await toggleLanguage(wall, html)
      await wall.waitForTimeout(200)
      problems.push(...(await faults(wall, {})).map((f) => `projected ${step.name}, ${lang}: ${f}`))
      await wall.screenshot({ path: path.join(SHOTS, `p-${step.name}.${lang}.png`) })
    }
    await toggleLanguage(wall, 'zh-CN')
    await axe(wall, `screen-projected-${step.name}`)
    log(`projected ${step.name}: on the big screen`)
  }
  await axe(desk, 'secretariat-screen')
  await desk.getByTestId('screen-clear').click()
  await desk.getByTestId('projection-said').filter({ hasText: '已撤下' }).waitFor()
  await wall.locator('[data-testid="stage"][data-projection="none"]').waitFor()
  await votedCount(wall).waitFor()
  log('cleared: the big screen follows the vote again')
  await desk.context().close()
  await wall.context().close()
  return problems
}

async function scenario(base) {
  const sitting = await voteInProgress(base)
  log('an NPC vote in progress at sitting', sitting, 'with 2,000 deputies present')
  browser = await launchChromium()
  const problems = []
  for (const width of WIDTHS)
    for (const screen of SCREENS(sitting)) {
      const found = await checkScreen(base, screen, width)
      log(`${screen.name} at ${width} px: ${found.length ? found.length + ' problem(s)' : 'fits'}`)
      problems.push(...found.map((f) => `${screen.name} at ${width} px, ${f}`))
    }
  problems.push(...(await projections(base)))
  assert.deepEqual(problems, [], 'the screens at every width')
  assert.deepEqual(pageErrors, [], 'uncaught errors in the pages')
}

await runScenario({
  name: 'screens e2e',
  log,
  bin: BIN,
  db: DB,
  server,
  tmp,
  browser: () => browser,
  axeResults,
  axeFile: 'axe-screens.json',
  shotPrefix: 'screens-',
  scenario,
})
