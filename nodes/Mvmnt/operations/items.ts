import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Records as the node's output items, each paired with the input item they came from. */
export function pairedItems(records: IDataObject[], itemIndex: number): INodeExecutionData[] {
	return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
