// The member's electronic ballot (docs/ELECTION-PROTOCOL.md section 6), as state for the view:
// the open round and its manifest from the board, the member's choices, their credential (in
// memory only: never stored on the device), "audit this ballot", the cast and its receipt, and
// the receipt looked up on the board.
//
// The manifest is used exactly as the board gave it (the text of the latest `manifest` entry):
// its SHA-256 is the election fingerprint every ballot names, and the member compares its short
// form with the one announced in the hall, since the device cannot otherwise know that the
// server sent the trustees' key.
import { computed, reactive, ref, shallowRef, type Ref } from 'vue'
import { ApiError } from '@/api/client'
import { useApiError } from '@/composables/useApiError'
import { CryptoError, audit, makeBallot, marksFor, prepare, type Choice, type Manifest, type VerifyResult } from '@/crypto'
import { toHex } from '@/crypto/group'
import { castBallot, electionQueries, openRound, type Election, type ElectionRound } from './api'
import { checkReceipt, credentialInManifest, latestManifest, normalizeCredential, shortFingerprint, type ReceiptCheck } from './board'

/** A problem found on the device, told with an i18n key of elections.problem.*. */
export interface Problem {
  key: string
  params?: Record<string, string | number>
}

/** What "audit this ballot" shows: the encrypted ballot's randomness and the check's verdict. */
export interface AuditShown {
  choices: Record<number, Choice>
  marks: number[]
  randomness: string[]
  result: VerifyResult
  /** The audited ballot and its manifest fingerprint, for anyone who wants to check it elsewhere. */
  ballotJson: string
}

export interface Recorded {
  receipt: string
  /** What was cast; null when the ballot was cast before this page loaded (it is encrypted). */
  choices: Record<number, Choice> | null
  /** The member cast more than once on this device (the last ballot counts). */
  changed: boolean
  round: number
}

// Lets the browser paint ("encrypting…") before the ballot's arithmetic holds the main thread.
function yieldToPaint(): Promise<void> {
  return new Promise((resolve) => {
    const raf = globalThis.requestAnimationFrame
    if (typeof raf === 'function' && typeof document !== 'undefined' && !document.hidden) raf(() => setTimeout(resolve, 0))
    else setTimeout(resolve, 0)
  })
}

