import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationDef } from '../../foundation/catalog';
import { fail } from '../../foundation/input';
import { mvmntRequest, transferFile } from '../../foundation/transport/request';
import type { MvmntResponse } from '../../foundation/transport/types';

import { PARAMS } from '../fields/keys';
import type { RequestBuilder } from '../request/builder';
import { createOnce } from './create';
import { pairedItems } from './items';

/* Files: reports as CSV or PDF, document upload and download (bytes to and from pre-signed URLs). */

/** A report's file as the item's binary output. */
export async function reportFile(
	b: RequestBuilder,
	op: OperationDef,
	response: MvmntResponse,
	format: string,
	id: string | undefined,
	i: number,
): Promise<INodeExecutionData[]> {
	const ctx: IExecuteFunctions = b.ctx;
	const field = b.param<string>(PARAMS.binaryPropertyName, 'data');
	const extension = format === 'text/csv' ? 'csv' : 'pdf';
	const data = await ctx.helpers.prepareBinaryData(
		Buffer.from(response.body as ArrayBuffer),
		`${op.operation}${id ? `-${id}` : ''}.${extension}`,
		format,
	);
	return [{ json: { fileName: data.fileName, mimeType: format }, binary: { [field]: data }, pairedItem: { item: i } }];
}

/** Document Upload: create the record from the binary's name/type/size, then PUT the bytes (no bearer token). */
export async function runUpload(b: RequestBuilder, op: OperationDef, i: number): Promise<INodeExecutionData[]> {
	const ctx = b.ctx;
	const property = b.param<string>(PARAMS.binaryPropertyName, 'data');
	const binary = ctx.helpers.assertBinaryData(i, property);
	const bytes = await ctx.helpers.getBinaryDataBuffer(i, property);
	const contentType = binary.mimeType || 'application/octet-stream';
	const fields = (await b.body({ ...op, kind: 'create' })) ?? {};
	const body = { ...fields, fileName: binary.fileName ?? `${property}.bin`, contentType, fileSize: bytes.length };
	const key = typeof fields.key === 'string' ? fields.key : undefined;
	const { response, recovered } = await createOnce(b, op, { method: op.method, path: op.path, body }, key);
	const created = recovered ?? (response?.body as IDataObject);
	if (typeof created.uploadUrl !== 'string') fail('MVMNT did not return an upload URL for the document');
	await transferFile(ctx, { method: 'PUT', url: created.uploadUrl as string, body: bytes, headers: { 'Content-Type': contentType } });
	return pairedItems([created], i);
}

/** Document Download: fetch the record, then its bytes from the pre-signed download URL. */
export async function runDownload(b: RequestBuilder, op: OperationDef, i: number): Promise<INodeExecutionData[]> {
	const ctx = b.ctx;
	const { path, qs } = await b.path(op);
	const record = (await mvmntRequest(ctx, { method: 'GET', path, qs: Object.keys(qs).length ? qs : undefined })).body as IDataObject;
	if (typeof record.downloadUrl !== 'string') fail('This document has no file to download yet (no download URL)');
	const bytes = (await transferFile(ctx, { method: 'GET', url: record.downloadUrl as string, encoding: 'arraybuffer' })) as ArrayBuffer;
	const data = await ctx.helpers.prepareBinaryData(
		Buffer.from(bytes),
		String(record.fileName ?? 'document'),
		String(record.contentType ?? 'application/octet-stream'),
	);
	return [{ json: record, binary: { [b.param<string>(PARAMS.binaryPropertyName, 'data')]: data }, pairedItem: { item: i } }];
}
