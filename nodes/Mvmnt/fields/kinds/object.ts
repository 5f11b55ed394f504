import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ESSENTIAL_FIELDS } from '../../../foundation/catalog/forms';
import { fail } from '../../../foundation/input';

import { wholeObject } from '../group';
import { innerPlace, type FieldKind } from '../kind';
import { WHOLE_JSON } from '../keys';
import { wholeJson } from '../parts';
import { keyedProperty, keyedShapes, readKeyed } from './keyed';

/**
 * A nested object: its fields, or the whole object as JSON (search criteria: see keyed.ts). The
 * fields it cannot do without come first and are already added when the object is; the others
 * follow in the API's order.
 */
export const objectKind: FieldKind = {
	form(field, place, base, forms) {
		const shapes = keyedShapes(field);
		if (shapes) return keyedProperty(field, shapes, place, forms);
		const inner = innerPlace(field, place);
		const essential = new Set(ESSENTIAL_FIELDS[field.name] ?? []);
		const fields = field.fields ?? [];
		const first = fields.filter((f) => f.required || essential.has(f.name));
		// (no required mark inside a collection: n8n checks a collection's required options at the
		// wrong level and whatever operation shows them, and would refuse to run every workflow)
		const options = [...first, ...fields.filter((f) => !first.includes(f))].map((f) => forms.property(f, inner));
		const added: INodeParameters = {};
		for (const prop of options.slice(0, first.length)) added[prop.name] = prop.default;
		return {
			...base,
			type: 'collection',
			placeholder: 'Add Field',
			default: added,
			options: [...options, wholeJson(false)],
		};
	},
	async read(field, value, label, reader) {
		const values = value as IDataObject;
		if (typeof values !== 'object') return wholeObject(value, label);
		const shapes = keyedShapes(field);
		if (shapes) return await readKeyed(shapes, values, label, reader);
		if (values[WHOLE_JSON] !== undefined) {
			const set = Object.entries(values).filter(([k, v]) => k !== WHOLE_JSON && !isEmptyValue(v));
			if (set.length) fail(`${label}: set its fields or All Fields as JSON, not both`);
			return wholeObject(values[WHOLE_JSON], label);
		}
		return await reader.object(field.fields ?? [], values, `${label} › `);
	},
};

/** A value n8n holds for a field added but left empty. */
function isEmptyValue(v: unknown): boolean {
	return v === undefined || v === null || v === '' || (typeof v === 'object' && Object.keys(v as object).length === 0);
}
