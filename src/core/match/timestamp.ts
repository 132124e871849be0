import type { TimestampUnit } from '../rule/model';

const isoTimestamp =
	/^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?))?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i;

/**
 * Reads an event value as a point in time: an ISO-8601 string (a missing offset means UTC, and
 * a space may stand for `T`, as in Sysmon's `UtcTime`), or a number of seconds since the epoch
 * (milliseconds when it is too large to be seconds). Null when it is neither.
 */
export function parseTimestamp(value: unknown): Date | null {
	if (typeof value === 'number' && Number.isFinite(value)) {
		return new Date(Math.abs(value) >= 1e11 ? value : value * 1000);
	}
	if (typeof value !== 'string') return null;
	const m = isoTimestamp.exec(value);
	if (!m) return null;
	const time = (m[2] ?? '00:00').replace(',', '.').replace(/(\.\d{3})\d+/, '$1');
	let zone = m[3] ?? 'Z';
	if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
	const date = new Date(`${m[1]}T${time}${zone.toUpperCase()}`);
	return Number.isNaN(date.getTime()) ? null : date;
}

/** The ISO-8601 week number (1–53) of a UTC date. */
function isoWeek(date: Date): number {
	const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
	const weekday = day.getUTCDay() || 7;
	day.setUTCDate(day.getUTCDate() + 4 - weekday);
	const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
	return Math.ceil(((day.getTime() - yearStart) / 86400000 + 1) / 7);
}

/** One part of a timestamp in UTC; months and days count from 1. */
export function timestampPart(date: Date, unit: TimestampUnit): number {
	switch (unit) {
		case 'minute':
			return date.getUTCMinutes();
		case 'hour':
			return date.getUTCHours();
		case 'day':
			return date.getUTCDate();
		case 'week':
			return isoWeek(date);
		case 'month':
			return date.getUTCMonth() + 1;
		case 'year':
			return date.getUTCFullYear();
	}
}
