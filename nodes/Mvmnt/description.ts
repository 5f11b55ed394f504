import type { IDisplayOptions, INodeProperties, INodePropertyOptions, INodePropertyMode } from 'n8n-workflow';

import {
	OPERATIONS,
	RESOURCES,
	listOperationOf,
	maxPageSizeOf,
	resourceName,
	type FieldDef,
	type FilterFieldDef,
	type OperationDef,
} from './catalog';
import {
	ACRONYMS,
	FIELD_DESCRIPTIONS,
	FIELD_OVERRIDES,
	KIND_DESCRIPTIONS,
	MONEY_FIELDS,
	OPERATION_DESCRIPTIONS,
	OPTION_LABELS,
	PARAMETER_DESCRIPTIONS as D,
	SMALL_WORDS,
} from './catalog/descriptions';

/*
 * Turns the operation catalog into n8n parameters. Naming rules (the executor
 * reads parameters by the same rules):
 *   - path `{id}` → `<resource>Id` (a resource locator); other path params keep their name
 *   - create/action: required body fields top level by name, the rest in `additionalFields`
 *   - update: every body field in `updateFields`
 *   - `useRawJson` + `rawJson` replace the body fields with a JSON object
 */

const FILTER_OPERATORS = [
	'equalTo',
	'notEqualTo',
	'in',
	'notIn',
	'includes',
	'notIncludes',
	'startsWith',
	'notStartsWith',
	'endsWith',
	'notEndsWith',
	'lessThan',
	'lessThanOrEqualTo',
	'greaterThan',
	'greaterThanOrEqualTo',
	'isNull',
	'contains',
	'containsAll',
	'containsAny',
	'is',
];

export const OPERATOR_NAMES: Record<string, string> = {
	equalTo: 'Equal To',
	notEqualTo: 'Not Equal To',
	in: 'In',
	notIn: 'Not In',
	includes: 'Includes',
	notIncludes: 'Does Not Include',
	startsWith: 'Starts With',
	notStartsWith: 'Does Not Start With',
	endsWith: 'Ends With',
	notEndsWith: 'Does Not End With',
	lessThan: 'Less Than',
	lessThanOrEqualTo: 'Less Than or Equal To',
	greaterThan: 'Greater Than',
	greaterThanOrEqualTo: 'Greater Than or Equal To',
	isNull: 'Is Empty',
	contains: 'Contains',
	containsAll: 'Contains All',
	containsAny: 'Contains Any',
	is: 'Is',
};

/** One word of a label: an acronym in capitals, a small word in lower case (unless first or last), else capitalised. */
function word(w: string, edge: boolean): string {
	const lower = w.toLowerCase();
	if (ACRONYMS[lower]) return ACRONYMS[lower];
	if (!edge && SMALL_WORDS.has(lower)) return lower;
	return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** `phoneNumber` → `Phone Number`, `usDriverInspectionsOosPct` → `US Driver Inspections OOS %`, `line1` → `Line 1`. */
export function labelOf(name: string): string {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([a-zA-Z])(\d)/g, '$1 $2')
		.replace(/_/g, ' ')
		.split(' ')
		.filter(Boolean)
		.map((w, i, all) => word(w, i === 0 || i === all.length - 1))
		.join(' ');
}

/** `SERVICE_TIER_1` → `Service Tier 1`, `_25_TO_150K` → `25K to 150K`, `BILL_OF_LADING` → `Bill of Lading`. */
export function optionLabel(value: string): string {
	if (OPTION_LABELS[value]) return OPTION_LABELS[value];
	if (!/^[A-Z0-9_]+$/.test(value)) return value;
	const range = rangeOf(value);
	return (range ? value.replace(/^_\d+[KMB]?_/, `_${range.low}_`) : value)
		.split('_')
		.filter(Boolean)
		.map((w, i, all) => (/\d/.test(w) ? w : word(w, i === 0 || i === all.length - 1)))
		.join(' ')
		.replace(/ Plus$/, '+');
}

const UNITS: Record<string, number> = { '': 1, K: 1e3, M: 1e6, B: 1e9 };

/**
 * A range value's lower bound: `_150K_TO_300K` → 150K. A bare lower bound takes the upper
 * bound's unit when it is no larger than the upper bound with it (`_25_TO_150K` is 25K to 150K,
 * `_1_TO_5M` is 1M to 5M); `_0_TO_1`, `_2_TO_5` and `_500_OR_MORE` are plain counts.
 */
function rangeOf(value: string): { low: string; start: number } | undefined {
	const m = /^_(\d+)([KMB]?)(?:_TO_(\d+)([KMB]?))?(?:_|$)/.exec(value);
	if (!m) return undefined;
	const [, low, lowUnit, high, highUnit = ''] = m;
	const unit = lowUnit || (high !== undefined && Number(low) > 0 && Number(low) <= Number(high) ? highUnit : '');
	return { low: `${low}${unit}`, start: Number(low) * UNITS[unit] };
}

