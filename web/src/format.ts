// Dates and times as people in the hall read them.

// A sitting's local start ("2024-03-05T09:00+08:00") as "2024-03-05 09:00", in its own zone.
export function localDateTime(s: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(s)
  return m ? `${m[1]} ${m[2]}` : s
}

// A UTC timestamp as the device's local clock time, "09:01".
export function clockTime(iso: string, locale: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false })
}

// `d`'s day on the device's calendar, "2024-03-04" (date pickers hand over Dates at local midnight).
export function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

// A UTC timestamp as the device's local date and clock time, "2024-03-04 18:30": a list that
// spans days (leave requests) needs the day too.
export function clockDateTime(iso: string, locale: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${localDay(d)} ${clockTime(iso, locale)}`
}

// The device's UTC offset at a local date and time, as ISO 8601 writes it ("+08:00").
export function offsetOn(day: string, hhmm: string): string {
  const minutes = -new Date(`${day}T${hhmm}:00`).getTimezoneOffset()
  const sign = minutes >= 0 ? '+' : '-'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}
