// Answers of the plenum API for the hall components' tests, shaped as the server sends them.
import { vi } from 'vitest'
import { api } from '@/api/client'
import type { Motion, MotionDetail, Poll, SessionAgenda } from '@/api/types'

export function motion(id: number, over: Partial<Motion> = {}): Motion {
  return {
    id,
    body: 'npc',
    session_id: 1,
    kind: 'draft_resolution',
    kind_zh: '决议草案',
    title_zh: `议案${id}`,
    title_en: `Motion ${id}`,
    state: 'on_agenda',
    parent_id: 0,
    clause: '',
    submitter_kind: 'organ',
    submitter: 'presidium',
    signers: [],
    referred_to: '',
    decided_how: '',
    decided_at: null,
    submitted_by: 'npc-secretariat',
    submitted_at: '2024-03-05T01:00:00Z',
    sections: null,
    ...over,
  }
}

export const organicLaw: MotionDetail = {
  ...motion(2, { kind: 'draft_law', kind_zh: '法律草案', title_zh: '中华人民共和国国务院组织法（修订草案）', title_en: 'Organic Law of the State Council (revised draft)', state: 'deliberation' }),
  submitter_kind: 'organ',
  submitter: 'presidium',
  sections: null,
  referred_to: '',
  decided_how: '',
  decided_at: null,
  submitted_at: '2024-03-05T01:00:00Z',
  versions: [
    { number: 1, stage: 'draft', text: '关于国务院组织法修订草案的说明：……', note: '', by: 'npc-secretariat', at: '2024-03-05T01:00:00Z' },
    { number: 2, stage: 'revised', text: '国务院组织法（修订草案修改稿）', note: '根据各代表团审议意见修改', by: 'npc-presiding', at: '2024-03-09T01:00:00Z' },
    { number: 3, stage: 'voting', text: '国务院组织法（修订草案表决稿）', note: '主席团提请大会表决', by: 'npc-presiding', at: '2024-03-10T01:00:00Z' },
  ],
  clauses: [motion(20, { parent_id: 2, clause: '第十条', title_zh: '国务院组织法（第十条）', state: 'adopted' })],
  polls: [],
}

export const clauseTen: MotionDetail = {
  ...organicLaw,
  ...motion(20, { parent_id: 2, clause: '第十条', state: 'adopted' }),
  versions: [{ number: 1, stage: 'draft', text: '第十条　国务院实行总理负责制。', note: '', by: 'npc-presiding', at: '2024-03-10T01:00:00Z' }],
  clauses: [],
}

export const agenda: SessionAgenda = {
  session_id: 1,
  agendas: [
    {
      ...motion(9, { kind: 'agenda', title_zh: '第二次会议议程', title_en: 'Agenda of the Second Session', state: 'adopted' }),
      sitting_id: null,
      adopted: true,
      items: [
        { title_zh: '听取和审议政府工作报告', title_en: 'Government work report' },
        { motion_id: 2, title_zh: organicLaw.title_zh, title_en: organicLaw.title_en, state: 'deliberation' },
        { motion_id: 3, title_zh: '关于计划的决议（草案）', title_en: 'Resolution on the plan', state: 'adopted' },
      ],
    },
  ],
}

export function openPoll(over: Partial<Poll> = {}): Poll {
  return {
    id: 11,
    body: 'npc',
    sitting_id: 5,
    motion_id: 2,
    title_zh: organicLaw.title_zh,
    title_en: organicLaw.title_en,
    mode: 'anonymous',
    state: 'open',
    method: 'device',
    opened_at: '2024-03-11T07:00:00Z',
    voted: 0,
    manual_entered: false,
    ...over,
  }
}

// api.get answering from a table of paths (anything else: a test failure).
export function answerGets(table: Record<string, unknown>) {
  return vi.spyOn(api, 'get').mockImplementation(async (path: string) => {
    if (!(path in table)) throw new Error(`unexpected GET ${path}`)
    return structuredClone(table[path]) as never
  })
}