/** The size a range value starts at: `_150K_TO_300K` → 150000, `_1_TO_5M` → 1000000; undefined when the value is no range. */
export function rangeStart(value: string): number | undefined {
	return rangeOf(value)?.start;
}

/** Options in their natural order: ranges by magnitude, anything else by label. */
export function enumOptions(values: string[]): INodePropertyOptions[] {
	const options = values.map((v) => ({ name: optionLabel(v), value: v }));
	const seen = new Set<string>();
	for (const o of options) {
		if (seen.has(o.name)) o.name = `${o.name} (${o.value})`;
		seen.add(o.name);
	}
	if (values.every((v) => rangeStart(v) !== undefined)) {
		return options.sort((a, b) => (rangeStart(a.value) as number) - (rangeStart(b.value) as number));
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** Where a field sits: its resource and the field it is nested in (for description overrides). */
export interface FieldContext {
	resource?: string;
	parent?: string;
	/** the field changes a stored record (Update, Create or Update): MVMNT's create-time defaults don't apply */
	update?: boolean;
	/** the form of node versions before EXACT_VALUES_SINCE: a first option, 0 or false preselected */
	legacy?: boolean;
}

/**
 * The node version from which a dropdown, number or yes/no field starts empty (or at MVMNT's
 * documented default) and sends nothing until set. Earlier versions preselected the first option,
 * 0 or false; their saved workflows keep that wherever n8n does not store the value itself
 * (fields outside Additional/Update Fields), so they run as they did.
 */
export const EXACT_VALUES_SINCE = 1.2;

/** MVMNT's default for a field left out, where it applies: creates and actions; an update changes only what is set. */
export function apiDefaultOf(field: FieldDef, place: FieldContext = {}): string | number | boolean | undefined {
	return place.update ? undefined : field.default;
}

/** Yes/No for a flag MVMNT has no default for: it starts empty, so nothing is sent until it is chosen. */
const YES_NO: INodePropertyOptions[] = [
	{ name: 'Yes', value: true },
	{ name: 'No', value: false },
];

/** A dropdown that starts with nothing chosen (n8n would otherwise flag the empty value as unsupported). */
function startsEmpty(prop: Omit<INodeProperties, 'type'>, options: INodePropertyOptions[], required: boolean | undefined): INodeProperties {
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

/** The description of an API field: a resource or parent override, else the shared entry. */
export function fieldDescription(name: string, place: FieldContext = {}): string | undefined {
	return (
		(place.resource && FIELD_OVERRIDES[`${place.resource}.${name}`]) ||
		(place.parent && FIELD_OVERRIDES[`${place.parent}.${name}`]) ||
		FIELD_DESCRIPTIONS[name]
	);
}

const nounOf = (resource: string | undefined) => (resource ? resourceName(resource).toLowerCase() : 'record');

export function pathIdParam(op: OperationDef, param: FieldDef): string {
	return param.name === 'id' ? `${op.resource}Id` : param.name;
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

function locator(
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

/** The option of every nested object (and group of objects) that takes the whole value as JSON. */
export const WHOLE_JSON = 'wholeJson';
/** The Update Fields option listing the fields to set to null. */
export const CLEAR_FIELDS = 'fieldsToClear';

const wholeJson = (label: string, list: boolean): INodeProperties => {
	const prop: INodeProperties = {
		displayName: `Whole ${label} as JSON`,
		name: WHOLE_JSON,
		type: 'json',
		default: '{}',
		description: D.wholeJson,
	};
	if (!list) return prop;
	return { ...prop, displayName: `${label} (JSON)`, default: '[]', description: D.wholeJsonList };
};

/**
 * An object made of many same-shaped objects keyed by field name (search
 * criteria): one list per shape, each entry picking the key it sets.
 */
export function keyedShapes(field: FieldDef): Array<{ keys: string[]; fields: FieldDef[] }> | undefined {
	const fields = field.fields ?? [];
	if (fields.length < 8 || !fields.every((f) => f.type === 'object')) return undefined;
	const shapes = new Map<string, { keys: string[]; fields: FieldDef[] }>();
	for (const f of fields) {
		const shape = JSON.stringify(f.fields);
		if (!shapes.has(shape)) shapes.set(shape, { keys: [], fields: f.fields ?? [] });
		shapes.get(shape)?.keys.push(f.name);
	}
	return [...shapes.values()];
}

function keyedProperty(field: FieldDef, shapes: Array<{ keys: string[]; fields: FieldDef[] }>, place: FieldContext): INodeProperties {
	const label = labelOf(field.name);
	const inner = { resource: place.resource, parent: field.name, update: place.update };
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
				name: `shape${i}`,
				values: [
					...keyPicker(keys),
					...entryValues(fields, inner),
				],
			})),
			{ displayName: `${label} (JSON)`, name: 'json', values: [wholeJson(label, false)] },
		],
	};
}

