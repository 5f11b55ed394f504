/**
 * The oldest n8n this package supports. n8n before 1.83 lacks `NodeConnectionTypes` (n8n-workflow
 * 1.83): instead of n8n's "Cannot read properties of undefined (reading 'Main')", loading the
 * nodes there fails with a message that says what to do.
 */
import { NodeConnectionTypes, type NodeConnectionType } from 'n8n-workflow';

export const MIN_N8N_VERSION = '1.85.0';

/** The main connection type; throws a clear error on an n8n older than MIN_N8N_VERSION. */
export function mainConnection(): NodeConnectionType {
	const types = NodeConnectionTypes as typeof NodeConnectionTypes | undefined;
	if (types === undefined) {
		throw new Error(
			`n8n-nodes-mvmnt needs n8n ${MIN_N8N_VERSION} or newer: this n8n is older (its n8n-workflow has no NodeConnectionTypes). Update n8n to use the MVMNT nodes.`,
		);
	}
	return types.Main;
}
