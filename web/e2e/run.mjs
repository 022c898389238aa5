// End-to-end test of the web app against a real plenum server on a fresh database.
//
// It loads the demo (for its admin account), creates a small county congress through the API
// (body, term, session, a 12-deputy roster, accounts, a sitting, a motion), then drives
// Debian's chromium with playwright-core: the presiding officer opens the sitting, ten deputies
// check in from separate browser contexts, the console shows the quorum met, the motion goes on
// the agenda and to the vote, the deputies vote (one changes their vote), the vote is closed and
// the big screen shows the result; the public page shows it without signing in. The session's
// order of business and a document's texts are read on a deputy's tablet; a second vote, on an
// agenda item (marked 正在表决 on the console), is closed by show of hands (the secretariat
// enters the counts, presiding signs them off); the roster import, attendance desk, leave
// approval and a suggestion from draft to reply and rating follow, and the public page's
// statistics of it; a staff congress (generic rulebook) holds a named vote whose roll call the
// console lists. axe-core checks
// every screen (no serious or critical violations allowed); screenshots of every screen in zh
// and en go to web/test-artifacts/.
//
// Environment: PLENUM_BIN (default build/test/plenum), PLENUM_RULEBOOKS (default rulebooks/),
// CHROMIUM (default /usr/bin/chromium), E2E_KEEP=1 keeps the temporary database, E2E_SEED_DB
// starts from a copy of a database holding only the demo (saves loading it while developing).
// What it shares with election.mjs and admin.mjs (paths, the server, the API client, the browser
// helpers, the run itself) is in support.mjs.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ART, Api, CHROMIUM, DIST, PASSWORD, PLENUM_BIN, PlenumServer, SHOTS, browserKit, checkRadio, choose, runScenario, makeLog, requireFiles, signIn, textOf, today, launchChromium } from './support.mjs'

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

// The session's order of business: a draft resolution with its three texts (草案, 修改稿,
// 表决稿) and an agenda listing it between two items that are titles only.
const BUDGET = {
  title_zh: '关于县2025年预算执行情况和2026年预算的决议（草案）',
  title_en: 'Resolution on the county’s 2025 budget execution and 2026 budget (draft)',
}
async function createAgenda(admin, session_id) {
  const { motion_id } = await admin.act('motions.submit', {
    session_id,
    kind: 'draft_resolution',
    organ: 'presidium',
    ...BUDGET,
    text: '县第十八届人民代表大会第五次会议审查了县人民政府提出的2025年预算执行情况和2026年预算草案的报告。会议同意县人民代表大会财政经济委员会的审查结果报告，决定批准2026年县级预算。',
  })
  await admin.act('motions.place_on_agenda', { motion_id })
  await admin.act('motions.add_version', {
    motion_id,
    stage: 'revised',
    text: '县第十八届人民代表大会第五次会议审查了县人民政府提出的2025年预算执行情况和2026年预算草案的报告，审查了2026年县级预算草案。会议同意县人民代表大会财政经济委员会的审查结果报告，决定批准2026年县级预算。会议要求，全面落实过紧日子要求，兜牢基层“三保”底线。',
    note: '根据各代表团审议意见修改',
  })
  await admin.act('motions.add_version', {
    motion_id,
    stage: 'voting',
    text: '县第十八届人民代表大会第五次会议审查了县人民政府提出的2025年预算执行情况和2026年预算草案的报告，审查了2026年县级预算草案。\n会议同意县人民代表大会财政经济委员会的审查结果报告，决定批准2026年县级预算。\n会议要求，全面落实过紧日子要求，兜牢基层“三保”底线，加强预算执行监督。',
    note: '主席团提请大会表决',
  })
  const agenda = await admin.act('motions.submit', {
    session_id,
    kind: 'agenda',
    organ: 'presidium',
    title_zh: '县十八届人大五次会议议程',
    title_en: 'Agenda of the Fifth Session',
    items: [
      { title_zh: '听取和审议县人民政府工作报告', title_en: 'Hear and deliberate the county government’s work report' },
      { motion_id },
      { title_zh: '听取和审议县人民法院工作报告', title_en: 'Hear and deliberate the county court’s work report' },
    ],
  })
  await admin.act('motions.place_on_agenda', { motion_id: agenda.motion_id })
  return { budget_id: motion_id }
}

// ---------------------------------------------------------------- browser helpers

