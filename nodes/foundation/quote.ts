/** At most this many characters of any value (ours, the user's or MVMNT's) go into a message. */
export const QUOTE_MAX = 200;

/** A value for an error message: quoted, cut to QUOTE_MAX characters with the full length named. */
export function quote(value: unknown): string {
	let text: string;
	if (typeof value === 'string') text = value;
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = Object.prototype.toString.call(value);
		}
	}
	// lone surrogates would make the message itself malformed
	const clean = text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
	if (clean.length <= QUOTE_MAX) return `"${clean}"`;
	return `"${clean.slice(0, QUOTE_MAX)}…" (${clean.length.toLocaleString('en-US')} characters)`;
}

/** Text cut to QUOTE_MAX characters, the full length named (MVMNT's words in our messages). */
export function clip(text: string): string {
	return text.length <= QUOTE_MAX ? text : `${text.slice(0, QUOTE_MAX)}… (${text.length.toLocaleString('en-US')} characters)`;
}
