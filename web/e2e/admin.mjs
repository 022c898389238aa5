// End-to-end test of the secretariat's administration against a real plenum server on a fresh
// demo database.
//
// Through the API: an account for the NPC secretariat and a second admin account, a handling
// unit, and a deputy's suggestion registered and assigned to it. In Debian's chromium
// (playwright-core), on the secretariat desk's 届次与会议 tab: the NPC secretariat reads the
// body, its term and sessions with their sittings; creates 十四届全国人大三次会议 (2025-03-05 to
// 2025-03-11), after a first attempt with the dates the wrong way round that the server refuses
// (the message and the field at fault shown, the field focused); schedules its opening sitting
// in it; creates the 15th term. On the review tab, the assigned suggestion is selected as a key
// suggestion, its reply deadline is extended to six months after assignment (current and new due
// date shown) and a supervision visit is recorded; both appear in its record and in the API. The
// admin creates a county congress from the same tab. axe-core (WCAG 2.1 A/AA: no serious or
// critical violation) on each new screen in both languages; screenshots in zh and en to
// web/test-artifacts/screenshots/a*.png. The run's duration is logged.
//
// Environment: PLENUM_BIN (default build/test/plenum; copied first, so that a rebuild during the
// run does not matter), PLENUM_RULEBOOKS, CHROMIUM, E2E_DIST (default web/dist), E2E_KEEP=1 keeps
// the temporary directory, E2E_SEED_DB as in run.mjs (a database holding only the demo).
// What it shares with run.mjs and election.mjs is in support.mjs.
import { chromium } from 'playwright-core'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ART, Api, CHROMIUM, DIST, PASSWORD, PLENUM_BIN, PlenumServer, SHOTS, browserKit, runScenario, makeLog, requireFiles, signIn, textOf } from './support.mjs'

const TIMEOUT = 45_000 // the test build runs under AddressSanitizer: generous
const log = makeLog('admin')

requireFiles('admin e2e', [
  ['plenum binary', PLENUM_BIN],
  ['the built web app (npm run build)', path.join(DIST, 'index.html')],
  ['chromium', CHROMIUM],
])
fs.mkdirSync(SHOTS, { recursive: true })
for (const f of fs.readdirSync(SHOTS)) if (/^a\d\d-|^admin-failure/.test(f)) fs.rmSync(path.join(SHOTS, f))

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-admin-e2e-'))
const BIN = path.join(tmp, 'plenum')
fs.copyFileSync(PLENUM_BIN, BIN)
fs.chmodSync(BIN, 0o755)
const DB = path.join(tmp, 'e2e.db')

const server = new PlenumServer({ bin: BIN, db: DB, dist: DIST, logFile: path.join(ART, 'server-admin.log') })
let browser = null

// ---------------------------------------------------------------- setup (API)

const TITLE = '关于加强乡村学校师资建设的建议'