/** The Field an entry of search criteria sets: chosen by the user (versions before EXACT_VALUES_SINCE preselected the first). */
function keyPicker(keys: string[]): INodeProperties[] {
	const options = keys.map((k) => ({ name: labelOf(k), value: k })).sort((a, b) => a.name.localeCompare(b.name));
	const base = { displayName: 'Field', name: 'key', default: '', description: D.keyedField };
	return versioned(startsEmpty(base, options, true), { ...base, type: 'options', options, default: keys[0] });
}

/** `now` from EXACT_VALUES_SINCE on, `before` in earlier node versions (one property when they are the same). */
function versioned(now: INodeProperties, before: INodeProperties): INodeProperties[] {
	if (JSON.stringify(now) === JSON.stringify(before)) return [now];
	const gate = (prop: INodeProperties, version: NonNullable<IDisplayOptions['show']>['@version']): INodeProperties => ({
		...prop,
		displayOptions: { ...prop.displayOptions, show: { ...prop.displayOptions?.show, '@version': version } },
	});
	return [gate(now, [{ _cnd: { gte: EXACT_VALUES_SINCE } }]), gate(before, [{ _cnd: { lt: EXACT_VALUES_SINCE } }])];
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

/** Where a list entry keeps its optional fields (n8n fills every value of an entry with its default). */
export const ENTRY_OPTIONAL = 'additionalFields';

/**
 * The form of one list entry: its required fields, then its optional ones
 * under Additional Fields, so that only what the user adds is sent.
 */
function entryValues(fields: FieldDef[], place: FieldContext): INodeProperties[] {
	const values = fields.filter((f) => f.required).flatMap((f) => storedField(f, place));
	const optional = fields.filter((f) => !f.required);
	if (optional.length) {
		values.push({
			displayName: 'Additional Fields',
			name: ENTRY_OPTIONAL,
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: D.additionalFields,
			options: sorted(optional.map((f) => fieldProperty(f, place))),
		});
	}
	return values;
}

/** The n8n parameter for one catalog field, place any depth (the same definition everywhere it means the same). */
export function fieldProperty(field: FieldDef, place: FieldContext = {}): INodeProperties {
	const label = labelOf(field.name);
	const description = fieldDescription(field.name, place);
	const inner = { resource: place.resource, parent: field.name, update: place.update };
	const base = {
		displayName: label,
		name: field.name,
		default: '' as INodeProperties['default'],
		description,
	};
	switch (field.type) {
		case 'id':
		case 'reference':
			return locator(field.name, labelOf(field.name.replace(/Id$/, '')), field.resource, true, description);
		case 'referenceList':
			return {
				...base,
				type: 'fixedCollection',
				placeholder: `Add ${label}`,
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: label,
						name: 'entries',
						values: [locator('reference', label, field.resource, true)],
					},
				],
			};
		case 'number': {
			const fallback = place.legacy ? 0 : (apiDefaultOf(field, place) ?? '');
			return {
				...base,
				type: 'number',
				default: fallback,
				typeOptions: {
					// whole numbers, money with cents; other decimals as typed
					...(field.integer ? { numberPrecision: 0 } : MONEY_FIELDS.has(field.name) ? { numberPrecision: 2 } : {}),
					...(field.min !== undefined ? { minValue: field.min } : {}),
					...(field.max !== undefined ? { maxValue: field.max } : {}),
				},
			};
		}
		case 'boolean': {
			const fallback = apiDefaultOf(field, place);
			if (place.legacy) return { ...base, type: 'boolean', default: false };
			if (typeof fallback === 'boolean') return { ...base, type: 'boolean', default: fallback };
			return startsEmpty(base, YES_NO, field.required);
		}
		case 'options': {
			const options = enumOptions(field.options ?? []);
			const fallback = apiDefaultOf(field, place);
			if (place.legacy) return { ...base, type: 'options', options, default: options[0].value };
			if (typeof fallback === 'string' && field.options?.includes(fallback)) return { ...base, type: 'options', options, default: fallback };
			return startsEmpty(base, options, field.required);
		}
		case 'multiOptions':
			return { ...base, type: 'multiOptions', options: enumOptions(field.options ?? []), default: [] };
		case 'dateTime':
		case 'date': {
			// the date rule in a few words (see dates.ts)
			const rule = field.type === 'date' ? D.dateRule : D.dateTimeRule;
			return { ...base, type: 'dateTime', description: description ? `${description}; ${rule}` : `${rule.charAt(0).toUpperCase()}${rule.slice(1)}` };
		}
		case 'stringList':
			return { ...base, type: 'string', placeholder: 'e.g. first, second' };
		case 'object': {
			const shapes = keyedShapes(field);
			if (shapes) return keyedProperty(field, shapes, place);
			return {
				...base,
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: sorted([...(field.fields ?? []).map((f) => fieldProperty(f, inner)), wholeJson(label, false)]),
			};
		}
		case 'objectList':
			return {
				...base,
				type: 'fixedCollection',
				placeholder: `Add ${label}`,
				typeOptions: { multipleValues: true, sortable: true },
				default: {},
				options: [
					{ displayName: label, name: 'entries', values: entryValues(field.fields ?? [], inner) },
					{ displayName: `${label} (JSON)`, name: 'json', values: [wholeJson(label, true)] },
				],
			};
		case 'json':
			// a required JSON value opens as an empty object, not as an editor flagging empty text
			return { ...base, type: 'json', default: field.required ? '{}' : '' };
		default:
			return { ...base, type: 'string' };
	}
}

