import type { INodeProperties } from 'n8n-workflow';

import type { FieldDef, OperationDef } from '../../foundation/catalog';

/* Where a parameter shows: for which operation, and in which group of an operation's form. */

export function show(op: OperationDef, extra: Record<string, Array<string | boolean>> = {}) {
	return { show: { resource: [op.resource], operation: [op.operation], ...extra } };
}

/** A parameter shown for one operation, keeping its own display rules (the node version it belongs to). */
export function shownFor(op: OperationDef, prop: INodeProperties, extra: Record<string, Array<string | boolean>> = {}): INodeProperties {
	return { ...prop, displayOptions: { show: { ...show(op, extra).show, ...prop.displayOptions?.show } } };
}

/** Fields only some variants take (carrier types) show only when the discriminator picks one of them. */
export function withVariants(field: FieldDef, prop: INodeProperties, discriminator: FieldDef | undefined): INodeProperties {
	if (!field.variants || !discriminator) return prop;
	return { ...prop, displayOptions: { show: { [`/${discriminator.name}`]: field.variants } } };
}

/** Order of parameter groups within one operation (parameters shared by operations keep it). */
/** Raw JSON comes after the form it replaces: the form's fields read top to bottom without a switch in their middle. */
export const SLOT = { path: 0, query: 1, file: 2, page: 3, filter: 4, report: 5, key: 6, required: 7, group: 8, optional: 9, raw: 10, output: 11 };
export type Slotted = INodeProperties & { slot?: number };
export const at = (slot: number, prop: INodeProperties): Slotted => ({ ...prop, slot });
