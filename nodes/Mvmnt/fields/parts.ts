import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { FieldDef } from '../../foundation/catalog';
import { PARAMETER_DESCRIPTIONS as D } from '../../foundation/catalog/descriptions';

import type { FieldContext } from './kind';
import { WHOLE_JSON } from './keys';

/* Pieces the field kinds' forms share: empty dropdowns, node-version gates, Whole … as JSON. */

/**
 * The node version from which a dropdown, number or yes/no field starts empty (or at MVMNT's
 * documented default) and sends nothing until set. Earlier versions preselected the first option,
 * 0 or false; their saved workflows keep that wherever n8n does not store the value itself
 * (fields outside Additional/Update Fields), so they run as they did.
 */
export const EXACT_VALUES_SINCE = 1.2;

/**
 * The node version from which forms read like a dispatcher's screen: a list entry shows what it
 * cannot do without (required and essential fields, and the few extras of a small entry) first,
 * outside its Additional Fields. Saved workflows of earlier versions keep those fields under
 * Additional Fields, where n8n stored their values.
 */
export const FORMS_SINCE = 1.3;

type VersionRule = NonNullable<IDisplayOptions['show']>['@version'];

/** `prop` shown only from node version `since` on (`from`), or only before it. */
export function gated(prop: INodeProperties, since: number, from: boolean): INodeProperties {
	const version = [{ _cnd: from ? { gte: since } : { lt: since } }] as VersionRule;
	return { ...prop, displayOptions: { ...prop.displayOptions, show: { ...prop.displayOptions?.show, '@version': version } } };
}

/** MVMNT's default for a field left out, where it applies: creates and actions; an update changes only what is set. */
export function apiDefaultOf(field: FieldDef, place: FieldContext = {}): string | number | boolean | undefined {
	return place.update ? undefined : field.default;
}

/** Yes/No for a flag MVMNT has no default for: it starts empty, so nothing is sent until it is chosen. */
export const YES_NO: INodePropertyOptions[] = [
	{ name: 'Yes', value: true },
	{ name: 'No', value: false },
];

/** A dropdown that starts with nothing chosen (n8n would otherwise flag the empty value as unsupported). */
export function startsEmpty(prop: Omit<INodeProperties, 'type'>, options: INodePropertyOptions[], required: boolean | undefined): INodeProperties {
	const names = options.map((o) => o.name);
	const choices = names.length <= 4 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : `${names.slice(0, 3).join(', ')}, …`;
	return {
		...prop,
		type: 'options',
		options,
		default: '',
		allowArbitraryValues: true,
		...(required ? { placeholder: `Choose one: ${choices}` } : {}),
	};
}

/** The option that takes a nested object whole as JSON (`list`: the JSON entries of a list of objects). */
export const wholeJson = (list: boolean): INodeProperties => {
	const prop: INodeProperties = {
		displayName: 'All Fields as JSON',
		name: WHOLE_JSON,
		type: 'json',
		default: '{}',
		description: D.wholeJson,
	};
	if (!list) return prop;
	return { ...prop, displayName: 'Entries as JSON', default: '[]', description: D.wholeJsonList };
};

/** `now` from EXACT_VALUES_SINCE on, `before` in earlier node versions (one property when they are the same). */
export function versioned(now: INodeProperties, before: INodeProperties): INodeProperties[] {
	if (JSON.stringify(now) === JSON.stringify(before)) return [now];
	return [gated(now, EXACT_VALUES_SINCE, true), gated(before, EXACT_VALUES_SINCE, false)];
}
