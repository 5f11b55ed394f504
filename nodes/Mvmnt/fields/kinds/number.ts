import { MONEY_FIELDS } from '../../../foundation/catalog/descriptions';
import { fail } from '../../../foundation/input';
import { quote } from '../../../foundation/quote';

import type { FieldKind } from '../kind';
import { apiDefaultOf } from '../parts';

/** A number: whole numbers and money with their precision, MVMNT's bounds. */
export const numberKind: FieldKind = {
	form(field, place, base) {
		const fallback = place.legacy ? 0 : (apiDefaultOf(field, place) ?? '');
		return {
			...base,
			type: 'number',
			default: fallback,
			typeOptions: {
				// whole numbers, money with cents; other decimals as typed
				...(field.integer ? { numberPrecision: 0 } : MONEY_FIELDS.has(field.name) ? { numberPrecision: 2 } : {}),
				...(field.min !== undefined ? { minValue: field.min } : {}),
				...(field.max !== undefined ? { maxValue: field.max } : {}),
			},
		};
	},
	read(field, value, label, reader) {
		const n = typeof value === 'number' ? value : Number(String(value).trim());
		if (String(value).trim() === '' || !Number.isFinite(n)) fail(`${label} must be a number, got ${quote(value)}`);
		return reader.unlessDefault(field, n);
	},
};
