import type { IDataObject } from 'n8n-workflow';

import { emptyEntry, groupEntries, listOf } from '../group';
import type { FieldKind } from '../kind';
import { LIST_ENTRIES, REFERENCE_ENTRY } from '../keys';
import { locator, reference } from '../locator';

/** A list of `{ id } | { key }` references: one record picker per entry. */
export const referenceListKind: FieldKind = {
	form: (field, _place, base) => ({
		...base,
		type: 'fixedCollection',
		placeholder: `Add ${base.displayName}`,
		typeOptions: { multipleValues: true },
		default: {},
		options: [
			{
				displayName: base.displayName,
				name: LIST_ENTRIES,
				values: [locator(REFERENCE_ENTRY, base.displayName, field.resource, true)],
			},
		],
	}),
	read(field, value, label) {
		const entries = groupEntries(value, label, false);
		const out = entries.map((e: IDataObject, i) => reference(e[REFERENCE_ENTRY], `${label} ${i + 1}`) ?? emptyEntry(label, i));
		return listOf(field, out, label);
	},
};
