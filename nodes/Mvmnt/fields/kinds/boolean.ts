import { fail } from '../../../foundation/input';
import { quote } from '../../../foundation/quote';

import type { FieldKind } from '../kind';
import { YES_NO, apiDefaultOf, startsEmpty } from '../parts';

/** Yes or no: a switch where MVMNT has a default, else a dropdown that starts empty. */
export const booleanKind: FieldKind = {
	form(field, place, base) {
		const fallback = apiDefaultOf(field, place);
		if (place.legacy) return { ...base, type: 'boolean', default: false };
		if (typeof fallback === 'boolean') return { ...base, type: 'boolean', default: fallback };
		return startsEmpty(base, YES_NO, field.required);
	},
	read(field, value, label, reader) {
		if (typeof value === 'boolean') return reader.unlessDefault(field, value);
		if (value === 'true' || value === 'false') return reader.unlessDefault(field, value === 'true');
		return fail(`${label} must be true or false, got ${quote(value)}`);
	},
};
