import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { emptyDraft, useDraftsStore } from '@/stores/drafts'
import { addDays, beijingToday, exportUrl, queryString } from '@/proposals/api'

beforeEach(() => {
  setActivePinia(createPinia())
  localStorage.clear()
})

describe('proposal drafts', () => {
  it('are kept per account on the device until removed', () => {
    const drafts = useDraftsStore()
    drafts.load('cppcc-0001')
    const d = drafts.save({ ...emptyDraft(), title: '关于乡村教师的提案' })
    expect(d.id).toMatch(/^draft-[0-9a-f]{32}$/)
    drafts.save({ ...d, title: '关于乡村教师待遇的提案' })
    expect(drafts.drafts.map((x) => x.title)).toEqual(['关于乡村教师待遇的提案'])

    // Another account on the same tablet sees none of them; the owner gets them back.
    setActivePinia(createPinia())
    const other = useDraftsStore()
    other.load('cppcc-0002')
    expect(other.drafts).toEqual([])
    other.load('cppcc-0001')
    expect(other.find(d.id)?.title).toBe('关于乡村教师待遇的提案')
    other.remove(d.id)
    other.load('cppcc-0001')
    expect(other.drafts).toEqual([])
  })

  it('survive a corrupt store', () => {
    localStorage.setItem('plenum.drafts.u', '{not json')
    const drafts = useDraftsStore()
    drafts.load('u')
    expect(drafts.drafts).toEqual([])
  })
})

describe('proposal query helpers', () => {
  it('build filters and export links, leaving out empty values', () => {
    expect(queryString({ session_id: 3, state: '', q: '乡村 教师' })).toBe('?session_id=3&q=%E4%B9%A1%E6%9D%91+%E6%95%99%E5%B8%88')
    expect(queryString({})).toBe('')
    expect(exportUrl('cppcc', { session_id: 3 })).toBe('/api/v1/bodies/cppcc/proposals/export.csv?session_id=3')
  })

  it('count days in Beijing time', () => {
    expect(beijingToday(new Date('2024-02-29T17:00:00Z'))).toBe('2024-03-01')
    expect(beijingToday(new Date('2024-02-29T15:59:00Z'))).toBe('2024-02-29')
    expect(addDays('2024-02-27', 5)).toBe('2024-03-03')
  })
})