const kit = browserKit({ browser: () => browser, log, timeout: TIMEOUT, viewport: { width: 1280, height: 800 } })
const { axeResults, pageErrors, toggleLanguage, shoot, axe, checkModal, confirmDialog } = kit

// A page that also keeps its live channel's WebSocket addresses, in order.
async function newPage(viewport) {
  const page = await kit.newPage(viewport)
  page.sockets = []
  page.on('websocket', (ws) => page.sockets.push(ws.url()))
  return page
}

// ---------------------------------------------------------------- the scenario

async function scenario(base) {
  log('creating a county congress through the API…')
  const { admin, session_id } = await createBody(base)

  browser = await launchChromium()

  // Sign-in page.
  const first = await newPage({ width: 1024, height: 768 })
  await first.goto(base + '/signin')
  await first.getByLabel('账号').waitFor()
  assert.equal(await first.evaluate(() => document.activeElement?.id), 'username', 'the username field has the focus')
  await axe(first, 'signin')
  await shoot(first, '01-signin')
  // A wrong password is refused in the UI language.
  await first.getByLabel('账号').fill('e2e-m01')
  await first.getByLabel('密码', { exact: true }).fill('wrong-password')
  await first.getByRole('button', { name: '登录', exact: true }).click()
  await first.getByRole('alert').waitFor()
  assert.equal(await textOf(first.getByRole('alert').locator('.error-text')), '用户名或密码不正确')
  assert.doesNotMatch(await textOf(first.getByRole('alert')), /操作未完成/) // the message alone says it
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
  assert.match(await textOf(rosterErrors), /4\s*证件号/) // the column by its name, not the key "card"
  assert.doesNotMatch(await textOf(rosterErrors), /\b(seat|card|name|unit)\b|null|undefined/)
  await axe(desk, 'secretariat-roster-errors')
  await shoot(desk, '50-secretariat-roster-errors')
  assert.equal((await admin.get('/api/v1/bodies/e2e/members')).length, 0)
  await desk.getByLabel('或粘贴名册内容').fill(rosterCsv())
  await desk.getByRole('button', { name: '导入名册' }).click()
  await desk.getByTestId('roster-done').filter({ hasText: '已导入 12 名成员' }).waitFor()
  await shoot(desk, '51-secretariat-roster-imported')
  log('roster imported from the secretariat desk')
  const { deputies, units, bySeat } = await createAccounts(admin)
  const { budget_id } = await createAgenda(admin, session_id)

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
  // It follows the county's open sitting by itself, and nothing but the content is on the image.
  await screen.getByTestId('screen-title').filter({ hasText: '第一次全体会议' }).waitFor()
  await screen.locator('[data-testid="stage"][data-live="live"]').waitFor()
  assert.equal(await screen.getByText('实时更新中').count(), 0, 'no live status on the projected image')
  assert.equal(await screen.locator('[data-testid="screen-controls"]').evaluate((el) => getComputedStyle(el).opacity), '0')
  await axe(screen, 'screen')
  // The operator may pin a sitting instead, and follow again.
  await screen.goto(`${base}/screen?choose=1`)
  await choose(screen, screen.locator('#pick-sitting'), /^第一次全体会议 · /)
  await shoot(screen, '10-screen-choose')
  await screen.getByRole('button', { name: '固定显示所选会议' }).click()
  await screen.waitForURL(/\/screen\?sitting=\d+$/)
  await screen.getByTestId('screen-title').filter({ hasText: '第一次全体会议' }).waitFor()
  await screen.goto(`${base}/screen?choose=1`)
  await screen.getByTestId('screen-follow').click()
  await screen.waitForURL(/\/screen\?body=/)
  await screen.locator('[data-testid="stage"][data-live="live"]').waitFor()

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
  for (const p of [chair, ...devices.slice(0, -1).map((d) => d.page)]) await p.getByText('实时更新中').waitFor()
  await screen.locator('[data-testid="stage"][data-live="live"]').waitFor()
  log('plenum restarted; every page but the offline tablet is live again')

  // The presidium's motion is submitted from the console, goes on the agenda, and the vote opens.
  await chair.getByText('提出新的表决事项').click()
  await choose(chair, chair.getByLabel('类别'), '决议草案')
  await choose(chair, chair.getByLabel('提出机关'), '主席团')
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
  // …and the deputy's own choice after the close (the one it was changed to).
  await phone.locator('[data-testid="own-choice"], [data-testid="sealed-checked"]').filter({ hasText: '赞成' }).waitFor()
  await shoot(phone, '24-member-after-vote')

  // The server agrees.
  const polls = await admin.get(`/api/v1/sittings/${sitting_id}/polls`)
  assert.equal(polls.polls.length, 1)
  const [poll] = polls.polls
  assert.deepEqual([poll.state, poll.for, poll.against, poll.abstain, poll.not_voted, poll.adopted], ['closed', 7, 2, 1, 0, true])

  // Public results (no sign-in) show the announcement and the result.
  await pub.getByRole('button', { name: '刷新' }).click()
  await pub.locator(`[data-sitting="${sitting_id}"] [data-testid="poll-announcement"]`).filter({ hasText: '赞成7票' }).waitFor()
  // The CPPCC's badge says what its announcement says: 规定人数, not the NPC's 法定人数.
  assert.match(await textOf(pub.locator('[data-sitting="3"] [data-testid="quorum"]')), /^✔\s*实到人数符合规定人数$/)
  assert.match(await textOf(pub.locator('[data-sitting="1"] [data-testid="quorum"]')), /^✔\s*出席人数符合法定人数$/)
  await axe(pub, 'results')
  await shoot(pub, '40-results')
  log('public results show the vote')

  await readAgendaOnTablet(devices[1].page, budget_id)
  await showOfHands(base, admin, chair, screen, sitting_id, budget_id)
  await attendanceDesk(base, admin, sitting_id, bySeat)
  await proposalCycle(base, admin, deputies, units)
  await publicStatistics(pub, admin)
  await namedPoll(base, admin)
  assert.deepEqual(pageErrors, [], 'uncaught errors in the pages')
}

