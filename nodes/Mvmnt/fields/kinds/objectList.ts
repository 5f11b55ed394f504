import type { IDataObject } from 'n8n-workflow';

import { emptyEntry, entryValues, flatEntry, groupEntries, jsonList, listOf } from '../group';
import { innerPlace, type FieldKind } from '../kind';
import { LIST_ENTRIES, LIST_JSON, WHOLE_JSON } from '../keys';
import { wholeJson } from '../parts';
import { LIST_RULES } from '../../../foundation/catalog/forms';
import { singularOf } from '../../../foundation/labels';

/**
 * A list of objects (the stops of an order): entries made with the form, or JSON. Each entry is
 * titled with the singular ("Stop"; n8n's newer collection view numbers them: Stop 1, Stop 2…);
 * the list's minimum and rule show before the run.
 */
export const objectListKind: FieldKind = {
	form: (field, place, base, forms) => {
		const one = singularOf(base.displayName);
		const rule = [field.minItems ? `At least ${field.minItems} ${field.minItems > 1 ? base.displayName.toLowerCase() : one.toLowerCase()}` : '', LIST_RULES[field.name] ?? '']
			.filter(Boolean)
			.join(': ');
		return {
			...base,
			type: 'fixedCollection',
			placeholder: field.minItems ? `Add ${one} (at least ${field.minItems})` : `Add ${one}`,
			...(rule ? { hint: `${rule.charAt(0).toUpperCase()}${rule.slice(1)}` } : {}),
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			options: [
				{ displayName: one, name: LIST_ENTRIES, values: entryValues(field.fields ?? [], innerPlace(field, place), forms) },
				{ displayName: 'Entries as JSON', name: LIST_JSON, values: [wholeJson(true)] },
			],
		};
	},
	async read(field, value, label, reader) {
		const out: IDataObject[] = [];
		const entries = groupEntries(value, label, true);
		// an entry is named as the form titles it: Order › Stop 2
		const parts = label.split(' › ');
		const entry = [...parts.slice(0, -1), singularOf(parts[parts.length - 1])].join(' › ');
		for (const [i, item] of entries.entries()) {
			if (item[WHOLE_JSON] !== undefined) {
				out.push(...jsonList(item[WHOLE_JSON], `${label} (JSON)`));
				continue;
			}
			const converted = await reader.object(field.fields ?? [], flatEntry(item), `${entry} ${i + 1} › `, true);
			out.push(converted && Object.keys(converted).length ? converted : emptyEntry(entry, i));
		}
		return listOf(field, out, label);
	},
};
