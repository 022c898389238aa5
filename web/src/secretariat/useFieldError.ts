// A form's API error with the field at fault: the server names it (`args.closes_on`); the form
// marks that input invalid, points it at the error note and moves the focus there, so the
// person sees and hears which of their entries to correct.
import { computed, nextTick } from 'vue'
import { useApiError } from '@/composables/useApiError'

// `idPrefix`: the form's inputs are `${idPrefix}-${arg}` with `-` for `_` (e.g. session-closes-on).
export function useFieldError(idPrefix: string) {
  const { error, attempt, clear } = useApiError()
  const noteId = `${idPrefix}-error`

  // The argument at fault, without "args." (null: none, or not an argument).
  const field = computed(() => {
    const f = error.value?.field ?? null
    return f && f.startsWith('args.') ? f.slice(5).split('.')[0] : null
  })

  const inputId = (arg: string) => `${idPrefix}-${arg.replace(/_/g, '-')}`

  // Attributes for the input of `arg`: invalid and described by the note when it is at fault.
  function mark(arg: string) {
    const bad = field.value === arg
    return { id: inputId(arg), 'aria-invalid': bad ? (true as const) : undefined, 'aria-describedby': bad ? noteId : undefined }
  }

  // Runs an action; on a refusal naming one of this form's inputs, focuses that input.
  async function submit<T>(fn: () => Promise<T>): Promise<T | undefined> {
    const out = await attempt(fn)
    if (out === undefined && field.value) {
      await nextTick()
      const el = typeof document !== 'undefined' ? document.getElementById(inputId(field.value)) : null
      el?.focus()
    }
    return out
  }

  return { error, field, clear, mark, submit, noteId, inputId }
}
