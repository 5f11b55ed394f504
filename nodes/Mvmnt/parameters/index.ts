import type { INodeProperties } from 'n8n-workflow';

import { OPERATIONS, RESOURCES } from '../../foundation/catalog';
import { PARAMETER_DESCRIPTIONS as D } from '../../foundation/catalog/descriptions';

import { PARAMS } from '../fields/keys';
import { operationDescription } from './describe';
import { operationProperties } from './operation';
import { shareIdentical } from './shared';
import { toolDescriptionProperties } from './tool';

/*
 * Turns the operation catalog into the MVMNT node's parameters. Naming rules (the request builder
 * reads parameters by the same rules):
 *   - path `{id}` → `<resource>Id` (a resource locator); other path params keep their name
 *   - create/action: required body fields top level by name, the rest in `additionalFields`
 *   - update: every body field in `updateFields`
 *   - `useRawJson` + `rawJson` replace the body fields with a JSON object
 */

export { COMBINE_SINCE, OUTPUT_SINCE, RECORD_OUTPUT, SIMPLIFIED, SIMPLIFY_SINCE } from './operation';
export { operationDescription } from './describe';

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
		name: PARAMS.operation,
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
			name: PARAMS.resource,
			type: 'options',
			noDataExpression: true,
			options: RESOURCES.map((r) => ({ name: r.name, value: r.value })),
			default: 'customer',
			description: D.resource,
		},
		...RESOURCES.map((r) => operationSelector(r.value)),
		...toolDescriptionProperties(OPERATIONS),
		...shareIdentical(OPERATIONS.map(operationProperties)),
		{
			displayName: 'Request Options',
			name: PARAMS.requestOptions,
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
