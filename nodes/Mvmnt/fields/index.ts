import type { INodeProperties } from 'n8n-workflow';

import type { FieldDef, FieldType } from '../../foundation/catalog';
import { FIELD_HINTS } from '../../foundation/catalog/forms';
import { fieldDescription, fieldLabel, labelOf } from '../../foundation/labels';

import { checkConstraints } from './constraints';
import type { FieldContext, FieldKind, FieldReader, Forms } from './kind';
import { booleanKind } from './kinds/boolean';
import { dateKind } from './kinds/date';
import { jsonKind } from './kinds/json';
import { multiOptionsKind } from './kinds/multiOptions';
import { numberKind } from './kinds/number';
import { objectKind } from './kinds/object';
import { objectListKind } from './kinds/objectList';
import { optionsKind } from './kinds/options';
import { idKind, referenceKind } from './kinds/reference';
import { referenceListKind } from './kinds/referenceList';
import { stringKind } from './kinds/string';
import { stringListKind } from './kinds/stringList';
import { versioned } from './parts';

export { EXACT_VALUES_SINCE, FORMS_SINCE } from './parts';
export { CLEAR_FIELDS, ENTRY_OPTIONAL } from './keys';
export { keyedShapes } from './kinds/keyed';
export { normalizeDate } from './kinds/date';
export type { FieldContext, FieldReader } from './kind';

/** Every field kind of the catalog, each with its form and its reading. */
const KINDS: Record<FieldType, FieldKind> = {
	string: stringKind,
	number: numberKind,
	boolean: booleanKind,
	dateTime: dateKind,
	date: dateKind,
	options: optionsKind,
	multiOptions: multiOptionsKind,
	stringList: stringListKind,
	json: jsonKind,
	object: objectKind,
	objectList: objectListKind,
	id: idKind,
	reference: referenceKind,
	referenceList: referenceListKind,
};

const kindOf = (field: FieldDef): FieldKind => KINDS[field.type] ?? stringKind;

const forms: Forms = { property: fieldProperty, stored: (field, place) => storedField(field, place) };

/** The n8n parameter for one catalog field, place any depth (the same definition everywhere it means the same). */
export function fieldProperty(field: FieldDef, place: FieldContext = {}): INodeProperties {
	const base = {
		displayName: fieldLabel(field.name, place.parent),
		name: field.name,
		default: '' as INodeProperties['default'],
		description: fieldDescription(field.name, place),
	};
	const prop = kindOf(field).form(field, place, base, forms);
	// a choice that excludes another says so under the field (a stop's Location or Address)
	const hint = place.parent ? FIELD_HINTS[`${place.parent}.${field.name}`] : undefined;
	return hint ? { ...prop, hint } : prop;
}

/**
 * A field whose value n8n stores only when it differs from the default (anywhere but inside a
 * collection): saved workflows of earlier node versions keep the default they were made with.
 */
export function storedField(field: FieldDef, place: FieldContext, extra: Partial<INodeProperties> = {}): INodeProperties[] {
	const now = { ...fieldProperty(field, place), ...extra };
	if (!['options', 'boolean', 'number'].includes(field.type)) return [now];
	return versioned(now, { ...fieldProperty(field, { ...place, legacy: true }), ...extra });
}

/**
 * One field's value as n8n holds it → what MVMNT expects; undefined = send nothing. `where`
 * names the place for error messages.
 */
export async function readField(field: FieldDef, value: unknown, where: string, reader: FieldReader): Promise<unknown> {
	// left empty (a field added but not set, a dropdown with nothing chosen): nothing is sent
	if (value === undefined || value === null || value === '') return undefined;
	const label = `${where}${labelOf(field.name)}`;
	const out = await kindOf(field).read(field, value, label, reader);
	checkConstraints(field, out, label);
	return out;
}

/** Fields set as a whole group (objects, lists): their own parameters, outside Additional/Update Fields. */
export const isGroupField = (f: FieldDef) => ['object', 'objectList', 'referenceList'].includes(f.type);
