import { describe, expect, it, vi } from 'vitest'
import { ApiClient } from '@/api/client'
import { BallotBook, ballotId, castVote, checkSealed, type BallotStorage } from '@/voting/ballot'

function memoryStorage(): BallotStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  }
}

function clientAnswering(answers: ((body: Record<string, unknown>) => Response)[]) {
  const bodies: Record<string, unknown>[] = []
  const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body))
    bodies.push(body)
    return answers.shift()!(body)
  })
  return { client: new ApiClient({ fetch: fetch as unknown as typeof globalThis.fetch }), bodies }
}

const ok = (result: object) => () => new Response(JSON.stringify({ result, events: [], replayed: false }), { status: 200 })

describe('BallotBook', () => {
  it('makes one key per poll and keeps it, per account', () => {
    const storage = memoryStorage()
    const a = new BallotBook('npc-0001', storage)
    const k1 = a.get(11).key
    expect(a.get(11).key).toBe(k1)
    expect(a.get(12).key).not.toBe(k1)
    expect(new BallotBook('npc-0001', storage).get(11).key).toBe(k1) // survives a reload
    expect(new BallotBook('npc-0002', storage).get(11).key).not.toBe(k1)
    expect(a.peek(11)).toBeNull()
    a.record(11, 'for')
    expect(a.peek(11)).toBe('for')
    expect(a.get(11).key).toBe(k1)
  })
})

describe('castVote', () => {
  it('sends the same device key on the first cast and on a change, and says what was recorded', async () => {
    const book = new BallotBook('npc-0001', memoryStorage())
    const { client, bodies } = clientAnswering([
      ok({ poll_id: 11, choice: 'against', changed: false }),
      ok({ poll_id: 11, choice: 'for', changed: true }),
    ])
    expect(await castVote(client, book, 11, 'against')).toEqual({ ok: true, choice: 'against', changed: false })
    expect(await castVote(client, book, 11, 'for')).toEqual({ ok: true, choice: 'for', changed: true })
    const args = bodies.map((b) => b.args as Record<string, unknown>)
    expect(args[0]).toMatchObject({ poll_id: 11, choice: 'against' })
    expect(args[0].ballot_key).toMatch(/^[0-9a-f]{64}$/)
    expect(args[1].ballot_key).toBe(args[0].ballot_key)
    expect(book.peek(11)).toBe('for')
  })

  it('treats a repeated choice as recorded, unchanged', async () => {
    const book = new BallotBook('m', memoryStorage())
    const { client } = clientAnswering([ok({ poll_id: 3, choice: 'abstain', unchanged: true })])
    expect(await castVote(client, book, 3, 'abstain')).toEqual({ ok: true, choice: 'abstain', changed: false })
  })

  it('recognises a vote already cast with another key (another device)', async () => {
    const book = new BallotBook('m', memoryStorage())
    const { client } = clientAnswering([
      () =>
        new Response(
          JSON.stringify({
            error: {
              code: 'conflict',
              message_zh: '已经表决；改变选择须提供首次表决的 ballot_key',
              message_en: 'already voted; changing the choice needs the first ballot_key',
              field: 'args.ballot_key',
              rule: null,
            },
          }),
          { status: 409 },
        ),
    ])
    const out = await castVote(client, book, 3, 'for')
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.otherDevice).toBe(true)
    expect(book.peek(3)).toBeNull()
  })

  it('passes on other refusals (not checked in) as errors', async () => {
    const book = new BallotBook('m', memoryStorage())
    const { client } = clientAnswering([
      () =>
        new Response(
          JSON.stringify({
            error: { code: 'rule_violation', message_zh: '未签到，不能表决', message_en: 'not checked in', field: 'actor', rule: null },
          }),
          { status: 422 },
        ),
    ])
    const out = await castVote(client, book, 3, 'for')
    expect(out.ok).toBe(false)
    if (!out.ok) {
      expect(out.otherDevice).toBe(false)
      expect(out.error.messageIn('zh-CN')).toBe('未签到，不能表决')
    }
  })
})

describe('the sealed box after the close', () => {
  // The same value src/voting/voting.cpp gives (tests/attack_test.cpp checks it there).
  it('computes the ballot id as the server files it', () => {
    expect(ballotId(11, 1, 'device-key-aaaaaaaaaaaa')).toBe('4e2b4028f93507d57ca0147391994d56b5400a473a1afe4568c1e5bad23329c8')
  })

  function boxClient(ballots: [string, string][]) {
    const urls: string[] = []
    const fetch = vi.fn(async (url: string) => {
      urls.push(url)
      return new Response(JSON.stringify({ poll_id: 11, ballots }), { status: 200 })
    })
    return { client: new ApiClient({ fetch: fetch as unknown as typeof globalThis.fetch }), urls }
  }

  it('finds the member’s ballot, keeps the choice it was counted as and erases the key', async () => {
    const storage = memoryStorage()
    const book = new BallotBook('npc-0001', storage)
    const key = book.get(11).key
    book.record(11, 'for')
    const { client, urls } = boxClient([
      ['0'.repeat(64), 'against'],
      [ballotId(11, 1, key), 'for'],
    ])
    expect(await checkSealed(client, book, 11, 1)).toEqual({ state: 'checked', choice: 'for' })
    expect(urls).toEqual(['/api/v1/polls/11/box'])
    expect(book.stored(11)).toEqual({ key: '', choice: 'for', checked: 'for' })
    expect([...storage.data.values()].join()).not.toContain(key)
    // Asked again, it answers from the device without the box.
    expect(await checkSealed(client, book, 11, 1)).toEqual({ state: 'checked', choice: 'for' })
    expect(urls).toHaveLength(1)
  })

  it('keeps the key when the box lacks the ballot, and forgets it when the sitting closes', async () => {
    const book = new BallotBook('npc-0001', memoryStorage())
    const key = book.get(12).key
    const { client } = boxClient([['f'.repeat(64), 'for']])
    expect(await checkSealed(client, book, 12, 1)).toEqual({ state: 'missing' })
    expect(book.stored(12)?.key).toBe(key)
    book.forget(12)
    expect(book.stored(12)?.key).toBe('')
    expect(await checkSealed(client, book, 12, 1)).toEqual({ state: 'none' })
  })
})
