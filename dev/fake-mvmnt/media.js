'use strict';
/** Non-JSON response bodies: a tiny valid PDF and CSV exports of report rows. */

/** one-page PDF (Helvetica text lines) with a correct xref table */
function makePdf(lines = ['MVMNT']) {
	const esc = (s) => String(s).replace(/[\\()]/g, (c) => `\\${c}`);
	const text = lines.map((l, i) => `BT /F1 12 Tf 72 ${720 - i * 18} Td (${esc(l)}) Tj ET`).join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let out = '%PDF-1.4\n';
	const offsets = objects.map((body, i) => {
		const at = Buffer.byteLength(out);
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
		return at;
	});
	const xref = Buffer.byteLength(out);
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

function csvCell(v) {
	const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
	return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV of the first array-of-objects property of a report (customers / payees rows); else key,value pairs */
function toCsv(report) {
	const rowsKey = Object.keys(report || {}).find((k) => Array.isArray(report[k]) && report[k].every((r) => r && typeof r === 'object'));
	if (!rowsKey) return ['key,value', ...Object.entries(report || {}).map(([k, v]) => `${csvCell(k)},${csvCell(v)}`)].join('\n') + '\n';
	const rows = report[rowsKey];
	const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
	if (!header.length) header.push('id', 'name', ...Object.keys(report.totals || {}));
	const totals = report.totals && typeof report.totals === 'object' ? [header.map((h) => csvCell(h === header[0] ? 'TOTAL' : report.totals[h]))] : [];
	return [header.map(csvCell).join(','), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(',')), ...totals.map((t) => t.join(','))].join('\n') + '\n';
}

module.exports = { makePdf, toCsv };
