import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { FieldDef } from '../../foundation/catalog';
import { PARAMETER_DESCRIPTIONS as D } from '../../foundation/catalog/descriptions';
import { ESSENTIAL_FIELDS } from '../../foundation/catalog/forms';
import { fail, parseJson } from '../../foundation/input';

import type { FieldContext, Forms } from './kind';
import { ENTRY_OPTIONAL, LIST_ENTRIES, LIST_JSON, WHOLE_JSON } from './keys';
import { FORMS_SINCE, gated } from './parts';

/*
 * Groups of values: a list entry's form, and the entries of a multiple-value group (form entries
 * or JSON) read back; a whole object given as JSON.
 */

/**
 * The form of one list entry. From FORMS_SINCE: what the entry cannot do without (its required
 * fields and the essential ones) first, then its extras — beside them when there are only a few,
 * else under Additional Fields — in the API's order. Earlier node versions keep every optional
 * field under Additional Fields, where their saved workflows hold the values.
 */
export function entryValues(fields: FieldDef[], place: FieldContext, forms: Forms, layout = true): INodeProperties[] {
	const optional = fields.filter((f) => !f.required);
	const { top, extras } = layout ? entryLayout(fields, place.parent) : { top: new Set<string>(), extras: true };
	const values: INodeProperties[] = [];
	for (const f of fields) {
		// (required fields carry no required mark: n8n would refuse to run a saved workflow with one
		// left empty, where it failed only its own item; dropdowns say "Choose one: …")
		if (f.required) values.push(...forms.stored(f, place));
		else if (top.has(f.name)) values.push(gated(forms.property(f, place), FORMS_SINCE, true));
	}
	if (optional.length) {
		const additional: INodeProperties = {
			displayName: 'Additional Fields',
			name: ENTRY_OPTIONAL,
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: D.additionalFields,
			options: optional.map((f) => (top.has(f.name) ? gated(forms.property(f, place), FORMS_SINCE, false) : forms.property(f, place))),
		};
		values.push(extras ? additional : gated(additional, FORMS_SINCE, false));
	}
	return values;
}

/** Entries with at most this many extras, all plain values, show them beside the essentials (no Additional Fields). */
const FEW_EXTRAS = 3;

/** Which optional fields of an entry show first (from FORMS_SINCE), and whether any stay under Additional Fields. */
export function entryLayout(fields: FieldDef[], parent: string | undefined): { top: Set<string>; extras: boolean } {
	const essential = new Set(parent ? ESSENTIAL_FIELDS[parent] ?? [] : []);
	const optional = fields.filter((f) => !f.required);
	const rest = optional.filter((f) => !essential.has(f.name));
	const few = rest.length <= FEW_EXTRAS && !rest.some((f) => f.fields?.length || f.type === 'referenceList');
	const top = new Set(optional.filter((f) => essential.has(f.name) || few).map((f) => f.name));
	return { top, extras: optional.some((f) => !top.has(f.name)) };
}

/** A whole nested object given as JSON (text or an object from an expression). */
export function wholeObject(value: unknown, label: string): IDataObject | undefined {
	const parsed = parseJson(value, label);
	if (parsed === undefined) return undefined;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(`${label} must be a JSON object`);
	return Object.keys(parsed).length ? (parsed as IDataObject) : undefined;
}

/** A list entry's required fields and the optional ones it keeps under Additional Fields, as one set. */
export function flatEntry(entry: IDataObject): IDataObject {
	const { [ENTRY_OPTIONAL]: optional, ...required } = entry;
	return { ...required, ...((optional ?? {}) as IDataObject) };
}

export function emptyEntry(label: string, index: number): never {
	return fail(`${label} ${index + 1} is empty: fill it in or remove it`);
}

/** List entries given as JSON: one object or a list of objects. */
export function jsonList(value: unknown, label: string): IDataObject[] {
	const parsed = parseJson(value, label);
	if (parsed === undefined) return [];
	const list = Array.isArray(parsed) ? parsed : [parsed];
	if (list.some((e) => typeof e !== 'object' || e === null || Array.isArray(e))) {
		fail(`${label} must be a JSON object or a list of objects`);
	}
	return list as IDataObject[];
}

/** The entries of a multiple-value group: form entries, or JSON entries; never both. */
export function groupEntries(value: unknown, label: string, withJson: boolean): IDataObject[] {
	if (typeof value === 'string') return jsonList(value, label).map((v) => ({ [WHOLE_JSON]: v }) as IDataObject);
	if (Array.isArray(value)) return value as IDataObject[];
	const groups = value as IDataObject;
	const form = (groups[LIST_ENTRIES] ?? []) as IDataObject[];
	const json = withJson ? ((groups[LIST_JSON] ?? []) as IDataObject[]) : [];
	if (form.length && json.length) fail(`${label}: add entries with the form or as JSON, not both`);
	return form.length ? form : json;
}

/** A list as sent: undefined when empty; at least the field's minimum of entries. */
export function listOf(field: FieldDef, out: unknown[], label: string): unknown[] | undefined {
	if (out.length === 0) return undefined;
	if (field.minItems !== undefined && out.length < field.minItems) {
		fail(`${label} needs at least ${field.minItems} entries, got ${out.length}`);
	}
	return out;
}
