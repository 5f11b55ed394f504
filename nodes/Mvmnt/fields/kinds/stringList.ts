import { text } from '../../../foundation/input';

import type { FieldKind } from '../kind';

/** A list of texts, typed comma-separated. */
export const stringListKind: FieldKind = {
	form: (_field, _place, base) => ({ ...base, type: 'string', placeholder: 'e.g. first, second' }),
	read(_field, value, label) {
		const list = Array.isArray(value) ? value.map((v) => text(v, label)) : text(value, label).split(',').map((s) => s.trim()).filter(Boolean);
		return list.length ? list : undefined;
	},
};
