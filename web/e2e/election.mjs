// End-to-end test of the member's electronic ballot (issue 6) against a real plenum server on a
// fresh database, with the real command-line tools of the trustees and the credential authority.
//
// Through the API: a county congress with six deputies, an open sitting, an electronic election
// of two among three candidates (elections.create "mode": "electronic"). Three trustees, each
// with `plenum trustee` on their own secret file (threshold 2): init (box keys), setup, commit,
// accept, relayed by the secretariat. The credential authority runs `plenum election-credentials`
// and the secretariat publishes the public list; the presiding role opens the round.
// In Debian's chromium (playwright-core), the presiding officer opens the round from the console
// (after a confirmation) and reads out the fingerprint the console shows: it must be the text
// the deputies' ballot screens show; the hall's big screen (an observer account) shows it in
// large type with the live count of voters. Five deputies in separate browser contexts sign in,
// follow the link on their screen to the ballot, enter their credential, and cast; the first
// also tries a third 赞成 (refused), audits a ballot, casts, checks the receipt on the board
// and then changes the vote; another mistypes the credential first. The live count of voters
// follows on the ballot screens, the console and the big screen. The presiding officer closes
// the round from the console; trustees 1 and 3 decrypt (CLI + API); the result appears on the
// deputies' screens, the console (the announcement to read) and the big screen, the receipt is
// counted, and `plenum verify-election` passes on the downloaded board.
// axe-core (WCAG 2.1 A/AA: no serious or critical violation) on the ballot, audit and receipt
// screens, the console's elections and the big screen's election in both languages;
// screenshots in zh and en to web/test-artifacts/screenshots/e*.png.
//
// Environment: PLENUM_BIN (default build/test/plenum; copied first, so that a rebuild during the
// run does not matter), PLENUM_RULEBOOKS, CHROMIUM, E2E_DIST (default web/dist), E2E_KEEP=1
// keeps the temporary directory, E2E_SEED_DB as in run.mjs (a database holding only the demo).
// What it shares with run.mjs (paths, the server, the API client…) is in support.mjs.
import { execFileSync } from 'node:child_process'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ART, Api, CHROMIUM, DIST, PASSWORD, PLENUM_BIN, PlenumServer, SERVER_ENV, SHOTS, browserKit, checkRadio, runScenario, makeLog, requireFiles, signIn, textOf, today, launchChromium } from './support.mjs'

const TIMEOUT = 60_000 // the test build runs under AddressSanitizer, ballots are checked on arrival

const log = makeLog('election')

requireFiles('election e2e', [
  ['plenum binary', PLENUM_BIN],
  ['the built web app (npm run build)', path.join(DIST, 'index.html')],
  ['chromium', CHROMIUM],
])
fs.mkdirSync(SHOTS, { recursive: true })
for (const f of fs.readdirSync(SHOTS)) if (/^e\d\d-|^election-failure/.test(f)) fs.rmSync(path.join(SHOTS, f))

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-election-e2e-'))
const BIN = path.join(tmp, 'plenum')
fs.copyFileSync(PLENUM_BIN, BIN)
fs.chmodSync(BIN, 0o755)
const DB = path.join(tmp, 'e2e.db')

// ---------------------------------------------------------------- the command line

function plenum(args, { input } = {}) {
  return execFileSync(BIN, args, { env: SERVER_ENV, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })
}

// Runs plenum and returns {status, stdout, stderr}, without throwing on a non-zero exit.
function plenumStatus(args) {
  try {
    return { status: 0, stdout: plenum(args), stderr: '' }
  } catch (e) {
    return { status: e.status, stdout: String(e.stdout ?? ''), stderr: String(e.stderr ?? '') }
  }
}

// ---------------------------------------------------------------- server

const server = new PlenumServer({ bin: BIN, db: DB, dist: DIST, logFile: path.join(ART, 'server-election.log') })
let browser = null

// ---------------------------------------------------------------- setup (API)

const NAMES = ['王建国', '李秀英', '张伟', '刘芳', '陈志强', '杨丽']
const CANDIDATES = ['周文华', '吴海燕', '郑国强']

