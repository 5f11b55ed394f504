import type { INodeProperties, INodePropertyOptions, INodePropertyMode } from 'n8n-workflow';

import {
	OPERATIONS,
	RESOURCES,
	listOperationOf,
	resourceName,
	type FieldDef,
	type OperationDef,
} from './catalog';

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

const OPERATOR_NAMES: Record<string, string> = {
	equalTo: 'Equal To',
	notEqualTo: 'Not Equal To',
	in: 'In (Comma-Separated)',
	notIn: 'Not In (Comma-Separated)',
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
	isNull: 'Is Empty (True/False)',
	contains: 'Contains',
	containsAll: 'Contains All (Comma-Separated)',
	containsAny: 'Contains Any (Comma-Separated)',
	is: 'Is (True/False)',
};

const ACRONYMS: Record<string, string> = {
	id: 'ID',
	ids: 'IDs',
	url: 'URL',
	ein: 'EIN',
	duns: 'DUNS',
	naics: 'NAICS',
	qbo: 'QBO',
	mc: 'MC',
	dot: 'DOT',
	scac: 'SCAC',
	tonu: 'TONU',
	ach: 'ACH',
	ap: 'AP',
	ar: 'AR',
	dst: 'DST',
	po: 'PO',
	bol: 'BOL',
	pro: 'PRO',
	iata: 'IATA',
	sic: 'SIC',
};

/** `phoneNumber` → `Phone Number`, `qboCustomerId` → `QBO Customer ID`. */
export function labelOf(name: string): string {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/_/g, ' ')
		.split(' ')
		.map((w) => ACRONYMS[w.toLowerCase()] ?? w.charAt(0).toUpperCase() + w.slice(1))
		.join(' ');
}

