// End-to-end test of the web app against a real plenum server on a fresh database.
//
// It loads the demo (for its admin account), creates a small county congress through the API
// (body, term, session, a 12-deputy roster, accounts, a sitting, a motion), then drives
// Debian's chromium with playwright-core: the presiding officer opens the sitting, ten deputies
// check in from separate browser contexts, the console shows the quorum met, the motion goes on
// the agenda and to the vote, the deputies vote (one changes their vote), the vote is closed and
// the big screen shows the result; the public page shows it without signing in. axe-core checks
// every screen (no serious or critical violations allowed); screenshots of every screen in zh
// and en go to web/test-artifacts/.
//
// Environment: PLENUM_BIN (default build/test/plenum), PLENUM_RULEBOOKS (default rulebooks/),
// CHROMIUM (default /usr/bin/chromium), E2E_KEEP=1 keeps the temporary database, E2E_SEED_DB
// starts from a copy of a database holding only the demo (saves loading it while developing).
// What it shares with election.mjs (paths, the server, the API client…) is in support.mjs.
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ART, Api, CHROMIUM, DIST, PASSWORD, PLENUM_BIN, PlenumServer, ROOT, SHOTS, loadDemo, makeLog, requireFiles, signIn, textOf, today } from './support.mjs'

const BIN = PLENUM_BIN
const TIMEOUT = 45_000 // the test build runs under AddressSanitizer: generous

const log = makeLog('e2e')

requireFiles('e2e', [
  ['plenum binary', BIN],
  ['web/dist (npm run build)', path.join(DIST, 'index.html')],
  ['chromium', CHROMIUM],
])
fs.rmSync(SHOTS, { recursive: true, force: true })
fs.mkdirSync(SHOTS, { recursive: true })

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-e2e-'))
const DB = path.join(tmp, 'e2e.db')

// ---------------------------------------------------------------- server

// Restarted mid-test on the same port, so that the pages reconnect to it; its log is appended to.
const server = new PlenumServer({ bin: BIN, db: DB, dist: DIST, logFile: path.join(ART, 'server.log'), append: true })
let browser = null

// ---------------------------------------------------------------- setup (API)

const NAMES = ['王建国', '李秀英', '张伟', '刘芳', '陈志强', '杨丽', '赵磊', '黄敏', '周杰', '吴静', '徐明', '孙燕']

// The body, its term and session, and the secretariat's account; the roster is imported from
// the secretariat's desk in the browser (importRosterInUi), the rest follows (createAccounts).
async function createBody(base) {
  const admin = new Api(base)
  await admin.login('admin', 'plenum-2024')
  const day = today()
  await admin.act('assembly.create_body', {
    id: 'e2e',
    name_zh: '示范县人民代表大会',
    name_en: 'Example County People’s Congress',
    rulebook: 'local-congress',
    level: 'county',
  })
  await admin.act('assembly.create_term', { body: 'e2e', number: 18, name_zh: '示范县第十八届人民代表大会', starts_on: '2021-10-01' })
  const { session_id } = await admin.act('assembly.create_session', {
    body: 'e2e',
    term: 18,
    number: 5,
    name_zh: '示范县第十八届人民代表大会第五次会议',
    name_en: 'Fifth Session of the 18th Example County People’s Congress',
    short_name_zh: '县十八届人大五次会议',
    opens_on: day,
    closes_on: day,
  })
  await admin.act('accounts.create', {
    username: 'e2e-secretariat',
    password: PASSWORD,
    display_name: '大会秘书处',
    roles: [{ body: 'e2e', role: 'secretariat' }],
  })
  return { admin, session_id }
}

function rosterCsv({ broken = false } = {}) {
  return (
    'seat,card,name,unit\n' +
    NAMES.map((n, i) => {
      const card = broken && (i === 2 || i === 7) ? '' : `C18-${String(i + 1).padStart(4, '0')}`
      return `E${String(i + 1).padStart(3, '0')},${card},${n},${i < 6 ? '城关镇代表团' : '东乡代表团'}`
    }).join('\n') +
    '\n'
  )
}