export function useElectionBallot(electionId: Ref<number>) {
  const { error, set: setError, clear: clearError } = useApiError()

  const election = ref<Election | null>(null)
  const round = computed<ElectionRound | null>(() => (election.value ? openRound(election.value) : null))
  const lastRound = computed<ElectionRound | null>(() => election.value?.rounds[election.value.rounds.length - 1] ?? null)
  const manifestText = shallowRef<string | null>(null)
  const manifest = shallowRef<Manifest | null>(null)
  const fingerprint = computed(() => (manifest.value ? toHex(manifest.value.fingerprint) : ''))
  const fingerprintShort = computed(() => shortFingerprint(fingerprint.value))
  const candidates = computed(() => manifest.value?.candidates ?? [])
  const seats = computed(() => manifest.value?.seats ?? 0)

  const loaded = ref(false)
  const choices = reactive<Record<number, Choice>>({})
  const credential = ref('') // memory only
  const problem = ref<Problem | null>(null)
  const limitNotice = ref(false)
  const busy = ref<'' | 'audit' | 'cast' | 'board'>('')
  const audited = shallowRef<AuditShown | null>(null)
  const recorded = shallowRef<Recorded | null>(null)
  const boardCheck = shallowRef<ReceiptCheck | null>(null)
  const voted = ref<number | null>(null)

  const forCount = computed(() => Object.values(choices).filter((c) => c === 'for').length)
  const tally = computed(() => {
    const n = { for: 0, against: 0, abstain: 0 }
    for (const c of candidates.value) n[choices[c.id] ?? 'abstain']++
    return n
  })

  function fail(key: string, params?: Record<string, string | number>) {
    problem.value = { key, params }
  }

  async function load() {
    clearError()
    problem.value = null
    try {
      const [e, board, mine] = await Promise.all([
        electionQueries.election(electionId.value),
        electionQueries.manifests(electionId.value),
        electionQueries.myBallot(electionId.value),
      ])
      election.value = e
      voted.value = e.rounds[e.rounds.length - 1]?.voted ?? null
      const r = openRound(e)
      if (e.mode !== 'electronic') return fail('notElectronic')
      if (!r) {
        manifestText.value = null
        manifest.value = null
        return
      }
      const entry = latestManifest(board, r.number)
      if (!entry) return fail('noManifest')
      if (manifestText.value === entry.payload && manifest.value) return
      let m: Manifest
      try {
        m = prepare(entry.payload) // parses and checks it, and builds the tables the ballot needs
      } catch (err) {
        if (err instanceof CryptoError) return fail('manifestBad', { reason: `${err.field}: ${err.reason}` })
        throw err
      }
      if (m.electionId !== e.id || m.round !== r.number) return fail('manifestOther')
      const listed = r.candidate_ids.map((id) => Number(String(id).replace(/^c/, '')))
      const ids = m.candidates.map((c) => c.id)
      if (listed.length !== ids.length || listed.some((id, i) => id !== ids[i])) return fail('manifestCandidates')
      manifestText.value = entry.payload
      manifest.value = m
      for (const k of Object.keys(choices)) delete choices[Number(k)]
      // Cast earlier in this round (before a reload, or on another device): the receipt from the
      // server, the choices sealed in the ballot.
      recorded.value =
        mine.voted && mine.round === r.number && mine.receipt
          ? { receipt: mine.receipt, choices: null, changed: mine.receipts.length > 1, round: r.number }
          : null
      audited.value = null
      boardCheck.value = null
    } catch (err) {
      setError(err)
    } finally {
      loaded.value = true
    }
  }

  /** Sets a choice; refuses a "for" beyond the seats (the ballot's proof would fail). */
  function choose(candidateId: number, choice: Choice): boolean {
    if (choice === 'for' && choices[candidateId] !== 'for' && forCount.value >= seats.value) {
      limitNotice.value = true
      return false
    }
    limitNotice.value = false
    choices[candidateId] = choice
    return true
  }

  function clearChoices() {
    for (const k of Object.keys(choices)) delete choices[Number(k)]
    limitNotice.value = false
  }

  // The member's credential as typed, checked against the manifest's list; null (and a problem)
  // if it cannot sign this round's ballots.
  function seed(): string | null {
    const hex = normalizeCredential(credential.value)
    if (!hex) {
      fail(credential.value.trim() ? 'credentialFormat' : 'credentialMissing')
      return null
    }
    if (!manifest.value || !credentialInManifest(manifest.value, hex)) {
      fail('credentialUnknown')
      return null
    }
    return hex
  }

  function snapshot(): Record<number, Choice> {
    return Object.fromEntries(candidates.value.map((c) => [c.id, choices[c.id] ?? 'abstain'])) as Record<number, Choice>
  }

  function encrypt(hex: string) {
    const text = manifestText.value!
    const marks = marksFor(text, snapshot())
    return { marks, made: makeBallot(text, hex, marks) }
  }

  /** "Audit this ballot": encrypt, reveal the randomness, check it, and throw the ballot away. */
  async function runAudit() {
    if (busy.value || !manifestText.value) return
    problem.value = null
    clearError()
    const hex = seed()
    if (!hex) return
    busy.value = 'audit'
    try {
      await yieldToPaint()
      const { marks, made } = encrypt(hex)
      const result = audit(manifestText.value, made.ballot, marks, made.randomness)
      audited.value = {
        choices: snapshot(),
        marks,
        randomness: made.randomness,
        result,
        ballotJson: JSON.stringify({ fingerprint: fingerprint.value, marks, randomness: made.randomness, ballot: made.ballot }),
      }
      // `made` goes out of scope here: an audited ballot is never cast (section 6).
    } catch (err) {
      if (err instanceof CryptoError) fail('encrypt', { reason: `${err.field}: ${err.reason}` })
      else throw err
    } finally {
      busy.value = ''
    }
  }

  /** Encrypts afresh, signs and casts; the receipt is the server's, checked against ours. */
  async function cast() {
    if (busy.value || !manifestText.value || !round.value) return
    problem.value = null
    clearError()
    const hex = seed()
    if (!hex) return
    busy.value = 'cast'
    try {
      await yieldToPaint()
      const { made } = encrypt(hex)
      const chosen = snapshot()
      const ack = await castBallot(electionId.value, made.ballot)
      if (ack.result.receipt !== made.receipt) fail('receiptMismatch')
      recorded.value = { receipt: made.receipt, choices: chosen, changed: recorded.value !== null, round: ack.result.round }
      audited.value = null
      boardCheck.value = null
    } catch (err) {
      if (err instanceof CryptoError) fail('encrypt', { reason: `${err.field}: ${err.reason}` })
      else setError(err)
      // The round may have closed meanwhile: show the truth.
      if (err instanceof ApiError && err.code === 'conflict') void refreshElection()
    } finally {
      busy.value = ''
    }
  }

  /** Looks the receipt up on the public board and checks the ballot found there. */
  async function checkBoard() {
    if (busy.value || !recorded.value) return
    clearError()
    busy.value = 'board'
    try {
      const board = await electionQueries.board(electionId.value)
      boardCheck.value = checkReceipt(board, recorded.value.receipt, manifestText.value)
    } catch (err) {
      setError(err)
    } finally {
      busy.value = ''
    }
  }

  function forgetCredential() {
    credential.value = ''
  }

  async function refreshElection() {
    try {
      const e = await electionQueries.election(electionId.value)
      const before = round.value?.number ?? null
      election.value = e
      voted.value = e.rounds[e.rounds.length - 1]?.voted ?? voted.value
      const now = openRound(e)?.number ?? null
      if (now !== null && now !== before) await load() // a new round: its own manifest
    } catch (err) {
      setError(err)
    }
  }

  return {
    election,
    round,
    lastRound,
    manifest,
    manifestText,
    fingerprint,
    fingerprintShort,
    candidates,
    seats,
    loaded,
    choices,
    credential,
    problem,
    limitNotice,
    busy,
    audited,
    recorded,
    boardCheck,
    voted,
    forCount,
    tally,
    error,
    clearError,
    load,
    choose,
    clearChoices,
    runAudit,
    cast,
    checkBoard,
    forgetCredential,
    refreshElection,
  }
}

export type ElectionBallotState = ReturnType<typeof useElectionBallot>
