// Uploads a file (a roster as CSV text, a member's photo as a Blob) with progress, through
// XMLHttpRequest: fetch cannot report upload progress. Errors become ApiErrors like every other
// request's.
import { ApiError, api, networkError } from './client'
import type { Ack, ErrorBody } from './types'

export interface UploadProgress {
  loaded: number
  total: number
  phase: 'sending' | 'processing' // processing: sent, waiting for the server's answer
}

export function uploadFile<R = Record<string, unknown>>(
  path: string,
  body: string | Blob,
  options: { contentType?: string; idempotencyKey?: string; onProgress?: (p: UploadProgress) => void } = {},
): Promise<Ack<R>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.setRequestHeader('Content-Type', options.contentType ?? 'text/csv')
    xhr.setRequestHeader('Accept', 'application/json')
    if (api.csrfToken) xhr.setRequestHeader('X-CSRF-Token', api.csrfToken)
    if (options.idempotencyKey) xhr.setRequestHeader('Idempotency-Key', options.idempotencyKey)
    const report = options.onProgress
    xhr.upload.onprogress = (e) => report?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : typeof body === 'string' ? body.length : body.size, phase: 'sending' })
    xhr.upload.onload = () => report?.({ loaded: 1, total: 1, phase: 'processing' })
    xhr.onerror = () => reject(networkError(new Error('upload failed')))
    xhr.onload = () => {
      let parsed: unknown
      try {
        parsed = JSON.parse(xhr.responseText)
      } catch {
        reject(
          new ApiError(xhr.status, {
            code: 'internal',
            message_zh: `服务器返回了无法识别的应答（HTTP ${xhr.status}）`,
            message_en: `The server gave an answer that could not be read (HTTP ${xhr.status})`,
            field: null,
            rule: null,
          }),
        )
        return
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as Ack<R>)
      else {
        const err = (parsed as { error?: ErrorBody }).error
        if (xhr.status === 401) api.onUnauthenticated?.()
        reject(new ApiError(xhr.status, err ?? { code: 'internal', message_zh: `HTTP ${xhr.status}`, message_en: `HTTP ${xhr.status}`, field: null, rule: null }))
      }
    }
    xhr.send(body)
  })
}
