import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'
import electionsZh from './elections.zh-CN'
import electionsEn from './elections.en'
import hallZh from './hall.zh-CN'
import hallEn from './hall.en'
import adminZh from './admin.zh-CN'
import adminEn from './admin.en'

export type Locale = 'zh-CN' | 'en'
export const LOCALES: Locale[] = ['zh-CN', 'en']
const STORAGE_KEY = 'plenum.locale'

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
    if (saved === 'en' || saved === 'zh-CN') return saved
  } catch {
    /* no storage */
  }
  return 'zh-CN' // the default, whatever the browser says: the assemblies work in Chinese
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: {
    'zh-CN': { ...zhCN, ...electionsZh, ...hallZh, ...adminZh },
    en: { ...en, ...electionsEn, ...hallEn, ...adminEn },
  },
})

export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  } catch {
    /* no storage */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

// The server's bilingual fields: the one for the UI language (Chinese when no English exists).
export function pick(zh: string | undefined, en: string | undefined, locale: string): string {
  if (locale.startsWith('zh')) return zh ?? en ?? ''
  return en || zh || ''
}
