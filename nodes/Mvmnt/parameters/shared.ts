import type { INodeProperties } from 'n8n-workflow';

import { OPERATIONS } from '../../foundation/catalog';

import type { Slotted } from './display';

/* Parameters that several operations show identically are declared once. */

/**
 * One parameter definition per distinct shape: a parameter that several
 * operations show identically (a customer ID, an address, the stops of an
 * order) is declared once, shown for all of them. Operations keep their own
 * order: parameters sort by group (path, query, …, body) and place in group.
 */
export function shareIdentical(perOperation: Slotted[][]): INodeProperties[] {
	interface Entry {
		prop: INodeProperties;
		extra: Record<string, unknown>;
		hide: NonNullable<INodeProperties['displayOptions']>['hide'];
		order: [number, number, number];
		operations: Map<string, string[]>;
	}
	const entries = new Map<string, Entry>();
	for (const props of perOperation) {
		const place: Record<number, number> = {};
		for (const { slot = 0, displayOptions, ...prop } of props) {
			const { resource, operation, ...extra } = displayOptions?.show ?? {};
			const hide = displayOptions?.hide;
			const key = JSON.stringify([prop, extra, hide ?? null]);
			place[slot] = (place[slot] ?? -1) + 1;
			let entry = entries.get(key);
			if (!entry) {
				entry = { prop, extra, hide, order: [slot, place[slot], entries.size], operations: new Map() };
				entries.set(key, entry);
			}
			for (const r of (resource ?? []) as string[]) {
				const list = entry.operations.get(r) ?? [];
				list.push(...((operation ?? []) as string[]));
				entry.operations.set(r, list);
			}
		}
	}
	const byOrder = (a: Entry, b: Entry) =>
		a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2];
	const out: INodeProperties[] = [];
	for (const { prop, extra, hide, operations } of [...entries.values()].sort(byOrder)) {
		// resources showing it for the same operations share one definition
		const groups = new Map<string, string[]>();
		for (const [resource, ops] of operations) {
			const key = [...new Set(ops)].sort().join(',');
			groups.set(key, [...(groups.get(key) ?? []), resource]);
		}
		for (const { resources, ops } of mergeGroups([...groups].map(([o, resources]) => ({ resources, ops: o.split(',') })))) {
			const show = { resource: resources, operation: ops, ...extra } as Record<string, string[]>;
			out.push({ ...prop, displayOptions: hide ? { show, hide } : { show } });
		}
	}
	return out;
}

const EXISTING = new Set(OPERATIONS.map((op) => `${op.resource}:${op.operation}`));

/**
 * n8n shows a parameter for every resource × operation its display rules list.
 * Two groups merge into one declaration when that cross product adds no
 * operation that exists without the parameter (pairs that don't exist are harmless).
 */
function mergeGroups(groups: Array<{ resources: string[]; ops: string[] }>) {
	const covers = (a: { resources: string[]; ops: string[] }, b: { resources: string[]; ops: string[] }) => {
		const resources = [...new Set([...a.resources, ...b.resources])];
		const ops = [...new Set([...a.ops, ...b.ops])];
		const wanted = new Set([...a.resources.flatMap((r) => a.ops.map((o) => `${r}:${o}`)), ...b.resources.flatMap((r) => b.ops.map((o) => `${r}:${o}`))]);
		const stray = resources.some((r) => ops.some((o) => EXISTING.has(`${r}:${o}`) && !wanted.has(`${r}:${o}`)));
		return stray ? undefined : { resources, ops };
	};
	const out = [...groups];
	for (let i = 0; i < out.length; i++) {
		for (let j = i + 1; j < out.length; j++) {
			const merged = covers(out[i], out[j]);
			if (merged) {
				out[i] = merged;
				out.splice(j, 1);
				j = i;
			}
		}
	}
	return out;
}
