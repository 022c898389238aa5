// v-at-fault="noteId | null": marks the control inside an Element Plus component as the entry the
// server refused (aria-invalid) and points it at the note that says why (aria-describedby), so a
// screen reader reads the message when the focus lands there. Element Plus passes such attributes
// to the input of el-input only; el-select, el-date-picker and el-input-number keep them on their
// wrapper, where they mean nothing.
import type { Directive } from 'vue'

function apply(el: HTMLElement, noteId: string | null | undefined) {
  const input = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : el.querySelector('input, textarea')
  if (!input) return
  if (noteId) {
    input.setAttribute('aria-invalid', 'true')
    input.setAttribute('aria-describedby', noteId)
  } else {
    input.removeAttribute('aria-invalid')
    input.removeAttribute('aria-describedby')
  }
}

export const vAtFault: Directive<HTMLElement, string | null | undefined> = {
  mounted: (el, binding) => apply(el, binding.value),
  updated: (el, binding) => apply(el, binding.value),
}
