import type { Locale } from '@linli/common';

/** Everything is shown in Beijing time, whatever the browser's zone (DESIGN §5). */
export const TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

export function formatCount(value: number | null | undefined, locale: Locale, none = '—'): string {
  return value === null || value === undefined ? none : new Intl.NumberFormat(locale).format(value);
}
