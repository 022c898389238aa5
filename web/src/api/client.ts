// The HTTP API client: reads are GETs, writes are actions posted to /api/v1/actions with the
// session cookie and the X-CSRF-Token header. Every failure becomes an ApiError carrying the
// server's message in both languages, so the UI shows it in the language the user chose.
import type { Ack, ErrorBody, Me } from './types'

export class ApiError extends Error {
  readonly status: number
  readonly body: ErrorBody

  constructor(status: number, body: ErrorBody) {
    super(body.message_en)
    this.name = 'ApiError'
    this.status = status
    this.body = body
  }

  get code(): string {
    return this.body.code
  }

  get field(): string | null {
    return this.body.field
  }

  // The message in the UI language ('zh…' → Chinese, anything else → English), with every
  // detail line (e.g. each refused member of a bulk check-in) after it. Messages that a rule
  // decided already cite it in their own language.
  messageIn(locale: string): string {
    const zh = locale.startsWith('zh')
    const main = zh ? this.body.message_zh : this.body.message_en
    const details = (this.body.details ?? []).map((d) => {
      const text = zh ? d.message_zh : d.message_en
      // Only a file's problems have a line (the server sends null otherwise).
      return d.line != null ? (zh ? `第${d.line}行：${text}` : `line ${d.line}: ${text}`) : text
    })
    return [main, ...details].join('\n')
  }
}

// Failures that never reached the server, or whose answer was lost: told in both languages too.
export function networkError(cause: unknown): ApiError {
  const e = new ApiError(0, {
    code: 'network',
    message_zh: '无法连接服务器，请检查网络后重试',
    message_en: 'Cannot reach the server; check the network and try again',
    field: null,
    rule: null,
  })
  ;(e as { cause?: unknown }).cause = cause
  return e
}

function unexpectedAnswer(status: number): ApiError {
  return new ApiError(status, {
    code: 'internal',
    message_zh: `服务器返回了无法识别的应答（HTTP ${status}）`,
    message_en: `The server gave an answer that could not be read (HTTP ${status})`,
    field: null,
    rule: null,
  })
}

// A request id for idempotent retries (docs/API.md "Idempotency"). crypto.randomUUID needs a
// secure context, which a hall's plain-HTTP address is not; getRandomValues works everywhere.
export function newRequestId(prefix = 'web'): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

// A ballot key for an anonymous poll: 64 hex characters (the API allows 16–128 of A-Za-z0-9-_).
export function newBallotKey(): string {
  const bytes = new Uint8Array(32)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

export interface ApiClientOptions {
  baseUrl?: string
  fetch?: typeof fetch
  // Called when the server says the session is gone (401 on anything but login).
  onUnauthenticated?: () => void
  // Attempts for a write whose answer was lost (same request id each time, so never doubled).
  writeAttempts?: number
  retryDelayMs?: number
}

export class ApiClient {
  private csrf = ''
  private readonly base: string
  private readonly fetchImpl: typeof fetch
  private readonly writeAttempts: number
  private readonly retryDelayMs: number
  onUnauthenticated?: () => void

  constructor(options: ApiClientOptions = {}) {
    this.base = options.baseUrl ?? ''
    this.fetchImpl = options.fetch ?? ((...args) => globalThis.fetch(...args))
    this.onUnauthenticated = options.onUnauthenticated
    this.writeAttempts = options.writeAttempts ?? 3
    this.retryDelayMs = options.retryDelayMs ?? 500
  }

  setCsrfToken(token: string): void {
    this.csrf = token
  }

  get csrfToken(): string {
    return this.csrf
  }

  private async send<T>(method: 'GET' | 'POST', path: string, body?: unknown, quiet401 = false): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (method === 'POST') {
      headers['Content-Type'] = 'application/json'
      if (this.csrf) headers['X-CSRF-Token'] = this.csrf
    }
    let response: Response
    try {
      response = await this.fetchImpl(this.base + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (cause) {
      throw networkError(cause)
    }
    let parsed: unknown
    try {
      parsed = await response.json()
    } catch {
      throw unexpectedAnswer(response.status)
    }
    if (!response.ok) {
      const err = (parsed as { error?: ErrorBody } | null)?.error
      if (!err || typeof err.message_zh !== 'string') throw unexpectedAnswer(response.status)
      if (response.status === 401 && !quiet401) this.onUnauthenticated?.()
      throw new ApiError(response.status, err)
    }
    return parsed as T
  }

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path)
  }

  // GET that treats 401 as an answer ("not signed in"), not as a lost session.
  async me(): Promise<Me | null> {
    try {
      return await this.send<Me>('GET', '/api/v1/auth/me', undefined, true)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null
      throw e
    }
  }

  async login(username: string, password: string): Promise<Me> {
    const me = await this.send<Me>('POST', '/api/v1/auth/login', { username, password }, true)
    this.csrf = me.csrf_token
    return me
  }

  async logout(): Promise<void> {
    try {
      await this.send('POST', '/api/v1/auth/logout', {}, true)
    } finally {
      this.csrf = ''
    }
  }

  // Posts an action. A write whose answer is lost on the network is sent again with the same
  // request id: the server answers a retry with the first result and writes nothing twice.
  async action<R = Record<string, unknown>>(
    action: string,
    args: Record<string, unknown>,
    requestId: string = newRequestId(),
  ): Promise<Ack<R>> {
    let lastError: ApiError | undefined
    for (let attempt = 0; attempt < this.writeAttempts; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, this.retryDelayMs * attempt))
      try {
        return await this.send<Ack<R>>('POST', '/api/v1/actions', { action, args, request_id: requestId })
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 'network') throw e
        lastError = e
      }
    }
    throw lastError!
  }
}

export const api = new ApiClient()
