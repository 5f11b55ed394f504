import { fail } from '../../../foundation/input';
import { enumOptions } from '../../../foundation/labels';
import { quote } from '../../../foundation/quote';

import type { FieldKind } from '../kind';
import { apiDefaultOf, startsEmpty } from '../parts';

/** One of MVMNT's values: a dropdown, empty unless MVMNT has a default. */
export const optionsKind: FieldKind = {
	form(field, place, base) {
		const options = enumOptions(field.options ?? []);
		const fallback = apiDefaultOf(field, place);
		if (place.legacy) return { ...base, type: 'options', options, default: options[0].value };
		if (typeof fallback === 'string' && field.options?.includes(fallback)) return { ...base, type: 'options', options, default: fallback };
		return startsEmpty(base, options, field.required);
	},
	read(field, value, label, reader) {
		if (!field.options?.includes(String(value))) {
			fail(`${label} can't be ${quote(value)}: use one of ${field.options?.join(', ')}`);
		}
		return reader.unlessDefault(field, value);
	},
};
