import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { mainConnection } from '../foundation/compat';
import { loadOptions } from '../foundation/filter/loadOptions';

import { listSearch } from './listSearch';
import { buildProperties, subtitle } from './parameters';
import { executeItems } from './router';

export class Mvmnt implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MVMNT',
		name: 'mvmnt',
		icon: { light: 'file:../icons/mvmnt.svg', dark: 'file:../icons/mvmnt.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify (on by default) on Get, Get Many and Search; version 1 nodes keep full records.
		// 1.2: dropdowns, numbers and yes/no fields start empty (or at MVMNT's default) and send nothing until set.
		// 1.3: forms put what an entry cannot do without first (a stop's location, address and dates), outside Additional Fields.
		// 1.4: Output (Simplified, Raw, Selected Fields) on reads and writes alike, instead of Simplify on reads.
		// No defaultVersion: new nodes get the newest, and n8n offers Custom API Call only then.
		version: [1, 1.1, 1.2, 1.3, 1.4],
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
		return await executeItems(this);
	}
}
