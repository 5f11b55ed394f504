import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { FieldDef } from '../../../foundation/catalog';
import { PARAMETER_DESCRIPTIONS as D } from '../../../foundation/catalog/descriptions';
import { fail } from '../../../foundation/input';
import { fieldDescription, labelOf } from '../../../foundation/labels';

import { entryValues, flatEntry, wholeObject } from '../group';
import { innerPlace, type FieldContext, type FieldReader, type Forms } from '../kind';
import { CRITERION_KEY, LIST_JSON, WHOLE_JSON, shapeGroup } from '../keys';
import { startsEmpty, versioned, wholeJson } from '../parts';

/*
 * Keyed search criteria: an object made of many same-shaped objects keyed by field name. The
 * form has one list per shape, each entry picking the key it sets; an object field of this shape
 * is shown and read this way (see the object kind).
 */

type Shape = { keys: string[]; fields: FieldDef[] };

/**
 * An object made of many same-shaped objects keyed by field name (search
 * criteria): one list per shape, each entry picking the key it sets.
 */
export function keyedShapes(field: FieldDef): Shape[] | undefined {
	const fields = field.fields ?? [];
	if (fields.length < 8 || !fields.every((f) => f.type === 'object')) return undefined;
	const shapes = new Map<string, Shape>();
	for (const f of fields) {
		const shape = JSON.stringify(f.fields);
		if (!shapes.has(shape)) shapes.set(shape, { keys: [], fields: f.fields ?? [] });
		shapes.get(shape)?.keys.push(f.name);
	}
	return [...shapes.values()];
}

/** The Field an entry of search criteria sets: chosen by the user (versions before EXACT_VALUES_SINCE preselected the first). */
function keyPicker(keys: string[]): INodeProperties[] {
	const options = keys.map((k) => ({ name: labelOf(k), value: k })).sort((a, b) => a.name.localeCompare(b.name));
	const base = { displayName: 'Field', name: CRITERION_KEY, default: '', description: D.keyedField };
	return versioned(startsEmpty(base, options, true), { ...base, type: 'options', options, default: keys[0] });
}

export function keyedProperty(field: FieldDef, shapes: Shape[], place: FieldContext, forms: Forms): INodeProperties {
	const label = labelOf(field.name);
	const inner = innerPlace(field, place);
	return {
		displayName: label,
		name: field.name,
		type: 'fixedCollection',
		placeholder: `Add ${label}`,
		typeOptions: { multipleValues: true },
		default: {},
		description: fieldDescription(field.name, place),
		options: [
			...shapes.map(({ keys, fields }, i) => ({
				displayName: `On ${keys.slice(0, 2).map(labelOf).join(', ')}${keys.length > 2 ? ', …' : ''}`,
				name: shapeGroup(i),
				values: [...keyPicker(keys), ...entryValues(fields, inner, forms, false)],
			})),
			{ displayName: `${label} (JSON)`, name: LIST_JSON, values: [wholeJson(false)] },
		],
	};
}

/** The criteria as MVMNT takes them: one object keyed by field name; undefined when none is set. */
export async function readKeyed(shapes: Shape[], groups: IDataObject, label: string, reader: FieldReader): Promise<IDataObject | undefined> {
	const out: IDataObject = {};
	for (const entry of (groups[LIST_JSON] ?? []) as IDataObject[]) Object.assign(out, wholeObject(entry[WHOLE_JSON], `${label} (JSON)`));
	for (const [i, shape] of shapes.entries()) {
		for (const { [CRITERION_KEY]: key, ...rest } of ((groups[shapeGroup(i)] ?? []) as IDataObject[]).map(flatEntry)) {
			const name = String(key);
			if (out[name] !== undefined) fail(`${label}: ${labelOf(name)} is set twice`);
			out[name] = (await reader.object(shape.fields, rest, `${label} › ${labelOf(name)} › `, true)) as IDataObject;
		}
	}
	return Object.keys(out).length ? out : undefined;
}
