// A form's API error with the field at fault: the server names it (`args.closes_on`); the form
// marks that input invalid, points it at the error note and moves the focus there, so the
// person sees and hears which of their entries to correct; the message also stands under that
// field (el-form-item's `error`).
import { computed, nextTick, watch } from 'vue'
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

  // The id of the input of `arg` (its label's `for`).
  function mark(arg: string) {
    return { id: inputId(arg) }
  }

  // The input at fault is marked on the element itself: Element Plus passes aria attributes to
  // the input of el-input only (el-select, el-date-picker and el-input-number keep them on their
  // wrapper), and the input's own descriptions (a hint) stay.
  function setFault(arg: string, on: boolean) {
    const el = typeof document !== 'undefined' ? document.getElementById(inputId(arg)) : null
    if (!el) return
    const described = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== noteId)
    if (on) described.unshift(noteId)
    if (on) el.setAttribute('aria-invalid', 'true')
    else el.removeAttribute('aria-invalid')
    if (described.length) el.setAttribute('aria-describedby', described.join(' '))
    else el.removeAttribute('aria-describedby')
  }
  watch(
    field,
    (now, before) => {
      if (before) setFault(before, false)
      if (now) setFault(now, true)
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
      const el = typeof document !== 'undefined' ? document.getElementById(inputId(field.value)) : null
      el?.focus()
    }
    return out
  }

  return { error, field, clear, mark, message, submit, noteId, inputId }
}
