// A form's API error with the field at fault: the server names it (`args.closes_on`); the form
// marks that input invalid, points it at the error note and moves the focus there, so the
// person sees and hears which of their entries to correct; the message also stands under that
// field (el-form-item's `error`).
import { computed, nextTick, watch } from 'vue'
import { markFault } from '@/composables/atFault'
import { useApiError } from '@/composables/useApiError'

// `idPrefix`: the form's inputs are `${idPrefix}-${arg}` with `-` for `_` (e.g. session-closes-on).
export function useFieldError(idPrefix: string) {
  const { error, attempt, clear, text } = useApiError()
  const noteId = `${idPrefix}-error`

  // The argument at fault, without "args." (null: none, or not an argument).
  const field = computed(() => {
    const f = error.value?.field ?? null
    return f && f.startsWith('args.') ? f.slice(5).split('.')[0] : null
  })

  const inputId = (arg: string) => `${idPrefix}-${arg.replace(/_/g, '-')}`
  const inputOf = (arg: string) => (typeof document !== 'undefined' ? document.getElementById(inputId(arg)) : null)

  // The input at fault is marked on the element itself (composables/atFault.ts).
  watch(
    field,
    (now, before) => {
      if (before) markFault(inputOf(before), noteId, false)
      if (now) markFault(inputOf(now), noteId, true)
    },
    { flush: 'post' },
  )

  // The server's message for an el-form-item's `error` when `arg` is at fault, else ''.
  function message(arg: string): string {
    return field.value === arg ? text() : ''
  }

  // Runs an action; on a refusal naming one of this form's inputs, focuses that input.
  async function submit<T>(fn: () => Promise<T>): Promise<T | undefined> {
    const out = await attempt(fn)
    if (out === undefined && field.value) {
      await nextTick()
      inputOf(field.value)?.focus()
    }
    return out
  }

  return { error, field, clear, message, submit, noteId, inputId }
}
