import type { IDataObject } from 'n8n-workflow';

import { emptyEntry, groupEntries, listOf } from '../group';
import type { FieldKind } from '../kind';
import { LIST_ENTRIES, REFERENCE_ENTRY } from '../keys';
import { locator, reference } from '../locator';
import { fieldLabel, singularOf } from '../../../foundation/labels';

/** A list of `{ id } | { key }` references: one record picker per entry. */
export const referenceListKind: FieldKind = {
	form: (field, _place, base) => {
		const one = singularOf(base.displayName);
		// the picker never repeats the list's label (Equipment › Equipment Type)
		const own = fieldLabel(field.name, field.name);
		const picker = own === base.displayName ? one : own;
		return {
			...base,
			type: 'fixedCollection',
			placeholder: `Add ${one}`,
			typeOptions: { multipleValues: true },
			default: {},
			options: [
				{
					displayName: one,
					name: LIST_ENTRIES,
					values: [locator(REFERENCE_ENTRY, picker, field.resource, true)],
				},
			],
		};
	},
	read(field, value, label) {
		const entries = groupEntries(value, label, false);
		const out = entries.map((e: IDataObject, i) => reference(e[REFERENCE_ENTRY], `${label} ${i + 1}`) ?? emptyEntry(label, i));
		return listOf(field, out, label);
	},
};
