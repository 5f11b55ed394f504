import { fail } from './input';
import { quote } from './quote';

/*
 * One rule for every date MVMNT is sent: body fields at any depth, search criteria, query
 * parameters, Get Many's filter builder and the polling trigger's filter.
 *
 *   - A date-only field gets the calendar day the user picked or passed, in any time zone:
 *     "2026-03-02", "2026-03-02T00:00:00" (the picker's wall time) and "2026-03-02T00:00:00+09:00"
 *     all mean March 2. A Luxon DateTime gives its own calendar day; a JS Date or an epoch number
 *     (an instant, no calendar of its own) gives its day in the workflow's time zone.
 *   - A date-time field gets the instant meant: a wall time without offset (what the picker
 *     saves, "2026-03-02 09:30") is read in the workflow's time zone and sent in UTC; a value with
 *     an explicit offset or Z keeps it. Luxon DateTimes keep their offset; JS Dates and epoch
 *     numbers are sent in UTC.
 */

export type DateKind = 'date' | 'dateTime';

/** `2026-03-02`, `2026-03-02T09:30`, `2026-03-02 09:30:15.250`, each optionally with `Z`, `+09:00`, `+0900` or `+09`. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Epoch numbers below this are seconds, above it milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const EPOCH_MS_FROM = 1e11;

interface Wall {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		try {
			f = new Intl.DateTimeFormat('en-US', {
				timeZone,
				hourCycle: 'h23',
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				second: '2-digit',
			});
		} catch {
			return fail(`The workflow's time zone ${quote(timeZone)} is not a known time zone: pick one under the workflow's Settings`);
		}
		formatters.set(timeZone, f);
	}
	return f;
}

/** The wall clock of `timeZone` at instant `ms`. */
function wallAt(ms: number, timeZone: string): Wall {
	const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]));
	return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second, ms: ((ms % 1000) + 1000) % 1000 };
}

const asUtc = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);

/** How far `timeZone` is ahead of UTC at instant `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
	return asUtc({ ...wallAt(ms, timeZone), ms: ((ms % 1000) + 1000) % 1000 }) - ms;
}

/** The instant a wall time in `timeZone` stands for (a time skipped by a DST change moves forward by the gap). */
function instantOfWall(w: Wall, timeZone: string): number {
	const guess = asUtc(w);
	const first = guess - offsetAt(guess, timeZone);
	const second = guess - offsetAt(first, timeZone);
	return first === second ? first : Math.max(first, second);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
const day = (w: Pick<Wall, 'year' | 'month' | 'day'>) => `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;

/** `+09:00` from `+09`, `+0900` or `+09:00`; `Z` stays `Z`. */
function offsetText(zone: string): { text: string; minutes: number } {
	if (/^z$/i.test(zone)) return { text: 'Z', minutes: 0 };
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
	return { text: `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`, minutes };
}

function isValidWall(w: Wall): boolean {
	const d = new Date(asUtc(w));
	return (
		w.month >= 1 &&
		w.month <= 12 &&
		d.getUTCFullYear() === w.year &&
		d.getUTCMonth() === w.month - 1 &&
		d.getUTCDate() === w.day &&
		w.hour < 24 &&
		w.minute < 60 &&
		w.second < 60
	);
}

interface LuxonLike {
	isLuxonDateTime: true;
	isValid: boolean;
	toISO(): string | null;
	toISODate(): string | null;
}

function isLuxon(value: unknown): value is LuxonLike {
	return typeof value === 'object' && value !== null && (value as { isLuxonDateTime?: unknown }).isLuxonDateTime === true;
}

function isJsDate(value: unknown): value is Date {
	return Object.prototype.toString.call(value) === '[object Date]';
}

function badDate(kind: DateKind, label: string, value: unknown): never {
	const example =
		kind === 'date'
			? 'a day such as 2026-03-02'
			: 'a date and time such as 2026-03-02T14:30:00 (read in the workflow\'s time zone) or 2026-03-02T14:30:00+09:00';
	return fail(`${label} is not a valid date: ${quote(value)}. Use ${example}`);
}

/** An instant (ms since the epoch) as the API takes it. */
function fromInstant(ms: number, kind: DateKind, timeZone: string, label: string, value: unknown): string {
	if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return badDate(kind, label, value);
	return kind === 'date' ? day(wallAt(ms, timeZone)) : new Date(ms).toISOString();
}

/**
 * A date or date-time value, whatever form it comes in (text, Luxon DateTime, JS Date, epoch
 * number), as MVMNT takes it: `YYYY-MM-DD` for a date, ISO 8601 with an offset for a date-time.
 * `timeZone` is the workflow's; `label` names the field in errors.
 */
export function apiDate(value: unknown, kind: DateKind, timeZone: string, label: string): string {
	if (isLuxon(value)) {
		const out = value.isValid ? (kind === 'date' ? value.toISODate() : value.toISO()) : null;
		return out ?? badDate(kind, label, String(value));
	}
	if (isJsDate(value)) return fromInstant(value.getTime(), kind, timeZone, label, value);
	if (typeof value === 'number') {
		return fromInstant(Math.abs(value) < EPOCH_MS_FROM ? value * 1000 : value, kind, timeZone, label, value);
	}
	if (typeof value !== 'string') return badDate(kind, label, value);
	const text = value.trim();
	const m = ISO.exec(text);
	if (!m) return fromOtherText(text, kind, timeZone, label);
	const [, y, mo, d, h, mi, s, frac, zone] = m;
	const wall: Wall = {
		year: Number(y),
		month: Number(mo),
		day: Number(d),
		hour: Number(h ?? 0),
		minute: Number(mi ?? 0),
		second: Number(s ?? 0),
		ms: Math.floor(Number(`0.${frac ?? '0'}`) * 1000),
	};
	if (!isValidWall(wall)) return badDate(kind, label, text);
	// the calendar day as written, with or without a time or an offset
	if (kind === 'date') return day(wall);
	if (!zone) return new Date(instantOfWall(wall, timeZone)).toISOString();
	const offset = offsetText(zone);
	if (Math.abs(offset.minutes) > 18 * 60) return badDate(kind, label, text);
	const iso = `${day(wall)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}.${pad(wall.ms, 3)}${offset.text}`;
	return iso;
}

/**
 * Text in another format JavaScript reads ("Mar 2, 2026", "Mon, 02 Mar 2026 09:30:00 GMT"). With
 * a zone it is an instant; without one, JavaScript reads it as this machine's local time, so its
 * local fields are the wall time as written, which the rule then reads like any other wall time.
 */
function fromOtherText(text: string, kind: DateKind, timeZone: string, label: string): string {
	const parsed = new Date(text);
	if (text === '' || Number.isNaN(parsed.getTime()) || /^\d+$/.test(text)) return badDate(kind, label, text);
	if (/(GMT|UTC|Z|[+-]\d{2}:?\d{2})\s*(\(.*\))?$/i.test(text)) return fromInstant(parsed.getTime(), kind, timeZone, label, text);
	const wall: Wall = {
		year: parsed.getFullYear(),
		month: parsed.getMonth() + 1,
		day: parsed.getDate(),
		hour: parsed.getHours(),
		minute: parsed.getMinutes(),
		second: parsed.getSeconds(),
		ms: parsed.getMilliseconds(),
	};
	return kind === 'date' ? day(wall) : new Date(instantOfWall(wall, timeZone)).toISOString();
}
