import type { INodeProperties } from 'n8n-workflow';

import { maxPageSizeOf, resourceName, type OperationDef } from '../../foundation/catalog';
import { batchOf } from '../../foundation/catalog/batches';
import { PARAMETER_DESCRIPTIONS as D } from '../../foundation/catalog/descriptions';
import { filterBuilderProperties } from '../../foundation/filter/form';

import { fieldProperty, storedField } from '../fields';
import { PARAMS } from '../fields/keys';
import { idTakesKey, locator, pathIdParam } from '../fields/locator';
import { bodyProperties } from './body';
import { SLOT, at, show, shownFor, type Slotted } from './display';

/* The parameters of one operation: path IDs, query, files, paging, filter, report format, body. */

function returnAllProperties(op: OperationDef): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: PARAMS.returnAll,
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: show(op),
		},
		{
			displayName: 'Limit',
			name: PARAMS.limit,
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: show(op, { [PARAMS.returnAll]: [false] }),
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
			name: PARAMS.options,
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
			name: PARAMS.format,
			type: 'options',
			options,
			default: firstFormat,
			description: D.format,
			displayOptions: show(op),
		},
		{
			displayName: 'Put Output File in Field',
			name: PARAMS.binaryPropertyName,
			type: 'string',
			default: 'data',
			description: D.binaryOut,
			displayOptions: show(op, { [PARAMS.format]: op.binaryTypes }),
		},
	];
}

function fileProperties(op: OperationDef): INodeProperties[] {
	if (op.kind !== 'upload' && op.kind !== 'download') return [];
	const upload = op.kind === 'upload';
	return [
		{
			displayName: upload ? 'Input Binary Field' : 'Put Output File in Field',
			name: PARAMS.binaryPropertyName,
			type: 'string',
			default: 'data',
			required: true,
			description: upload ? D.binaryIn : D.binaryOut,
			displayOptions: show(op),
		},
	];
}

/** Operations whose records come out compact when Simplify is on (node versions 1.1 to 1.3). */
export const SIMPLIFIED: OperationDef['kind'][] = ['get', 'getAll', 'search'];
/** The node version from which Simplify exists (on by default); version 1 nodes keep the full records. */
export const SIMPLIFY_SINCE = 1.1;
/** From this node version, Output (Simplified, Raw, Selected Fields) replaces Simplify, on reads and writes alike. */
export const OUTPUT_SINCE = 1.4;
/** Operations whose answer is one record or a list of them: Output applies. */
export const RECORD_OUTPUT: OperationDef['kind'][] = ['get', 'getAll', 'search', 'create', 'update', 'upsert'];

function simplifyProperty(op: OperationDef): INodeProperties {
	return {
		displayName: 'Simplify',
		name: PARAMS.simplify,
		type: 'boolean',
		default: true,
		description: D.simplify,
		displayOptions: { show: { ...show(op).show, '@version': [{ _cnd: { gte: SIMPLIFY_SINCE } }] }, hide: { '@version': [{ _cnd: { gte: OUTPUT_SINCE } }] } },
	};
}

function outputProperties(op: OperationDef): INodeProperties[] {
	const since = { '@version': [{ _cnd: { gte: OUTPUT_SINCE } }] };
	return [
		{
			displayName: 'Output',
			name: PARAMS.output,
			type: 'options',
			options: [
				{ name: 'Simplified', value: 'simplified', description: 'ID, key, name, status, main dates and references' },
				{ name: 'Raw', value: 'raw', description: 'Every field MVMNT sends' },
				{ name: 'Selected Fields', value: 'selected', description: 'Only the fields you name' },
			],
			default: 'simplified',
			description: D.output,
			displayOptions: { show: { ...show(op).show, ...since } },
		},
		{
			displayName: 'Fields',
			name: PARAMS.outputFields,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. name, status, billingAddress.city',
			description: D.outputFields,
			displayOptions: { show: { ...show(op).show, ...since, [PARAMS.output]: ['selected'] } },
		},
	];
}

/** From this node version, batch operations can combine the input items (Combine Items, on by default). */
export const COMBINE_SINCE = 1.4;

function combineProperty(op: OperationDef): INodeProperties {
	return {
		displayName: 'Combine Items',
		name: PARAMS.combineItems,
		type: 'boolean',
		default: true,
		description: D.combineItems,
		displayOptions: { show: { ...show(op).show, '@version': [{ _cnd: { gte: COMBINE_SINCE } }] } },
	};
}

export function operationProperties(op: OperationDef): Slotted[] {
	const props: Slotted[] = [];
	const place = { resource: op.resource };
	for (const param of op.pathParams ?? []) {
		const withKey = param.name === 'id' && idTakesKey(op);
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
	if (RECORD_OUTPUT.includes(op.kind)) props.push(...outputProperties(op).map((p) => at(SLOT.output, p)));
	if (batchOf(op)) props.push(at(SLOT.output, combineProperty(op)));
	if (op.kind === 'getAll') props.push(...filterProperties(op).map((p) => at(SLOT.filter, p)));
	props.push(...reportProperties(op).map((p) => at(SLOT.report, p)));
	props.push(...bodyProperties(op));
	return props;
}
