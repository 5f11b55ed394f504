import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../input';
import type { OperationDef } from './types';

/*
 * Answers that hold one result per thing asked for, where MVMNT says "nothing matched" with a
 * result whose identifying field is null (Shipment → Track: one result per search, all fields
 * null for an unknown reference). From node version 1.4 each such result says `found`, so that
 * a person or a model can tell "no match" from a record with empty fields.
 */
interface ResultList {
	/** the answer's field holding the results */
	list: string;
	/** a result matched when this field is set */
	matchedBy: string;
}

const RESULT_LISTS: Record<string, ResultList> = {
	'shipment:track': { list: 'results', matchedBy: 'id' },
};

export function resultListOf(op: OperationDef): ResultList | undefined {
	return RESULT_LISTS[`${op.resource}:${op.operation}`];
}

/** The answer with `found` on each result of its list; other answers unchanged. */
export function markFound(op: OperationDef, answer: IDataObject): IDataObject {
	const spec = resultListOf(op);
	const list = spec ? answer[spec.list] : undefined;
	if (!spec || !Array.isArray(list)) return answer;
	return {
		...answer,
		[spec.list]: list.map((r) =>
			isObject(r) ? { ...r, found: r[spec.matchedBy] != null } : r,
		),
	};
}
