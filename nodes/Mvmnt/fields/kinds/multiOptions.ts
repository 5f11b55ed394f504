import { fail } from '../../../foundation/input';
import { enumOptions } from '../../../foundation/labels';
import { quote } from '../../../foundation/quote';

import type { FieldKind } from '../kind';

/** Several of MVMNT's values. */
export const multiOptionsKind: FieldKind = {
	form: (field, _place, base) => ({ ...base, type: 'multiOptions', options: enumOptions(field.options ?? []), default: [] }),
	read(field, value, label) {
		const list = Array.isArray(value) ? value : String(value).split(',').map((s) => s.trim()).filter(Boolean);
		const bad = list.filter((v) => !field.options?.includes(String(v)));
		if (bad.length) fail(`${label} can't contain ${quote(bad.join(', '))}: use ${field.options?.join(', ')}`);
		// added but nothing picked: nothing is sent (an empty list would set the record's list to none)
		return list.length ? list : undefined;
	},
};