// "YYYY-MM-DD" plus n months, clamped to the month's last day (the server's add_months).
function addMonths(day, n) {
  const [y, m, d] = day.split('-').map(Number)
  const total = y * 12 + (m - 1) + n
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate()
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

async function setup(base) {
  const admin = new Api(base)
  await admin.login('admin', 'plenum-2024')
  await admin.act('accounts.create', { username: 'a-npc-secretariat', password: PASSWORD, display_name: '全国人大秘书处（测试）', roles: [{ body: 'npc', role: 'secretariat' }] })
  await admin.act('accounts.create', { username: 'a-admin', password: PASSWORD, display_name: '系统管理员（测试）', roles: [{ body: '*', role: 'admin' }] })
  const { unit_id } = await admin.act('proposals.add_handling_unit', { body: 'npc', name_zh: '教育部', name_en: 'Ministry of Education' })
  const sec = new Api(base)
  await sec.login('a-npc-secretariat', PASSWORD)
  const { proposal_id } = await sec.act('proposals.submit', {
    session_id: 1,
    title: TITLE,
    area: 'society',
    parts: { suggestions: '建立县域教师轮岗交流制度，提高乡村教师生活补助。' },
    member_ids: [1],
  })
  await sec.act('proposals.review', { proposal_id, outcome: 'register' })
  await sec.act('proposals.assign', { proposal_id, lead_unit_id: unit_id })
  const assigned = await sec.get(`/api/v1/proposals/${proposal_id}`)
  assert.equal(assigned.state, 'assigned')
  return { admin, sec, proposal_id, unit_id, lead: assigned.assignments.find((a) => a.role === 'lead') }
}

// ---------------------------------------------------------------- browser helpers

const { axeResults, pageErrors, newPage, toggleLanguage, shoot, axe } = browserKit({
  browser: () => browser,
  log,
  timeout: TIMEOUT,
  viewport: { width: 1280, height: 900 },
})

async function focusedId(page) {
  return await page.evaluate(() => document.activeElement?.id ?? '')
}

// ---------------------------------------------------------------- the scenario

// Terms, sessions and sittings of the NPC from its secretariat's desk.
async function assembly(base, api) {
  const page = await newPage()
  await signIn(page, base, 'a-npc-secretariat', '/console')
  await page.goto(base + '/secretariat?body=npc&tab=assembly')
  await page.getByRole('tab', { name: '届次与会议' }).and(page.locator('[aria-selected="true"]')).waitFor()
  await page.getByTestId('members-total').filter({ hasText: /^2956$/ }).waitFor()
  assert.match(await textOf(page.getByTestId('body-summary')), /全国人民代表大会.*全国人民代表大会.*未设定.*2956/)
  assert.equal(await textOf(page.locator('[data-term="14"]')), '第14届：第十四届全国人民代表大会（2023-03-05起）')
  const opening = page.locator('[data-sitting="1"]')
  assert.match(await textOf(opening), /开幕会（第一次全体会议）.*全体会议.*2024-03-05 09:00.*已结束/)
  log('the body, its term, the 2024 session and its sittings (states in words) are shown')
  await axe(page, 'secretariat-assembly')
  await shoot(page, 'a01-secretariat-assembly')

  // A session with its dates the wrong way round: the server refuses it, naming the date.
  await page.getByText('新建会议（次会议）').click()
  assert.equal(await page.getByLabel('会议全称（中文）').inputValue(), '第十四届全国人民代表大会第三次会议')
  assert.equal(await page.getByLabel('第几次会议').inputValue(), '3')
  await page.getByLabel('会议全称（英文）').fill('Third Session of the 14th National People’s Congress')
  await page.getByLabel('简称').fill('十四届全国人大三次会议')
  await page.getByLabel('开幕日期').fill('2025-03-11')
  await page.getByLabel('闭幕日期').fill('2025-03-05')
  await page.getByRole('button', { name: '创建会议' }).click()
  await page.locator('.session-form [role="alert"]').filter({ hasText: '闭幕日期早于开幕日期' }).waitFor()
  assert.equal(await textOf(page.locator('.session-form [data-testid="field-at-fault"]')), '需要更正：闭幕日期')
  assert.equal(await page.getByLabel('闭幕日期').getAttribute('aria-invalid'), 'true')
  assert.equal(await focusedId(page), 'session-closes-on')
  assert.equal((await api.get('/api/v1/bodies/npc/sessions')).length, 1, 'nothing created')
  log('the session with closes_on before opens_on is refused: 闭幕日期早于开幕日期, the date marked and focused')
  await axe(page, 'secretariat-session-refused')
  await shoot(page, 'a02-secretariat-session-refused')

  await page.getByLabel('开幕日期').fill('2025-03-05')
  await page.getByLabel('闭幕日期').fill('2025-03-11')
  await page.getByRole('button', { name: '创建会议' }).click()
  await page.getByTestId('admin-said').filter({ hasText: '已创建会议：第十四届全国人民代表大会第三次会议' }).waitFor()
  const sessions = await api.get('/api/v1/bodies/npc/sessions')
  const third = sessions.find((s) => s.number === 3)
  assert.deepEqual([third.term, third.short_name_zh, third.opens_on, third.closes_on], [14, '十四届全国人大三次会议', '2025-03-05', '2025-03-11'])
  assert.equal(await focusedId(page), `session-${third.id}`)
  assert.match(await textOf(page.locator(`[data-session="${third.id}"]`)), /尚未安排会议/)
  log('十四届全国人大三次会议 created (session', third.id + '); it takes the focus')

  // Its opening sitting, from the same form as the console's.
  await page.getByText('安排会议（场次）').click()
  await page.locator('#sched-session').selectOption(String(third.id))
  await page.getByLabel('日期', { exact: true }).fill('2025-03-05')
  await page.getByLabel('开始时间').fill('09:00')
  await page.getByLabel('会议名称（中文）').fill('开幕会（第一次全体会议）')
  await page.getByLabel(/^会议名称（英文）/).fill('Opening meeting (1st plenary sitting)')
  await page.getByRole('button', { name: '安排会议', exact: true }).click()
  await page.getByTestId('admin-said').filter({ hasText: '已安排会议：开幕会（第一次全体会议）' }).waitFor()
  const [sitting] = await api.get(`/api/v1/sessions/${third.id}/sittings`)
  assert.deepEqual([sitting.kind, sitting.number, sitting.title_zh, sitting.state, sitting.starts_at.slice(0, 10)], ['plenary', 1, '开幕会（第一次全体会议）', 'scheduled', '2025-03-05'])
  assert.match(await textOf(page.locator(`[data-sitting="${sitting.id}"]`)), /开幕会（第一次全体会议）.*全体会议.*2025-03-05 09:00.*未开始/)
  assert.equal(await focusedId(page), `sitting-${sitting.id}`)
  log('its opening sitting scheduled (sitting', sitting.id + '), listed as 未开始 and focused')
  await axe(page, 'secretariat-sitting-scheduled')
  await shoot(page, 'a03-secretariat-sitting-scheduled')

  // The next term.
  await page.getByText('新建届次').click()
  assert.equal(await page.getByLabel('届的名称').inputValue(), '第十五届全国人民代表大会')
  await page.getByLabel('起始日期').fill('2028-03-05')
  await page.getByRole('button', { name: '创建届次' }).click()
  await page.getByTestId('admin-said').filter({ hasText: '已创建届次：第十五届全国人民代表大会' }).waitFor()
  assert.equal(await focusedId(page), 'term-15')
  assert.deepEqual((await api.get('/api/v1/bodies/npc')).terms.map((t) => t.number).sort(), [14, 15])
  log('the 15th term created')
  await page.context().close()
}

// Key selection, a deadline extension and a supervision visit on the assigned suggestion.
async function supervision(base, { sec, proposal_id, lead }) {
  const page = await newPage()
  await signIn(page, base, 'a-npc-secretariat', '/console')
  await page.goto(base + '/secretariat?body=npc&tab=review')
  await page.getByLabel('状态').selectOption('assigned')
  await page.getByRole('button', { name: `审查“${TITLE}”` }).click()
  const panel = page.getByTestId('supervision')
  await panel.waitFor()
  assert.equal(await textOf(panel.getByTestId('current-due')), `教育部（主办，交办于 ${lead.assigned_on}）：${lead.due_on}`)
  assert.equal(lead.due_on, addMonths(lead.assigned_on, 3))
  await panel.getByText('尚无督办记录或延期。').waitFor()

  await page.getByRole('button', { name: '列为重点提案' }).click()
  await page.getByTestId('review-said').filter({ hasText: '已列为重点提案。' }).waitFor()

  const due = addMonths(lead.assigned_on, 6)
  await panel.getByLabel('延长至交办后').selectOption('6')
  assert.equal(await textOf(panel.getByTestId('new-due')), `新的答复期限：${due}`)
  await panel.getByRole('button', { name: '延长期限' }).click()
  await page.getByTestId('review-said').filter({ hasText: `答复期限已延长至 ${due}。` }).waitFor()
  // The record keeps the extension with its day and who made it (the server's record, not a guess).
  await panel.locator('[data-extension]').filter({ hasText: `答复期限延长至交办后 6 个月，即 ${due}（经办：a-npc-secretariat）` }).waitFor()
  assert.match(await textOf(panel.getByTestId('current-due')), new RegExp(`：${due}$`))
  log('reply deadline extended from', lead.due_on, 'to', due)

  const on = await panel.getByLabel('日期', { exact: true }).inputValue() // today, in Beijing
  await panel.getByLabel('督办方式').selectOption('visit')
  await panel.getByLabel('督办情况').fill('走访教育部，了解乡村教师轮岗交流制度的制定进度。')
  await panel.getByRole('button', { name: '记录督办' }).click()
  await page.getByTestId('review-said').filter({ hasText: `督办活动已记录：走访（${on}）。` }).waitFor()
  await panel.locator('[data-supervision]').filter({ hasText: '走访教育部' }).waitFor()
  assert.match(await textOf(panel.locator('[data-supervision]')), new RegExp(`${on} · 走访 · 记录人：a-npc-secretariat`))

  const p = await sec.get(`/api/v1/proposals/${proposal_id}`)
  assert.equal(p.key, true)
  assert.equal(p.assignments.find((a) => a.role === 'lead').due_on, due)
  assert.deepEqual(p.supervision.map((s) => [s.kind, s.on, s.by]), [['visit', on, 'a-npc-secretariat']])
  log('a supervision visit recorded on', on, '; the record shows it and the extension')
  await axe(page, 'secretariat-supervision')
  await shoot(page, 'a04-secretariat-supervision')
  await page.context().close()
}

// The admin creates a county congress from the same tab.
async function newBody(base, api) {
  const page = await newPage()
  await signIn(page, base, 'a-admin', '/console')
  await page.goto(base + '/secretariat?body=npc&tab=assembly')
  await page.getByTestId('members-total').filter({ hasText: /^2956$/ }).waitFor()
  await page.getByText('新建机构（管理员）').click()
  await page.getByLabel('机构标识').fill('a-county')
  await page.getByLabel('机构名称（中文）').fill('示范县人民代表大会')
  await page.getByLabel('机构名称（英文）').fill('Example County People’s Congress')
  await page.getByLabel('议事规则').selectOption('local-congress')
  await page.getByLabel(/^层级/).selectOption('county')
  await page.getByRole('button', { name: '创建机构' }).click()
  await page.getByTestId('body-said').filter({ hasText: '已创建机构：示范县人民代表大会' }).waitFor()
  await page.getByTestId('members-total').filter({ hasText: /^0$/ }).waitFor()
  assert.equal(await page.locator('#desk-body').inputValue(), 'a-county')
  assert.match(await textOf(page.getByTestId('body-summary')), /示范县人民代表大会.*县级以上地方各级人民代表大会.*县级/)
  assert.equal(await focusedId(page), 'assembly-body-title')
  const body = await api.get('/api/v1/bodies/a-county')
  assert.deepEqual([body.rulebook, body.level], ['local-congress', 'county'])
  log('the admin created a county congress; the tab shows it')
  await axe(page, 'admin-body-created')
  await shoot(page, 'a05-admin-body-created')
  await page.context().close()
}

async function scenario(base) {
  log('setting up accounts, a handling unit and an assigned suggestion through the API…')
  const ctx = await setup(base)
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  })
  await assembly(base, ctx.sec)
  await supervision(base, ctx)
  await newBody(base, ctx.admin)
  assert.deepEqual(pageErrors, [], 'uncaught errors in the pages')
}

// ---------------------------------------------------------------- main

await runScenario({
  name: 'admin e2e',
  log,
  bin: BIN,
  db: DB,
  server,
  tmp,
  browser: () => browser,
  axeResults,
  axeFile: 'axe-admin.json',
  shotPrefix: 'admin-',
  scenario,
})
