import type { IDataObject } from 'n8n-workflow';

import { fail } from '../../../foundation/input';
import { labelOf } from '../../../foundation/labels';

import { wholeObject } from '../group';
import { innerPlace, type FieldKind } from '../kind';
import { WHOLE_JSON } from '../keys';
import { sorted, wholeJson } from '../parts';
import { keyedProperty, keyedShapes, readKeyed } from './keyed';

/** A nested object: its fields, or the whole object as JSON (search criteria: see keyed.ts). */
export const objectKind: FieldKind = {
	form(field, place, base, forms) {
		const shapes = keyedShapes(field);
		if (shapes) return keyedProperty(field, shapes, place, forms);
		const inner = innerPlace(field, place);
		return {
			...base,
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: sorted([...(field.fields ?? []).map((f) => forms.property(f, inner)), wholeJson(base.displayName, false)]),
		};
	},
	async read(field, value, label, reader) {
		const values = value as IDataObject;
		if (typeof values !== 'object') return wholeObject(value, label);
		const shapes = keyedShapes(field);
		if (shapes) return await readKeyed(shapes, values, label, reader);
		if (values[WHOLE_JSON] !== undefined) {
			if (Object.keys(values).length > 1) fail(`${label}: set its fields or Whole ${labelOf(field.name)} as JSON, not both`);
			return wholeObject(values[WHOLE_JSON], label);
		}
		return await reader.object(field.fields ?? [], values, `${label} › `);
	},
};
