// The live panel: one card per client, fed by GET /api/meters/stream (one "meters" event a second),
// with small time-series charts drawn as SVG polylines, and the storm button (POST /api/storm).
// Hand-drawn rather than a charting library: a polyline per series is all these charts need.
(function () {
	'use strict';

	const POINTS = 60;
	const SVG = 'http://www.w3.org/2000/svg';
	const container = document.getElementById('live-clients');
	const liveError = document.getElementById('live-error');
	const cards = new Map();

	// What each chart plots from a client's reading: [label, value] per series.
	const CHARTS = [
		['requests', 'Requests / s', (c) => [['requests', c.requestsPerSecond]]],
		['retries', 'Retries / s by reason', (c) => {
			const reasons = Object.entries(c.retriesPerSecond);
			const total = reasons.reduce((sum, [, value]) => sum + value, 0);
			return [['all', total]].concat(reasons);
		}],
		['first-chunk', 'Time to first chunk, ms', (c) => [['p50', c.firstChunkP50Millis || 0], ['p95', c.firstChunkP95Millis || 0]]],
		['tokens', 'Output tokens / s', (c) => [['tokens', c.tokensPerSecond]]],
		['load', 'Active and queued', (c) => [['active', c.active], ['queued', c.queued]]],
		['waits', 'Waits, ms per s', (c) => [['retry', c.retryWaitMillisPerSecond], ['budget', c.budgetWaitMillisPerSecond]]]
	];

	function element(name, className, text) {
		const node = document.createElement(name);
		if (className) {
			node.className = className;
		}
		if (text !== undefined) {
			node.textContent = text;
		}
		return node;
	}

	function card(name) {
		if (cards.has(name)) {
			return cards.get(name);
		}
		const node = element('div', 'client-card');
		node.dataset.client = name;
		node.dataset.maxRetries = '0';
		node.dataset.maxQueued = '0';
		const header = element('div', 'client-header');
		const circuit = element('span', 'circuit');
		const cost = element('span', 'cost');
		header.append(element('strong', '', name), circuit, cost);
		node.append(header);
		const charts = {};
		CHARTS.forEach(([key, title]) => {
			const figure = element('figure', 'chart');
			figure.dataset.chart = key;
			figure.dataset.latest = '0';
			const svg = document.createElementNS(SVG, 'svg');
			svg.setAttribute('viewBox', '0 0 200 50');
			svg.setAttribute('preserveAspectRatio', 'none');
			const caption = element('figcaption', '', title);
			const values = element('div', 'values');
			figure.append(caption, svg, values);
			node.append(figure);
			charts[key] = { figure, svg, values, history: [] };
		});
		container.append(node);
		const entry = { node, circuit, cost, charts };
		cards.set(name, entry);
		return entry;
	}

	// Draws one chart: a polyline per series over the last POINTS readings, scaled to the largest value.
	function draw(chart) {
		const history = chart.history;
		const names = [...new Set(history.flatMap((point) => point.map(([label]) => label)))];
		const max = Math.max(1, ...history.flatMap((point) => point.map(([, value]) => value)));
		chart.svg.replaceChildren();
		names.forEach((label, index) => {
			const line = document.createElementNS(SVG, 'polyline');
			const points = history.map((point, i) => {
				const found = point.find(([name]) => name === label);
				const x = (POINTS - history.length + i) * 200 / (POINTS - 1);
				return x.toFixed(1) + ',' + (50 - (found ? found[1] : 0) / max * 48).toFixed(1);
			});
			line.setAttribute('points', points.join(' '));
			line.setAttribute('class', 'series series-' + index);
			chart.svg.append(line);
		});
		const latest = history[history.length - 1];
		// The legend: each series' latest value in its line's colour
		chart.values.replaceChildren(...latest.map(([label, value]) => element('span',
			'legend legend-' + names.indexOf(label), label + ' ' + format(value) + ' ')), element('span', '', '(max ' + format(max) + ')'));
		chart.figure.dataset.latest = String(latest[0][1]);
	}

	function format(value) {
		return value >= 100 ? value.toFixed(0) : value.toFixed(1);
	}

	function show(reading) {
		Object.entries(reading.clients).forEach(([name, client]) => {
			const entry = card(name);
			CHARTS.forEach(([key, , series]) => {
				const chart = entry.charts[key];
				chart.history.push(series(client));
				if (chart.history.length > POINTS) {
					chart.history.shift();
				}
				draw(chart);
			});
			entry.circuit.textContent = 'circuit: ' + client.circuit;
			entry.circuit.dataset.circuit = client.circuit;
			entry.cost.textContent = client.cost === null ? '' : 'cost so far: ' + client.cost.toFixed(6) + ' ' + client.currency;
			const retries = Object.values(client.retriesPerSecond).reduce((sum, value) => sum + value, 0);
			entry.node.dataset.maxRetries = String(Math.max(Number(entry.node.dataset.maxRetries), retries));
			entry.node.dataset.maxQueued = String(Math.max(Number(entry.node.dataset.maxQueued), client.queued));
		});
		container.dataset.events = String(Number(container.dataset.events) + 1);
	}

	const source = new EventSource('api/meters/stream');
	source.addEventListener('meters', (event) => {
		liveError.hidden = true;
		show(JSON.parse(event.data));
	});
	source.onerror = () => {
		liveError.textContent = 'The meter stream was interrupted; reconnecting…';
		liveError.hidden = false;
	};
	// The browser closes it when the page goes anyway; saying so makes the intent plain.
	window.addEventListener('pagehide', () => source.close());

	const storm = document.getElementById('storm');
	const status = document.getElementById('storm-status');
	storm.addEventListener('click', () => {
		storm.disabled = true;
		status.dataset.state = 'running';
		status.textContent = 'sending 50 prompts…';
		fetch('api/storm', { method: 'POST', headers: { Accept: 'application/json' } })
			.then((response) => {
				if (!response.ok) {
					throw new Error('HTTP ' + response.status);
				}
				return response.json();
			})
			.then((result) => {
				status.dataset.state = 'done';
				status.textContent = result.prompts + ' prompts: ' + result.answered + ' answered, ' + result.failed
					+ ' failed, in ' + (result.millis / 1000).toFixed(1) + ' s';
			})
			.catch((error) => {
				status.dataset.state = 'error';
				status.textContent = 'The storm failed: ' + error.message;
			})
			.finally(() => { storm.disabled = false; });
	});
}());