function show(op: OperationDef, extra: Record<string, Array<string | boolean>> = {}) {
	return { show: { resource: [op.resource], operation: [op.operation], ...extra } };
}

/** A parameter shown for one operation, keeping its own display rules (the node version it belongs to). */
function shownFor(op: OperationDef, prop: INodeProperties, extra: Record<string, Array<string | boolean>> = {}): INodeProperties {
	return { ...prop, displayOptions: { show: { ...show(op, extra).show, ...prop.displayOptions?.show } } };
}

const sorted = (props: INodeProperties[]) =>
	[...props].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** Fields set as a whole group (objects, lists): their own parameters, outside Additional/Update Fields. */
export const isGroupField = (f: FieldDef) => ['object', 'objectList', 'referenceList'].includes(f.type);

/** Fields only some variants take (carrier types) show only when the discriminator picks one of them. */
function withVariants(field: FieldDef, prop: INodeProperties, discriminator: FieldDef | undefined): INodeProperties {
	if (!field.variants || !discriminator) return prop;
	return { ...prop, displayOptions: { show: { [`/${discriminator.name}`]: field.variants } } };
}

/** Order of parameter groups within one operation (parameters shared by operations keep it). */
const SLOT = { path: 0, query: 1, file: 2, page: 3, filter: 4, report: 5, key: 6, required: 7, raw: 8, group: 9, optional: 10, output: 11 };
type Slotted = INodeProperties & { slot?: number };
const at = (slot: number, prop: INodeProperties): Slotted => ({ ...prop, slot });

function bodyProperties(op: OperationDef): Slotted[] {
	if (!op.body?.length) return [];
	const props: Slotted[] = [];
	const raw = { useRawJson: [false] };
	const discriminator = op.body.find((f) => f.discriminator);
	const place = { resource: op.resource, update: op.kind === 'update' || op.kind === 'upsert' };
	props.push(
		at(SLOT.raw, {
			displayName: 'Send Raw JSON Body',
			name: 'useRawJson',
			type: 'boolean',
			default: false,
			description: D.useRawJson,
			displayOptions: show(op),
		}),
	);
	props.push(
		at(SLOT.raw, {
			displayName: 'JSON Body',
			name: 'rawJson',
			type: 'json',
			default: '{}',
			required: true,
			description: D.rawJson,
			displayOptions: show(op, { useRawJson: [true] }),
		}),
	);
	if (op.kind === 'upsert') {
		props.push(
			at(SLOT.key, {
				displayName: 'Client Key',
				name: 'key',
				type: 'string',
				default: '',
				required: true,
				description: D.upsertKey,
				displayOptions: show(op),
			}),
		);
	}
	for (const field of op.body.filter((f) => f.required)) {
		for (const prop of storedField(field, place, { required: true })) props.push(at(SLOT.required, shownFor(op, prop, raw)));
	}
	const isUpdate = op.kind === 'update';
	for (const field of op.body.filter((f) => !f.required && isGroupField(f))) {
		const prop = withVariants(field, fieldProperty(field, place), discriminator);
		const variants = prop.displayOptions?.show?.[`/${discriminator?.name}`];
		const extra = variants && discriminator ? { ...raw, [discriminator.name]: variants as string[] } : raw;
		props.push(at(SLOT.group, { ...prop, displayOptions: show(op, extra) }));
	}
	const optional = op.body.filter((f) => !f.required && !isGroupField(f));
	const nullable = op.body.filter((f) => !f.required && f.nullable);
	const options = optional.map((f) => withVariants(f, fieldProperty(f, place), discriminator));
	if (isUpdate && nullable.length) {
		options.push({
			displayName: 'Fields to Clear',
			name: CLEAR_FIELDS,
			type: 'multiOptions',
			default: [],
			description: D.fieldsToClear,
			options: nullable
				.map((f) => ({ name: labelOf(f.name), value: f.name }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		});
	}
	if (options.length) {
		props.push(
			at(SLOT.optional, {
				displayName: isUpdate ? 'Update Fields' : 'Additional Fields',
				name: isUpdate ? 'updateFields' : 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				description: isUpdate ? D.updateFields : D.additionalFields,
				displayOptions: show(op, raw),
				options: sorted(options),
			}),
		);
	}
	return props;
}

function returnAllProperties(op: OperationDef): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: show(op),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: show(op, { returnAll: [false] }),
		},
	];
}

