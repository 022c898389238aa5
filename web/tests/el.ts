// Element Plus selects in unit tests. Their option lists are teleported to <body>: a select's
// input names its list (aria-controls), which is found there.
import { DOMWrapper, type VueWrapper } from '@vue/test-utils'

// The option items of the el-select whose input is `selector` (its id, e.g. '#review-state').
function itemsOf(w: VueWrapper, selector: string): DOMWrapper<Element>[] {
  const input = w.find(selector).element
  const list = document.getElementById(input.getAttribute('aria-controls') ?? '')
  if (!list) throw new Error(`no option list for ${selector}`)
  return Array.from(list.querySelectorAll('.el-select-dropdown__item'), (el) => new DOMWrapper(el))
}

// The texts of its options, in order.
export function optionTexts(w: VueWrapper, selector: string): string[] {
  return itemsOf(w, selector).map((o) => o.text())
}

// Chooses the option whose text is `text`, as a click on it does.
export async function chooseOption(w: VueWrapper, selector: string, text: string) {
  const item = itemsOf(w, selector).find((o) => o.text() === text)
  if (!item) throw new Error(`no option "${text}" at ${selector}: ${optionTexts(w, selector).join(', ')}`)
  await item.trigger('click')
}
