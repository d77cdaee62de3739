package io.github.llmclient.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.autoconfigure.GroupProperties;
import io.github.llmclient.circuit.CircuitState;
import io.github.llmclient.metrics.LlmMetrics;
import io.github.llmclient.ratelimit.RateLimitStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code llm} ({@code /actuator/llm} once exposed): every configured
 * client with its provider, host, default model, concurrency limit, calls in flight and queued,
 * circuit state and the latest rate-limit figures its provider announced, and every client group
 * with its members and strategy. It reads the clients' state only and sends nothing to any
 * provider; it never shows an API key, a header value, or a base URL's path, query or user
 * information.
 */
@Endpoint(id = "llm")
public class LlmEndpoint {

	private final ClientView view;

	private final LlmMetrics metrics;

	/**
	 * Creates the endpoint.
	 * @param templates every client (and group) by name
	 * @param groups the configured groups, {@code llm.groups}
	 */
	public LlmEndpoint(LlmTemplates templates, Map<String, GroupProperties> groups) {
		this(templates, groups, LlmMetrics.NOOP);
	}

	/**
	 * Creates the endpoint, showing each client's cost so far.
	 * @param templates every client (and group) by name
	 * @param groups the configured groups, {@code llm.groups}
	 * @param metrics what meters the clients' cost ({@code llm.pricing.*})
	 */
	public LlmEndpoint(LlmTemplates templates, Map<String, GroupProperties> groups, LlmMetrics metrics) {
		this(templates, groups, LlmTemplate::circuitState, metrics);
	}

	LlmEndpoint(LlmTemplates templates, Map<String, GroupProperties> groups,
			Function<LlmTemplate, CircuitState> circuits) {
		this(templates, groups, circuits, LlmMetrics.NOOP);
	}

	LlmEndpoint(LlmTemplates templates, Map<String, GroupProperties> groups,
			Function<LlmTemplate, CircuitState> circuits, LlmMetrics metrics) {
		this.view = new ClientView(templates, groups, circuits);
		this.metrics = metrics;
	}

	/**
	 * The clients and groups as they are now.
	 * @return the description
	 */
	@ReadOperation
	public LlmDescriptor llm() {
		Map<String, ClientDescriptor> clients = new LinkedHashMap<>();
		for (String name : this.view.clientNames()) {
			LlmTemplate template = this.view.client(name);
			clients.put(name, client(template));
		}
		Map<String, GroupDescriptor> groups = new LinkedHashMap<>();
		this.view.groups()
			.forEach((name, group) -> groups.put(name, new GroupDescriptor(List.copyOf(group.getClients()),
					group.getStrategy().name().toLowerCase(Locale.ROOT).replace('_', '-'))));
		return new LlmDescriptor(clients, groups);
	}

	private ClientDescriptor client(LlmTemplate template) {
		ClientConfig config = template.config();
		RateLimitStatus status = template.rateLimitStatus();
		RateLimitDescriptor rateLimit = new RateLimitDescriptor(status.remainingRequests(), status.remainingTokens(),
				(status.resetAt() != null) ? status.resetAt().toString() : null);
		return new ClientDescriptor(config.provider().propertyValue(), ClientView.host(config.baseUrl()), config.model(),
				config.maxConcurrent(), template.activeRequests(), template.queuedRequests(),
				this.view.circuit(template).value(), rateLimit, cost(config.name()));
	}

	private @Nullable CostDescriptor cost(String client) {
		Double amount = this.metrics.costSoFar(client);
		String currency = this.metrics.currency();
		return (amount != null && currency != null) ? new CostDescriptor(amount, currency) : null;
	}

	/**
	 * The endpoint's answer.
	 * @param clients the clients by name, in configuration order
	 * @param groups the client groups by name
	 */
	public record LlmDescriptor(Map<String, ClientDescriptor> clients, Map<String, GroupDescriptor> groups)
			implements OperationResponseBody {

	}

	/**
	 * One client.
	 * @param provider {@code openai}, {@code anthropic} or {@code azure-openai}
	 * @param host the API root's host, with its port when not the scheme's default
	 * @param model the default model, or null
	 * @param maxConcurrent {@code llm.max-concurrent}
	 * @param active calls holding a permit now
	 * @param queued calls waiting for a permit now
	 * @param circuit {@code closed}, {@code open}, {@code half-open} or {@code disabled}
	 * @param rateLimit what the provider's rate-limit headers announced last
	 * @param cost what the client's calls cost so far at {@code llm.pricing.*}, or null when no
	 * prices are configured
	 */
	public record ClientDescriptor(String provider, String host, @Nullable String model, int maxConcurrent, int active,
			int queued, String circuit, RateLimitDescriptor rateLimit, @Nullable CostDescriptor cost) {

	}

	/**
	 * What a client's calls cost so far (batch-job results at their discount).
	 * @param amount the sum, in the currency
	 * @param currency {@code llm.pricing.currency}
	 */
	public record CostDescriptor(double amount, String currency) {

	}

	/**
	 * The latest rate-limit figures a provider announced; each null until announced.
	 * @param remainingRequests requests left in the provider's window
	 * @param remainingTokens tokens left in the provider's window
	 * @param resetAt when the counts are restored, ISO-8601
	 */
	public record RateLimitDescriptor(@Nullable Long remainingRequests, @Nullable Long remainingTokens,
			@Nullable String resetAt) {

	}

	/**
	 * One client group.
	 * @param clients the member clients, in order
	 * @param strategy {@code round-robin} or {@code least-busy}
	 */
	public record GroupDescriptor(List<String> clients, String strategy) {

	}

}