async function createBody(base) {
  const admin = new Api(base)
  await admin.login('admin', 'plenum-2024')
  const day = today()
  await admin.act('assembly.create_body', {
    id: 'ele',
    name_zh: '示范县人民代表大会',
    name_en: 'Example County People’s Congress',
    rulebook: 'local-congress',
    level: 'county',
  })
  await admin.act('assembly.create_term', { body: 'ele', number: 18, name_zh: '示范县第十八届人民代表大会', starts_on: '2021-10-01' })
  const { session_id } = await admin.act('assembly.create_session', {
    body: 'ele',
    term: 18,
    number: 5,
    name_zh: '示范县第十八届人民代表大会第五次会议',
    name_en: 'Fifth Session of the 18th Example County People’s Congress',
    short_name_zh: '县十八届人大五次会议',
    opens_on: day,
    closes_on: day,
  })
  for (const [username, display_name, role] of [
    ['ele-secretariat', '大会秘书处', 'secretariat'],
    ['ele-presiding', '大会主持人', 'presiding'],
    ['ele-screen', '会场大屏幕', 'observer'],
  ])
    await admin.act('accounts.create', { username, password: PASSWORD, display_name, roles: [{ body: 'ele', role }] })
  const csv =
    'seat,card,name,unit\n' +
    NAMES.map((n, i) => `E${String(i + 1).padStart(3, '0')},C18-${String(i + 1).padStart(4, '0')},${n},${i < 3 ? '城关镇代表团' : '东乡代表团'}`).join('\n') +
    '\n'
  await admin.act('assembly.import_roster', { body: 'ele', csv })
  const members = await admin.get('/api/v1/bodies/ele/members')
  assert.equal(members.length, NAMES.length)
  const deputies = []
  for (const [i, name] of NAMES.entries()) {
    const m = members.find((x) => x.name === name)
    const username = `ele-m${i + 1}`
    await admin.act('accounts.create', { username, password: PASSWORD, display_name: name, member_id: m.id, roles: [{ body: 'ele', role: 'member' }] })
    deputies.push({ username, member: m })
  }
  const sec = new Api(base)
  await sec.login('ele-secretariat', PASSWORD)
  const chair = new Api(base)
  await chair.login('ele-presiding', PASSWORD)
  const { sitting_id } = await sec.act('assembly.schedule_sitting', {
    session_id,
    kind: 'plenary',
    number: 3,
    title_zh: '第三次全体会议（选举）',
    title_en: '3rd plenary sitting (elections)',
    starts_at: `${day}T09:00+08:00`,
  })
  await chair.act('assembly.open_sitting', { sitting_id })
  // A round begins only at a quorate sitting (议事规则第四条): the deputies check in at the desk.
  await sec.act('attendance.check_in_bulk', { sitting_id, seats: deputies.map((d) => d.member.seat) })
  return { sec, chair, session_id, sitting_id, deputies }
}

// The election, its trustees (CLI) and the credentials (CLI); the round is opened on the console.
async function createElection({ sec, session_id }) {
  const { election_id } = await sec.act('elections.create', {
    session_id,
    title_zh: '选举县人民代表大会常务委员会副主任',
    title_en: 'Election of vice-chairs of the county standing committee',
    seats: 2,
    ballot_kind: 'election',
    mode: 'electronic',
  })
  for (const name of CANDIDATES) await sec.act('elections.nominate', { election_id, name, organ: 'presidium' })

  const board = async () => {
    const b = await sec.get(`/api/v1/elections/${election_id}/board`)
    const file = path.join(tmp, 'board.json')
    fs.writeFileSync(file, JSON.stringify(b))
    return file
  }
  const secrets = [1, 2, 3].map((j) => path.join(tmp, `trustee-${j}.secret`))
  const keys = secrets.map((secret, i) => {
    const out = plenum(['trustee', 'init', '--index', String(i + 1), '--secret', secret])
    const key = /[0-9a-f]{64}/.exec(out)?.[0]
    assert.ok(key, `trustee init printed a box key: ${out}`)
    return key
  })
  await sec.act('elections.setup_trustees', {
    election_id,
    threshold: 2,
    trustees: keys.map((box_key, i) => ({ name: ['受托人甲', '受托人乙', '受托人丙'][i], box_key })),
  })
  for (const step of ['commit', 'accept']) {
    for (const secret of secrets) {
      const payload = JSON.parse(plenum(['trustee', step, '--secret', secret, '--board', await board()]))
      await sec.act('elections.post_trustee', {
        election_id,
        kind: step === 'commit' ? 'trustee-commitments' : 'trustee-accepted',
        payload,
      })
    }
  }
  log('three trustees generated the election key with `plenum trustee` (threshold 2)')

  const privateCsv = path.join(tmp, 'credentials-private.csv')
  const publicJson = path.join(tmp, 'credentials-public.json')
  plenum(['election-credentials', '--count', String(NAMES.length), '--private', privateCsv, '--public', publicJson])
  const seeds = fs
    .readFileSync(privateCsv, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[1])
  assert.equal(seeds.length, NAMES.length)
  const { credentials } = JSON.parse(fs.readFileSync(publicJson, 'utf8'))
  await sec.act('elections.publish_credentials', { election_id, credentials })
  log(`the credential authority issued ${seeds.length} credentials (plenum election-credentials); the public list is published`)

  return { election_id, seeds, secrets, board }
}

