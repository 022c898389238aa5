import { describe, expect, it } from 'vitest'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'
import electionsZh from '@/i18n/elections.zh-CN'
import electionsEn from '@/i18n/elections.en'
import hallZh from '@/i18n/hall.zh-CN'
import hallEn from '@/i18n/hall.en'
import adminZh from '@/i18n/admin.zh-CN'
import adminEn from '@/i18n/admin.en'
import { pick } from '@/i18n'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

function value(o: object, path: string): string {
  return path.split('.').reduce((acc: unknown, k) => (acc as Record<string, unknown>)[k], o) as string
}

// Every message file pair the app merges (src/i18n/index.ts), checked as one.
const PAIRS: [string, object, object][] = [
  ['zh-CN / en', zhCN, en],
  ['elections', electionsZh, electionsEn],
  ['hall', hallZh, hallEn],
  ['admin', adminZh, adminEn],
]

describe('messages', () => {
  it.each(PAIRS)('%s: zh-CN and en have the same keys, none empty', (_, zh, en) => {
    expect(keys(en).sort()).toEqual(keys(zh).sort())
    for (const k of keys(zh)) {
      expect(value(zh, k), k).not.toBe('')
      expect(value(en, k), k).not.toBe('')
    }
  })

  it.each(PAIRS)('%s: the same placeholders in both languages', (_, zh, en) => {
    // Unique names: a plural message ("one | many") repeats its placeholders.
    const holes = (s: string) => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort()
    for (const k of keys(zh)) expect(holes(value(en, k)), k).toEqual(holes(value(zh, k)))
  })

  it('no two message files define the same top-level key (they are merged shallowly)', () => {
    const tops = PAIRS.flatMap(([, zh]) => Object.keys(zh))
    expect(tops.length).toBe(new Set(tops).size)
  })

  it('pick the server field for the language, Chinese when there is no English', () => {
    expect(pick('开幕会', 'Opening meeting', 'zh-CN')).toBe('开幕会')
    expect(pick('开幕会', 'Opening meeting', 'en')).toBe('Opening meeting')
    expect(pick('开幕会', '', 'en')).toBe('开幕会')
  })
})

describe('format', () => {
  it('writes a local start time as the API wants it', async () => {
    const { offsetOn, localDateTime } = await import('@/format')
    expect(offsetOn('2024-03-08', '09:00')).toMatch(/^[+-]\d{2}:\d{2}$/)
    expect(localDateTime('2024-03-05T09:00+08:00')).toBe('2024-03-05 09:00')
  })
})
