import { describe, expect, it } from 'vitest'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'
import { pick } from '@/i18n'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

function value(o: object, path: string): string {
  return path.split('.').reduce((acc: unknown, k) => (acc as Record<string, unknown>)[k], o) as string
}

describe('messages', () => {
  it('zh-CN and en have the same keys, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
    for (const k of keys(zhCN)) {
      expect(value(zhCN, k), k).not.toBe('')
      expect(value(en, k), k).not.toBe('')
    }
  })

  it('use the same placeholders in both languages', () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
    for (const k of keys(zhCN)) expect(holes(value(en, k)), k).toEqual(holes(value(zhCN, k)))
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