// A deputy's tablet: the session's order of business (items in order, states in words), then
// the draft resolution's document: its voting draft as the current text, the earlier texts
// behind a disclosure; closing it gives the focus back to the key that opened it.
async function readAgendaOnTablet(tablet, budget_id) {
  await tablet.getByText('会议议程和文件').click()
  const items = tablet.locator('.order-of-business ol.items > li')
  await items.nth(2).waitFor()
  assert.deepEqual(await items.locator('.item-title').allTextContents(), ['听取和审议县人民政府工作报告', BUDGET.title_zh, '听取和审议县人民法院工作报告'])
  // Title-only items have no state and nothing to read; the motion has both.
  assert.deepEqual(await Promise.all([0, 1, 2].map((i) => items.nth(i).locator('.state').count())), [0, 1, 0])
  assert.equal(await textOf(items.nth(1).locator('.state')), '状态：已列入议程')
  assert.equal(await items.locator('button').count(), 1)
  assert.match(await textOf(tablet.getByTestId('agenda-adopted')), /议程尚未通过/)
  await axe(tablet, 'member-agenda')
  await shoot(tablet, '25-member-agenda')
  const read = tablet.getByRole('button', { name: `阅读文件：${BUDGET.title_zh}` })
  assert.equal(await read.count(), 1)
  // The same in either language (checkModal switches it).
  const readKey = tablet.locator(`.order-of-business li[data-item-motion="${budget_id}"] button.read`)
  const dialog = tablet.locator('dialog.document-dialog')
  const show = async () => {
    await readKey.click()
    await dialog.getByTestId('current-text').waitFor()
    await dialog.getByTestId('earlier-texts').locator('summary').click()
  }
  const hide = async () => {
    await tablet.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
  }
  await readKey.click()
  await dialog.getByTestId('current-text').waitFor()
  assert.ok(await dialog.locator('h2').evaluate((el) => el === document.activeElement), 'the document title has the focus')
  await dialog.getByTestId('earlier-texts').locator('summary').click()
  assert.equal(await tablet.getByRole('dialog', { name: BUDGET.title_zh }).count(), 1) // named by its heading
  assert.match(await textOf(dialog.getByTestId('current-text').locator('h3')), /^现行文本：表决稿$/)
  assert.match(await textOf(dialog.getByTestId('current-text')), /第3稿 · 表决稿 .*说明：主席团提请大会表决.*加强预算执行监督/)
  const earlier = await dialog.getByTestId('earlier-texts').locator('h4').allTextContents()
  assert.deepEqual(earlier.map((h) => h.split(' · ').slice(0, 2).join(' · ')), ['第2稿 · 修改稿', '第1稿 · 草案'])
  await dialog.getByTestId('close-document').click()
  await dialog.waitFor({ state: 'hidden' })
  assert.ok(await read.evaluate((el) => el === document.activeElement), 'the focus is back on the key that opened the document')
  await checkModal(tablet, '26-member-document', show, hide)
  log('a deputy read the order of business and the draft resolution’s texts on a tablet')
}

