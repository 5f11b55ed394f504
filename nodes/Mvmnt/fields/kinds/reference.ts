import { labelOf } from '../../../foundation/labels';

import type { FieldKind } from '../kind';
import { locator, locatorValue, reference } from '../locator';

/** The parameter of a field pointing at another record: a record picker. */
const picker: FieldKind['form'] = (field, _place, base) =>
	locator(field.name, labelOf(field.name.replace(/Id$/, '')), field.resource, true, base.description);

/** A record's ID (a record picker; a client key is looked up and sent as the ID). */
export const idKind: FieldKind = {
	form: picker,
	async read(field, value, label, reader) {
		const { mode, value: v } = locatorValue(value, label);
		if (v === '') return undefined;
		return mode === 'key' && field.resource ? await reader.idForKey(field.resource, v) : v;
	},
};

/** `{ id }` or `{ key }` pointing at another record (a record picker). */
export const referenceKind: FieldKind = {
	form: picker,
	read: (_field, value, label) => reference(value, label),
};
