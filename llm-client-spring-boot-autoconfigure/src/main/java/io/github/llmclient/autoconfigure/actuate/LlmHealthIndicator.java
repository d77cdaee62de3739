package io.github.llmclient.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.autoconfigure.GroupProperties;
import io.github.llmclient.circuit.CircuitState;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health contributor {@code llm}: passive, it sends nothing to any provider and reads only
 * the clients' circuit breakers. {@code DOWN} when some client's circuit is open, otherwise
 * {@code UP}; the details give each client's circuit state and its calls in flight and queued.
 */
public class LlmHealthIndicator implements HealthIndicator {

	private final ClientView view;

	/**
	 * Creates the contributor.
	 * @param templates every client (and group) by name
	 * @param groups the configured groups, {@code llm.groups}, left out of the details
	 */
	public LlmHealthIndicator(LlmTemplates templates, Map<String, GroupProperties> groups) {
		this(templates, groups, LlmTemplate::circuitState);
	}

	LlmHealthIndicator(LlmTemplates templates, Map<String, GroupProperties> groups,
			Function<LlmTemplate, CircuitState> circuits) {
		this.view = new ClientView(templates, groups, circuits);
	}

	@Override
	public Health health() {
		boolean open = false;
		Map<String, Object> clients = new LinkedHashMap<>();
		for (String name : this.view.clientNames()) {
			LlmTemplate template = this.view.client(name);
			CircuitState circuit = this.view.circuit(template);
			open |= (circuit == CircuitState.OPEN);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("circuit", circuit.value());
			details.put("active", template.activeRequests());
			details.put("queued", template.queuedRequests());
			clients.put(name, details);
		}
		return (open ? Health.down() : Health.up()).withDetail("clients", clients).build();
	}

}