// The device system fails during the vote on an agenda item: the console marks the item
// 正在表决 in the order of business; the secretariat enters show-of-hands counts (first a
// total above those present, refused), presiding signs them off after a confirmation that
// repeats them, and the result is on the console and the big screen.
async function showOfHands(base, admin, chair, screen, sitting_id, budget_id) {
  await chair.locator(`[data-motion="${budget_id}"]`).getByRole('button', { name: '开始表决' }).click()
  await confirmDialog(chair)
  await chair.getByRole('heading', { name: '正在表决' }).waitFor()
  const current = chair.locator('.order-of-business li[aria-current="true"]')
  await current.getByTestId('current-item').filter({ hasText: '正在表决' }).waitFor()
  assert.equal(await current.getAttribute('data-item-motion'), String(budget_id))
  assert.equal(await chair.locator('.order-of-business li[aria-current="true"]').count(), 1)
  await axe(chair, 'console-agenda-current')
  await shoot(chair, '33-console-agenda-current')
  log('the console marks the agenda item being voted')

  const sec = await newPage({ width: 1280, height: 900 })
  await signIn(sec, base, 'e2e-secretariat', '/console')
  await sec.goto(`${base}/console?sitting=${sitting_id}`)
  await sec.getByRole('heading', { name: '正在表决' }).waitFor()
  await sec.getByText('举手表决（表决器发生故障时）').click()
  await sec.getByLabel('赞成票数').fill('9')
  await sec.getByLabel('反对票数').fill('2')
  await sec.getByLabel('弃权票数').fill('1')
  await sec.getByLabel(/^说明/).fill('表决器系统故障，改为举手表决')
  await sec.getByRole('button', { name: '录入举手表决结果' }).click()
  await sec.getByRole('alert').filter({ hasText: '票数合计12超过出席人数10' }).waitFor()
  assert.equal(await sec.getByLabel('赞成票数').getAttribute('aria-invalid'), 'true')
  await shoot(sec, '55-secretariat-show-of-hands-refused')
  assert.equal(await sec.getByRole('button', { name: '签署确认并结束表决' }).count(), 0)
  await sec.getByLabel('赞成票数').fill('8')
  await sec.getByLabel('反对票数').fill('1')
  await sec.getByRole('button', { name: '录入举手表决结果' }).click()
  await sec.getByTestId('hand-count-entered').filter({ hasText: '已录入举手表决结果：赞成8票，反对1票，弃权1票。' }).waitFor()
  assert.equal(await sec.getByRole('button', { name: '签署确认并结束表决' }).count(), 0) // presiding signs off
  await axe(sec, 'secretariat-show-of-hands')
  await shoot(sec, '56-secretariat-show-of-hands-entered')
  log('the secretariat entered show-of-hands counts (a total above those present refused first)')

  // Presiding: the counts arrive live; 结束表决 now waits for the sign-off.
  await chair.getByTestId('hand-count-entered').filter({ hasText: '赞成8票，反对1票，弃权1票' }).waitFor()
  assert.equal(await chair.getByRole('button', { name: '结束表决', exact: true }).isDisabled(), true)
  await shoot(chair, '34-console-show-of-hands-entered')
  const box = chair.locator('.el-message-box')
  const signOff = chair.getByRole('button', { name: '签署确认并结束表决' })
  await checkModal(
    chair,
    '35-console-sign-off-confirm',
    async () => {
      await chair.getByTestId('sign-off-hand-count').click()
      await box.waitFor()
    },
    async () => {
      await box.getByRole('button', { name: /取消|Cancel/ }).click()
      await box.waitFor({ state: 'hidden' })
    },
  )
  await signOff.click()
  await box.waitFor()
  assert.match(await textOf(box), /赞成8票，反对1票，弃权1票/)
  await box.getByRole('button', { name: '确定' }).click()
  await box.waitFor({ state: 'hidden' })
  await chair.getByRole('heading', { name: '表决结果（请宣读）' }).waitFor()
  const result = chair.getByTestId('action-pane').locator('.poll-result').first() // the result to read, beside the sitting
  await result.getByTestId('poll-method').filter({ hasText: '表决方式：举手表决' }).waitFor()
  const announcement = await textOf(result.getByTestId('poll-announcement'))
  log('console result (show of hands):', announcement)
  assert.match(announcement, /^举手表决：赞成8票，反对1票，弃权1票/)
  await axe(chair, 'console-show-of-hands-result')
  await shoot(chair, '36-console-show-of-hands-result')

  await screen.getByTestId('screen-result').filter({ hasText: BUDGET.title_zh }).waitFor()
  assert.equal((await textOf(screen.locator('.totals'))).replace(/\s+/g, ''), '赞成8反对1弃权1未举手0')
  await shoot(screen, '14-screen-show-of-hands-result', { fullPage: false })

  const polls = (await admin.get(`/api/v1/sittings/${sitting_id}/polls`)).polls
  const poll = polls.find((p) => p.motion_id === budget_id)
  assert.deepEqual([poll.state, poll.method, poll.for, poll.against, poll.abstain, poll.adopted], ['closed', 'show_of_hands', 8, 1, 1, true])
  // The order of business follows: the item is adopted, and nothing is being voted.
  await chair.locator(`.order-of-business li[data-item-motion="${budget_id}"]`).filter({ hasText: '状态：已通过' }).waitFor()
  assert.equal(await chair.locator('.order-of-business li[aria-current="true"]').count(), 0)
  log('show-of-hands result signed off; on the console and the big screen')
  await sec.context().close()
}

