import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { mainConnection } from '../compat';

import { buildProperties } from './description';
import { executeOperation } from './execute';
import { listSearch } from './listSearch';

export class Mvmnt implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MVMNT',
		name: 'mvmnt',
		icon: { light: 'file:mvmnt.svg', dark: 'file:mvmnt.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with shipments, quotes, customers, carriers and billing in MVMNT',
		defaults: { name: 'MVMNT' },
		usableAsTool: true,
		inputs: [mainConnection()],
		outputs: [mainConnection()],
		credentials: [{ name: 'mvmntOAuth2Api', required: true }],
		properties: buildProperties(),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		// items run one after another: the first request fetches the token, the rest reuse it
		for (let i = 0; i < items.length; i++) {
			try {
				// one by one: spreading a large result into push() overflows the stack
				for (const item of await executeOperation(this, i)) out.push(item);
			} catch (error) {
				if (!this.continueOnFail()) throw asNodeError(this, error, i);
				out.push({
					json: { error: (error as Error).message, ...errorDetails(error) },
					pairedItem: { item: i },
				});
			}
		}
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
