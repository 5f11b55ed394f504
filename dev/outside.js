'use strict';
/**
 * Local stand-ins for the services a broker's templates reach outside MVMNT, so that the
 * templates run end to end with nothing leaving the machine:
 *   - startSmtp(): an SMTP server that accepts every message (no TLS, no auth) and keeps it;
 *   - startInbox(): an HTTP endpoint that answers 200 to any POST and keeps the body (a chat
 *     webhook: Slack, Teams, Google Chat…).
 *
 *   const smtp = await startSmtp();   smtp.port; smtp.messages → [{ from, to, subject, text }]
 *   const chat = await startInbox();  chat.url;  chat.received → [{ path, body }]
 *   await smtp.close(); await chat.close();
 */
const http = require('http');
const net = require('net');

/** the header value of `name` in a raw RFC 5322 message, unfolded */
function header(raw, name) {
	const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
	const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
	return line ? line.slice(name.length + 1).trim() : '';
}

/** the text of a message: its body, or its text/plain part; quoted-printable soft breaks undone */
function textOf(raw) {
	const body = raw.split(/\r?\n\r?\n/).slice(1).join('\n\n');
	const part = body.split(/--[^\r\n]+\r?\n/).find((p) => /content-type:\s*text\/plain/i.test(p));
	const text = part ? part.split(/\r?\n\r?\n/).slice(1).join('\n\n') : body;
	return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

function startSmtp({ port = 0, host = '127.0.0.1' } = {}) {
	const messages = [];
	const server = net.createServer((socket) => {
		let buffer = '';
		let inData = false;
		let envelope = { from: '', to: [] };
		const say = (line) => socket.write(`${line}\r\n`);
		say('220 localhost stand-in SMTP');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					const raw = buffer.slice(0, end).replace(/^\.\./gm, '.');
					buffer = buffer.slice(end + 5);
					inData = false;
					messages.push({ ...envelope, subject: header(raw, 'Subject'), text: textOf(raw), raw });
					envelope = { from: '', to: [] };
					say('250 OK: queued');
					continue;
				}
				const nl = buffer.indexOf('\r\n');
				if (nl < 0) return;
				const line = buffer.slice(0, nl);
				buffer = buffer.slice(nl + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') socket.write('250-localhost\r\n250 8BITMIME\r\n');
				else if (verb === 'HELO') say('250 localhost');
				else if (verb === 'MAIL') {
					envelope.from = (line.match(/<([^>]*)>/) || [])[1] || '';
					say('250 OK');
				} else if (verb === 'RCPT') {
					envelope.to.push((line.match(/<([^>]*)>/) || [])[1] || '');
					say('250 OK');
				} else if (verb === 'DATA') {
					inData = true;
					say('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'QUIT') {
					say('221 Bye');
					socket.end();
				} else if (verb === 'RSET' || verb === 'NOOP') say('250 OK');
				else say('502 Command not implemented');
			}
		});
		socket.on('error', () => {});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			resolve({
				port: server.address().port,
				host,
				messages,
				close: () => new Promise((r) => server.close(() => r())),
			});
		});
	});
}

function startInbox({ port = 0, host = '127.0.0.1' } = {}) {
	const received = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			let parsed = body;
			try {
				parsed = JSON.parse(body);
			} catch {
				/* kept as text */
			}
			received.push({ method: req.method, path: req.url, body: parsed });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const url = `http://${host}:${server.address().port}`;
			resolve({ url, received, close: () => new Promise((r) => server.close(() => r())) });
		});
	});
}

module.exports = { startSmtp, startInbox };