// The secretariat's attendance desk: a seat typed in shows the deputy (name, delegation, photo
// placeholder) and checks them in; a bulk check-in naming someone already present is refused
// whole; a leave request is approved.
async function attendanceDesk(base, admin, sitting_id, bySeat) {
  const desk = await newPage({ width: 1280, height: 900 })
  await signIn(desk, base, 'e2e-secretariat', '/console')
  // E012 asks for leave from a phone: the request waits for the desk.
  const e012 = bySeat.get('E012')
  await admin.act('accounts.create', { username: 'e2e-m12', password: PASSWORD, display_name: e012.name, member_id: e012.id, roles: [{ body: 'e2e', role: 'member' }] })
  const phone = await newPage({ width: 390, height: 844 })
  await signIn(phone, base, 'e2e-m12', '/member')
  const askLeave = phone.getByRole('button', { name: /^“.*”请假$/ }).first()
  await checkModal(
    phone,
    '26-member-leave',
    async () => {
      await phone.getByRole('button', { name: /^“.*”请假$|^Leave from “/ }).first().click()
      await phone.getByTestId('leave-send').waitFor()
    },
    async () => {
      await phone.keyboard.press('Escape')
      await phone.getByTestId('leave-send').waitFor({ state: 'hidden' })
    },
  )
  await askLeave.click()
  await phone.getByLabel('请假理由').fill('因病住院')
  await phone.getByTestId('leave-send').click()
  await phone.getByTestId('leave-state').filter({ hasText: '已申请请假，等待批准' }).waitFor()
  await shoot(phone, '25-member-leave-pending')
  log('a deputy asked for leave from the phone')
  await desk.goto(base + '/secretariat?body=e2e&tab=desk')
  await choose(desk, desk.locator('#pick-sitting'), /^第一次全体会议 · /)
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
  await choose(desk, desk.locator('#pick-sitting'), /^第一次全体会议 · /)
  await desk.getByText('因病住院').waitFor()
  await desk.getByTestId('leave-count').filter({ hasText: '共 1 件，待审批 1 件' }).waitFor()
  // The day it was asked, and by whom (the member's own account).
  const asked = await textOf(desk.getByTestId('leave-table').locator('tbody tr').first().locator('td').nth(2))
  assert.match(asked, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s*e2e-m12$/)
  // Leave for a deputy already checked in is refused at the seat field, in words.
  await desk.getByLabel('座位号', { exact: true }).fill('E001')
  await desk.getByLabel('事由').fill('临时有事')
  await desk.getByTestId('leave-enter').click()
  await desk.getByRole('alert').filter({ hasText: /已经签到，无需请假/ }).waitFor()
  assert.equal(await desk.locator('#desk-leave-seat').getAttribute('aria-invalid'), 'true')
  await axe(desk, 'secretariat-leave')
  await shoot(desk, '54-secretariat-leave')
  await desk.getByRole('button', { name: `批准 ${e012.name} 的请假`, exact: true }).click()
  await desk.getByTestId('leave-table').getByText('已批准').waitFor()
  const leaves = await admin.get(`/api/v1/sittings/${sitting_id}/leaves`)
  assert.deepEqual(leaves.map((l) => [l.seat, l.state, l.requested_by]), [['E012', 'approved', 'e2e-m12']])
  // The phone shows the approval by itself (live).
  await phone.getByText('已请假').first().waitFor()
  log('leave asked from the phone, the desk refused one for a present deputy and approved the other')
  await phone.context().close()

  // Sign-in by delegation at the desk: who is absent, with the leave and its reason.
  await desk.goto(base + '/secretariat?body=e2e&tab=desk')
  await choose(desk, desk.locator('#pick-sitting'), /^第一次全体会议 · /)
  const units = desk.getByTestId('units-table')
  const east = units.locator('tbody tr').filter({ hasText: '东乡代表团' }).first()
  await east.waitFor()
  assert.deepEqual((await east.locator('td').allInnerTexts()).slice(1).map((s) => s.trim()), ['东乡代表团', '6', '5', '1', '1'])
  await east.locator('.el-table__expand-icon').click()
  await units.getByText(`${e012.name}`).waitFor()
  await units.getByText(/已请假：\s*因病住院/).waitFor()
  await axe(desk, 'secretariat-units')
  await shoot(desk, '55-secretariat-units')
  log('the desk sees sign-in by delegation: 东乡代表团 6 expected, 5 present, 1 on leave (因病住院)')
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
  await choose(deputy, deputy.getByLabel('所属领域'), '社会建设')
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
  // The co-proposer is only asked: the name counts once they confirm it on their own device.
  const asked = await admin.get(`/api/v1/proposals/${proposal_id}`)
  assert.deepEqual(asked.proposers.map((p) => p.name), [deputies[0].member.name])
  const cosigner = await newPage({ width: 820, height: 1180 })
  await signIn(cosigner, base, deputies[1].username, '/member')
  await cosigner.getByRole('link', { name: '我的提案建议' }).click()
  const request = cosigner.locator('[data-request]').filter({ hasText: title })
  await request.waitFor()
  await axe(cosigner, 'member-cosign-request')
  await shoot(cosigner, '61b-member-cosign-request')
  await request.getByRole('button', { name: '同意联名' }).click()
  await cosigner.getByTestId('proposal-said').filter({ hasText: `已同意联名：${title}` }).waitFor()
  await cosigner.close()
  const filed = await admin.get(`/api/v1/proposals/${proposal_id}`)
  assert.deepEqual(filed.proposers.map((p) => p.name), [deputies[0].member.name, deputies[1].member.name])
  log('suggestion submitted from the member device; the co-proposer confirmed it on theirs:', proposal_id)

  // The secretariat registers it and assigns it.
  const sec = await newPage({ width: 1280, height: 900 })
  await signIn(sec, base, 'e2e-secretariat', '/console')
  await sec.goto(base + '/secretariat?body=e2e&tab=review')
  await sec.getByRole('button', { name: `审查“${title}”` }).click()
  await checkRadio(sec.getByLabel('立案', { exact: true }))
  await axe(sec, 'secretariat-review')
  await shoot(sec, '62-secretariat-review')
  await sec.getByRole('button', { name: '提交审查结果' }).click()
  await sec.getByTestId('review-said').filter({ hasText: '审查结果已记录：立案' }).waitFor()
  await choose(sec, sec.getByLabel('主办单位'), units[0].name_zh)
  await choose(sec, sec.getByLabel(/^会办单位/), units[1].name_zh, { multiple: true })
  await shoot(sec, '63-secretariat-assign')
  await sec.getByRole('button', { name: '交办', exact: true }).click()
  await sec.getByTestId('review-said').filter({ hasText: '已交办' }).waitFor()
  await sec.locator('.proposal-detail').getByText('办理中').first().waitFor()
  log('registered and assigned from the secretariat desk')

  // The lead unit replies with class A.
  const unit = await newPage({ width: 1280, height: 900 })
  await signIn(unit, base, 'e2e-unit-1', '/unit')
  await unit.getByRole('heading', { name: '承办单位：县教育局' }).waitFor()
  const row = unit.locator('tr', { has: unit.locator(`[data-proposal-row="${proposal_id}"]`) })
  await row.waitFor()
  assert.match(await textOf(row), /主办/)
  assert.match(await textOf(row), /剩余 \d+ 天/)
  await axe(unit, 'unit-pending')
  await shoot(unit, '70-unit-pending')
  await row.getByRole('button', { name: `办理“${title}”` }).click()
  await unit.getByText(/可于 \d{4}-\d{2}-\d{2} 前退回/).waitFor()
  await checkRadio(unit.getByRole('radio', { name: /A类/ }))
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
  await checkRadio(deputy.getByLabel('满意', { exact: true }))
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
  // The session's report is recorded as of the day shown (today, Beijing time): the public page
  // then reports the session as of it.
  const beijingDay = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  await choose(sec, sec.locator('#stats-session'), '示范县第十八届人民代表大会第五次会议')
  await sec.getByTestId('report-date').filter({ hasText: '尚未记录截至日期' }).waitFor()
  await sec.getByTestId('record-report-date').click()
  await sec.getByTestId('report-date').filter({ hasText: `截至 ${beijingDay}` }).waitFor()
  const [dated] = await admin.get('/api/v1/bodies/e2e/proposal-reports')
  assert.equal(dated.as_of, beijingDay)
  await sec.waitForTimeout(500)
  await axe(sec, 'secretariat-stats')
  await shoot(sec, '66-secretariat-stats')
  const href = await sec.getByTestId('export-csv').getAttribute('href')
  assert.equal(href, `/api/v1/bodies/e2e/proposals/export.csv?session_id=${dated.session_id}`) // the chosen session's
  const csv = await sec.evaluate(async (u) => (await fetch(u)).text(), href)
  assert.match(csv, new RegExp(title))
  log('statistics and export shown; the session report recorded as of', beijingDay)
  for (const p of [deputy, sec, unit]) await p.context().close()
}