/** The inputs a filter condition's value can come from, one per value type. */
export type FilterInput = 'value' | 'numberValue' | 'dateValue' | 'booleanValue' | 'enumValue' | 'enumValues' | 'isEmpty';

/** Which input holds a condition's value, from the field's type and the operator picked. */
export function filterInput(field: FilterFieldDef, operator: string): FilterInput {
	if (operator === 'isNull') return 'isEmpty';
	if (field.plain || field.kind === 'boolean') return 'booleanValue';
	const list = field.listOps?.includes(operator) === true;
	if (field.kind === 'enum') return list ? 'enumValues' : 'enumValue';
	if (list) return 'value';
	if (field.kind === 'number') return 'numberValue';
	if (field.kind === 'date') return 'dateValue';
	return 'value';
}

/** The name of the load-options method listing a filter field's values (from the catalog, no API call). */
export const FILTER_VALUES_METHOD = 'getFilterValues';

const FILTER_INPUTS: Record<FilterInput, Omit<INodeProperties, 'name'>> = {
	value: { displayName: 'Value', type: 'string', default: '', description: D.filterValue },
	numberValue: { displayName: 'Value', type: 'number', default: 0, description: D.filterValue },
	dateValue: { displayName: 'Value', type: 'dateTime', default: '', description: D.filterDate },
	booleanValue: { displayName: 'Value', type: 'boolean', default: true, description: D.filterValue },
	enumValue: {
		displayName: 'Value Name or ID',
		type: 'options',
		default: '',
		typeOptions: { loadOptionsMethod: FILTER_VALUES_METHOD, loadOptionsDependsOn: ['&field'] },
		description: 'The value to compare with. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	enumValues: {
		displayName: 'Values Names or IDs',
		type: 'multiOptions',
		default: [],
		typeOptions: { loadOptionsMethod: FILTER_VALUES_METHOD, loadOptionsDependsOn: ['&field'] },
		description: 'The values to compare with. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	isEmpty: { displayName: 'Is Empty', type: 'boolean', default: true, description: 'Whether the field must be empty (on) or filled (off)' },
};

/** Short codes of the operators, for the type signature a filter field's value starts with. */
const OPERATOR_CODES: Record<string, string> = {
	equalTo: 'eq',
	notEqualTo: 'ne',
	in: 'in',
	notIn: 'nin',
	includes: 'inc',
	notIncludes: 'ninc',
	startsWith: 'sw',
	notStartsWith: 'nsw',
	endsWith: 'ew',
	notEndsWith: 'new',
	lessThan: 'lt',
	lessThanOrEqualTo: 'lte',
	greaterThan: 'gt',
	greaterThanOrEqualTo: 'gte',
	isNull: 'null',
	contains: 'has',
	containsAll: 'all',
	containsAny: 'any',
	is: 'is',
};

const orderedOps = (ops: string[]) => FILTER_OPERATORS.filter((o) => ops.includes(o));

/** A filter field's type: its kind and operators, e.g. `enum:eq,ne,in*,nin*` (`*` = takes a list). */
export function filterSignature(f: FilterFieldDef): string {
	const ops = orderedOps(f.ops).map((o) => `${OPERATOR_CODES[o]}${f.listOps?.includes(o) ? '*' : ''}`);
	return `${f.plain ? 'plain' : f.kind}:${ops.join(',')}`;
}

/**
 * The value of a field in the condition's Field list: its type signature, then
 * its API name (`enum:eq,ne,in*,nin*|status`), so that one set of operator
 * lists and value inputs, shown by signature, serves every Get Many.
 */
export const filterFieldValue = (f: FilterFieldDef) => `${filterSignature(f)}|${f.name}`;
/** The API name in a Field value (a plain API name is accepted too). */
export const filterFieldName = (value: string) => value.slice(value.lastIndexOf('|') + 1);
/** The load-options method listing the filter fields of the operation. */
export const FILTER_FIELDS_METHOD = 'getFilterFields';

/** Every filter field type of the catalog, once, with a sample field of that type. */
function filterTypes(): FilterFieldDef[] {
	const types = new Map<string, FilterFieldDef>();
	for (const op of OPERATIONS) for (const f of op.filterFields ?? []) types.set(filterSignature(f), f);
	return [...types.values()];
}

/**
 * The inputs of one condition: the field, its operators (exactly the ones the
 * API takes for it) and a value input that follows its type. One operator list
 * per field type; one value input per value type and set of operators.
 */
function conditionValues(): INodeProperties[] {
	const startsWith = (sigs: string[]) => sigs.map((sig) => ({ _cnd: { startsWith: `${sig}|` } }));
	const types = filterTypes();
	const operators = types.map((f) => {
		const ops = orderedOps(f.ops);
		const firstOperator = ops[0];
		const prop: INodeProperties = {
			displayName: 'Operator',
			name: 'operator',
			type: 'options',
			options: ops.map((o) => ({ name: OPERATOR_NAMES[o], value: o })),
			default: firstOperator,
			description: D.filterOperator,
			displayOptions: { show: { field: startsWith([filterSignature(f)]) } },
		};
		return prop;
	});
	const inputs = (Object.keys(FILTER_INPUTS) as FilterInput[]).flatMap((input) => {
		const groups = new Map<string, string[]>();
		for (const f of types) {
			const ops = orderedOps(f.ops).filter((o) => filterInput(f, o) === input).join(',');
			if (ops) groups.set(ops, [...(groups.get(ops) ?? []), filterSignature(f)]);
		}
		return [...groups].map(
			([ops, sigs]): INodeProperties => ({
				...FILTER_INPUTS[input],
				name: input,
				displayOptions: { show: { field: startsWith(sigs), operator: ops.split(',') } },
			}),
		);
	});
	return [
		{
			displayName: 'Field Name or ID',
			name: 'field',
			type: 'options',
			typeOptions: { loadOptionsMethod: FILTER_FIELDS_METHOD },
			default: '',
			description:
				'The field to test. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		...operators,
		...inputs,
		// a bare API name (conditions saved before typed inputs, or set by an expression): every operator, text value
		{
			displayName: 'Operator',
			name: 'operator',
			type: 'options',
			options: FILTER_OPERATORS.map((o) => ({ name: OPERATOR_NAMES[o], value: o })),
			default: 'equalTo',
			description: D.filterOperator,
			displayOptions: { show: { field: [BARE_NAME] } },
		},
		{ ...FILTER_INPUTS.value, name: 'value', displayOptions: { show: { field: [BARE_NAME] } } },
	];
}

/** A Field value without type signature. */
const BARE_NAME = { _cnd: { regex: '^[^|=]+$' } };

type Show = Record<string, Array<string | boolean>>;

/**
 * The list filter: None, conditions built field by field (the fields of the chosen resource's
 * list, loaded from the catalog), or JSON. `shown` are the display rules of the node that uses it
 * (Get Many here, the polling trigger); the executor reads it with readFilter().
 */
export function filterBuilderProperties(shown: Show = {}): INodeProperties[] {
	const when = (extra: Show = {}) => (Object.keys(shown).length || Object.keys(extra).length ? { displayOptions: { show: { ...shown, ...extra } } } : {});
	return [
		{
			displayName: 'Filter',
			name: 'filterType',
			type: 'options',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Build Conditions', value: 'builder' },
				{ name: 'JSON', value: 'json' },
			],
			default: 'none',
			description: D.filterType,
			...when(),
		},
		{
			displayName: 'Must Match',
			name: 'combinator',
			type: 'options',
			options: [
				{ name: 'All Conditions', value: 'and' },
				{ name: 'Any Condition', value: 'or' },
			],
			default: 'and',
			description: D.combinator,
			...when({ filterType: ['builder'] }),
		},
		{
			displayName: 'Conditions',
			name: 'conditions',
			type: 'fixedCollection',
			placeholder: 'Add Condition',
			typeOptions: { multipleValues: true },
			default: {},
			description: D.conditions,
			...when({ filterType: ['builder'] }),
			options: [{ displayName: 'Condition', name: 'condition', values: conditionValues() }],
		},
		{
			displayName: 'Filter (JSON)',
			name: 'filterJson',
			type: 'json',
			default: '{}',
			description: D.filterJson,
			...when({ filterType: ['json'] }),
		},
	];
}

function filterProperties(op: OperationDef): INodeProperties[] {
	const fields = op.filterFields ?? [];
	const maxPageSize = maxPageSizeOf(op);
	const canIncludeDeleted = fields.some((f) => f.name === 'deletedAt');
	return [
		...filterBuilderProperties(show(op).show),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: D.options,
			displayOptions: show(op),
			options: [
				...(canIncludeDeleted
					? [
							{
								displayName: 'Include Deleted',
								name: 'includeDeleted',
								type: 'boolean' as const,
								default: false,
								description: D.includeDeleted,
							},
						]
					: []),
				{
					displayName: 'Page Size',
					name: 'pageSize',
					type: 'number',
					default: maxPageSize,
					typeOptions: { minValue: 1, maxValue: maxPageSize },
					description: `${D.pageSize} (at most ${maxPageSize})`,
				},
			],
		},
	];
}

