// Errors from the API, told in the UI language.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, networkError } from '@/api/client'

export function useApiError() {
  const { locale } = useI18n()
  const error = ref<ApiError | null>(null)

  function set(e: unknown) {
    error.value = e instanceof ApiError ? e : networkError(e)
    if (!(e instanceof ApiError)) console.error(e)
  }

  function clear() {
    error.value = null
  }

  function text(e: ApiError | null = error.value): string {
    return e ? e.messageIn(locale.value) : ''
  }

  // Runs `fn`, keeping its error for display; returns undefined on failure.
  async function attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
    clear()
    try {
      return await fn()
    } catch (e) {
      set(e)
      return undefined
    }
  }

  return { error, set, clear, text, attempt }
}
