// The entry the server refused, marked on the input itself: aria-invalid, and described by the
// note that says why (aria-describedby, before the input's own descriptions, which stay), so a
// screen reader reads the message when the focus lands there. Element Plus passes such
// attributes to the input of el-input only; el-select, el-date-picker and el-input-number keep
// them on their wrapper, where they mean nothing.
import type { Directive } from 'vue'

// Marks (or unmarks) `input` as at fault, described by the note `noteId`.
export function markFault(input: Element | null, noteId: string, on: boolean) {
  if (!input) return
  const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== noteId)
  if (on) described.unshift(noteId)
  if (on) input.setAttribute('aria-invalid', 'true')
  else input.removeAttribute('aria-invalid')
  if (described.length) input.setAttribute('aria-describedby', described.join(' '))
  else input.removeAttribute('aria-describedby')
}

// v-at-fault="noteId | null" on an Element Plus control: its input is at fault while set.
export const vAtFault: Directive<HTMLElement, string | null | undefined> = {
  mounted(el, binding) {
    if (binding.value) markFault(el.querySelector('input, textarea'), binding.value, true)
  },
  updated(el, binding) {
    const input = el.querySelector('input, textarea')
    if (binding.oldValue && binding.oldValue !== binding.value) markFault(input, binding.oldValue, false)
    if (binding.value) markFault(input, binding.value, true)
  },
}