function reportProperties(op: OperationDef): INodeProperties[] {
	if (!op.binaryTypes?.length) return [];
	const options = op.binaryTypes.map((t) => ({ name: t === 'text/csv' ? 'CSV File' : 'PDF File', value: t }));
	if (op.jsonAlternative) options.unshift({ name: 'JSON', value: 'application/json' });
	const firstFormat = options[0].value;
	return [
		{
			displayName: 'Format',
			name: 'format',
			type: 'options',
			options,
			default: firstFormat,
			description: D.format,
			displayOptions: show(op),
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: D.binaryOut,
			displayOptions: show(op, { format: op.binaryTypes }),
		},
	];
}

function fileProperties(op: OperationDef): INodeProperties[] {
	if (op.kind !== 'upload' && op.kind !== 'download') return [];
	const upload = op.kind === 'upload';
	return [
		{
			displayName: upload ? 'Input Binary Field' : 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: upload ? D.binaryIn : D.binaryOut,
			displayOptions: show(op),
		},
	];
}

/** Operations whose records come out compact when Simplify is on. */
export const SIMPLIFIED: OperationDef['kind'][] = ['get', 'getAll', 'search'];
/** The node version from which Simplify exists (on by default); version 1 nodes keep the full records. */
export const SIMPLIFY_SINCE = 1.1;