async function createAccounts(admin) {
  const members = await admin.get('/api/v1/bodies/e2e/members')
  assert.equal(members.length, 12)
  const bySeat = new Map(members.map((m) => [m.seat, m]))
  const deputies = []
  for (let i = 1; i <= 10; i++) {
    const m = bySeat.get(`E${String(i).padStart(3, '0')}`)
    const username = `e2e-m${String(i).padStart(2, '0')}`
    await admin.act('accounts.create', {
      username,
      password: PASSWORD,
      display_name: m.name,
      member_id: m.id,
      roles: [{ body: 'e2e', role: 'member' }],
    })
    deputies.push({ username, member: m })
  }
  await admin.act('accounts.create', {
    username: 'e2e-presiding',
    password: PASSWORD,
    display_name: '大会主持人',
    roles: [{ body: 'e2e', role: 'presiding' }],
  })
  await admin.act('accounts.create', {
    username: 'e2e-screen',
    password: PASSWORD,
    display_name: '会场大屏幕',
    roles: [{ body: 'e2e', role: 'observer' }],
  })
  // Two handling units for the county's suggestions, the first with an account of its own.
  const units = []
  for (const [zh, en] of [['县教育局', 'County Education Bureau'], ['县财政局', 'County Finance Bureau']]) {
    const { unit_id } = await admin.act('proposals.add_handling_unit', { body: 'e2e', name_zh: zh, name_en: en })
    units.push({ unit_id, name_zh: zh })
  }
  await admin.act('accounts.create', { username: 'e2e-unit-1', password: PASSWORD, display_name: '县教育局' })
  await admin.act('proposals.link_account', { unit_id: units[0].unit_id, username: 'e2e-unit-1' })
  return { deputies, units, bySeat }
}

// ---------------------------------------------------------------- browser helpers

const axeResults = {}
const pageErrors = []

