import type { OperationDef } from '../../foundation/catalog';
import { KIND_DESCRIPTIONS, OPERATION_DESCRIPTIONS } from '../../foundation/catalog/descriptions';
import { nounOf } from '../../foundation/labels';

/** What an operation does, in a sentence: its own entry, else the sentence of its kind. */
export function operationDescription(op: OperationDef): string {
	const own = OPERATION_DESCRIPTIONS[`${op.resource}:${op.operation}`];
	if (own) return own;
	const template = KIND_DESCRIPTIONS[op.kind] ?? op.action;
	const noun = nounOf(op.resource);
	return template.replace('{nouns}', plural(noun)).replace('{noun}', noun);
}

const plural = (noun: string) => noun.replace(/y$/, 'ie').replace(/(s|ch)$/, '$1e') + 's';
