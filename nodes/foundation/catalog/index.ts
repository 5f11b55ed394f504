import { documentFileOperations, upsertOperations } from './composite';
import { GENERATED_OPERATIONS, RESOURCE_NAMES } from './operations.generated';
import { ORDER_OPERATIONS } from './orders';
import type { OperationDef, ResourceDef } from './types';

export type { FieldDef, FieldType, FilterFieldDef, OperationDef, ResourceDef } from './types';

/** Every operation the node offers: one entry each. */
const API_OPERATIONS: OperationDef[] = [...GENERATED_OPERATIONS, ...ORDER_OPERATIONS];
export const OPERATIONS: OperationDef[] = [
	...API_OPERATIONS,
	...upsertOperations(API_OPERATIONS),
	...documentFileOperations(API_OPERATIONS),
];

export function resourceName(value: string): string {
	return RESOURCE_NAMES[value] ?? value.charAt(0).toUpperCase() + value.slice(1);
}

export const RESOURCES: ResourceDef[] = [...new Set(OPERATIONS.map((op) => op.resource))]
	.map((value) => ({ value, name: resourceName(value) }))
	.sort((a, b) => a.name.localeCompare(b.name));

const BY_KEY = new Map(OPERATIONS.map((op) => [`${op.resource}:${op.operation}`, op]));

export function findOperation(resource: string, operation: string): OperationDef | undefined {
	return BY_KEY.get(`${resource}:${operation}`);
}

/** The largest page a list operation asks for: the API's maximum (250 where the contract names none). */
export function maxPageSizeOf(op: OperationDef): number {
	return op.maxPageSize ?? 250;
}

/** The Get Many operation of a resource, used by resource-locator list search. */
export function listOperationOf(resource: string): OperationDef | undefined {
	return findOperation(resource, 'getAll');
}
