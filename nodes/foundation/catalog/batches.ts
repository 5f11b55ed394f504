import type { OperationDef } from './types';

/*
 * Operations whose body is a list with a maximum, and how their answer maps back to the list's
 * entries. With Combine Items (node version 1.4 on) the node sends the entries of all input items
 * in as few requests as the maximum allows, and gives each item the answers to its own entries.
 */

/** One list of the answer: its entries answer entries of the request's list. */
export interface BatchAnswer {
	/** the answer's field holding the list */
	field: string;
	/** an answer entry belongs to the request entry equal to its field `by`; without: same position */
	by?: string;
	/** entries of this list are failures: the item they belong to fails with their `error` */
	failed?: boolean;
}

export interface BatchDef {
	/** the request body's list that input items are combined into */
	list: string;
	answers: BatchAnswer[];
}

const BATCHES: Record<string, BatchDef> = {
	'invoice:batchGenerate': {
		list: 'orderIds',
		answers: [
			{ field: 'generated', by: 'orderId' },
			{ field: 'failed', by: 'orderId', failed: true },
		],
	},
	'bill:batchApprove': {
		list: 'billIds',
		answers: [
			{ field: 'approved', by: 'billId' },
			{ field: 'failed', by: 'billId', failed: true },
		],
	},
	'shipment:track': { list: 'searches', answers: [{ field: 'results' }] },
};

export function batchOf(op: OperationDef): BatchDef | undefined {
	return BATCHES[`${op.resource}:${op.operation}`];
}

/** The most entries one request of `op` takes (the contract's maxItems of its list). */
export function batchMax(op: OperationDef, def: BatchDef): number {
	const field = (op.body ?? []).find((f) => f.name === def.list);
	return field?.maxItems ?? 100;
}