/** `SERVICE_TIER_1` → `Service Tier 1`. */
function optionLabel(value: string): string {
	if (!/^[A-Z0-9_]+$/.test(value)) return value;
	return value
		.split('_')
		.map((w) => (w.length <= 3 && /[A-Z]{2}/.test(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()))
		.join(' ');
}

function enumOptions(values: string[]): INodePropertyOptions[] {
	const options = values.map((v) => ({ name: optionLabel(v), value: v }));
	const seen = new Set<string>();
	for (const o of options) {
		if (seen.has(o.name)) o.name = `${o.name} (${o.value})`;
		seen.add(o.name);
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

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
				displayName: 'By Client Key',
				name: 'key',
				type: 'string',
				placeholder: 'e.g. ERP-12345',
				hint: 'The key your own system stored on the record',
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
): INodeProperties {
	const modes = locatorModes(resource, withKey);
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: modes[0].name, value: '' },
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
		hint: 'The whole object, e.g. from an expression',
	};
	if (!list) return prop;
	return { ...prop, displayName: `${label} (JSON)`, default: '[]', hint: 'One object or a list of objects, e.g. from an expression' };
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

function keyedProperty(field: FieldDef, shapes: Array<{ keys: string[]; fields: FieldDef[] }>): INodeProperties {
	const label = labelOf(field.name);
	return {
		displayName: label,
		name: field.name,
		type: 'fixedCollection',
		placeholder: `Add ${label}`,
		typeOptions: { multipleValues: true },
		default: {},
		options: [
			...shapes.map(({ keys, fields }, i) => ({
				displayName: `On ${keys.slice(0, 2).map(labelOf).join(', ')}${keys.length > 2 ? ', …' : ''}`,
				name: `shape${i}`,
				values: [
					{
						displayName: 'Field',
						name: 'key',
						type: 'options' as const,
						options: keys.map((k) => ({ name: labelOf(k), value: k })).sort((a, b) => a.name.localeCompare(b.name)),
						default: keys[0],
					},
					...entryValues(fields),
				],
			})),
			{ displayName: `${label} (JSON)`, name: 'json', values: [wholeJson(label, false)] },
		],
	};
}

/** Where a list entry keeps its optional fields (n8n fills every value of an entry with its default). */
export const ENTRY_OPTIONAL = 'additionalFields';

/**
 * The form of one list entry: its required fields, then its optional ones
 * under Additional Fields, so that only what the user adds is sent.
 */
function entryValues(fields: FieldDef[]): INodeProperties[] {
	const values = fields.filter((f) => f.required).map((f) => fieldProperty(f));
	const optional = fields.filter((f) => !f.required);
	if (optional.length) {
		values.push({
			displayName: 'Additional Fields',
			name: ENTRY_OPTIONAL,
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: sorted(optional.map((f) => fieldProperty(f))),
		});
	}
	return values;
}

/** The n8n parameter for one catalog field, at any depth (the same definition everywhere it occurs). */
export function fieldProperty(field: FieldDef): INodeProperties {
	const label = labelOf(field.name);
	const base = {
		displayName: label,
		name: field.name,
		default: '' as INodeProperties['default'],
	};
	switch (field.type) {
		case 'id':
		case 'reference':
			return locator(field.name, labelOf(field.name.replace(/Id$/, '')), field.resource, true);
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
		case 'number':
			return {
				...base,
				type: 'number',
				default: 0,
				typeOptions: {
					...(field.integer ? { numberPrecision: 0 } : { numberPrecision: 4 }),
					...(field.min !== undefined ? { minValue: field.min } : {}),
					...(field.max !== undefined ? { maxValue: field.max } : {}),
				},
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'options': {
			const options = enumOptions(field.options ?? []);
			return { ...base, type: 'options', options, default: options[0].value };
		}
		case 'multiOptions':
			return { ...base, type: 'multiOptions', options: enumOptions(field.options ?? []), default: [] };
		case 'dateTime':
		case 'date':
			return { ...base, type: 'dateTime' };
		case 'stringList':
			return { ...base, type: 'string', placeholder: 'e.g. first, second', description: 'Comma-separated list' };
		case 'object': {
			const shapes = keyedShapes(field);
			if (shapes) return keyedProperty(field, shapes);
			return {
				...base,
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: sorted([...(field.fields ?? []).map((f) => fieldProperty(f)), wholeJson(label, false)]),
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
					{ displayName: label, name: 'entries', values: entryValues(field.fields ?? []) },
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
const SLOT = { path: 0, query: 1, file: 2, page: 3, filter: 4, report: 5, raw: 6, key: 7, required: 8, group: 9, optional: 10 };
type Slotted = INodeProperties & { slot?: number };
const at = (slot: number, prop: INodeProperties): Slotted => ({ ...prop, slot });

function bodyProperties(op: OperationDef): Slotted[] {
	if (!op.body?.length) return [];
	const props: Slotted[] = [];
	const raw = { useRawJson: [false] };
	const discriminator = op.body.find((f) => f.discriminator);
	props.push(
		at(SLOT.raw, {
			displayName: 'Send Raw JSON Body',
			name: 'useRawJson',
			type: 'boolean',
			default: false,
			description: 'Whether to write the request body as JSON instead of using the fields below',
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
				description: 'Your own ID for the record: updated when MVMNT has it, created otherwise',
				displayOptions: show(op),
			}),
		);
	}
	for (const field of op.body.filter((f) => f.required)) {
		props.push(at(SLOT.required, { ...fieldProperty(field), required: true, displayOptions: show(op, raw) }));
	}
	const isUpdate = op.kind === 'update';
	for (const field of op.body.filter((f) => !f.required && isGroupField(f))) {
		const prop = withVariants(field, fieldProperty(field), discriminator);
		const variants = prop.displayOptions?.show?.[`/${discriminator?.name}`];
		const extra = variants && discriminator ? { ...raw, [discriminator.name]: variants as string[] } : raw;
		props.push(at(SLOT.group, { ...prop, displayOptions: show(op, extra) }));
	}
	const optional = op.body.filter((f) => !f.required && !isGroupField(f));
	const nullable = op.body.filter((f) => !f.required && f.nullable);
	const options = optional.map((f) => withVariants(f, fieldProperty(f), discriminator));
	if (isUpdate && nullable.length) {
		options.push({
			displayName: 'Fields to Clear',
			name: CLEAR_FIELDS,
			type: 'multiOptions',
			default: [],
			description: 'Fields to empty in MVMNT (sent as null)',
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

function filterProperties(op: OperationDef): INodeProperties[] {
	const fields = op.filterFields ?? [];
	const firstField = fields[0]?.name ?? '';
	const used = new Set(fields.flatMap((f) => f.ops));
	const operators = FILTER_OPERATORS.filter((o) => used.has(o)).map((o) => ({ name: OPERATOR_NAMES[o], value: o }));
	const firstOperator = operators[0]?.value ?? 'equalTo';
	const maxPageSize = op.maxPageSize ?? 250;
	const canIncludeDeleted = fields.some((f) => f.name === 'deletedAt');
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
			displayOptions: show(op),
		},
		{
			displayName: 'Must Match',
			name: 'combinator',
			type: 'options',
			options: [
				{ name: 'All Conditions (AND)', value: 'and' },
				{ name: 'Any Condition (OR)', value: 'or' },
			],
			default: 'and',
			displayOptions: show(op, { filterType: ['builder'] }),
		},
		{
			displayName: 'Conditions',
			name: 'conditions',
			type: 'fixedCollection',
			placeholder: 'Add Condition',
			typeOptions: { multipleValues: true },
			default: {},
			displayOptions: show(op, { filterType: ['builder'] }),
			options: [
				{
					displayName: 'Condition',
					name: 'condition',
					values: [
						{
							displayName: 'Field',
							name: 'field',
							type: 'options',
							options: fields
								.map((f) => ({ name: labelOf(f.name), value: f.name }))
								.sort((a, b) => a.name.localeCompare(b.name)),
							default: firstField,
						},
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: operators,
							default: firstOperator,
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
						},
					],
				},
			],
		},
		{
			displayName: 'Filter (JSON)',
			name: 'filterJson',
			type: 'json',
			default: '{}',
			description: 'A filter object as MVMNT expects it, e.g. {"status": {"equalTo": "ACTIVE"}}',
			displayOptions: show(op, { filterType: ['json'] }),
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show(op),
			options: [
				...(canIncludeDeleted
					? [
							{
								displayName: 'Include Deleted',
								name: 'includeDeleted',
								type: 'boolean' as const,
								default: false,
								description: 'Whether to also return records that were deleted',
							},
						]
					: []),
				{
					displayName: 'Page Size',
					name: 'pageSize',
					type: 'number',
					default: maxPageSize,
					typeOptions: { minValue: 1, maxValue: maxPageSize },
					description: `Records per request (at most ${maxPageSize})`,
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
			displayOptions: show(op),
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			hint: 'The name of the output binary field',
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
			hint: upload
				? 'The binary field holding the file; its name, type and size are sent to MVMNT'
				: 'The name of the output binary field',
			displayOptions: show(op),
		},
	];
}

function operationProperties(op: OperationDef): Slotted[] {
	const props: Slotted[] = [];
	for (const param of op.pathParams ?? []) {
		const withKey =
			param.name === 'id' &&
			(op.lookup === true || op.keyInPath === true || op.keyQuery !== undefined || op.resource === 'order');
		const prop =
			param.type === 'id' || param.name === 'id'
				? locator(pathIdParam(op, param), resourceName(param.resource ?? op.resource), param.resource, withKey)
				: fieldProperty(param);
		props.push(at(SLOT.path, { ...prop, required: true, displayOptions: show(op) }));
	}
	for (const q of op.query ?? []) props.push(at(SLOT.query, { ...fieldProperty(q), displayOptions: show(op) }));
	props.push(...fileProperties(op).map((p) => at(SLOT.file, p)));
	if (op.kind === 'getAll' || op.kind === 'search' || op.pagination === 'cursorQuery') {
		props.push(...returnAllProperties(op).map((p) => at(SLOT.page, p)));
	}
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
		for (const [ops, resources] of groups) {
			const show = { resource: resources, operation: ops.split(','), ...extra } as Record<string, string[]>;
			out.push({ ...prop, displayOptions: { show } });
		}
	}
	return out;
}

function operationSelector(resource: string): INodeProperties {
	const ops = OPERATIONS.filter((op) => op.resource === resource);
	const options = ops
		.map((op) => ({ name: op.name, value: op.operation, action: op.action, description: op.action }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const firstOperation = options.find((o) => o.value === 'get')?.value ?? options[0].value;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
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
		},
		...RESOURCES.map((r) => operationSelector(r.value)),
		...shareIdentical(OPERATIONS.map(operationProperties)),
		{
			displayName: 'Request Options',
			name: 'requestOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
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
