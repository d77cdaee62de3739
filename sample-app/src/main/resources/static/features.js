// The feature tabs: tools (GET /api/tools/stream), typed answer (POST /api/extract), image
// (POST /api/describe-image), similar sentences (POST /api/similar), Spring AI (POST /api/spring-ai/ask).
// Everything the server sends is shown with textContent only.
(function () {
	'use strict';

	const $ = (id) => document.getElementById(id);

	// Tabs: one panel visible at a time; the chosen tab is kept in the URL's fragment.
	const tabs = document.querySelectorAll('[role="tab"]');
	function select(name) {
		tabs.forEach((tab) => {
			const chosen = tab.dataset.tab === name;
			tab.setAttribute('aria-selected', String(chosen));
			$('panel-' + tab.dataset.tab).hidden = !chosen;
		});
	}
	tabs.forEach((tab) => tab.addEventListener('click', () => {
		select(tab.dataset.tab);
		history.replaceState(null, '', '#' + tab.dataset.tab);
	}));
	if (location.hash && $('panel-' + location.hash.substring(1))) {
		select(location.hash.substring(1));
	}

	function problemText(problem) {
		const status = problem.status ? problem.status + ' · ' : '';
		return status + (problem.title || 'Something went wrong') + (problem.detail ? ': ' + problem.detail : '');
	}

	function showError(element, text) {
		element.textContent = text;
		element.hidden = !text;
	}

	// POSTs a body and resolves with the JSON answer, or rejects with the problem's text.
	function post(url, body) {
		const json = !(body instanceof FormData);
		return fetch(url, {
			method: 'POST',
			headers: json ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
			body: json ? JSON.stringify(body) : body
		}).then((response) => response.json().catch(() => ({})).then((data) => {
			if (!response.ok) {
				throw new Error(problemText(Object.assign({ status: response.status }, data)));
			}
			return data;
		}));
	}

	function fillRecord(table, body, record) {
		body.replaceChildren();
		Object.entries(record).forEach(([field, value]) => {
			const row = document.createElement('tr');
			row.dataset.field = field;
			[field, value === null ? '—' : String(value)].forEach((text) => {
				const td = document.createElement('td');
				td.textContent = text;
				row.append(td);
			});
			body.append(row);
		});
		table.hidden = false;
	}

	// Tools: one list item per call and per result, as the events arrive.
	let toolSource = null;
	$('tools-form').addEventListener('submit', (event) => {
		event.preventDefault();
		const steps = $('tools-steps');
		if (toolSource) {
			toolSource.close();
		}
		steps.replaceChildren();
		steps.dataset.state = 'running';
		$('tools-answer').textContent = '';
		showError($('tools-error'), '');
		function step(kind, text) {
			const item = document.createElement('li');
			item.className = 'step step-' + kind;
			item.dataset.kind = kind;
			item.textContent = text;
			steps.append(item);
		}
		function end(state) {
			steps.dataset.state = state;
			toolSource.close();
			toolSource = null;
		}
		toolSource = new EventSource('api/tools/stream?q=' + encodeURIComponent($('tools-prompt').value));
		toolSource.addEventListener('call', (e) => {
			const call = JSON.parse(e.data);
			step('call', 'turn ' + call.turn + ' · the model calls ' + call.name + '(' + call.arguments + ')');
		});
		toolSource.addEventListener('result', (e) => {
			const result = JSON.parse(e.data);
			step('result', 'the app ran ' + result.name + ' → ' + result.result);
		});
		toolSource.addEventListener('answer', (e) => {
			const answer = JSON.parse(e.data);
			step('answer', 'turn ' + answer.turns + ' · the model answers (' + answer.finishReason + ')');
			$('tools-answer').textContent = answer.answer;
			end('done');
		});
		toolSource.addEventListener('problem', (e) => {
			showError($('tools-error'), problemText(JSON.parse(e.data)));
			end('error');
		});
		toolSource.onerror = () => {
			if (toolSource) {
				showError($('tools-error'), 'The connection closed before the answer.');
				end('error');
			}
		};
	});

	$('typed-form').addEventListener('submit', (event) => {
		event.preventDefault();
		$('typed-record').hidden = true;
		showError($('typed-error'), '');
		post('api/extract', { text: $('typed-text').value })
			.then((contact) => fillRecord($('typed-record'), $('typed-body'), contact))
			.catch((error) => showError($('typed-error'), error.message));
	});

	$('image-form').addEventListener('submit', (event) => {
		event.preventDefault();
		const file = $('image-file').files[0];
		const preview = $('image-preview');
		$('image-answer').textContent = '';
		showError($('image-error'), '');
		let body;
		if (file) {
			body = new FormData();
			body.append('image', file);
			body.append('prompt', $('image-prompt').value);
			preview.src = URL.createObjectURL(file);
		}
		else {
			body = { url: $('image-url').value, prompt: $('image-prompt').value };
			preview.src = /^(https?|data):/.test(body.url) ? body.url : '';
		}
		preview.hidden = !preview.src;
		post('api/describe-image', body)
			.then((answer) => { $('image-answer').textContent = answer.content; })
			.catch((error) => showError($('image-error'), error.message));
	});

	// Similar sentences: most similar first, each with a bar as long as its score (0 to 1).
	$('similar-form').addEventListener('submit', (event) => {
		event.preventDefault();
		const list = $('similar-list');
		list.replaceChildren();
		showError($('similar-error'), '');
		const sentences = $('similar-sentences').value.split('\n').map((s) => s.trim()).filter(Boolean);
		post('api/similar', { query: $('similar-query').value, sentences: sentences.length ? sentences : null })
			.then((answer) => answer.matches.forEach((match) => {
				const item = document.createElement('li');
				item.dataset.score = String(match.score);
				const bar = document.createElement('span');
				bar.className = 'bar';
				bar.style.width = Math.max(0, match.score) * 100 + '%';
				const text = document.createElement('span');
				text.className = 'sentence';
				text.textContent = match.sentence;
				const score = document.createElement('span');
				score.className = 'score';
				score.textContent = match.score.toFixed(4);
				item.append(text, score, bar);
				list.append(item);
			}))
			.catch((error) => showError($('similar-error'), error.message));
	});

	$('spring-ai-form').addEventListener('submit', (event) => {
		event.preventDefault();
		$('spring-ai-record').hidden = true;
		showError($('spring-ai-error'), '');
		post('api/spring-ai/ask', { prompt: $('spring-ai-prompt').value })
			.then((answer) => fillRecord($('spring-ai-record'), $('spring-ai-body'), answer))
			.catch((error) => showError($('spring-ai-error'), error.message));
	});
}());