// The fingerprint of the round's manifest, hashed here from the board's exact text.
async function manifestFingerprint(api, election_id) {
  const manifest = (await api.get(`/api/v1/elections/${election_id}/board?kind=manifest`)).entries.at(-1)
  return await sha256Hex(manifest.payload)
}

async function sha256Hex(text) {
  const h = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Buffer.from(h).toString('hex')
}

// ---------------------------------------------------------------- browser helpers

const { axeResults, pageErrors, newPage, toggleLanguage, shoot, axe, confirmDialog } = browserKit({
  browser: () => browser,
  log,
  timeout: TIMEOUT,
  viewport: { width: 820, height: 1180 },
})

// On the ballot screen: one radiogroup per candidate, named by the candidate.
function choose(page, candidate, word) {
  return checkRadio(page.getByRole('radiogroup', { name: candidate, exact: true }).getByRole('radio', { name: word, exact: true }))
}

// ---------------------------------------------------------------- the scenario

// Who votes what (seats 2; more than half of the 6 deputies, so 4 "for", elects):
// 周文华 4 for → elected; 吴海燕 4 for → elected; 郑国强 1 for, 3 against.
const PLAN = [
  { 周文华: '赞成', 吴海燕: '赞成', 郑国强: '反对' }, // deputy 1, after changing their vote
  { 周文华: '赞成', 吴海燕: '赞成' },
  { 周文华: '赞成', 郑国强: '赞成' },
  { 周文华: '赞成', 吴海燕: '赞成', 郑国强: '反对' },
  { 吴海燕: '赞成', 郑国强: '反对' },
]

async function openBallot(page, base, d, title, { shot = false } = {}) {
  await signIn(page, base, d.username, '/member')
  await page.getByRole('heading', { name: `${d.member.name}，您好` }).waitFor()
  const link = page.getByRole('link', { name: `进入电子投票：${title}` })
  await link.waitFor()
  if (shot) await shoot(page, 'e00-member-election-link')
  await link.click()
  await page.waitForURL((u) => /^\/member\/elections\/\d+$/.test(u.pathname))
  await page.getByRole('radiogroup', { name: CANDIDATES[0], exact: true }).waitFor()
}

// Marks the plan's choices, casts, and returns the new receipt (a change replaces the old one).
async function castInUi(page, plan) {
  for (const [candidate, word] of Object.entries(plan)) await choose(page, candidate, word)
  const before = (await page.getByTestId('receipt-code').count()) ? await textOf(page.getByTestId('receipt-code')) : null
  await page.getByRole('button', { name: '投票', exact: true }).click()
  await page.waitForFunction(
    (old) => {
      const code = document.querySelector('[data-testid="receipt-code"]')
      return code && code.textContent.trim() !== old
    },
    before,
  )
  return await textOf(page.getByTestId('receipt-code'))
}

