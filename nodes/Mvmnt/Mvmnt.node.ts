import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { mainConnection } from '../compat';

import { PARALLEL_ITEMS, buildProperties, subtitle } from './description';
import { executeOperation } from './execute';
import { listSearch, loadOptions } from './listSearch';
import { configureExecution, wholeNumber } from './transport';

export class Mvmnt implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MVMNT',
		name: 'mvmnt',
		icon: { light: 'file:mvmnt.svg', dark: 'file:mvmnt.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify (on by default) on Get, Get Many and Search; version 1 nodes keep full records.
		// 1.2: dropdowns, numbers and yes/no fields start empty (or at MVMNT's default) and send nothing until set.
		// No defaultVersion: new nodes get the newest, and n8n offers Custom API Call only then.
		version: [1, 1.1, 1.2],
		subtitle: subtitle(),
		description: 'Work with shipments, quotes, customers, carriers and billing in MVMNT',
		defaults: { name: 'MVMNT' },
		usableAsTool: true,
		inputs: [mainConnection()],
		outputs: [mainConnection()],
		credentials: [{ name: 'mvmntOAuth2Api', required: true }],
		properties: buildProperties(),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const settings = this.getNodeParameter('requestOptions', 0, {}) as IDataObject;
		const parallel = wholeNumber(this.getNode(), settings.parallelItems, 'Parallel Items', PARALLEL_ITEMS, 1, 64);
		configureExecution(this, parallel, wholeNumber(this.getNode(), settings.maxPerSecond, 'Max Requests per Second', 0, 0, 1000));
		// each item's results in its own slot: the output keeps the input's order whatever finishes first
		const results: INodeExecutionData[][] = new Array<INodeExecutionData[]>(items.length);
		let failed: { index: number; error: unknown } | undefined;
		const runItem = async (i: number) => {
			try {
				results[i] = await executeOperation(this, i);
			} catch (error) {
				if (!this.continueOnFail()) {
					// no new items start; the lowest failing item is the one reported, as in a run one by one
					if (!failed || i < failed.index) failed = { index: i, error };
					return;
				}
				results[i] = [{ json: { error: (error as Error).message, ...errorDetails(error) }, pairedItem: { item: i } }];
			}
		};
		let next = 0;
		const worker = async () => {
			while (failed === undefined && next < items.length) await runItem(next++);
		};
		await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
		if (failed) throw asNodeError(this, failed.error, failed.index);
		if (results.length === 1) return [results[0] ?? []];
		const out: INodeExecutionData[] = [];
		// one by one: spreading a large result into push() overflows the stack
		for (const result of results) for (const item of result ?? []) out.push(item);
		return [out];
	}
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
