import type { IDataObject } from 'n8n-workflow';

import { findOperation, type OperationDef } from '../../foundation/catalog';
import { fail, segment } from '../../foundation/input';
import { labelOf } from '../../foundation/labels';
import { quote } from '../../foundation/quote';
import { isUnknownOutcome } from '../../foundation/transport/errors';
import { mvmntRequest } from '../../foundation/transport/request';
import type { MvmntRequest, MvmntResponse } from '../../foundation/transport/types';

import type { RequestBuilder } from '../request/builder';

/* Creating a record exactly once, also when MVMNT's answer to the create is lost. */

/** How to re-run a create safely, for the error after a create with an unknown outcome and no client key. */
function rerunAdvice(op: OperationDef): string {
	const label = labelOf(op.resource).toLowerCase();
	const upsert = findOperation(op.resource, 'upsert');
	if (upsert) {
		return `To re-run safely, use Create or Update with a Client Key (or set Key under Additional Fields): a re-run then finds the ${label} instead of creating a duplicate`;
	}
	if (op.body?.some((f) => f.name === 'key') && canLookUpByKey(op.resource)) {
		return `To re-run safely, set Key under Additional Fields: a re-run then finds the ${label} instead of creating a duplicate`;
	}
	return `MVMNT has no client key for a ${label}, so running this item again can create a duplicate: look for it first (Get Many with a filter)`;
}

function canLookUpByKey(resource: string): boolean {
	const get = findOperation(resource, 'get');
	return get !== undefined && (get.keyQuery !== undefined || get.lookup === true);
}

/**
 * Sends a create whose outcome must never be guessed. After a 5xx, a reset or a timeout MVMNT may
 * have created the record: with a client key we look it up and return it (marked `recovered`), or
 * send once more when it is not there; without a key the error says how to re-run safely.
 */
export async function createOnce(
	b: RequestBuilder,
	op: OperationDef,
	request: MvmntRequest,
	key: string | undefined,
): Promise<{ response?: MvmntResponse; recovered?: IDataObject }> {
	const resource = op.resource;
	const usableKey = key !== undefined && key.trim() !== '' && canLookUpByKey(resource) ? segment(key, 'Client Key') : undefined;
	const recovered = (record: IDataObject, lost: string): IDataObject => ({
		...record,
		recovered: `The create's answer was lost (${lost.slice(0, 200)}); MVMNT had created the record, found by its client key ${quote(usableKey)}`,
	});
	let lost = '';
	for (let sent = 1; ; sent++) {
		// a resend that meets its own first send (still in flight when we looked) gets a 409: that is the record
		const resend = sent > 1 && !request.conflictOk;
		let failed: unknown;
		try {
			const response = await mvmntRequest(b.ctx, resend ? { ...request, conflictOk: true } : request);
			if (!resend || response.status !== 409) return { response };
			const found = await b.getByKey(resource, usableKey as string);
			if (found) return { recovered: recovered(found, lost) };
			return fail(`MVMNT reported a duplicate for client key ${quote(usableKey)} but has no record with it`);
		} catch (error) {
			failed = error;
		}
		if (!isUnknownOutcome(failed)) throw failed as Error;
		lost = (failed as Error).message;
		if (usableKey === undefined) {
			fail(`${lost}. The record may have been created: check MVMNT before running this item again. ${rerunAdvice(op)}`);
		}
		const found = await b.getByKey(resource, usableKey);
		if (found) return { recovered: recovered(found, lost) };
		// MVMNT has no record with the key: the create did not happen, and sending it again is safe (once)
		if (sent >= 2) throw failed as Error;
	}
}
