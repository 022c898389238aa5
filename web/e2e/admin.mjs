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
// admin creates a county congress from the same tab. On the members tab the secretariat finds a
// deputy by seat, opens an account for them and resets its password; the deputy, signed out,
// is told at the next sign-in who reset it and chooses their own. axe-core (WCAG 2.1 A/AA: no serious or
// critical violation) on each new screen in both languages; screenshots in zh and en to
// web/test-artifacts/screenshots/a*.png. The run's duration is logged.
//
// Environment: PLENUM_BIN (default build/test/plenum; copied first, so that a rebuild during the
// run does not matter), PLENUM_RULEBOOKS, CHROMIUM, E2E_DIST (default web/dist), E2E_KEEP=1 keeps
// the temporary directory, E2E_SEED_DB as in run.mjs (a database holding only the demo).
// What it shares with run.mjs and election.mjs is in support.mjs.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ART, Api, CHROMIUM, DIST, PASSWORD, PLENUM_BIN, PlenumServer, SHOTS, browserKit, choose, fillDate, runScenario, makeLog, requireFiles, signIn, textOf, launchChromium } from './support.mjs'

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
  await admin.act('accounts.create', { username: 'a-npc-presiding', password: PASSWORD, display_name: '全国人大主持人（测试）', roles: [{ body: 'npc', role: 'presiding' }] })
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

