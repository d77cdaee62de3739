// The batch section: submits the prompts as one batch job (POST /api/batch), polls its progress
// (GET /api/batch/{id}) into the progress bar, then lists the answers (GET /api/batch/{id}/results).
(() => {
	'use strict';

	const prompts = document.getElementById('batch-prompts');
	const submit = document.getElementById('batch-submit');
	const progress = document.getElementById('batch-progress');
	const status = document.getElementById('batch-status');
	const results = document.getElementById('batch-results');
	const error = document.getElementById('batch-error');

	function json(response) {
		if (!response.ok) {
			return response.json().then((problem) => {
				throw new Error(problem.detail || problem.title || 'HTTP ' + response.status);
			}, () => {
				throw new Error('HTTP ' + response.status);
			});
		}
		return response.json();
	}

	function show(job) {
		progress.hidden = false;
		progress.value = job.progress;
		progress.dataset.status = job.status;
		status.textContent = job.status + ' · ' + job.completed + ' of ' + job.total + ' answered';
	}

	function fail(problem) {
		error.textContent = 'Batch failed: ' + problem.message;
		error.hidden = false;
		submit.disabled = false;
	}

	function showResults(id) {
		fetch('api/batch/' + encodeURIComponent(id) + '/results', { headers: { Accept: 'application/json' } })
			.then(json)
			.then((list) => {
				results.replaceChildren();
				list.forEach((result) => {
					const item = document.createElement('li');
					item.dataset.index = result.index;
					item.textContent = result.content !== null ? result.content : 'No answer: ' + result.error;
					results.append(item);
				});
				submit.disabled = false;
				if (typeof window.loadClients === 'function') {
					window.loadClients();
				}
			})
			.catch(fail);
	}

	function poll(id) {
		fetch('api/batch/' + encodeURIComponent(id), { headers: { Accept: 'application/json' } })
			.then(json)
			.then((job) => {
				show(job);
				if (job.ended) {
					showResults(id);
				}
				else {
					setTimeout(() => poll(id), 500);
				}
			})
			.catch(fail);
	}

	submit.addEventListener('click', () => {
		const list = prompts.value.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
		error.hidden = true;
		results.replaceChildren();
		submit.disabled = true;
		fetch('api/batch', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify({ prompts: list })
		})
			.then(json)
			.then((job) => {
				progress.dataset.job = job.id;
				show(job);
				poll(job.id);
			})
			.catch(fail);
	});
})();
