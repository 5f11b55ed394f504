import type { IDataObject } from 'n8n-workflow';

import { emptyEntry, entryValues, flatEntry, groupEntries, jsonList, listOf } from '../group';
import { innerPlace, type FieldKind } from '../kind';
import { LIST_ENTRIES, LIST_JSON, WHOLE_JSON } from '../keys';
import { wholeJson } from '../parts';

/** A list of objects (the stops of an order): entries made with the form, or JSON. */
export const objectListKind: FieldKind = {
	form: (field, place, base, forms) => ({
		...base,
		type: 'fixedCollection',
		placeholder: `Add ${base.displayName}`,
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		options: [
			{ displayName: base.displayName, name: LIST_ENTRIES, values: entryValues(field.fields ?? [], innerPlace(field, place), forms) },
			{ displayName: `${base.displayName} (JSON)`, name: LIST_JSON, values: [wholeJson(base.displayName, true)] },
		],
	}),
	async read(field, value, label, reader) {
		const out: IDataObject[] = [];
		const entries = groupEntries(value, label, true);
		for (const [i, entry] of entries.entries()) {
			if (entry[WHOLE_JSON] !== undefined) {
				out.push(...jsonList(entry[WHOLE_JSON], `${label} (JSON)`));
				continue;
			}
			const converted = await reader.object(field.fields ?? [], flatEntry(entry), `${label} ${i + 1} › `, true);
			out.push(converted && Object.keys(converted).length ? converted : emptyEntry(label, i));
		}
		return listOf(field, out, label);
	},
};
