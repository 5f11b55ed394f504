import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { findOperation, type OperationDef } from '../../foundation/catalog';
import { batchMax, batchOf, type BatchDef } from '../../foundation/catalog/batches';
import { isObject } from '../../foundation/input';
import { labelOf } from '../../foundation/labels';
import { quote } from '../../foundation/quote';
import { mvmntRequest } from '../../foundation/transport/request';
import { forItem, startItem, type Limits } from '../../foundation/transport/session';

import { PARAMS } from '../fields/keys';
import { COMBINE_SINCE } from '../parameters';
import { RequestBuilder } from '../request/builder';

/*
 * Combine Items: the batch operations (a body holding a list with a maximum: invoice batch
 * generate, bill batch approve, shipment track) take the entries of all input items in as few
 * requests as the maximum allows. Each item gets the answers to its own entries, paired to it; an
 * entry MVMNT lists as failed fails its item alone (its error under Continue On Fail). Items whose
 * other fields differ (Send Email, reference types…) go in separate requests.
 */

/** What the router lends: how an item's mistakes become node errors, its limits and its output shape. */
export interface BatchHooks {
	asError(ctx: IExecuteFunctions, error: unknown, i: number): Error;
	limits(b: RequestBuilder): Limits;
	shape(ctx: IExecuteFunctions, op: OperationDef, i: number): ((record: IDataObject) => IDataObject) | undefined;
}

/** The items a combined run handled: their output, or the error that fails them. */
export interface Combined {
	outputs: Map<number, INodeExecutionData[]>;
	errors: Map<number, Error>;
}

interface Part {
	i: number;
	b: RequestBuilder;
	op: OperationDef;
	def: BatchDef;
	path: string;
	rest: IDataObject;
	entries: unknown[];
}

/** One entry of a request: the item it came from and its place in that item's list. */
interface Slot {
	i: number;
	at: number;
	entry: unknown;
}

/** The operation item `i` runs when it takes part in a combined run; undefined otherwise. */
function combinable(ctx: IExecuteFunctions, i: number): { op: OperationDef; def: BatchDef } | undefined {
	if (ctx.getNode().typeVersion < COMBINE_SINCE) return undefined;
	try {
		const op = findOperation(ctx.getNodeParameter(PARAMS.resource, i) as string, ctx.getNodeParameter(PARAMS.operation, i) as string);
		const def = op ? batchOf(op) : undefined;
		if (!op || !def || ctx.getNodeParameter(PARAMS.combineItems, i, true) !== true) return undefined;
		return { op, def };
	} catch {
		// a parameter that does not resolve: the item runs alone and reports it
		return undefined;
	}
}

/** Runs the items of a batch operation with Combine Items on; undefined when there are none. */
export async function runCombined(execution: IExecuteFunctions, count: number, hooks: BatchHooks): Promise<Combined | undefined> {
	const candidates: Array<{ i: number; op: OperationDef; def: BatchDef }> = [];
	for (let i = 0; i < count; i++) {
		const found = combinable(execution, i);
		if (found) candidates.push({ i, ...found });
	}
	// one item gains nothing from combining: it runs as before
	if (candidates.length < 2) return undefined;
	const done: Combined = { outputs: new Map(), errors: new Map() };
	const groups = new Map<string, Part[]>();
	for (const { i, op, def } of candidates) {
		const b = new RequestBuilder(forItem(execution), i);
		try {
			const { path } = await b.path(op);
			const body = (await b.body(op)) ?? {};
			const entries = body[def.list];
			// an item without entries sends what it would alone (MVMNT says what is missing)
			if (!Array.isArray(entries) || entries.length === 0) continue;
			const rest = { ...body };
			delete rest[def.list];
			const group = `${op.resource}:${op.operation} ${JSON.stringify(rest)}`;
			const parts = groups.get(group) ?? [];
			parts.push({ i, b, op, def, path, rest, entries });
			groups.set(group, parts);
		} catch (error) {
			done.errors.set(i, hooks.asError(execution, error, i));
		}
	}
	for (const parts of groups.values()) await runGroup(execution, parts, hooks, done);
	return done;
}

