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

export const CLEAR = '';

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

function enumOptions(values: string[], clearable: boolean): INodePropertyOptions[] {
	const options = values.map((v) => ({ name: optionLabel(v), value: v }));
	const seen = new Set<string>();
	for (const o of options) {
		if (seen.has(o.name)) o.name = `${o.name} (${o.value})`;
		seen.add(o.name);
	}
	options.sort((a, b) => a.name.localeCompare(b.name));
	return clearable ? [{ name: 'None (Clear the Field)', value: CLEAR }, ...options] : options;
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

/** The n8n parameter for one catalog field. `nested` fields sit inside a collection. */
export function fieldProperty(field: FieldDef, clearable: boolean, nested = false): INodeProperties {
	const base = {
		displayName: labelOf(field.name),
		name: field.name,
		default: '' as INodeProperties['default'],
	};
	const clear = clearable && field.nullable === true;
	const withClearHint = (p: INodeProperties): INodeProperties =>
		clear && ['string', 'json', 'dateTime'].includes(p.type)
			? { ...p, hint: 'Leave empty to clear this field' }
			: p;
	switch (field.type) {
		case 'id':
		case 'reference':
			if (nested) return withClearHint({ ...base, type: 'string', description: 'Record ID' });
			return locator(field.name, labelOf(field.name.replace(/Id$/, '')), field.resource, true);
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
			const options = enumOptions(field.options ?? [], clear);
			return {
				...base,
				type: 'options',
				options,
				default: options[0].value,
			};
		}
		case 'multiOptions':
			return { ...base, type: 'multiOptions', options: enumOptions(field.options ?? [], false), default: [] };
		case 'dateTime':
		case 'date':
			return withClearHint({ ...base, type: 'dateTime' });
		case 'stringList':
			return withClearHint({ ...base, type: 'string', placeholder: 'e.g. first, second', description: 'Comma-separated list' });
		case 'object':
			return {
				...base,
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: (field.fields ?? []).map((f) => fieldProperty(f, clearable, true)),
			};
		case 'objectList':
			return {
				...base,
				type: 'fixedCollection',
				placeholder: `Add ${labelOf(field.name)}`,
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Entry',
						name: 'entries',
						values: (field.fields ?? []).map((f) => fieldProperty(f, false, true)),
					},
				],
			};
		case 'json':
			return withClearHint({ ...base, type: 'json' });
		default:
			return withClearHint({ ...base, type: 'string' });
	}
}

function show(op: OperationDef, extra: Record<string, Array<string | boolean>> = {}) {
	return { show: { resource: [op.resource], operation: [op.operation], ...extra } };
}

const sorted = (props: INodeProperties[]) =>
	[...props].sort((a, b) => a.displayName.localeCompare(b.displayName));

function bodyProperties(op: OperationDef): INodeProperties[] {
	if (!op.body?.length) return [];
	const props: INodeProperties[] = [];
	const raw = { useRawJson: [false] };
	props.push({
		displayName: 'Send Raw JSON Body',
		name: 'useRawJson',
		type: 'boolean',
		default: false,
		description: 'Whether to write the request body as JSON instead of using the fields below',
		displayOptions: show(op),
	});
	props.push({
		displayName: 'JSON Body',
		name: 'rawJson',
		type: 'json',
		default: '{}',
		required: true,
		displayOptions: show(op, { useRawJson: [true] }),
	});
	if (op.kind === 'upsert') {
		props.push({
			displayName: 'Client Key',
			name: 'key',
			type: 'string',
			default: '',
			required: true,
			description: 'Your own ID for the record: updated when MVMNT has it, created otherwise',
			displayOptions: show(op),
		});
	}
	for (const field of op.body.filter((f) => f.required)) {
		props.push({ ...fieldProperty(field, false), required: true, displayOptions: show(op, raw) });
	}
	const optional = op.body.filter((f) => !f.required);
	const isUpdate = op.kind === 'update';
	if (optional.length) {
		props.push({
			displayName: isUpdate ? 'Update Fields' : 'Additional Fields',
			name: isUpdate ? 'updateFields' : 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show(op, raw),
			options: sorted(optional.map((f) => fieldProperty(f, isUpdate, f.type === 'id' || f.type === 'reference'))),
		});
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
		...returnAllProperties(op),
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

function operationProperties(op: OperationDef): INodeProperties[] {
	const props: INodeProperties[] = [];
	for (const param of op.pathParams ?? []) {
		const withKey = param.name === 'id' && (op.lookup === true || op.keyQuery !== undefined || op.resource === 'order');
		const prop =
			param.type === 'id' || param.name === 'id'
				? locator(pathIdParam(op, param), resourceName(param.resource ?? op.resource), param.resource, withKey)
				: fieldProperty(param, false);
		props.push({ ...prop, required: true, displayOptions: show(op) });
	}
	for (const q of op.query ?? []) {
		if (q.type === 'id') {
			props.push({ ...locator(q.name, labelOf(q.name.replace(/Id$/, '')), q.resource, true), displayOptions: show(op) });
		} else {
			props.push({ ...fieldProperty(q, false), displayOptions: show(op) });
		}
	}
	props.push(...fileProperties(op));
	if (op.kind === 'getAll') props.push(...filterProperties(op));
	if (op.kind === 'search' || op.pagination === 'cursorQuery') props.push(...returnAllProperties(op));
	props.push(...reportProperties(op));
	props.push(...bodyProperties(op));
	return props;
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
		...OPERATIONS.flatMap(operationProperties),
		{
			displayName: 'Request Options',
			name: 'requestOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
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