const { axeResults, pageErrors, newPage, toggleLanguage, shoot, axe, checkModal, confirmDialog } = browserKit({
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
  await fillDate(page, page.getByLabel('开幕日期'), '2025-03-11')
  await fillDate(page, page.getByLabel('闭幕日期'), '2025-03-05')
  await page.getByRole('button', { name: '创建会议' }).click()
  await page.locator('.session-form [role="alert"]').filter({ hasText: '闭幕日期早于开幕日期' }).waitFor()
  assert.equal(await textOf(page.locator('.session-form [data-testid="field-at-fault"]')), '需要更正：闭幕日期')
  // The message also stands under the date itself (el-form-item's error).
  assert.equal(await textOf(page.locator('.session-form .el-form-item.is-error .el-form-item__error')), '闭幕日期早于开幕日期')
  assert.equal(await focusedId(page), 'session-closes-on')
  assert.equal((await api.get('/api/v1/bodies/npc/sessions')).length, 1, 'nothing created')
  log('the session with closes_on before opens_on is refused: 闭幕日期早于开幕日期, the date marked and focused')
  await axe(page, 'secretariat-session-refused')
  await shoot(page, 'a02-secretariat-session-refused')

  await fillDate(page, page.getByLabel('开幕日期'), '2025-03-05')
  await fillDate(page, page.getByLabel('闭幕日期'), '2025-03-11')
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
  await choose(page, page.locator('#sched-session'), /^第十四届全国人民代表大会第三次会议/)
  await fillDate(page, page.getByLabel('日期', { exact: true }), '2025-03-05')
  await choose(page, page.getByLabel('开始时间'), '09:00')
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
  await fillDate(page, page.getByLabel('起始日期'), '2028-03-05')
  await page.getByRole('button', { name: '创建届次' }).click()
  await page.getByTestId('admin-said').filter({ hasText: '已创建届次：第十五届全国人民代表大会' }).waitFor()
  assert.equal(await focusedId(page), 'term-15')
  assert.deepEqual((await api.get('/api/v1/bodies/npc')).terms.map((t) => t.number).sort(), [14, 15])
  log('the 15th term created')
  await page.context().close()
}

// The NPC's new sitting refuses what its rules forbid, in words, from the presiding console: a
// vote without a quorum (议事规则第四条), and a constitutional amendment by the devices or by hands
// (议事规则第六十条): the amendment gets its secret paper ballot instead.
async function refusals(base, sec) {
  const chair = new Api(base)
  await chair.login('a-npc-presiding', PASSWORD)
  const third = (await chair.get('/api/v1/bodies/npc/sessions')).find((s) => s.number === 3)
  const [sitting] = await chair.get(`/api/v1/sessions/${third.id}/sittings`)
  await chair.act('assembly.open_sitting', { sitting_id: sitting.id })
  const submit = async (kind, organ, title_zh) => {
    const { motion_id } = await chair.act('motions.submit', { session_id: third.id, kind, organ, title_zh })
    await chair.act('motions.place_on_agenda', { motion_id })
    return motion_id
  }
  const amendment = await submit('constitutional_amendment', 'standing_committee', '中华人民共和国宪法修正案（草案）')
  const resolution = await submit('draft_resolution', 'presidium', '关于政府工作报告的决议（草案）')
  const refused = await chair.refused('voting.open', { motion_id: amendment, sitting_id: sitting.id }, 422)
  assert.equal(refused.field, 'args.motion_id')
  assert.match(refused.message_zh, /以无记名投票方式表决.*不使用表决器或举手.*第六十条/)

  const page = await newPage()
  await signIn(page, base, 'a-npc-presiding', '/console')
  await page.goto(`${base}/console?sitting=${sitting.id}`)
  const amendmentRow = page.locator(`[data-motion="${amendment}"]`)
  await amendmentRow.getByTestId('secret-ballot-note').waitFor()
  assert.match(await textOf(amendmentRow), /以无记名投票方式表决，不使用表决器或举手（全国人民代表大会议事规则第五十九条、第六十条）/)
  assert.equal(await amendmentRow.getByRole('button', { name: '开始表决' }).count(), 0, 'no device vote on an amendment')

  // Nobody has checked in: the resolution's vote is refused, saying why.
  await page.locator(`[data-motion="${resolution}"]`).getByRole('button', { name: '开始表决' }).click()
  await confirmDialog(page)
  const why = page.locator('[role="alert"]').filter({ hasText: '不足法定人数' })
  await why.waitFor()
  assert.match(await textOf(why), /应出席代表2956人，出席0人，不足法定人数（至少1971人），不能开始表决（全国人民代表大会议事规则第四条）/)
  assert.equal((await chair.get(`/api/v1/sittings/${sitting.id}/polls`)).polls.length, 0, 'no poll opened')
  log('a vote without a quorum is refused on the console: 不足法定人数（至少1971人）, 议事规则第四条')
  await axe(page, 'console-quorum-refused')
  await shoot(page, 'a10-console-quorum-refused')

  // The amendment is put to its ballot, which the session's elections list.
  await amendmentRow.getByTestId('put-to-ballot').click()
  await confirmDialog(page)
  await page.getByText('中华人民共和国宪法修正案（草案）表决').first().waitFor()
  const { elections } = await chair.get(`/api/v1/sessions/${third.id}/elections`)
  const ballot = elections.find((e) => e.candidates[0]?.motion_id === amendment)
  assert.deepEqual([ballot.ballot_kind, ballot.mode, ballot.seats, ballot.state], ['confirmation', 'paper', 1, 'nominating'])
  await amendmentRow.getByTestId('ballot-exists').waitFor() // no second ballot offered
  assert.equal(await amendmentRow.getByTestId('put-to-ballot').count(), 0)
  log('the constitutional amendment is refused the devices (议事规则第六十条) and put to a secret paper ballot (election', ballot.id + ')')
  await axe(page, 'console-amendment-ballot')
  await shoot(page, 'a11-console-amendment-ballot')

  // 2,000 deputies check in at the desk; the chief scrutineer (deputy 3) counts the ballot, which
  // the console opened: at least two thirds of all 2,956 deputies (1,971) adopt the amendment.
  const members = (await sec.get('/api/v1/bodies/npc/members')).slice(0, 2000).map((m) => m.id)
  await sec.act('attendance.check_in_bulk', { sitting_id: sitting.id, member_ids: members })
  await chair.act('elections.appoint_scrutineer', { election_id: ballot.id, member_id: 3, chief: true })
  const chief = new Api(base)
  await chief.login('npc-0003', 'plenum-2024')
  await page.reload()
  await page.getByRole('button', { name: '开始第1轮投票' }).click()
  await confirmDialog(page)
  await page.getByText('纸质选票由监票人清点').first().waitFor()
  await chief.act('elections.record_box', { election_id: ballot.id, box: '1', issued: 2000, returned: 2000 })
  await chief.act('elections.enter_count', {
    election_id: ballot.id,
    totals: { valid_ballots: 1998, void_ballots: 2, for: { c1: 1990 }, against: { c1: 5 } },
  })
  const counted = await chief.act('elections.sign_off', { election_id: ballot.id })
  assert.equal(counted.adopted, true)
  await page.getByTestId('console-verdict').filter({ hasText: '通过' }).waitFor()
  assert.equal(
    await textOf(page.getByTestId('console-election-result').locator('.announcement')),
    '发出表决票2000张，收回表决票2000张，有效票1998张，无效票2张。赞成1990票，反对5票，弃权3票。通过。',
  )
  const decided = await chair.get(`/api/v1/motions/${amendment}`)
  assert.deepEqual([decided.state, decided.decided_how], ['adopted', 'secret_ballot'])
  log('its ballot counted by the chief scrutineer: 赞成1990票 of 2,956, 通过; the amendment is adopted by secret ballot')
  await axe(page, 'console-amendment-adopted')
  await shoot(page, 'a12-console-amendment-adopted')
  await chair.act('assembly.close_sitting', { sitting_id: sitting.id })
  await page.context().close()
}

// Key selection, a deadline extension and a supervision visit on the assigned suggestion.
async function supervision(base, { sec, proposal_id, lead }) {
  const page = await newPage()
  await signIn(page, base, 'a-npc-secretariat', '/console')
  await page.goto(base + '/secretariat?body=npc&tab=review')
  // A search marks what it matched, in the title and in an excerpt of the text (title_parts).
  await page.getByLabel('检索').fill('乡村学校')
  await page.getByRole('button', { name: '查找' }).click()
  const row = page.locator(`[data-proposal-row="${proposal_id}"]`)
  await row.locator('mark').first().waitFor()
  assert.equal(await textOf(row.locator('strong mark').first()), '乡村学校')
  await shoot(page, 'a13-review-search-marked')
  await page.getByLabel('检索').fill('')
  await choose(page, page.getByLabel('状态'), '办理中')
  await page.getByRole('button', { name: `审查“${TITLE}”` }).click()
  const panel = page.getByTestId('supervision')
  await panel.waitFor()
  assert.equal(await textOf(panel.getByTestId('current-due')), `教育部（主办，交办于 ${lead.assigned_on}）：${lead.due_on}`)
  assert.equal(lead.due_on, addMonths(lead.assigned_on, 3))
  await panel.getByText('尚无督办记录或延期。').waitFor()

  await page.getByRole('button', { name: '列为重点提案' }).click()
  await page.getByTestId('review-said').filter({ hasText: '已列为重点提案。' }).waitFor()

  const due = addMonths(lead.assigned_on, 6)
  await choose(page, panel.getByLabel('延长至交办后'), '6 个月')
  assert.equal(await textOf(panel.getByTestId('new-due')), `新的答复期限：${due}`)
  await panel.getByRole('button', { name: '延长期限' }).click()
  await page.getByTestId('review-said').filter({ hasText: `答复期限已延长至 ${due}。` }).waitFor()
  // The record keeps the extension with its day and who made it (the server's record, not a guess).
  await panel.locator('[data-extension]').filter({ hasText: `答复期限延长至交办后 6 个月，即 ${due}（经办：a-npc-secretariat）` }).waitFor()
  assert.match(await textOf(panel.getByTestId('current-due')), new RegExp(`：${due}$`))
  log('reply deadline extended from', lead.due_on, 'to', due)

  const on = await panel.getByLabel('日期', { exact: true }).inputValue() // today, in Beijing
  await choose(page, panel.getByLabel('督办方式'), '走访')
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
  await choose(page, page.getByLabel('议事规则'), /（local-congress）$/)
  await choose(page, page.getByLabel(/^层级/), '县级')
  await page.getByRole('button', { name: '创建机构' }).click()
  await page.getByTestId('body-said').filter({ hasText: '已创建机构：示范县人民代表大会' }).waitFor()
  await page.getByTestId('members-total').filter({ hasText: /^0$/ }).waitFor()
  assert.equal(await textOf(page.locator('.body-pick .el-select__selected-item:not(.is-hidden)')), '示范县人民代表大会')
  assert.match(await textOf(page.getByTestId('body-summary')), /示范县人民代表大会.*县级以上地方各级人民代表大会.*县级/)
  assert.equal(await focusedId(page), 'assembly-body-title')
  const body = await api.get('/api/v1/bodies/a-county')
  assert.deepEqual([body.rulebook, body.level], ['local-congress', 'county'])
  log('the admin created a county congress; the tab shows it')
  await axe(page, 'admin-body-created')
  await shoot(page, 'a05-admin-body-created')
  await page.context().close()
}

// The desk's members: find a deputy without an account by seat, open one, reset its password; the
// deputy is signed out, told who reset it at the next sign-in, and chooses their own.
async function members(base) {
  const page = await newPage()
  await signIn(page, base, 'a-npc-secretariat', '/console')
  await page.goto(`${base}/secretariat?body=npc&tab=members`)
  await page.getByTestId('members-count').filter({ hasText: '共 2956 人' }).waitFor()
  await page.getByLabel('查找').fill('N0011')
  await page.getByTestId('members-count').filter({ hasText: '显示 1 人' }).waitFor()
  const row = page.getByTestId('members-table').locator('tbody tr').first()
  const name = (await textOf(row.locator('td').nth(2))).trim()
  await axe(page, 'secretariat-members')
  await shoot(page, 'a06-members')
  await page.getByRole('button', { name: `为${name}开设账户` }).click()
  await page.getByLabel('用户名').waitFor()
  assert.equal(await page.getByLabel('用户名').inputValue(), 'n0011')
  const first = await page.getByTestId('handover-password').inputValue()
  assert.match(first, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
  await page.getByTestId('member-confirm').click()
  await page.getByTestId('members-said').filter({ hasText: `已为${name}开设账户` }).waitFor()
  await row.locator('code').filter({ hasText: 'n0011' }).waitFor()
  log('an account opened for', name, 'at the desk (n0011)')

  // The record corrected and a photo uploaded (a 1×1 PNG), on the ledger; the seat stays.
  await page.getByRole('button', { name: `更正${name}的信息` }).click()
  await page.getByLabel('小组').waitFor()
  await page.locator('.el-dialog input[type=file]').setInputFiles({
    name: 'photo.png',
    mimeType: 'image/png',
    buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
  })
  await page.getByTestId('members-said').filter({ hasText: `已更新${name}的照片` }).waitFor()
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-testid="edit-photo"] img')
    return img instanceof HTMLImageElement && img.complete && img.naturalWidth === 1
  })
  await page.keyboard.press('Escape')
  await page.getByTestId('member-confirm').waitFor({ state: 'hidden' })
  const edit = page.getByRole('button', { name: `更正${name}的信息` })
  await checkModal(
    page,
    'a06b-members-edit',
    async () => {
      await page.getByTestId(`edit-${'N0011'}`).click()
      await page.getByTestId('member-confirm').waitFor()
    },
    async () => {
      await page.keyboard.press('Escape')
      await page.getByTestId('member-confirm').waitFor({ state: 'hidden' })
    },
  )
  await edit.click()
  await page.getByLabel('小组').fill('第一小组')
  await page.getByTestId('member-confirm').click()
  await page.getByTestId('members-said').filter({ hasText: `已保存${name}的信息` }).waitFor()
  await row.locator('td').first().locator('img').waitFor()
  log('the record of', name, 'corrected (group) and a photo uploaded; the table shows it')

  // The deputy signs in with it; the desk resets the password: the deputy's session ends.
  const deputy = await newPage({ width: 390, height: 844 })
  await signIn(deputy, base, 'n0011', null, first)
  const resetKey = page.getByTestId('reset-N0011')
  await checkModal(
    page,
    'a07-members-reset',
    async () => {
      await resetKey.click()
      await page.getByTestId('handover-password').waitFor()
    },
    async () => {
      await page.keyboard.press('Escape')
      await page.getByTestId('handover-password').waitFor({ state: 'hidden' })
    },
  )
  await page.getByRole('button', { name: `重设${name}的密码` }).click()
  const second = await page.getByTestId('handover-password').inputValue()
  await page.getByTestId('member-confirm').click()
  await page.getByTestId('members-said').filter({ hasText: `已重设${name}的密码` }).waitFor()
  await row.getByText(/密码由 a-npc-secretariat 于 .* 重设/).waitFor()
  // The server's session cache may hold the ended session for a few seconds: reload until it is gone.
  for (let i = 0; i < 60 && !new URL(deputy.url()).pathname.startsWith('/signin'); i++) {
    await deputy.goto(`${base}/member`)
    await deputy.waitForLoadState('networkidle')
    if (!new URL(deputy.url()).pathname.startsWith('/signin')) await deputy.waitForTimeout(500)
  }
  assert.match(new URL(deputy.url()).pathname, /^\/signin/, 'the reset signed the deputy out')
  await signIn(deputy, base, 'n0011', null, second)
  await deputy.getByTestId('password-notice').filter({ hasText: '您的密码已由 a-npc-secretariat 于' }).waitFor()
  await axe(deputy, 'password-notice')
  await shoot(deputy, 'a08-password-notice')
  await deputy.getByRole('button', { name: '设置我自己的密码' }).click()
  await deputy.getByLabel('秘书处交给您的密码').fill(second)
  await deputy.getByLabel('新密码（至少8个字符）').fill('my-own-pass-2024')
  await deputy.getByRole('button', { name: '保存新密码' }).click()
  // The change ended the session: the sign-in page says so, and the new password signs in.
  await deputy.getByTestId('password-changed').waitFor()
  await deputy.getByLabel('账号').fill('n0011')
  await deputy.getByLabel('密码', { exact: true }).fill('my-own-pass-2024')
  await deputy.getByRole('button', { name: '登录', exact: true }).click()
  await deputy.waitForURL((u) => u.pathname === '/member')
  assert.equal(await deputy.getByTestId('password-notice').count(), 0)
  log('the password reset at the desk: the deputy was signed out, told by whom, and chose their own')
  await deputy.context().close()
  await page.context().close()
}

async function scenario(base) {
  log('setting up accounts, a handling unit and an assigned suggestion through the API…')
  const ctx = await setup(base)
  browser = await launchChromium()
  await assembly(base, ctx.sec)
  await refusals(base, ctx.sec)
  await supervision(base, ctx)
  await newBody(base, ctx.admin)
  await members(base)
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
