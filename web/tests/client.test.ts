import { describe, expect, it, vi } from 'vitest'
import { ApiClient, ApiError, newBallotKey, newRequestId } from '@/api/client'

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const conflict = {
  error: {
    code: 'conflict',
    message_zh: '赵乐际 已经签到',
    message_en: '赵乐际 has already checked in',
    field: 'args.member_id',
    rule: null,
  },
}

describe('ApiClient', () => {
  it('signs in, keeps the CSRF token and sends it with every action', async () => {
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith('/auth/login'))
        return jsonResponse(200, { username: 'u', display_name: 'U', member_id: 1, roles: [], csrf_token: 'abc' })
      expect(init?.headers).toMatchObject({ 'X-CSRF-Token': 'abc', 'Content-Type': 'application/json' })
      expect(init?.credentials).toBe('same-origin')
      const body = JSON.parse(String(init?.body))
      expect(body).toMatchObject({ action: 'attendance.check_in', args: { sitting_id: 5 } })
      expect(body.request_id).toMatch(/^web-[0-9a-f]{32}$/)
      return jsonResponse(200, { result: { ok: 1 }, events: [], replayed: false })
    })
    const client = new ApiClient({ fetch: fetch as unknown as typeof globalThis.fetch })
    const me = await client.login('u', 'p')
    expect(me.csrf_token).toBe('abc')
    const ack = await client.action('attendance.check_in', { sitting_id: 5 })
    expect(ack.result).toEqual({ ok: 1 })
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('GETs carry no CSRF header and no body', async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      expect(init?.method).toBe('GET')
      expect(init?.body).toBeUndefined()
      expect((init?.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined()
      return jsonResponse(200, [{ id: 'npc' }])
    })
    const client = new ApiClient({ fetch: fetch as unknown as typeof globalThis.fetch })
    client.setCsrfToken('abc')
    expect(await client.get('/api/v1/bodies')).toEqual([{ id: 'npc' }])
  })

  it('turns an error answer into an ApiError told in the chosen language', async () => {
    const client = new ApiClient({ fetch: (async () => jsonResponse(409, conflict)) as unknown as typeof fetch })
    const err = await client.action('attendance.check_in', { sitting_id: 5 }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(409)
    expect(err.code).toBe('conflict')
    expect(err.field).toBe('args.member_id')
    expect(err.messageIn('zh-CN')).toBe('赵乐际 已经签到')
    expect(err.messageIn('en')).toBe('赵乐际 has already checked in')
  })

  it('lists every detail line after the message', () => {
    const err = new ApiError(400, {
      code: 'malformed',
      message_zh: '名册有 1 处错误，未导入任何成员',
      message_en: 'the roster has 1 problem; nothing was imported',
      field: 'args.csv',
      rule: null,
      details: [{ line: 3, field: 'card', message_zh: '证件号不能为空', message_en: 'card is empty' }],
    })
    expect(err.messageIn('zh-CN')).toBe('名册有 1 处错误，未导入任何成员\n第3行：证件号不能为空')
    expect(err.messageIn('en')).toBe('the roster has 1 problem; nothing was imported\nline 3: card is empty')
  })

  it('says no line for a detail without one (a list, not a file): never 第null行', () => {
    const err = new ApiError(409, {
      code: 'conflict',
      message_zh: '批量签到有 1 处错误，未签到任何人',
      message_en: 'bulk check-in has 1 problem; nobody was checked in',
      field: 'args.seats',
      rule: null,
      details: [{ line: null, field: 'args.seats[1]', message_zh: '没有座位号为 N9999 的成员', message_en: 'no member has seat N9999' }],
    } as never)
    expect(err.messageIn('zh-CN')).toBe('批量签到有 1 处错误，未签到任何人\n没有座位号为 N9999 的成员')
    expect(err.messageIn('en')).toBe('bulk check-in has 1 problem; nobody was checked in\nno member has seat N9999')
  })

  it('retries a write whose answer was lost, with the same request id, and stops at the first answer', async () => {
    const ids: string[] = []
    let calls = 0
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      ids.push(JSON.parse(String(init?.body)).request_id)
      if (++calls < 3) throw new TypeError('Failed to fetch')
      return jsonResponse(200, { result: {}, events: [], replayed: true })
    })
    const client = new ApiClient({ fetch: fetch as unknown as typeof globalThis.fetch, retryDelayMs: 1 })
    const ack = await client.action('attendance.check_in', { sitting_id: 5 }, 'desk-1-0001')
    expect(ack.replayed).toBe(true)
    expect(ids).toEqual(['desk-1-0001', 'desk-1-0001', 'desk-1-0001'])
  })

  it('does not retry a refusal, and reports a lost network in both languages', async () => {
    const refused = vi.fn(async () => jsonResponse(422, { error: { ...conflict.error, code: 'rule_violation' } }))
    const c1 = new ApiClient({ fetch: refused as unknown as typeof fetch, retryDelayMs: 1 })
    await expect(c1.action('voting.cast', {})).rejects.toMatchObject({ status: 422 })
    expect(refused).toHaveBeenCalledTimes(1)

    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const c2 = new ApiClient({ fetch: down as unknown as typeof fetch, retryDelayMs: 1, writeAttempts: 2 })
    const err = await c2.action('voting.cast', {}).catch((e) => e)
    expect(down).toHaveBeenCalledTimes(2)
    expect(err.code).toBe('network')
    expect(err.messageIn('zh-CN')).toContain('无法连接服务器')
    expect(err.messageIn('en')).toContain('Cannot reach the server')
  })

  it('calls onUnauthenticated on a 401, but not for /auth/me or login', async () => {
    const unauth = { error: { code: 'unauthenticated', message_zh: '请先登录', message_en: 'sign in first', field: 'cookie', rule: null } }
    const onUnauthenticated = vi.fn()
    const client = new ApiClient({
      fetch: (async () => jsonResponse(401, unauth)) as unknown as typeof fetch,
      onUnauthenticated,
    })
    expect(await client.me()).toBeNull()
    await expect(client.login('x', 'y')).rejects.toMatchObject({ status: 401 })
    expect(onUnauthenticated).not.toHaveBeenCalled()
    await expect(client.get('/api/v1/members/1')).rejects.toMatchObject({ status: 401 })
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })

  it('reports an answer that is not the API error shape', async () => {
    const client = new ApiClient({
      fetch: (async () => new Response('<html>bad gateway</html>', { status: 502 })) as unknown as typeof fetch,
    })
    const err = (await client.get('/api/v1/bodies').catch((e: ApiError) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(502)
    expect(err.messageIn('en')).toContain('HTTP 502')
  })
})

describe('ids and keys', () => {
  it('makes request ids and ballot keys the API accepts', () => {
    expect(newRequestId('dev')).toMatch(/^dev-[0-9a-f]{32}$/)
    const key = newBallotKey()
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,128}$/)
    expect(newBallotKey()).not.toBe(key)
  })
})
