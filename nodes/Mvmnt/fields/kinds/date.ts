import type { FieldDef } from '../../../foundation/catalog';
import { PARAMETER_DESCRIPTIONS as D } from '../../../foundation/catalog/descriptions';
import { apiDate } from '../../../foundation/dates';
import { labelOf } from '../../../foundation/labels';

import type { BaseProperty, FieldKind } from '../kind';

/** A date field's value as MVMNT takes it: the calendar day for a date, the instant for a date-time (see dates.ts). */
export function normalizeDate(value: unknown, field: FieldDef, timeZone = 'UTC', label = labelOf(field.name)): string {
	return apiDate(value, field.type === 'date' ? 'date' : 'dateTime', timeZone, label);
}

/**
 * A day (`date`): n8n's picker without a time (`typeOptions.dateOnly`, which the editors of n8n
 * 1.123 and 2.x honour; an older editor ignores it and shows a time, which dates.ts drops). The
 * value stored is text either way: "2026-03-02", or "2026-03-02T00:00:00" from a time picker.
 */
function dayForm(base: BaseProperty) {
	const { description } = base;
	// the label says it takes a day (a search criterion's Min, Max or Value would not)
	const displayName = /\b(Date|Day)\b/.test(base.displayName) ? base.displayName : `${base.displayName} (Day)`;
	return {
		...base,
		displayName,
		type: 'dateTime' as const,
		typeOptions: { dateOnly: true },
		placeholder: D.datePlaceholder,
		description: description ? `${description}. ${D.dateRule}` : D.dateRule,
	};
}

/** A date (`date`, a calendar day) or a date and time (`dateTime`, an instant). */
export const dateKind: FieldKind = {
	form(field, _place, base) {
		if (field.type === 'date') return dayForm(base);
		// the date-time rule in a few words (see dates.ts)
		const rule = D.dateTimeRule;
		const { description } = base;
		return { ...base, type: 'dateTime', description: description ? `${description}; ${rule}` : `${rule.charAt(0).toUpperCase()}${rule.slice(1)}` };
	},
	read: (field, value, label, reader) => normalizeDate(value, field, reader.timeZone, label),
};
