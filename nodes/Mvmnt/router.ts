import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { findOperation, type OperationDef } from '../foundation/catalog';
import { markFound, resultListOf } from '../foundation/catalog/results';
import { InputError, fail, isObject, positiveSeconds, wholeNumber } from '../foundation/input';
import { quote } from '../foundation/quote';
import { simplifyRecord } from '../foundation/simplify';
import { DEFAULT_LIMITS, configureExecution, forItem, pacerOf, startItem, type Limits } from '../foundation/transport/session';

import { PARAMS } from './fields/keys';
import { runCombined } from './operations/batch';
import { runDownload, runUpload } from './operations/binary';
import { runGetAll } from './operations/list';
import { runSingle } from './operations/single';
import { runUpsert } from './operations/upsert';
import { OUTPUT_SINCE, PARALLEL_ITEMS, RECORD_OUTPUT, SIMPLIFIED, SIMPLIFY_SINCE } from './parameters';
import { RequestBuilder } from './request/builder';

/*
 * The action node's router: runs the input items (Parallel Items at once, output in input order)
 * and sends each to the operation of its kind; the operations send through the transport.
 */

/** Runs every input item of the node's execution. */
export async function executeItems(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const settings = ctx.getNodeParameter(PARAMS.requestOptions, 0, {}) as IDataObject;
	const parallel = wholeNumber(ctx.getNode(), settings.parallelItems, 'Parallel Items', PARALLEL_ITEMS, 1, 64);
	configureExecution(ctx, parallel, wholeNumber(ctx.getNode(), settings.maxPerSecond, 'Max Requests per Second', 0, 0, 1000));
	// each item's results in its own slot: the output keeps the input's order whatever finishes first
	const results: INodeExecutionData[][] = new Array<INodeExecutionData[]>(items.length);
	let failed: { index: number; error: unknown } | undefined;
	/** a failed item: its error item under Continue On Fail; otherwise the lowest failing item is reported (no new items start), as in a run one by one */
	const fail = (i: number, error: unknown) => {
		if (ctx.continueOnFail()) {
			results[i] = [{ json: { error: (error as Error).message, ...errorDetails(error) }, pairedItem: { item: i } }];
		} else if (!failed || i < failed.index) {
			failed = { index: i, error };
		}
	};
	// batch operations with Combine Items: their items' entries go together, first
	const combined = await runCombined(ctx, items.length, { asError: itemError, limits: limitsOf, shape: outputShape });
	for (const [i, out] of combined?.outputs ?? []) results[i] = out;
	for (const [i, error] of combined?.errors ?? []) fail(i, error);
	const handled = (i: number) => combined !== undefined && (combined.outputs.has(i) || combined.errors.has(i));
	const settle = async (i: number) => {
		try {
			results[i] = await executeItem(ctx, i);
		} catch (error) {
			fail(i, error);
		}
	};
	let next = 0;
	const worker = async () => {
		while (failed === undefined && next < items.length) {
			const i = next++;
			if (!handled(i)) await settle(i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
	if (failed) throw asNodeError(ctx, failed.error, failed.index);
	if (results.length === 1) return [results[0] ?? []];
	const out: INodeExecutionData[] = [];
	// one by one: spreading a large result into push() overflows the stack
	for (const result of results) for (const item of result ?? []) out.push(item);
	return [out];
}

/**
 * Runs one catalog operation for one input item. Items may run side by side: each gets its own
 * view of the context (its own retry clock), and takes a turn at preparing its request (see Pacer)
 * that ends when its first request leaves or when it ends.
 */
export async function executeItem(execution: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const pacer = pacerOf(execution);
	let preparing = false;
	const endTurn = () => {
		if (!preparing) return;
		preparing = false;
		pacer?.leave();
	};
	const ctx = forItem(execution, { beforeSend: endTurn });
	if (pacer) {
		await pacer.enter();
		preparing = true;
	}
	try {
		return await routeItem(ctx, i);
	} finally {
		endTurn();
	}
}

async function routeItem(ctx: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const resource = ctx.getNodeParameter(PARAMS.resource, i) as string;
	if (resource === CUSTOM_API_CALL) {
		throw new NodeOperationError(ctx.getNode(), 'The MVMNT node has no Custom API Call', {
			itemIndex: i,
			description:
				'Pick one of the MVMNT resources, or call any MVMNT endpoint with the HTTP Request node: ' +
				'Authentication "Predefined Credential Type", Credential Type "MVMNT OAuth2 API", and your MVMNT credential.',
		});
	}
	const operation = ctx.getNodeParameter(PARAMS.operation, i) as string;
	const op = findOperation(resource, operation);
	if (!op) throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not known for "${resource}"`, { itemIndex: i });
	const b = new RequestBuilder(ctx, i);
	let shape: ((record: IDataObject) => IDataObject) | undefined;
	const run = async () => {
		// read before any request: a mistake in it fails the item with nothing sent
		shape = outputShape(ctx, op, i);
		startItem(ctx, limitsOf(b));
		if (op.kind === 'getAll') return await runGetAll(b, op, i);
		if (op.kind === 'upsert') return await runUpsert(b, op, i);
		if (op.kind === 'upload') return await runUpload(b, op, i);
		if (op.kind === 'download') return await runDownload(b, op, i);
		return await runSingle(b, op, i);
	};
	const out = await run().catch((error: unknown) => {
		throw itemError(ctx, error, i);
	});
	const reshape = shape;
	if (!reshape) return out;
	return out.map((item) => ({ ...item, json: reshape(item.json) }));
}

/**
 * What each output record becomes: Output (node version 1.4 on, reads and writes), Simplify
 * (versions 1.1 to 1.3, reads), nothing (version 1, binary answers, actions).
 */
function outputShape(ctx: IExecuteFunctions, op: OperationDef, i: number): ((record: IDataObject) => IDataObject) | undefined {
	const version = ctx.getNode().typeVersion;
	// what the node itself adds to a record (Create or Update: the fields MVMNT could not update) stays in any shape
	const keep = (record: IDataObject, shaped: IDataObject) => (record.notUpdated === undefined ? shaped : { ...shaped, notUpdated: record.notUpdated });
	if (version < OUTPUT_SINCE) {
		const on = SIMPLIFIED.includes(op.kind) && version >= SIMPLIFY_SINCE && ctx.getNodeParameter(PARAMS.simplify, i, true) === true;
		return on ? (record) => keep(record, simplifyRecord(op.resource, record)) : undefined;
	}
	if (resultListOf(op)) return (record) => markFound(op, record);
	if (!RECORD_OUTPUT.includes(op.kind)) return undefined;
	const output = ctx.getNodeParameter(PARAMS.output, i, 'simplified') as string;
	if (output === 'raw') return undefined;
	if (output === 'simplified') return (record) => keep(record, simplifyRecord(op.resource, record, true));
	if (output !== 'selected') fail(`Output must be Simplified, Raw or Selected Fields, not ${quote(output)}`);
	const paths = fieldPaths(ctx.getNodeParameter(PARAMS.outputFields, i, '') as unknown);
	return (record) => keep(record, selectFields(record, paths));
}

/** Output › Fields: names, comma-separated (or a list), dots for nested fields. */
function fieldPaths(raw: unknown): string[][] {
	const names = (Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : [])
		.map((name) => name.trim())
		.filter((name) => name !== '');
	if (!names.length) fail('Output › Fields is empty: name the fields to keep, comma-separated (e.g. id, name, status), or choose Simplified or Raw');
	const bad = names.find((name) => !/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/.test(name));
	if (bad !== undefined) fail(`Output › Fields: ${quote(bad)} is not a field name (letters, digits, _ and dots between names, e.g. billingAddress.city)`);
	return [...new Set(names)].map((name) => name.split('.'));
}

/** The named fields of a record, nested as in the record; a field the record lacks is null. */
function selectFields(record: IDataObject, paths: string[][]): IDataObject {
	const out: IDataObject = {};
	for (const path of paths) {
		let value: unknown = record;
		for (const key of path) value = isObject(value) ? value[key] : undefined;
		let target = out;
		for (const key of path.slice(0, -1)) {
			if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
			target = target[key] as IDataObject;
		}
		target[path[path.length - 1]] = value === undefined ? null : (value as IDataObject);
	}
	return out;
}

/** An item's failure as the node reports it: input mistakes become NodeOperationErrors; API failures already are NodeApiErrors. */
function itemError(ctx: IExecuteFunctions, error: unknown, i: number): Error {
	if (error instanceof InputError) return new NodeOperationError(ctx.getNode(), `${error.message} [item ${i}]`, { itemIndex: i });
	// a value no check foresaw (too deep, malformed) still fails this item alone, with a readable message
	if (error instanceof RangeError || error instanceof URIError || error instanceof TypeError) {
		return new NodeOperationError(ctx.getNode(), `The input of item ${i} could not be processed: ${quote(error.message)}`, { itemIndex: i });
	}
	return error as Error;
}

/** The resource value n8n adds for its "Custom API Call" entry. */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** The item's Request Options: Timeout and Retry Time Budget, in seconds. */
function limitsOf(b: RequestBuilder): Limits {
	const set = b.param<IDataObject>(PARAMS.requestOptions, {});
	const ms = (name: string, label: string, fallback: number) =>
		set[name] === undefined ? fallback : positiveSeconds(set[name], label) * 1000;
	return {
		timeoutMs: ms('timeout', 'Timeout', DEFAULT_LIMITS.timeoutMs),
		retryBudgetMs: ms('retryBudget', 'Retry Time Budget', DEFAULT_LIMITS.retryBudgetMs),
	};
}

/** Errors from the executor already are NodeApiError/NodeOperationError; anything else gets wrapped. */
function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError || (error as { name?: string }).name === 'NodeApiError') {
		return error as Error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

function errorDetails(error: unknown): Record<string, string> {
	const e = error as { description?: string | null; httpCode?: string | null };
	const details: Record<string, string> = {};
	if (e.description) details.description = e.description;
	if (e.httpCode) details.httpCode = e.httpCode;
	return details;
}
