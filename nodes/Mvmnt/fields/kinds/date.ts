import type { FieldDef } from '../../../foundation/catalog';
import { PARAMETER_DESCRIPTIONS as D } from '../../../foundation/catalog/descriptions';
import { apiDate } from '../../../foundation/dates';
import { labelOf } from '../../../foundation/labels';

import type { FieldKind } from '../kind';

/** A date field's value as MVMNT takes it: the calendar day for a date, the instant for a date-time (see dates.ts). */
export function normalizeDate(value: unknown, field: FieldDef, timeZone = 'UTC', label = labelOf(field.name)): string {
	return apiDate(value, field.type === 'date' ? 'date' : 'dateTime', timeZone, label);
}

/** A date (`date`, a calendar day) or a date and time (`dateTime`, an instant). */
export const dateKind: FieldKind = {
	form(field, _place, base) {
		// the date rule in a few words (see dates.ts)
		const rule = field.type === 'date' ? D.dateRule : D.dateTimeRule;
		const { description } = base;
		return { ...base, type: 'dateTime', description: description ? `${description}; ${rule}` : `${rule.charAt(0).toUpperCase()}${rule.slice(1)}` };
	},
	read: (field, value, label, reader) => normalizeDate(value, field, reader.timeZone, label),
};
