import type { IDataObject } from 'n8n-workflow';

import type { OperationDef } from './types';

/*
 * Business rules MVMNT enforces beyond the schema, checked before sending so
 * the user gets a clear message. Keyed by `<resource>:<operation>`.
 */
type Rule = (body: IDataObject) => string | undefined;

const RULES: Record<string, Rule[]> = {
	'quote:update': [
		(b) =>
			b.status === 'LOST' && !b.lostReason
				? 'A quote marked LOST needs a Lost Reason: add it under Update Fields'
				: undefined,
		(b) =>
			b.lostReason === 'OTHER' && !b.lostReasonText
				? 'Lost Reason OTHER needs a Lost Reason Text explaining it'
				: undefined,
	],
};

export function checkRules(op: OperationDef, body: IDataObject): string | undefined {
	for (const rule of RULES[`${op.resource}:${op.operation}`] ?? []) {
		const problem = rule(body);
		if (problem) return problem;
	}
	return undefined;
}