function simplifyProperty(op: OperationDef): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: D.simplify,
		displayOptions: { show: { ...show(op).show, '@version': [{ _cnd: { gte: SIMPLIFY_SINCE } }] } },
	};
}

function operationProperties(op: OperationDef): Slotted[] {
	const props: Slotted[] = [];
	const place = { resource: op.resource };
	for (const param of op.pathParams ?? []) {
		const withKey =
			param.name === 'id' &&
			(op.lookup === true || op.keyInPath === true || op.keyQuery !== undefined || op.resource === 'order');
		const prop =
			param.type === 'id' || param.name === 'id'
				? locator(pathIdParam(op, param), resourceName(param.resource ?? op.resource), param.resource, withKey)
				: fieldProperty(param, place);
		props.push(at(SLOT.path, { ...prop, required: true, displayOptions: show(op) }));
	}
	for (const q of op.query ?? []) for (const prop of storedField(q, place)) props.push(at(SLOT.query, shownFor(op, prop)));
	props.push(...fileProperties(op).map((p) => at(SLOT.file, p)));
	if (op.kind === 'getAll' || op.kind === 'search' || op.pagination === 'cursorQuery') {
		props.push(...returnAllProperties(op).map((p) => at(SLOT.page, p)));
	}
	if (SIMPLIFIED.includes(op.kind)) props.push(at(SLOT.page, simplifyProperty(op)));
	if (op.kind === 'getAll') props.push(...filterProperties(op).map((p) => at(SLOT.filter, p)));
	props.push(...reportProperties(op).map((p) => at(SLOT.report, p)));
	props.push(...bodyProperties(op));
	return props;
}

/**
 * One parameter definition per distinct shape: a parameter that several
 * operations show identically (a customer ID, an address, the stops of an
 * order) is declared once, shown for all of them. Operations keep their own
 * order: parameters sort by group (path, query, …, body) and place in group.
 */
function shareIdentical(perOperation: Slotted[][]): INodeProperties[] {
	interface Entry {
		prop: INodeProperties;
		extra: Record<string, unknown>;
		order: [number, number, number];
		operations: Map<string, string[]>;
	}
	const entries = new Map<string, Entry>();
	for (const props of perOperation) {
		const place: Record<number, number> = {};
		for (const { slot = 0, displayOptions, ...prop } of props) {
			const { resource, operation, ...extra } = displayOptions?.show ?? {};
			const key = JSON.stringify([prop, extra]);
			place[slot] = (place[slot] ?? -1) + 1;
			let entry = entries.get(key);
			if (!entry) {
				entry = { prop, extra, order: [slot, place[slot], entries.size], operations: new Map() };
				entries.set(key, entry);
			}
			for (const r of (resource ?? []) as string[]) {
				const list = entry.operations.get(r) ?? [];
				list.push(...((operation ?? []) as string[]));
				entry.operations.set(r, list);
			}
		}
	}
	const byOrder = (a: Entry, b: Entry) =>
		a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2];
	const out: INodeProperties[] = [];
	for (const { prop, extra, operations } of [...entries.values()].sort(byOrder)) {
		// resources showing it for the same operations share one definition
		const groups = new Map<string, string[]>();
		for (const [resource, ops] of operations) {
			const key = [...new Set(ops)].sort().join(',');
			groups.set(key, [...(groups.get(key) ?? []), resource]);
		}
		for (const { resources, ops } of mergeGroups([...groups].map(([o, resources]) => ({ resources, ops: o.split(',') })))) {
			const show = { resource: resources, operation: ops, ...extra } as Record<string, string[]>;
			out.push({ ...prop, displayOptions: { show } });
		}
	}
	return out;
}