async function newPage(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' })
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT)
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`))
  page.sockets = [] // the live channel's WebSocket addresses, in order
  page.on('websocket', (ws) => page.sockets.push(ws.url()))
  return page
}

// Screenshot in Chinese, switch the page to English, screenshot, switch back.
async function shoot(page, name, { fullPage = true } = {}) {
  await page.waitForTimeout(150) // let transitions settle
  await page.screenshot({ path: path.join(SHOTS, `${name}.zh.png`), fullPage })
  await page.getByTestId('lang-toggle').click()
  await page.locator('html[lang="en"]').waitFor()
  await page.waitForTimeout(150)
  await page.screenshot({ path: path.join(SHOTS, `${name}.en.png`), fullPage })
  await page.getByTestId('lang-toggle').click()
  await page.locator('html[lang="zh-CN"]').waitFor()
}

// axe-core, WCAG 2.1 A and AA: no serious or critical violation, in either language.
async function axe(page, name) {
  const found = []
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') {
      await page.getByTestId('lang-toggle').click()
      await page.locator('html[lang="en"]').waitFor()
    }
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    axeResults[`${name}.${lang}`] = r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))
    for (const v of r.violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${lang}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)
    if (lang === 'en') {
      await page.getByTestId('lang-toggle').click()
      await page.locator('html[lang="zh-CN"]').waitFor()
    }
  }
  log(`axe ${name}: ${found.length ? found.length + ' serious/critical' : 'no serious or critical violations'}`)
  assert.deepEqual(found, [], `axe-core on ${name}`)
}

async function confirmDialog(page) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.getByRole('button', { name: '确定' }).click()
  await box.waitFor({ state: 'hidden' })
}

// ---------------------------------------------------------------- the scenario

async function scenario(base) {
  log('creating a county congress through the API…')
  const { admin, session_id } = await createBody(base)

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // --disable-dev-shm-usage: containers often give /dev/shm 64 MB, too little for eleven pages.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  })

  // Sign-in page.
  const first = await newPage({ width: 1024, height: 768 })
  await first.goto(base + '/signin')
  await first.getByLabel('账号').waitFor()
  await axe(first, 'signin')
  await shoot(first, '01-signin')
  // A wrong password is refused in the UI language.
  await first.getByLabel('账号').fill('e2e-m01')
  await first.getByLabel('密码', { exact: true }).fill('wrong-password')
  await first.getByRole('button', { name: '登录', exact: true }).click()
  await first.getByRole('alert').waitFor()
  log('wrong password refused:', await textOf(first.getByRole('alert')))
  await shoot(first, '02-signin-refused')
  await first.context().close()

  // The secretariat imports the roster at its desk: first a file with two bad lines (nothing
  // is imported; each line is reported), then the corrected one.
  const desk = await newPage({ width: 1280, height: 900 })
  await signIn(desk, base, 'e2e-secretariat', '/console')
  await desk.goto(base + '/secretariat?body=e2e&tab=roster')
  await desk.getByLabel('或粘贴名册内容').fill(rosterCsv({ broken: true }))
  await desk.getByRole('button', { name: '导入名册' }).click()
  const rosterErrors = desk.getByTestId('roster-errors')
  await rosterErrors.waitFor()
  assert.equal(await rosterErrors.locator('tbody tr').count(), 2)
  log('roster with two bad lines refused:', await textOf(rosterErrors.locator('tbody tr').first()))
  assert.match(await textOf(rosterErrors), /4\s*card/)
  await axe(desk, 'secretariat-roster-errors')
  await shoot(desk, '50-secretariat-roster-errors')
  assert.equal((await admin.get('/api/v1/bodies/e2e/members')).length, 0)
  await desk.getByLabel('或粘贴名册内容').fill(rosterCsv())
  await desk.getByRole('button', { name: '导入名册' }).click()
  await desk.getByTestId('roster-done').filter({ hasText: '已导入 12 名成员' }).waitFor()
  await shoot(desk, '51-secretariat-roster-imported')
  log('roster imported from the secretariat desk')
  const { deputies, units, bySeat } = await createAccounts(admin)

  // The secretariat schedules the sitting from the console.
  await desk.goto(base + '/console')
  await desk.getByText('安排新的会议').click()
  await desk.getByLabel('会议名称（中文）').fill('第一次全体会议')
  await desk.getByLabel('会议名称（英文）').fill('1st plenary sitting')
  await desk.getByRole('button', { name: '安排会议' }).click()
  await desk.getByText('已安排：第一次全体会议').waitFor()
  await desk.getByTestId('sitting-state').filter({ hasText: '未开始' }).waitFor()
  await shoot(desk, '29-console-scheduled')
  const sittings = await admin.get(`/api/v1/sessions/${session_id}/sittings`)
  assert.equal(sittings.length, 1)
  const sitting_id = sittings[0].id
  assert.equal(sittings[0].title_en, '1st plenary sitting')
  log('sitting scheduled from the console:', sittings[0].starts_at)
  await desk.context().close()

  // Public results, no sign-in: the new sitting is listed.
  const pub = await newPage()
  await pub.goto(base + '/results')
  await pub.locator(`[data-sitting="${sitting_id}"]`).waitFor()
  await axe(pub, 'results-before')

  // Presiding console: open the sitting.
  const chair = await newPage({ width: 1280, height: 900 })
  await signIn(chair, base, 'e2e-presiding', '/console')
  await chair.getByTestId('sitting-state').filter({ hasText: '未开始' }).waitFor()
  await chair.getByRole('button', { name: '宣布开会' }).click()
  await confirmDialog(chair)
  await chair.getByTestId('sitting-state').filter({ hasText: '进行中' }).waitFor()
  log('sitting opened from the console')
  await axe(chair, 'console')

  // Big screen (observer account).
  const screen = await newPage({ width: 1600, height: 900 })
  await signIn(screen, base, 'e2e-screen', '/screen')
  await screen.getByRole('button', { name: '显示' }).waitFor()
  await screen.locator('#pick-sitting').selectOption(String(sitting_id))
  await shoot(screen, '10-screen-choose')
  await screen.getByRole('button', { name: '显示' }).click()
  await screen.getByTestId('screen-title').filter({ hasText: '第一次全体会议' }).waitFor()
  await screen.getByText('实时更新中').waitFor()

  // Ten deputies sign in on their own devices and check in.
  const devices = []
  for (const [i, d] of deputies.entries()) {
    const viewport = i === 0 ? { width: 390, height: 844 } : { width: 820, height: 1180 } // a phone, then tablets
    const page = await newPage(viewport)
    await signIn(page, base, d.username, '/member')
    await page.getByRole('heading', { name: `${d.member.name}，您好` }).waitFor()
    await page.getByText('实时更新中').waitFor()
    devices.push({ page, ...d })
  }
  const phone = devices[0].page
  await axe(phone, 'member-check-in')
  await shoot(phone, '20-member-check-in')
  for (const d of devices) {
    await d.page.getByRole('button', { name: /签到/ }).click()
    await d.page.getByTestId('checked-in').waitFor()
  }
  log('ten deputies checked in from separate browser contexts')
  await shoot(phone, '21-member-checked-in')
  await axe(phone, 'member-checked-in')

  // The console sees the quorum (10 of 12, at least 2/3: 8) live, with the announcement.
  await chair.getByTestId('present').filter({ hasText: /^10$/ }).waitFor()
  const quorum = await textOf(chair.getByTestId('quorum'))
  assert.match(quorum, /出席人数符合法定人数/)
  const announcement = await textOf(chair.getByTestId('attendance-announcement'))
  log('console announcement:', announcement)
  assert.match(announcement, /出席10人/)
  await shoot(chair, '30-console-quorum')
  await screen.getByTestId('screen-present').filter({ hasText: /^10$/ }).waitFor()
  await shoot(screen, '11-screen-attendance', { fullPage: false })

  // plenum restarts: every page loses its live channel and reconnects from the last seq it saw.
  // The last deputy's tablet stays offline meanwhile, so it misses the vote opening below and
  // must get it when it resumes.
  const late = devices[devices.length - 1].page
  await late.context().setOffline(true)
  await server.stop()
  for (const p of [chair, screen, phone, late]) await p.getByText(/连接中断，正在重新连接/).waitFor()
  log('plenum stopped; the pages say they are reconnecting')
  await server.start()
  for (const p of [chair, screen, ...devices.slice(0, -1).map((d) => d.page)]) await p.getByText('实时更新中').waitFor()
  log('plenum restarted; every page but the offline tablet is live again')

  // The presidium's motion is submitted from the console, goes on the agenda, and the vote opens.
  await chair.getByText('提出新的表决事项').click()
  await chair.getByLabel('类别').selectOption('draft_resolution')
  await chair.getByLabel('提出机关').selectOption('presidium')
  await chair.getByLabel('标题（中文）').fill('关于县人民政府工作报告的决议（草案）')
  await chair.getByLabel('标题（英文）').fill('Resolution on the county government’s work report (draft)')
  await chair.getByRole('button', { name: '提出', exact: true }).click()
  await chair.getByText('已提出：关于县人民政府工作报告的决议（草案）').waitFor()
  const motions = await admin.get(`/api/v1/sessions/${session_id}/motions`)
  const motion_id = motions.motions.find((m) => m.title_zh === '关于县人民政府工作报告的决议（草案）').id
  const motion = chair.locator(`[data-motion="${motion_id}"]`)
  await motion.getByRole('button', { name: '列入议程' }).click()
  await motion.getByRole('button', { name: '开始表决' }).click()
  await confirmDialog(chair)
  await chair.getByRole('heading', { name: '正在表决' }).waitFor()
  log('vote opened from the console')

  // Every device shows the vote keys by itself (live), and the deputies vote. The offline tablet
  // has missed the vote's opening; back online, it resumes from its last seq and shows it too.
  for (const d of devices.slice(0, -1)) await d.page.getByRole('button', { name: '赞成：投赞成票' }).waitFor()
  assert.equal(await late.getByRole('button', { name: '赞成：投赞成票' }).count(), 0)
  await late.context().setOffline(false)
  await late.getByText('实时更新中').waitFor()
  await late.getByRole('button', { name: '赞成：投赞成票' }).waitFor()
  const since = late.sockets.map((u) => Number(new URL(u).searchParams.get('since')))
  assert.equal(since[0], 0)
  assert.ok(since.at(-1) > 0, `the tablet resumed from seq ${since.at(-1)}`)
  log(`the offline tablet resumed from seq ${since.at(-1)} (connections since=${since.join(',')}) and shows the vote`)
  await axe(phone, 'member-vote')
  await shoot(phone, '22-member-vote')
  const plan = ['for', 'for', 'for', 'for', 'for', 'for', 'for', 'against', 'against', 'abstain']
  const names = { for: '赞成：投赞成票', against: '反对：投反对票', abstain: '弃权：投弃权票' }
  const words = { for: '赞成', against: '反对', abstain: '弃权' }
  // The first deputy presses 反对, sees it recorded, then changes to 赞成.
  await phone.getByRole('button', { name: names.against }).click()
  await phone.getByTestId('vote-recorded').filter({ hasText: '您的表决已记录：反对' }).waitFor()
  for (const [i, d] of devices.entries()) {
    const choice = plan[i]
    await d.page.getByRole('button', { name: names[choice] }).click()
    const expected = i === 0 ? `已更改，您现在的表决是：${words[choice]}` : `您的表决已记录：${words[choice]}`
    await d.page.getByTestId('vote-recorded').filter({ hasText: expected }).waitFor()
    assert.equal(await d.page.getByRole('button', { name: names[choice] }).getAttribute('aria-pressed'), 'true')
  }
  log('ten deputies voted (one changed their vote)')
  await axe(phone, 'member-voted')
  await shoot(phone, '23-member-voted')

  // Live count of members who have voted, on the console and the big screen.
  await chair.getByTestId('voted-count').filter({ hasText: '已表决 10 人' }).waitFor()
  await screen.getByTestId('screen-voted').filter({ hasText: /^10$/ }).waitFor()
  await shoot(chair, '31-console-poll-open')
  await shoot(screen, '12-screen-poll-open', { fullPage: false })

  // Close the vote: the result to read, on the console and the big screen.
  await chair.getByRole('button', { name: '结束表决' }).click()
  await confirmDialog(chair)
  await chair.getByRole('heading', { name: '表决结果（请宣读）' }).waitFor()
  const verdict = await textOf(chair.getByTestId('poll-verdict').first())
  assert.match(verdict, /^✔\s*通过$/)
  const result = await textOf(chair.getByTestId('poll-announcement').first())
  log('console result:', result)
  assert.match(result, /赞成7票，反对2票，弃权1票/)
  await axe(chair, 'console-result')
  await shoot(chair, '32-console-result')

  await screen.getByTestId('screen-result').waitFor()
  const screenVerdict = await textOf(screen.getByTestId('screen-verdict'))
  assert.match(screenVerdict, /^✔\s*通过$/)
  const totals = await textOf(screen.locator('.totals'))
  assert.equal(totals.replace(/\s+/g, ''), '赞成7反对2弃权1未按表决器0')
  log('big screen result:', totals, screenVerdict)
  await shoot(screen, '13-screen-result', { fullPage: false })

  // The deputies' devices show the vote closed and its result.
  await phone.getByText('表决已结束').waitFor()
  await shoot(phone, '24-member-after-vote')

  // The server agrees.
  const polls = await admin.get(`/api/v1/sittings/${sitting_id}/polls`)
  assert.equal(polls.polls.length, 1)
  const [poll] = polls.polls
  assert.deepEqual([poll.state, poll.for, poll.against, poll.abstain, poll.not_voted, poll.adopted], ['closed', 7, 2, 1, 0, true])

  // Public results (no sign-in) show the announcement and the result.
  await pub.getByRole('button', { name: '刷新' }).click()
  await pub.locator(`[data-sitting="${sitting_id}"] [data-testid="poll-announcement"]`).filter({ hasText: '赞成7票' }).waitFor()
  await axe(pub, 'results')
  await shoot(pub, '40-results')
  log('public results show the vote')

  await attendanceDesk(base, admin, sitting_id, bySeat)
  await proposalCycle(base, admin, deputies, units)
  assert.deepEqual(pageErrors, [], 'uncaught errors in the pages')
}

// The secretariat's attendance desk: a seat typed in shows the deputy (name, delegation, photo
// placeholder) and checks them in; a bulk check-in naming someone already present is refused
// whole; a leave request is approved.
async function attendanceDesk(base, admin, sitting_id, bySeat) {
  const desk = await newPage({ width: 1280, height: 900 })
  await signIn(desk, base, 'e2e-secretariat', '/console')
  await admin.act('attendance.request_leave', { sitting_id, seat: 'E012', reason: '因病住院' })
  await desk.goto(base + '/secretariat?body=e2e&tab=desk')
  await desk.locator('#pick-sitting').selectOption(String(sitting_id))
  await desk.getByTestId('present').filter({ hasText: /^10$/ }).waitFor()
  await desk.getByLabel('座位号或证件号').fill('e011')
  await desk.getByLabel('座位号或证件号').press('Enter')
  const card = desk.getByTestId('desk-member')
  await card.getByText(bySeat.get('E011').name).first().waitFor()
  await card.getByText('东乡代表团').waitFor()
  await card.getByRole('img', { name: `${bySeat.get('E011').name}的照片（占位）` }).waitFor()
  await axe(desk, 'secretariat-desk')
  await shoot(desk, '52-secretariat-desk-found')
  await card.getByRole('button', { name: `为 ${bySeat.get('E011').name} 签到` }).click()
  await desk.getByTestId('desk-said').filter({ hasText: `${bySeat.get('E011').name} 已签到` }).waitFor()
  await desk.getByTestId('present').filter({ hasText: /^11$/ }).waitFor()
  await expectFocused(desk, '#desk-code')
  log('desk check-in by seat number')
  await desk.getByText('批量签到').first().click()
  await desk.getByLabel('座位号', { exact: true }).fill('E001, E011')
  await desk.getByRole('button', { name: '批量签到' }).click()
  await desk.getByRole('alert').filter({ hasText: /已经签到/ }).first().waitFor()
  await shoot(desk, '53-secretariat-bulk-refused')
  const checkIns = await admin.get(`/api/v1/sittings/${sitting_id}/check-ins`)
  assert.equal(checkIns.length, 11)
  assert.equal(checkIns.find((c) => c.seat === 'E011').method, 'desk')

  await desk.goto(base + '/secretariat?body=e2e&tab=leave')
  await desk.locator('#pick-sitting').selectOption(String(sitting_id))
  await desk.getByText('因病住院').waitFor()
  await axe(desk, 'secretariat-leave')
  await shoot(desk, '54-secretariat-leave')
  await desk.getByRole('button', { name: `批准 ${bySeat.get('E012').name} 的请假`, exact: true }).click()
  await desk.getByText('已批准').waitFor()
  const leaves = await admin.get(`/api/v1/sittings/${sitting_id}/leaves`)
  assert.equal(leaves[0].state, 'approved')
  log('leave approved at the desk')
  await desk.context().close()
}

async function expectFocused(page, selector) {
  assert.ok(await page.locator(selector).evaluate((el) => el === document.activeElement), `${selector} has the focus`)
}

// A suggestion goes from a draft on a deputy's device to the reply and its rating: the deputy
// drafts it (kept on the device across a reload), names a co-proposer and submits it; the
// secretariat registers it and assigns it to a lead and a co-handling unit; the lead unit
// replies with class A; the deputy rates the reply 满意 and it is closed. The statistics and
// the export follow.
async function proposalCycle(base, admin, deputies, units) {
  const title = '关于加强乡村学校师资建设的建议'
  const deputy = await newPage({ width: 820, height: 1180 })
  await signIn(deputy, base, deputies[0].username, '/member')
  await deputy.getByRole('link', { name: '我的提案建议' }).click()
  await deputy.getByRole('heading', { name: '我的建议' }).waitFor()
  await deputy.getByTestId('new-draft').click()
  await deputy.getByLabel('案由（标题）').fill(title)
  await deputy.getByLabel('所属领域').selectOption('society')
  await deputy.getByLabel(/^情况/).fill('部分乡村学校教师流失较多，学科结构不均衡。')
  await deputy.getByRole('button', { name: '保存草稿' }).click()
  await deputy.getByText('草稿已保存在本设备上。').waitFor()
  // The draft is on the device, not on the server: it survives a reload.
  await deputy.reload()
  await deputy.locator('[data-draft]').filter({ hasText: title }).getByRole('button', { name: '继续编辑' }).click()
  assert.equal(await deputy.getByLabel('案由（标题）').inputValue(), title)
  assert.equal((await admin.get('/api/v1/bodies/e2e/proposals')).total, 0)
  await deputy.getByLabel(/^具体建议/).fill('建立县域教师轮岗交流制度，提高乡村教师生活补助。')
  await deputy.getByLabel('查找联名人').fill(deputies[1].member.name)
  await deputy.getByRole('button', { name: `添加 ${deputies[1].member.name}（城关镇代表团）` }).click()
  await axe(deputy, 'member-proposal-draft')
  await shoot(deputy, '60-member-proposal-draft')
  await deputy.getByRole('button', { name: '提交建议' }).click()
  await deputy.getByTestId('proposal-said').filter({ hasText: '建议已提交，等待审查。' }).waitFor()
  await deputy.locator('.proposal-detail').getByText('待审查').first().waitFor()
  await shoot(deputy, '61-member-proposal-submitted')
  const listed = await admin.get('/api/v1/bodies/e2e/proposals')
  assert.equal(listed.total, 1)
  const proposal_id = listed.proposals[0].id
  const filed = await admin.get(`/api/v1/proposals/${proposal_id}`)
  assert.deepEqual(filed.proposers.map((p) => p.name), [deputies[0].member.name, deputies[1].member.name])
  log('suggestion submitted from the member device with a co-proposer:', proposal_id)

  // The secretariat registers it and assigns it.
  const sec = await newPage({ width: 1280, height: 900 })
  await signIn(sec, base, 'e2e-secretariat', '/console')
  await sec.goto(base + '/secretariat?body=e2e&tab=review')
  await sec.getByRole('button', { name: `审查“${title}”` }).click()
  await sec.getByLabel('立案', { exact: true }).check()
  await axe(sec, 'secretariat-review')
  await shoot(sec, '62-secretariat-review')
  await sec.getByRole('button', { name: '提交审查结果' }).click()
  await sec.getByTestId('review-said').filter({ hasText: '审查结果已记录：立案' }).waitFor()
  await sec.getByLabel('主办单位').selectOption(String(units[0].unit_id))
  await sec.getByLabel(units[1].name_zh).check()
  await shoot(sec, '63-secretariat-assign')
  await sec.getByRole('button', { name: '交办', exact: true }).click()
  await sec.getByTestId('review-said').filter({ hasText: '已交办' }).waitFor()
  await sec.locator('.proposal-detail').getByText('办理中').first().waitFor()
  log('registered and assigned from the secretariat desk')

  // The lead unit replies with class A.
  const unit = await newPage({ width: 1280, height: 900 })
  await signIn(unit, base, 'e2e-unit-1', '/unit')
  await unit.getByRole('heading', { name: '承办单位：县教育局' }).waitFor()
  const row = unit.locator(`[data-proposal-row="${proposal_id}"]`)
  await row.waitFor()
  assert.match(await textOf(row), /主办/)
  assert.match(await textOf(row), /剩余 \d+ 天/)
  await axe(unit, 'unit-pending')
  await shoot(unit, '70-unit-pending')
  await row.getByRole('button', { name: `办理“${title}”` }).click()
  await unit.getByText(/可于 \d{4}-\d{2}-\d{2} 前退回/).waitFor()
  await unit.getByRole('radio', { name: /A类/ }).check()
  await unit.getByLabel('答复内容').fill('我局已会同县财政局制定乡村教师轮岗交流办法，自下学期起实施，并提高乡村教师生活补助标准。')
  await axe(unit, 'unit-reply')
  await shoot(unit, '71-unit-reply')
  await unit.getByRole('button', { name: '提交答复' }).click()
  await unit.getByTestId('unit-said').filter({ hasText: '答复已提交。' }).waitFor()
  await unit.getByRole('tab', { name: /历史/ }).click()
  await unit.locator(`[data-proposal-row="${proposal_id}"]`).getByText('已答复，待评价').waitFor()
  await shoot(unit, '72-unit-history')
  log('the lead unit replied (class A)')

  // The deputy reads the reply and rates it 满意: closed.
  await deputy.reload()
  await deputy.getByRole('button', { name: `查看“${title}”` }).click()
  await deputy.getByTestId('reply-class').filter({ hasText: 'A类' }).waitFor()
  await deputy.getByLabel('满意', { exact: true }).check()
  await axe(deputy, 'member-proposal-rate')
  await shoot(deputy, '64-member-proposal-rate')
  await deputy.getByRole('button', { name: '提交评价' }).click()
  await deputy.getByTestId('proposal-said').filter({ hasText: '评价已提交。' }).waitFor()
  await deputy.locator('.proposal-detail').getByText('已办结').first().waitFor()
  await shoot(deputy, '65-member-proposal-closed')
  const closed = await admin.get(`/api/v1/proposals/${proposal_id}`)
  assert.deepEqual([closed.state, closed.rating, closed.assignments.find((a) => a.role === 'lead').reply_class], ['closed', 'satisfied', 'A'])
  log('the deputy rated the reply 满意; the suggestion is closed')

  // Statistics with charts, and the export link.
  await sec.goto(base + '/secretariat?body=e2e&tab=stats')
  await sec.getByTestId('stats-received').filter({ hasText: /^1$/ }).waitFor()
  await sec.locator('.stats-charts svg').first().waitFor()
  await sec.waitForTimeout(500)
  await axe(sec, 'secretariat-stats')
  await shoot(sec, '66-secretariat-stats')
  const href = await sec.getByTestId('export-csv').getAttribute('href')
  assert.equal(href, '/api/v1/bodies/e2e/proposals/export.csv')
  const csv = await sec.evaluate(async (u) => (await fetch(u)).text(), href)
  assert.match(csv, new RegExp(title))
  log('statistics and export shown')
  for (const p of [deputy, sec, unit]) await p.context().close()
}

// ---------------------------------------------------------------- main

let failed = false
try {
  loadDemo({ bin: BIN, db: DB, log })
  const base = await server.start()
  log('plenum serving at', base)
  await scenario(base)
} catch (e) {
  failed = true
  console.error('e2e FAILED:', e?.stack ?? e)
  if (browser) {
    for (const [i, ctx] of browser.contexts().entries())
      for (const [j, p] of ctx.pages().entries())
        await p.screenshot({ path: path.join(SHOTS, `failure-${i}-${j}.png`), fullPage: true }).catch(() => undefined)
  }
} finally {
  fs.writeFileSync(path.join(ART, 'axe.json'), JSON.stringify(axeResults, null, 2))
  await browser?.close().catch(() => undefined)
  await server.stop()
  if (!process.env.E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true })
  else log('database kept in', tmp)
}
log(failed ? 'FAILED' : `passed; screenshots in ${path.relative(ROOT, SHOTS)}`)
process.exit(failed ? 1 : 0)
