// Proposal drafts (草稿), kept on this device until submitted: nothing reaches the server (or
// the body's record) before the member presses 提交. Stored per account in localStorage, so a
// draft survives a reload but another account on a shared tablet never sees it.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { newRequestId } from '@/api/client'
import type { ProposalArea, ProposalPart } from '@/api/types'

export interface ProposalDraft {
  id: string // also the submission's request id: a retried submit never files it twice
  title: string
  area: ProposalArea
  parts: Record<ProposalPart, string>
  coProposerIds: number[]
  updatedAt: string
}

const PREFIX = 'plenum.drafts.'

export function emptyDraft(): ProposalDraft {
  return {
    id: newRequestId('draft'),
    title: '',
    area: 'economy',
    parts: { facts: '', analysis: '', suggestions: '' },
    coProposerIds: [],
    updatedAt: new Date().toISOString(),
  }
}

export const useDraftsStore = defineStore('drafts', () => {
  const owner = ref('')
  const drafts = ref<ProposalDraft[]>([])

  function persist() {
    if (!owner.value) return
    try {
      localStorage.setItem(PREFIX + owner.value, JSON.stringify(drafts.value))
    } catch {
      /* storage full or off: the drafts live until the page closes */
    }
  }

  // Loads the drafts of `username` (call after sign-in).
  function load(username: string) {
    owner.value = username
    drafts.value = []
    try {
      const saved = localStorage.getItem(PREFIX + username)
      if (saved) drafts.value = JSON.parse(saved) as ProposalDraft[]
    } catch {
      drafts.value = []
    }
  }

  function save(draft: ProposalDraft) {
    const copy: ProposalDraft = { ...draft, parts: { ...draft.parts }, coProposerIds: [...draft.coProposerIds], updatedAt: new Date().toISOString() }
    const i = drafts.value.findIndex((d) => d.id === draft.id)
    if (i >= 0) drafts.value.splice(i, 1, copy)
    else drafts.value.unshift(copy)
    persist()
    return copy
  }

  function remove(id: string) {
    drafts.value = drafts.value.filter((d) => d.id !== id)
    persist()
  }

  function find(id: string): ProposalDraft | undefined {
    return drafts.value.find((d) => d.id === id)
  }

  return { owner, drafts, load, save, remove, find }
})