const EXISTING = new Set(OPERATIONS.map((op) => `${op.resource}:${op.operation}`));

/**
 * n8n shows a parameter for every resource × operation its display rules list.
 * Two groups merge into one declaration when that cross product adds no
 * operation that exists without the parameter (pairs that don't exist are harmless).
 */
function mergeGroups(groups: Array<{ resources: string[]; ops: string[] }>) {
	const covers = (a: { resources: string[]; ops: string[] }, b: { resources: string[]; ops: string[] }) => {
		const resources = [...new Set([...a.resources, ...b.resources])];
		const ops = [...new Set([...a.ops, ...b.ops])];
		const wanted = new Set([...a.resources.flatMap((r) => a.ops.map((o) => `${r}:${o}`)), ...b.resources.flatMap((r) => b.ops.map((o) => `${r}:${o}`))]);
		const stray = resources.some((r) => ops.some((o) => EXISTING.has(`${r}:${o}`) && !wanted.has(`${r}:${o}`)));
		return stray ? undefined : { resources, ops };
	};
	const out = [...groups];
	for (let i = 0; i < out.length; i++) {
		for (let j = i + 1; j < out.length; j++) {
			const merged = covers(out[i], out[j]);
			if (merged) {
				out[i] = merged;
				out.splice(j, 1);
				j = i;
			}
		}
	}
	return out;
}

/** What an operation does, in a sentence: its own entry, else the sentence of its kind. */
export function operationDescription(op: OperationDef): string {
	const own = OPERATION_DESCRIPTIONS[`${op.resource}:${op.operation}`];
	if (own) return own;
	const template = KIND_DESCRIPTIONS[op.kind] ?? op.action;
	const noun = nounOf(op.resource);
	return template.replace('{nouns}', plural(noun)).replace('{noun}', noun);
}

const plural = (noun: string) => noun.replace(/y$/, 'ie').replace(/(s|ch)$/, '$1e') + 's';

/** The canvas subtitle, e.g. "Get Many: Customer": display names looked up from the parameter values. */
export function subtitle(): string {
	const operations: Record<string, string> = {};
	for (const op of OPERATIONS) operations[op.operation] = op.name;
	const resources = Object.fromEntries(RESOURCES.map((r) => [r.value, r.name]));
	const o = JSON.stringify(operations);
	const r = JSON.stringify(resources);
	return `={{ (${o}[$parameter["operation"]] || $parameter["operation"]) + ": " + (${r}[$parameter["resource"]] || $parameter["resource"]) }}`;
}

function operationSelector(resource: string): INodeProperties {
	const ops = OPERATIONS.filter((op) => op.resource === resource);
	const options = ops
		.map((op) => ({ name: op.name, value: op.operation, action: op.action, description: operationDescription(op) }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const firstOperation = options.find((o) => o.value === 'get')?.value ?? options[0].value;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: D.operation,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: firstOperation,
	};
}

/** items in flight by default: measured with `npm run bench` (see README, Performance) */
export const PARALLEL_ITEMS = 32;

export function buildProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: RESOURCES.map((r) => ({ name: r.name, value: r.value })),
			default: 'customer',
			description: D.resource,
		},
		...RESOURCES.map((r) => operationSelector(r.value)),
		...shareIdentical(OPERATIONS.map(operationProperties)),
		{
			displayName: 'Request Options',
			name: 'requestOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: D.requestOptions,
			options: [
				{
					displayName: 'Max Requests per Second',
					name: 'maxPerSecond',
					type: 'number',
					default: 0,
					typeOptions: { minValue: 0, maxValue: 1000 },
					description:
						'Upper limit for request starts per second across all items of this node, for an account with a known quota; 0 means no fixed limit (the node still slows down when MVMNT answers 429)',
				},
				{
					displayName: 'Parallel Items',
					name: 'parallelItems',
					type: 'number',
					default: PARALLEL_ITEMS,
					typeOptions: { minValue: 1, maxValue: 64 },
					description:
						'How many input items are sent to MVMNT at the same time. 1 processes items one after another. Output order and item pairing stay the same either way.',
				},
				{
					displayName: 'Retry Time Budget (Seconds)',
					name: 'retryBudget',
					type: 'number',
					default: 120,
					typeOptions: { minValue: 1, maxValue: 3600 },
					description:
						'How long retries of a failing request (timeouts, dropped connections, 5xx, 429 waits) may take in total for one item before it fails',
				},
				{
					displayName: 'Timeout (Seconds)',
					name: 'timeout',
					type: 'number',
					default: 60,
					typeOptions: { minValue: 1, maxValue: 3600 },
					description: 'How long one request may take, until the whole answer (including its body) has arrived',
				},
			],
		},
	];
}