async function scenario(base) {
  log('creating a county congress, an open sitting and an electronic election through the API…')
  const setup = await createBody(base)
  const election = await createElection(setup)
  const { election_id, seeds } = election
  const title = '选举县人民代表大会常务委员会副主任'

  browser = await launchChromium()

  // The presiding officer's console: the election, ready, and the button to open round 1.
  const chair = await newPage({ width: 1280, height: 900 })
  await signIn(chair, base, 'ele-presiding', '/console')
  await chair.goto(`${base}/console?sitting=${setup.sitting_id}`)
  const card = chair.locator(`[data-election="${election_id}"]`)
  await card.getByRole('heading', { name: title }).waitFor()
  await card.getByTestId('election-state').filter({ hasText: '提名中' }).waitFor()
  assert.equal(await textOf(card.getByTestId('election-mode')), '电子选票')
  // The hall's big screen (an observer account): the sitting, no election yet.
  const screen = await newPage({ width: 1920, height: 1080 })
  await signIn(screen, base, 'ele-screen', '/screen')
  await screen.goto(`${base}/screen?sitting=${setup.sitting_id}`)
  await screen.getByTestId('screen-title').filter({ hasText: '第三次全体会议' }).waitFor()
  await screen.locator('[data-testid="stage"][data-live="live"]').waitFor()
  assert.equal(await screen.getByTestId('screen-election').count(), 0)

  await card.getByRole('button', { name: '开始第1轮投票' }).click()
  await confirmDialog(chair)
  await card.getByTestId('console-fingerprint-short').waitFor()
  election.fingerprint = await manifestFingerprint(setup.sec, election_id)
  const announced = await textOf(card.getByTestId('console-fingerprint-short'))
  assert.equal(announced, election.fingerprint.slice(0, 16).match(/.{4}/g).join(' '), 'the console reads out the manifest’s SHA-256')
  assert.equal((await card.getByTestId('console-fingerprint-full').textContent()).replace(/\s/g, ''), election.fingerprint)
  await card.getByTestId('election-voted').filter({ hasText: '已投票 0 人 / 有选举权 6 人' }).waitFor()
  log(`the presiding officer opened round 1 on the console; it reads out the fingerprint ${announced}`)
  await screen.getByTestId('screen-fingerprint').filter({ hasText: announced }).waitFor()
  assert.equal(await textOf(screen.getByTestId('screen-fingerprint')), announced)
  assert.equal(await textOf(screen.getByTestId('screen-election-voted')), '0')
  log('the big screen shows the same fingerprint')

  // Deputy 1, on a phone: the ballot, the seat limit, an audit, a cast, the board, a change.
  const d1 = setup.deputies[0]
  const phone = await newPage({ width: 390, height: 844 })
  await openBallot(phone, base, d1, title, { shot: true })
  await phone.getByTestId('fingerprint-short').filter({ hasText: election.fingerprint.slice(0, 4) }).waitFor()
  const shown = (await textOf(phone.getByTestId('fingerprint-short'))).replace(/\s/g, '')
  assert.equal(shown, election.fingerprint.slice(0, 16), 'the short fingerprint is the manifest’s SHA-256')
  assert.equal(await textOf(phone.getByTestId('fingerprint-short')), announced, 'the device shows what the hall reads out')
  await phone.getByText('实时更新中').waitFor()
  log('deputy 1 followed the link from the member screen to the ballot; fingerprint', shown)
  await axe(phone, 'election-ballot')
  await shoot(phone, 'e01-election-ballot')

  // At most two 赞成: the third is refused with a message.
  await choose(phone, CANDIDATES[0], '反对')
  await choose(phone, CANDIDATES[1], '赞成')
  await choose(phone, CANDIDATES[2], '赞成')
  await phone.getByRole('radiogroup', { name: CANDIDATES[0], exact: true }).locator('label').filter({ hasText: '赞成' }).click()
  const limit = await textOf(phone.getByTestId('seat-limit'))
  assert.match(limit, /最多只能对 2 名候选人投赞成票/)
  assert.equal(await phone.getByRole('radiogroup', { name: CANDIDATES[0], exact: true }).getByRole('radio', { name: '反对', exact: true }).isChecked(), true)
  log('a third 赞成 refused:', limit)
  await shoot(phone, 'e02-election-seat-limit')
  await choose(phone, CANDIDATES[2], '弃权')

  // The credential, as printed (groups of eight, upper case): kept in the page's memory only.
  await phone.getByLabel('投票凭证').fill(seeds[0].toUpperCase().match(/.{8}/g).join(' '))
  await phone.getByRole('button', { name: '审核这张选票' }).click()
  await phone.getByTestId('audit-verdict').waitFor()
  assert.match(await textOf(phone.getByTestId('audit-verdict')), /核对通过/)
  const revealed = await phone.locator('[data-testid="audit"] code.hex').allTextContents()
  assert.equal(revealed.length, 6)
  log('deputy 1 audited a ballot: randomness revealed, check passed, ballot discarded')
  await axe(phone, 'election-audit')
  await shoot(phone, 'e03-election-audit')

  const firstReceipt = await castInUi(phone, {})
  assert.match(await textOf(phone.getByTestId('ballot-recorded')), /您的选票已加密提交/)
  assert.match(firstReceipt, /^[0-9a-f]{64}$/)
  assert.equal(await phone.getByTestId('audit').count(), 0, 'the audit is gone after the cast')
  await phone.getByTestId('check-board').click()
  await phone.getByTestId('board-verdict').filter({ hasText: '已在公告板第' }).waitFor()
  log('deputy 1 cast (receipt', firstReceipt.slice(0, 16) + '…) and found it on the board:', await textOf(phone.getByTestId('board-verdict')))
  // The hall's count follows: one member has voted.
  await card.getByTestId('election-voted').filter({ hasText: '已投票 1 人 / 有选举权 6 人' }).waitFor()
  await screen.getByTestId('screen-election-voted').filter({ hasText: /^1$/ }).waitFor()
  log('the console and the big screen count 1 voter')
  await axe(chair, 'console-election')
  await shoot(chair, 'e06-console-election')
  await axe(screen, 'screen-election')
  await shoot(screen, 'e07-screen-election', { fullPage: false })
  await axe(phone, 'election-receipt')
  await shoot(phone, 'e04-election-receipt')
  const stored = await phone.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }).toLowerCase())
  assert.ok(!stored.includes(seeds[0]), 'the credential is not stored on the device')
  // A reload forgets the credential and the choices, not the fact of voting: the device asks the
  // server for this member's receipt, says so, and may still check it on the board.
  await phone.reload()
  await phone.getByTestId('cast-earlier').waitFor()
  assert.equal(await textOf(phone.getByTestId('receipt-code')), firstReceipt)
  await phone.getByTestId('check-board').click()
  await phone.getByTestId('board-verdict').filter({ hasText: '已在公告板第' }).waitFor()
  log('after a reload deputy 1 is told they voted, with the same receipt, found on the board')
  await axe(phone, 'election-voted-before-reload')
  await shoot(phone, 'e10-election-voted-before-reload')
  await phone.getByLabel('投票凭证').fill(seeds[0])

  // Deputies 2–5 on tablets; deputy 2 first mistypes the credential.
  const others = []
  for (let i = 1; i < 5; i++) {
    const page = await newPage()
    await openBallot(page, base, setup.deputies[i], title)
    others.push(page)
  }
  await others[0].getByLabel('投票凭证').fill(seeds[1].slice(0, 62) + (seeds[1].endsWith('00') ? '11' : '00'))
  await others[0].getByRole('button', { name: '投票', exact: true }).click()
  await others[0].getByTestId('ballot-problem').filter({ hasText: '不在本次选举的凭证名单中' }).waitFor()
  log('a mistyped credential is refused on the device')
  const receipts = [null]
  for (const [i, page] of others.entries()) {
    await page.getByLabel('投票凭证').fill(seeds[i + 1])
    receipts.push(await castInUi(page, PLAN[i + 1]))
  }
  log('deputies 2–5 cast their ballots')

  // Deputy 1 changes their vote: the last ballot counts.
  receipts[0] = await castInUi(phone, PLAN[0])
  await phone.getByTestId('ballot-recorded').filter({ hasText: '已更改' }).waitFor()
  assert.notEqual(receipts[0], firstReceipt)
  log('deputy 1 changed their vote:', await textOf(phone.getByTestId('ballot-recorded')))

  // The live count of members who have voted (five members; deputy 1 twice).
  await phone.getByTestId('voted-count').filter({ hasText: '已有 5 名成员投票' }).waitFor()
  await others[3].getByTestId('voted-count').filter({ hasText: '已有 5 名成员投票' }).waitFor()
  await card.getByTestId('election-voted').filter({ hasText: '已投票 5 人 / 有选举权 6 人' }).waitFor()
  await screen.getByTestId('screen-election-voted').filter({ hasText: /^5$/ }).waitFor()
  log('the voters’ count follows live on the ballot screens, the console and the big screen: 5')

  for (const page of others) {
    await page.getByTestId('check-board').click()
    await page.getByTestId('board-verdict').filter({ hasText: '已在公告板第' }).waitFor()
  }
  log('every deputy found their receipt on the board')

  // The presiding officer closes the round on the console; the homomorphic tally goes on the board.
  await card.getByRole('button', { name: '结束第1轮投票' }).click()
  await confirmDialog(chair)
  await card.getByTestId('round-state').filter({ hasText: '受托人正在解密计票' }).waitFor()
  assert.equal(await card.getByRole('button', { name: '结束第1轮投票' }).count(), 0)
  await phone.getByText('本轮投票已结束，正在由受托人解密计票。').waitFor()
  await screen.locator('[data-testid="screen-election"][data-phase="tallying"]').waitFor()
  const talliedBoard = await setup.sec.get(`/api/v1/elections/${election_id}/board?kind=tally`)
  assert.equal(JSON.parse(talliedBoard.entries[0].payload).ballots_counted, 5)
  log('round closed on the console: 5 ballots counted; the deputies’ screens and the big screen say the trustees are decrypting')

  // Trustees 1 and 3 decrypt (trustee 2 is absent): the second partial decryption counts.
  let outcome = null
  for (const j of [1, 3]) {
    const payload = JSON.parse(plenum(['trustee', 'decrypt', '--secret', election.secrets[j - 1], '--board', await election.board()]))
    outcome = await setup.sec.act('elections.post_trustee', { election_id, kind: 'partial-decryption', payload })
  }
  const result = outcome.result
  log('trustees 1 and 3 decrypted:', result.announcement_zh)
  const counts = Object.fromEntries(result.candidates.map((c) => [c.name, [c.for, c.against, c.abstain]]))
  assert.deepEqual(counts, { 周文华: [4, 0, 1], 吴海燕: [4, 0, 1], 郑国强: [1, 3, 1] })
  assert.deepEqual([...result.elected].sort(), ['吴海燕', '周文华'].sort())

  // The deputies' screens show the result; deputy 1's last ballot is counted, the first is not.
  await phone.getByTestId('election-result').filter({ hasText: '当选' }).waitFor()
  await phone.getByTestId('check-board').click()
  await phone.getByTestId('board-check').filter({ hasText: '计票已包括这张选票。' }).waitFor()
  await axe(phone, 'election-result')
  await shoot(phone, 'e05-election-result')
  // The hall: the console gives the announcement to read, the big screen the elected.
  const electedLine = `当选：${result.elected.join('、')}`
  await card.getByTestId('console-elected').filter({ hasText: electedLine }).waitFor()
  assert.equal(await textOf(card.getByTestId('console-election-result').locator('.announcement')), result.announcement_zh)
  await screen.locator('[data-testid="screen-election"][data-phase="counted"]').waitFor()
  assert.deepEqual(await screen.locator('.elected-name').allTextContents(), result.elected)
  assert.equal(await textOf(screen.getByTestId('screen-election-announcement')), result.announcement_zh)
  log('the console shows the announcement to read and', electedLine, '; the big screen the elected')
  await axe(screen, 'screen-election-result')
  await shoot(screen, 'e08-screen-election-result', { fullPage: false })
  await axe(chair, 'console-election-result')
  await shoot(chair, 'e09-console-election-result')
  const boardAfter = await setup.sec.get(`/api/v1/elections/${election_id}/board`)
  const tally = JSON.parse(boardAfter.entries.find((e) => e.kind === 'tally').payload)
  assert.ok(tally.receipts.includes(receipts[0]))
  assert.ok(!tally.receipts.includes(firstReceipt), 'the changed ballot is not counted')
  for (const r of receipts) assert.ok(tally.receipts.includes(r))
  log('the tally counts each deputy’s last ballot')

  // Anyone can check the whole election from the board alone.
  const boardFile = path.join(ART, 'election-board.json')
  fs.writeFileSync(boardFile, JSON.stringify(boardAfter, null, 1))
  const verified = plenumStatus(['verify-election', '--board', boardFile])
  log(`plenum verify-election: exit ${verified.status}\n${(verified.stdout + verified.stderr).trim()}`)
  assert.equal(verified.status, 0, 'plenum verify-election passes on the board')
  // …and it notices tampering: a ballot entry edited after the fact.
  const tampered = structuredClone(boardAfter)
  const ballotEntry = tampered.entries.find((e) => e.kind === 'ballot')
  ballotEntry.payload = ballotEntry.payload.replace(/"round":1/, '"round":1 ')
  const tamperedFile = path.join(tmp, 'board-tampered.json')
  fs.writeFileSync(tamperedFile, JSON.stringify(tampered))
  const refused = plenumStatus(['verify-election', '--board', tamperedFile])
  assert.equal(refused.status, 1, `verify-election refuses a tampered board: ${refused.stdout}${refused.stderr}`)
  log('plenum verify-election refuses the board with one ballot entry edited:', (refused.stdout + refused.stderr).trim().split('\n')[0])

  assert.deepEqual(pageErrors, [], 'uncaught errors in the pages')
}

// ---------------------------------------------------------------- main

await runScenario({
  name: 'election e2e',
  log,
  bin: BIN,
  db: DB,
  server,
  tmp,
  browser: () => browser,
  axeResults,
  axeFile: 'axe-election.json',
  shotPrefix: 'election-',
  scenario,
})
