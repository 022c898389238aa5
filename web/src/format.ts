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
