import type { IDataObject, INodeParameterResourceLocator, INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { listOperationOf, type FieldDef, type OperationDef } from '../../foundation/catalog';
import { PARAMETER_DESCRIPTIONS as D } from '../../foundation/catalog/descriptions';
import { text, fail } from '../../foundation/input';
import { nounOf } from '../../foundation/labels';

/* Record pickers (resource locators): their form, and their value read back. */

export function pathIdParam(op: OperationDef, param: FieldDef): string {
	return param.name === 'id' ? `${op.resource}Id` : param.name;
}

/** Whether the record picker of an operation's `{id}` path parameter offers By Key (the API takes the client key there). */
export function idTakesKey(op: OperationDef): boolean {
	return op.lookup === true || op.keyInPath === true || op.keyQuery !== undefined || op.resource === 'order';
}

export function listSearchMethodName(resource: string): string {
	return `search${resource.charAt(0).toUpperCase()}${resource.slice(1)}`;
}

function locatorModes(resource: string | undefined, withKey: boolean): INodePropertyMode[] {
	const searchListMethod = resource ? listSearchMethodName(resource) : '';
	const all: { modes: INodePropertyMode[] } = {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
			},
			{
				displayName: 'By Key',
				name: 'key',
				type: 'string',
				placeholder: 'e.g. ERP-12345',
				hint: 'Your client key: the ID your own system stored on the record',
			},
		],
	};
	const hasList = resource !== undefined && listOperationOf(resource) !== undefined;
	return all.modes.filter((m) => (m.name !== 'list' || hasList) && (m.name !== 'key' || withKey));
}

export function locator(
	name: string,
	displayName: string,
	resource: string | undefined,
	withKey: boolean,
	description?: string,
): INodeProperties {
	const modes = locatorModes(resource, withKey);
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: modes[0].name, value: '' },
		description: description ?? (withKey ? D.locator : D.locatorNoKey).replace('{noun}', nounOf(resource)),
		modes,
	};
}

/**
 * A record picker's value. n8n marks it `__rl: true` at the top level, but a picker added to a
 * collection (Additional Fields) holds its bare default `{ mode, value }` until the user fills it.
 */
export function isLocator(value: unknown): value is INodeParameterResourceLocator {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const v = value as IDataObject;
	return v.__rl === true || (typeof v.mode === 'string' && 'value' in v && Object.keys(v).every((k) => ['mode', 'value', 'cachedResultName', 'cachedResultUrl', '__regex'].includes(k)));
}

/** A resource-locator value → { mode, value } with the value trimmed. */
export function locatorValue(raw: unknown, label: string): { mode: string; value: string } {
	if (isLocator(raw)) {
		const value = raw.value === undefined || raw.value === null ? '' : text(raw.value, label, false).trim();
		return { mode: String(raw.mode), value };
	}
	if (raw === undefined || raw === null) fail(`${label} is required`);
	return { mode: 'id', value: text(raw, label, false).trim() };
}

/** A reference as MVMNT takes it: exactly one of `{ id }` or `{ key }`; undefined when left empty. */
export function reference(value: unknown, label: string): IDataObject | undefined {
	const { mode, value: v } = locatorValue(value, label);
	if (v === '') return undefined;
	return mode === 'key' ? { key: v } : { id: v };
}
