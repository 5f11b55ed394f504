import type { OperationDef } from '../../foundation/catalog';
import { PARAMETER_DESCRIPTIONS as D } from '../../foundation/catalog/descriptions';
import { labelOf } from '../../foundation/labels';

import { fieldProperty, isGroupField, storedField } from '../fields';
import { CLEAR_FIELDS, PARAMS } from '../fields/keys';
import { SLOT, at, show, shownFor, withVariants, type Slotted } from './display';

/*
 * The body of create, update and action operations: raw JSON or the form (required fields top
 * level, groups as their own parameters, the rest under Additional or Update Fields).
 */

export function bodyProperties(op: OperationDef): Slotted[] {
	if (!op.body?.length) return [];
	const props: Slotted[] = [];
	const raw = { [PARAMS.useRawJson]: [false] };
	const discriminator = op.body.find((f) => f.discriminator);
	const place = { resource: op.resource, update: op.kind === 'update' || op.kind === 'upsert' };
	props.push(
		at(SLOT.raw, {
			displayName: 'Send Raw JSON Body',
			name: PARAMS.useRawJson,
			type: 'boolean',
			default: false,
			description: D.useRawJson,
			displayOptions: show(op),
		}),
	);
	props.push(
		at(SLOT.raw, {
			displayName: 'JSON Body',
			name: PARAMS.rawJson,
			type: 'json',
			default: '{}',
			required: true,
			description: D.rawJson,
			displayOptions: show(op, { [PARAMS.useRawJson]: [true] }),
		}),
	);
	if (op.kind === 'upsert') {
		props.push(
			at(SLOT.key, {
				displayName: 'Client Key',
				name: PARAMS.key,
				type: 'string',
				default: '',
				required: true,
				description: D.upsertKey,
				displayOptions: show(op),
			}),
		);
	}
	for (const field of op.body.filter((f) => f.required)) {
		for (const prop of storedField(field, place, { required: true })) props.push(at(SLOT.required, shownFor(op, prop, raw)));
	}
	const isUpdate = op.kind === 'update';
	for (const field of op.body.filter((f) => !f.required && isGroupField(f))) {
		const prop = withVariants(field, fieldProperty(field, place), discriminator);
		const variants = prop.displayOptions?.show?.[`/${discriminator?.name}`];
		const extra = variants && discriminator ? { ...raw, [discriminator.name]: variants as string[] } : raw;
		props.push(at(SLOT.group, { ...prop, displayOptions: show(op, extra) }));
	}
	const optional = op.body.filter((f) => !f.required && !isGroupField(f));
	const nullable = op.body.filter((f) => !f.required && f.nullable);
	const options = optional.map((f) => withVariants(f, fieldProperty(f, place), discriminator));
	if (isUpdate && nullable.length) {
		options.push({
			displayName: 'Fields to Clear',
			name: CLEAR_FIELDS,
			type: 'multiOptions',
			default: [],
			description: D.fieldsToClear,
			options: nullable
				.map((f) => ({ name: labelOf(f.name), value: f.name }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		});
	}
	if (options.length) {
		props.push(
			at(SLOT.optional, {
				displayName: isUpdate ? 'Update Fields' : 'Additional Fields',
				name: isUpdate ? PARAMS.updateFields : PARAMS.additionalFields,
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				description: isUpdate ? D.updateFields : D.additionalFields,
				displayOptions: show(op, raw),
				options,
			}),
		);
	}
	return props;
}
