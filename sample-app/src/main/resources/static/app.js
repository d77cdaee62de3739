// The chat page: streams an answer from GET /api/chat/stream with EventSource.
// Events: "chunk" {text}, then "done" {finishReason, model, usage, chunks} or "problem" (RFC 9457).
(function () {
	'use strict';

	const form = document.getElementById('chat-form');
	const promptInput = document.getElementById('prompt');
	const modelInput = document.getElementById('model');
	const sendButton = document.getElementById('send');
	const stopButton = document.getElementById('stop');
	const answer = document.getElementById('answer');
	const meta = document.getElementById('meta');
	const errorBox = document.getElementById('error');
	const errorTitle = document.getElementById('error-title');
	const errorDetail = document.getElementById('error-detail');

	let source = null;
	let startedAt = 0;

	function setState(state) {
		answer.dataset.state = state;
		const busy = state === 'streaming';
		sendButton.disabled = busy;
		stopButton.disabled = !busy;
	}

	function finish(state) {
		if (source) {
			source.close();
			source = null;
		}
		setState(state);
		loadClients();
	}

	// The clients panel: one row per client from GET /actuator/llm, built with textContent only.
	const clientsBody = document.getElementById('clients-body');
	const clientsError = document.getElementById('clients-error');

	function cell(row, text, name) {
		const td = document.createElement('td');
		td.textContent = text;
		if (name) {
			td.dataset.field = name;
		}
		row.append(td);
		return td;
	}

	function showClients(view) {
		clientsBody.replaceChildren();
		Object.entries(view.clients || {}).forEach(([name, client]) => {
			const row = document.createElement('tr');
			row.dataset.client = name;
			cell(row, name, 'name');
			cell(row, client.provider, 'provider');
			cell(row, client.host, 'host');
			cell(row, client.model || '—', 'model');
			cell(row, client.active + ' / ' + client.queued + ' (max ' + client.maxConcurrent + ')', 'load');
			cell(row, client.circuit, 'circuit').dataset.circuit = client.circuit;
			cell(row, client.cost ? client.cost.amount.toFixed(6) + ' ' + client.cost.currency : '—', 'cost');
			clientsBody.append(row);
		});
		clientsError.hidden = true;
	}

	function loadClients() {
		fetch('actuator/llm', { headers: { Accept: 'application/json' } })
			.then((response) => {
				if (!response.ok) {
					throw new Error('HTTP ' + response.status);
				}
				return response.json();
			})
			.then(showClients)
			.catch((error) => {
				clientsError.textContent = 'Could not read /actuator/llm: ' + error.message;
				clientsError.hidden = false;
			});
	}

	function showProblem(problem) {
		const status = problem.status ? problem.status + ' · ' : '';
		errorTitle.textContent = status + (problem.title || 'Something went wrong');
		const parts = [problem.detail || ''];
		if (problem.retryAfterSeconds) {
			parts.push('Retry after ' + problem.retryAfterSeconds + ' s.');
		}
		errorDetail.textContent = parts.filter(Boolean).join(' ');
		errorBox.hidden = false;
	}

	function describeDone(done) {
		const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
		const parts = ['finish: ' + (done.finishReason || 'unknown')];
		if (done.usage) {
			parts.push('tokens: ' + done.usage.inputTokens + ' in / ' + done.usage.outputTokens + ' out');
		}
		parts.push(done.chunks + ' chunks');
		if (done.model) {
			parts.push('model: ' + done.model);
		}
		parts.push(seconds + ' s');
		return parts.join(' · ');
	}

	function ask(prompt, model) {
		finish('idle');
		answer.textContent = '';
		answer.dataset.chunks = '0';
		meta.textContent = '';
		errorBox.hidden = true;
		if (!prompt.trim()) {
			showProblem({ status: 400, title: 'Empty prompt', detail: 'Type a question first.' });
			setState('error');
			return;
		}
		let url = 'api/chat/stream?q=' + encodeURIComponent(prompt);
		if (model.trim()) {
			url += '&model=' + encodeURIComponent(model.trim());
		}
		startedAt = performance.now();
		setState('streaming');
		meta.textContent = 'waiting for the first token…';
		source = new EventSource(url);
		source.addEventListener('chunk', (event) => {
			const chunk = JSON.parse(event.data);
			answer.append(chunk.text);
			answer.dataset.chunks = String(Number(answer.dataset.chunks) + 1);
			meta.textContent = answer.dataset.chunks + ' chunks…';
		});
		source.addEventListener('done', (event) => {
			meta.textContent = describeDone(JSON.parse(event.data));
			finish('done');
		});
		source.addEventListener('problem', (event) => {
			meta.textContent = '';
			showProblem(JSON.parse(event.data));
			finish('error');
		});
		// Fired when the connection fails or the server refuses the stream: without this, the
		// browser would reconnect and ask again.
		source.onerror = () => {
			if (source && answer.dataset.state === 'streaming') {
				meta.textContent = '';
				showProblem({ title: 'Connection lost', detail: 'The stream closed before the answer completed. Is the server running?' });
				finish('error');
			}
		};
	}

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		ask(promptInput.value, modelInput.value);
	});

	promptInput.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && !event.shiftKey) {
			event.preventDefault();
			form.requestSubmit();
		}
	});

	stopButton.addEventListener('click', () => {
		meta.textContent = 'stopped';
		finish('idle');
	});

	document.getElementById('clients-refresh').addEventListener('click', loadClients);
	// the batch section (batch.js) refreshes the panel when a job's results are in
	window.loadClients = loadClients;
	loadClients();

	document.querySelectorAll('.examples button').forEach((button) => {
		button.addEventListener('click', () => {
			promptInput.value = button.dataset.prompt;
			form.requestSubmit();
		});
	});
}());