// A staff congress under the generic rulebook (the only one with named votes): six members,
// set up through the API, vote by name; the presiding console lists who voted how, grouped,
// behind a disclosure.
// The public page's statistics of the body's suggestions, read when opened, agree with the API's.
async function publicStatistics(pub, admin) {
  // As the page asks: the latest session whose report is dated (the secretariat dated it above).
  const [report] = await admin.get('/api/v1/bodies/e2e/proposal-reports')
  const stats = await admin.get(`/api/v1/bodies/e2e/proposal-statistics?session_id=${report.session_id}`)
  assert.equal(stats.as_of, report.as_of)
  assert.ok(stats.received >= 1)
  await pub.getByRole('button', { name: '刷新' }).click()
  const section = pub.locator('[data-stats-body="e2e"]')
  await section.locator('summary').click()
  await section.getByTestId('stats-received').filter({ hasText: String(stats.received) }).waitFor()
  const sentence = await textOf(section.getByTestId('stats-report')) // after a label for screen readers
  assert.ok(sentence.endsWith(stats.report_zh), sentence)
  // The demo's CPPCC reports its 1st session's proposals as of the date its report states.
  const cppcc = pub.locator('[data-stats-body="cppcc"]')
  await cppcc.locator('summary').click()
  await cppcc.getByTestId('stats-received').filter({ hasText: '5621' }).waitFor()
  assert.equal(await textOf(cppcc.getByTestId('stats-as-of')), '全国政协十四届一次会议以来，截至 2024-02-29')
  assert.match(await textOf(cppcc.getByTestId('stats-report')), /共提出提案5621件，经审查立案4791件.*。截至2024年2月底，99\.9%的提案已经办复。$/)
  await axe(pub, 'results-statistics')
  await shoot(pub, '41-results-statistics')
  log('public results: the statistics of the suggestions,', stats.report_zh, '; the CPPCC report as of 2024年2月底')
}

