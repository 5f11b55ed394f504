import type { IDataObject } from 'n8n-workflow';

import { OPERATIONS, resourceName, type FilterFieldDef, type OperationDef } from '../foundation/catalog';

/*
 * Which resources the polling trigger offers, and which events each one has, derived from the
 * catalog: a resource qualifies when its Get Many filter compares a record timestamp
 * (createdAt, updatedAt, deletedAt) with "greater than (or equal to)".
 */

export type ChangeEvent = 'created' | 'updated' | 'createdOrUpdated' | 'deleted';

export interface EventDef {
	value: ChangeEvent;
	name: string;
	description: string;
	/** the timestamp that orders this event: the watermark moves along it */
	field: 'createdAt' | 'updatedAt' | 'deletedAt';
	/** timestamps the resource's filter must compare for the event to exist */
	needs: string[];
}

export const EVENTS: EventDef[] = [
	{
		value: 'created',
		name: 'New',
		description: 'A record was created (its Created At is after the last poll)',
		field: 'createdAt',
		needs: ['createdAt'],
	},
	{
		value: 'updated',
		name: 'Updated',
		description: 'A record created earlier was changed: one item per change seen, never for the creation itself',
		field: 'updatedAt',
		needs: ['updatedAt', 'createdAt'],
	},
	{
		value: 'createdOrUpdated',
		name: 'New or Updated',
		description: 'A record was created or changed: one item per change seen (a new record has Updated At equal to Created At)',
		field: 'updatedAt',
		needs: ['updatedAt'],
	},
	{
		value: 'deleted',
		name: 'Deleted',
		description: 'A record was deleted (MVMNT keeps it with a Deleted At)',
		field: 'deletedAt',
		needs: ['deletedAt'],
	},
];

/** How a timestamp can be asked for "at or after": greaterThanOrEqualTo, or greaterThan one millisecond earlier. */
export type SinceOperator = 'greaterThanOrEqualTo' | 'greaterThan';

function sinceOperator(field: FilterFieldDef | undefined): SinceOperator | undefined {
	if (!field || field.kind !== 'date') return undefined;
	if (field.ops.includes('greaterThanOrEqualTo')) return 'greaterThanOrEqualTo';
	if (field.ops.includes('greaterThan')) return 'greaterThan';
	return undefined;
}

export interface PollableResource {
	value: string;
	name: string;
	/** the Get Many the trigger lists through (filter fields, path, page size) */
	op: OperationDef;
	events: EventDef[];
	/** per timestamp field: the operator that asks for "at or after" */
	since: Partial<Record<EventDef['field'], SinceOperator>>;
}

/** Every resource with a filterable timestamp, with the events its filter supports. */
export const POLLABLE: PollableResource[] = OPERATIONS.filter((op) => op.kind === 'getAll' && op.filterFields?.length)
	.map((op) => {
		const since: PollableResource['since'] = {};
		for (const name of ['createdAt', 'updatedAt', 'deletedAt'] as const) {
			const operator = sinceOperator(op.filterFields?.find((f) => f.name === name));
			if (operator) since[name] = operator;
		}
		const events = EVENTS.filter((e) => e.needs.every((n) => since[n as EventDef['field']] !== undefined));
		return { value: op.resource, name: resourceName(op.resource), op, events, since };
	})
	.filter((r) => r.events.length > 0)
	.sort((a, b) => a.name.localeCompare(b.name));

export function findPollable(resource: string): PollableResource | undefined {
	return POLLABLE.find((r) => r.value === resource);
}

/** The filter condition "timestamp at or after `ms`" in the form the resource's filter takes. */
export function sinceCondition(resource: PollableResource, event: EventDef, ms: number): IDataObject {
	const operator = resource.since[event.field] ?? 'greaterThanOrEqualTo';
	const at = operator === 'greaterThan' ? ms - 1 : ms;
	return { [event.field]: { [operator]: new Date(Math.max(at, 0)).toISOString() } };
}
