'use strict';
/**
 * A scripted stand-in for OpenAI's chat completions API on 127.0.0.1, for
 * n8n's OpenAI Chat Model (its credential takes a Base URL). Each request is
 * answered by the next step of a script: a step is a function of the request
 * body returning `{ toolCall: { name, args } }` or `{ text }`. Every request
 * body is kept, so a test can read the tool schemas the model was given and
 * the tool results it got back.
 */
const http = require('http');

function startFakeOpenAi(script) {
	const requests = [];
	let step = 0;
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			const send = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (req.method === 'GET' && /\/models$/.test(req.url)) {
				return send(200, { object: 'list', data: [{ id: 'gpt-4.1-mini', object: 'model', owned_by: 'fake' }] });
			}
			if (req.method !== 'POST' || !/\/chat\/completions$/.test(req.url)) {
				return send(404, { error: { message: `no route ${req.method} ${req.url}` } });
			}
			let body;
			try {
				body = JSON.parse(raw);
			} catch (e) {
				return send(400, { error: { message: `bad JSON: ${e.message}` } });
			}
			requests.push(body);
			const next = script[Math.min(step, script.length - 1)];
			step += 1;
			let answer;
			try {
				answer = next(body);
			} catch (e) {
				answer = { text: `script error: ${e.message}` };
			}
			const message = answer.toolCall
				? {
						role: 'assistant',
						content: null,
						tool_calls: [
							{
								id: `call_${step}`,
								type: 'function',
								function: { name: answer.toolCall.name, arguments: JSON.stringify(answer.toolCall.args) },
							},
						],
					}
				: { role: 'assistant', content: answer.text };
			const finish = answer.toolCall ? 'tool_calls' : 'stop';
			const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream' });
				const delta = answer.toolCall
					? { role: 'assistant', tool_calls: message.tool_calls.map((t, index) => ({ index, ...t })) }
					: { role: 'assistant', content: answer.text };
				const chunk = (d, f) => ({ id: `chatcmpl-${step}`, object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta: d, finish_reason: f }] });
				res.write(`data: ${JSON.stringify(chunk(delta, null))}\n\n`);
				res.write(`data: ${JSON.stringify({ ...chunk({}, finish), usage })}\n\n`);
				res.end('data: [DONE]\n\n');
				return undefined;
			}
			return send(200, {
				id: `chatcmpl-${step}`,
				object: 'chat.completion',
				created: 0,
				model: body.model,
				choices: [{ index: 0, message, finish_reason: finish }],
				usage,
			});
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				baseUrl: `http://127.0.0.1:${port}/v1`,
				requests,
				close: () => new Promise((r) => server.close(() => r())),
			});
		});
	});
}

/** The tool a request offers whose name matches `pattern`. */
function toolNamed(body, pattern) {
	const tool = (body.tools ?? []).find((t) => pattern.test(t.function?.name ?? ''));
	if (!tool) throw new Error(`no tool matching ${pattern} among ${(body.tools ?? []).map((t) => t.function?.name).join(', ')}`);
	return tool.function;
}

/** The JSON results of the tool calls the model got back, in order. */
function toolResults(body) {
	return (body.messages ?? []).filter((m) => m.role === 'tool').map((m) => m.content);
}

module.exports = { startFakeOpenAi, toolNamed, toolResults };