async function namedPoll(base, admin) {
  const day = today()
  await admin.act('assembly.create_body', { id: 'e2e-staff', name_zh: '示范大学教职工代表大会', name_en: 'Example University Staff Congress', rulebook: 'generic' })
  await admin.act('assembly.create_term', { body: 'e2e-staff', number: 3, name_zh: '第三届教职工代表大会', starts_on: '2024-09-01' })
  const { session_id } = await admin.act('assembly.create_session', {
    body: 'e2e-staff',
    term: 3,
    number: 2,
    name_zh: '示范大学第三届教职工代表大会第二次会议',
    name_en: 'Second Session of the 3rd Staff Congress',
    short_name_zh: '三届二次教代会',
    opens_on: day,
    closes_on: day,
  })
  const staff = NAMES.slice(0, 6)
  await admin.act('assembly.import_roster', {
    body: 'e2e-staff',
    csv: 'seat,card,name,unit\n' + staff.map((n, i) => `S${i + 1},U-${i + 1},${n},${i < 3 ? '文学院' : '理学院'}`).join('\n') + '\n',
  })
  const members = await admin.get('/api/v1/bodies/e2e-staff/members')
  await admin.act('accounts.create', { username: 'e2e-staff-presiding', password: PASSWORD, display_name: '教代会主持人', roles: [{ body: 'e2e-staff', role: 'presiding' }] })
  const { sitting_id } = await admin.act('assembly.schedule_sitting', {
    session_id,
    kind: 'plenary',
    number: 1,
    title_zh: '第一次全体会议',
    title_en: '1st plenary sitting',
    starts_at: `${day}T14:00${offsetOf(day)}`,
  })
  await admin.act('assembly.open_sitting', { sitting_id })
  await admin.act('attendance.check_in_bulk', { sitting_id, seats: members.map((m) => m.seat) })
  const { motion_id } = await admin.act('motions.submit', {
    session_id,
    kind: 'draft_resolution',
    organ: 'presidium',
    title_zh: '关于修改教职工代表大会实施细则的决定（草案）',
    title_en: 'Decision amending the staff congress’s rules (draft)',
  })
  await admin.act('motions.place_on_agenda', { motion_id })
  const { poll_id } = await admin.act('voting.open', { motion_id, sitting_id, mode: 'named' })
  const plan = ['for', 'for', 'against', 'for', 'abstain', 'for']
  for (const [i, m] of members.entries()) {
    const username = `e2e-staff-${i + 1}`
    await admin.act('accounts.create', { username, password: PASSWORD, display_name: m.name, member_id: m.id, roles: [{ body: 'e2e-staff', role: 'member' }] })
    const member = new Api(base)
    await member.login(username, PASSWORD)
    await member.act('voting.cast', { poll_id, choice: plan[i] })
  }
  await admin.act('voting.close', { poll_id })
  // Each name with its seat (座位号), as the roll call lists them.
  const byChoice = (c) => members.filter((_, i) => plan[i] === c).map((m) => `${m.name} · 座位号 ${m.seat}`)

  const page = await newPage({ width: 1280, height: 900 })
  await signIn(page, base, 'e2e-staff-presiding', '/console')
  await page.goto(`${base}/console?sitting=${sitting_id}`)
  await page.getByRole('heading', { name: '表决结果（请宣读）' }).waitFor()
  const list = page.getByTestId('action-pane').getByTestId('named-votes').first() // the last result's, beside the sitting
  assert.equal(await textOf(list.locator('summary')), '记名表决名单（6人）')
  assert.equal(await list.locator('li').count(), 0) // nothing listed until asked
  await list.locator('summary').click()
  const groups = list.locator('section.group')
  await groups.first().locator('li').first().waitFor()
  assert.deepEqual(await groups.locator('h4').allTextContents(), ['赞成（4人）', '反对（1人）', '弃权（1人）'])
  for (const [i, c] of ['for', 'against', 'abstain'].entries())
    assert.deepEqual((await groups.nth(i).locator('li').allTextContents()).sort(), byChoice(c).sort())
  await axe(page, 'console-named-votes')
  await shoot(page, '37-console-named-votes')
  log('a named vote of a staff congress: the console lists who voted how')
  await page.context().close()
}

// The device's UTC offset on a day, as starts_at wants it ("+08:00").
function offsetOf(day) {
  const minutes = -new Date(`${day}T14:00:00`).getTimezoneOffset()
  const abs = Math.abs(minutes)
  return `${minutes >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

// ---------------------------------------------------------------- main

await runScenario({
  name: 'e2e',
  log,
  bin: BIN,
  db: DB,
  server,
  tmp,
  browser: () => browser,
  axeResults,
  axeFile: 'axe.json',
  shotPrefix: '',
  scenario,
})
