import type { FieldDef, OperationDef } from './types';

/*
 * Orders as MVMNT's quickstart guide shows them. `/orders` is not part of the
 * published OpenAPI, so these entries are written by hand.
 */
const ORDER_FIELDS: FieldDef[] = [
	{
		name: 'stops',
		type: 'objectList',
		required: true,
		minItems: 2,
		fields: [
			{ name: 'sequence', type: 'number', integer: true, min: 1, required: true },
			{ name: 'type', type: 'options', options: ['pickup', 'delivery'], required: true },
			{ name: 'locationId', type: 'id', resource: 'location', required: true },
		],
	},
	{
		name: 'freight',
		type: 'object',
		required: true,
		fields: [
			{ name: 'handlingUnits', type: 'number', integer: true, min: 0 },
			{ name: 'handlingUnitType', type: 'string' },
			{ name: 'weight', type: 'number', min: 0 },
			{ name: 'weightUnit', type: 'string' },
		],
	},
	{ name: 'key', type: 'string' },
];

const orderId: FieldDef = { name: 'id', type: 'string', required: true };

export const ORDER_OPERATIONS: OperationDef[] = [
	{
		resource: 'order',
		operation: 'create',
		name: 'Create',
		action: 'Create an order',
		kind: 'create',
		method: 'POST',
		path: '/orders',
		body: ORDER_FIELDS,
		bodyRequired: true,
	},
	{
		resource: 'order',
		operation: 'get',
		name: 'Get',
		action: 'Get an order',
		kind: 'get',
		method: 'GET',
		path: '/orders/{id}',
		pathParams: [orderId],
		keyQuery: 'key',
	},
	{
		resource: 'order',
		operation: 'update',
		name: 'Update',
		action: 'Update an order',
		kind: 'update',
		method: 'PATCH',
		path: '/orders/{id}',
		pathParams: [orderId],
		body: ORDER_FIELDS.map((field) => ({ ...field, required: false, nullable: true })),
	},
];
