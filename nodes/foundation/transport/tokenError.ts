/*
 * The one error of the token path: the credential's preAuthentication throws it when MVMNT's token
 * endpoint refuses or can't be reached. n8n wraps it (a NodeApiError whose cause it is); the
 * transport finds it in the cause chain, by its type, never by its wording.
 */

const BRAND = Symbol.for('n8n-nodes-mvmnt.tokenError');

export class MvmntTokenError extends Error {
	constructor(
		message: string,
		/**
		 * the HTTP status the message reports, if any (not named `httpCode`: n8n's NodeApiError
		 * would then put its own words for the status in place of this message)
		 */
		readonly reportedStatus?: string,
	) {
		super(message);
	}

	get [BRAND](): true {
		return true;
	}
}

/** The token error in `error`'s cause chain (n8n wraps it once or twice), if there is one. */
export function tokenErrorIn(error: unknown): MvmntTokenError | undefined {
	let e = error as { cause?: unknown; [BRAND]?: true } | undefined;
	for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
		if (e instanceof MvmntTokenError || e[BRAND] === true) return e as MvmntTokenError;
		e = e.cause as typeof e;
	}
	return undefined;
}