/** The requests of one group: its items' entries in input order, at most the maximum per request. */
async function runGroup(execution: IExecuteFunctions, parts: Part[], hooks: BatchHooks, done: Combined): Promise<void> {
	const { op, def, path, rest } = parts[0];
	const max = batchMax(op, def);
	const slots: Slot[] = parts.flatMap((p) => p.entries.map((entry, at) => ({ i: p.i, at, entry })));
	const chunks: Slot[][] = [];
	for (let k = 0; k < slots.length; k += max) chunks.push(slots.slice(k, k + max));
	// per item: its answers (per answer list, by its entries' places), what failed, what went wrong
	const answers = new Map<number, Map<string, Array<{ at: number; value: IDataObject }>>>();
	const failures = new Map<number, string[]>();
	const broken = new Map<number, unknown>();
	const scalars = new Map<number, IDataObject>();
	const byItem = new Map(parts.map((p) => [p.i, p]));
	for (const [n, chunk] of chunks.entries()) {
		const ctx = forItem(execution);
		// a request runs on the limits (Timeout, Retry Time Budget) of its first entry's item
		const first = byItem.get(chunk[0].i);
		if (first) startItem(ctx, hooks.limits(first.b));
		let body: unknown;
		try {
			body = (await mvmntRequest(ctx, { method: op.method, path, body: { ...rest, [def.list]: chunk.map((s) => s.entry) } })).body;
			if (!isObject(body)) throw new Error(`MVMNT answered ${op.method} ${path} with ${quote(body)} where an object was expected`);
		} catch (error) {
			for (const s of chunk) if (!broken.has(s.i)) broken.set(s.i, error);
			continue;
		}
		const answer = body;
		const request: IDataObject = { request: n + 1, requests: chunks.length, entries: chunk.length };
		for (const [key, value] of Object.entries(answer)) if (!def.answers.some((a) => a.field === key)) request[key] = value;
		for (const s of chunk) if (!scalars.has(s.i)) scalars.set(s.i, request);
		const answered = new Set<number>();
		for (const a of def.answers) {
			const list = Array.isArray(answer[a.field]) ? (answer[a.field] as unknown[]) : [];
			list.forEach((value, k) => {
				const by = a.by;
				const owners = by === undefined ? (chunk[k] ? [k] : []) : chunk.flatMap((s, m) => (isObject(value) && value[by] === s.entry ? [m] : []));
				for (const m of owners) {
					const s = chunk[m];
					answered.add(m);
					const lists = answers.get(s.i) ?? new Map();
					answers.set(s.i, lists);
					lists.set(a.field, [...(lists.get(a.field) ?? []), { at: s.at, value: value as IDataObject }]);
					if (a.failed) {
						const why = isObject(value) && value.error !== undefined ? String(value.error) : 'no reason given';
						failures.set(s.i, [...(failures.get(s.i) ?? []), `${quote(s.entry)}: ${why}`]);
					}
				}
			});
		}
		// never a silent gap: an entry MVMNT's answer does not mention fails its item
		chunk.forEach((s, m) => {
			if (!answered.has(m)) failures.set(s.i, [...(failures.get(s.i) ?? []), `${quote(s.entry)}: not in MVMNT's answer`]);
		});
	}
	for (const p of parts) {
		const ctx = p.b.ctx;
		if (broken.has(p.i)) {
			done.errors.set(p.i, hooks.asError(ctx, broken.get(p.i), p.i));
			continue;
		}
		const json: IDataObject = {};
		for (const a of def.answers) {
			json[a.field] = (answers.get(p.i)?.get(a.field) ?? []).sort((x, y) => x.at - y.at).map((x) => x.value);
		}
		json.batch = scalars.get(p.i) ?? {};
		let shaped = json;
		try {
			const shape = hooks.shape(ctx, p.op, p.i);
			if (shape) shaped = shape(json);
		} catch (error) {
			done.errors.set(p.i, hooks.asError(ctx, error, p.i));
			continue;
		}
		const failed = failures.get(p.i);
		if (failed?.length) {
			const message = `${labelOf(p.def.list)}: MVMNT could not process ${failed.length === 1 ? 'an entry' : `${failed.length} entries`} of item ${p.i}: ${failed.join('; ')}`;
			const error = new NodeOperationError(execution.getNode(), message, { itemIndex: p.i });
			// under Continue On Fail the item carries its error and every answer MVMNT gave for it
			if (execution.continueOnFail()) done.outputs.set(p.i, [{ json: { error: message, ...shaped }, pairedItem: { item: p.i } }]);
			else done.errors.set(p.i, error);
			continue;
		}
		done.outputs.set(p.i, [{ json: shaped, pairedItem: { item: p.i } }]);
	}
}
