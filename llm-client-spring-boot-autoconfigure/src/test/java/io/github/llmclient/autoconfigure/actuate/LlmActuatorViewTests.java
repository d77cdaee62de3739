package io.github.llmclient.autoconfigure.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.Provider;
import io.github.llmclient.TestClients;
import io.github.llmclient.autoconfigure.GroupProperties;
import io.github.llmclient.circuit.CircuitState;
import io.github.llmclient.metrics.OpenAiStubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint's and the health contributor's content, read from real templates. */
class LlmActuatorViewTests {

	private static final String QUERY_SECRET = "qsecret-4711";

	private static final String HEADER_SECRET = "hsecret-0815";

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private final List<LlmTemplate> created = new ArrayList<>();

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.wireMock.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withHeader("x-ratelimit-remaining-requests", "4999")
				.withHeader("x-ratelimit-remaining-tokens", "159980")
				.withHeader("x-ratelimit-reset-requests", "12ms")
				.withHeader("x-ratelimit-reset-tokens", "6m0s")
				.withBody(OpenAiStubs.CHAT_BODY)));
	}

	@AfterEach
	void stop() {
		this.created.forEach(LlmTemplate::close);
		this.wireMock.stop();
	}

	@Test
	void describesEachClientWithoutItsSecrets() {
		LlmTemplates templates = templates(secretive(), anthropic());
		LlmEndpoint.LlmDescriptor view = new LlmEndpoint(templates, Map.of()).llm();
		assertThat(view.clients()).containsOnlyKeys("default", "claude");
		LlmEndpoint.ClientDescriptor client = view.clients().get("default");
		assertThat(client.provider()).isEqualTo("openai");
		assertThat(client.host()).isEqualTo("localhost:" + this.wireMock.port());
		assertThat(client.model()).isEqualTo("gpt-4o-mini");
		assertThat(client.maxConcurrent()).isEqualTo(3);
		assertThat(client.active()).isZero();
		assertThat(client.queued()).isZero();
		assertThat(client.circuit()).isEqualTo("disabled");
		assertThat(client.rateLimit()).isEqualTo(new LlmEndpoint.RateLimitDescriptor(null, null, null));
		LlmEndpoint.ClientDescriptor claude = view.clients().get("claude");
		assertThat(claude.provider()).isEqualTo("anthropic");
		assertThat(claude.host()).isEqualTo("api.anthropic.com");
		assertThat(claude.model()).isNull();
		String json = JsonMapper.builder().build().writeValueAsString(view);
		assertThat(json).doesNotContain(TestClients.SECRET_KEY, QUERY_SECRET, HEADER_SECRET, "user:pass", "/v1");
	}

	@Test
	void showsTheRateLimitFiguresTheProviderAnnounced() {
		LlmTemplate template = template(secretive());
		LlmTemplates templates = templates(template);
		Instant before = Instant.now();
		assertThat(template.chat("Hi").block()).isEqualTo("Hello!");
		Instant after = Instant.now();
		LlmEndpoint.RateLimitDescriptor rateLimit = new LlmEndpoint(templates, Map.of()).llm()
			.clients()
			.get("default")
			.rateLimit();
		assertThat(rateLimit.remainingRequests()).isEqualTo(4999);
		assertThat(rateLimit.remainingTokens()).isEqualTo(159980);
		// the later of the two resets: the tokens' 6 minutes from the response
		assertThat(Instant.parse(rateLimit.resetAt())).isBetween(before.plusSeconds(360).minusMillis(1),
				after.plusSeconds(360).plusMillis(1));
	}

	@Test
	void healthIsUpWhileNoCircuitIsOpen() {
		LlmTemplates templates = templates(secretive(), anthropic());
		Health health = new LlmHealthIndicator(templates, Map.of(), circuits(Map.of("claude", CircuitState.HALF_OPEN)))
			.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsOnlyKeys("clients");
		assertThat(clientDetails(health, "default")).containsEntry("circuit", "closed")
			.containsEntry("active", 0)
			.containsEntry("queued", 0);
		assertThat(clientDetails(health, "claude")).containsEntry("circuit", "half-open");
	}

	@Test
	void healthIsDownWhenSomeCircuitIsOpen() {
		LlmTemplates templates = templates(secretive(), anthropic());
		Health health = new LlmHealthIndicator(templates, Map.of(), circuits(Map.of("claude", CircuitState.OPEN)))
			.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(clientDetails(health, "claude")).containsEntry("circuit", "open");
		assertThat(clientDetails(health, "default")).containsEntry("circuit", "closed");
		String json = JsonMapper.builder().build().writeValueAsString(health);
		assertThat(json).doesNotContain(TestClients.SECRET_KEY, QUERY_SECRET, HEADER_SECRET, "localhost");
	}

	@Test
	void theEndpointShowsTheCircuitStateAndLeavesGroupsOutOfTheClients() {
		GroupProperties group = new GroupProperties();
		group.setClients(List.of("default", "claude"));
		LlmTemplate member = template(secretive());
		Map<String, LlmTemplate> byName = new LinkedHashMap<>();
		byName.put("default", member);
		byName.put("claude", template(anthropic()));
		// part A registers a group as one more template under the group's name
		byName.put("both", member);
		LlmEndpoint.LlmDescriptor view = new LlmEndpoint(new LlmTemplates(byName), Map.of("both", group),
				circuits(Map.of("claude", CircuitState.OPEN)))
			.llm();
		assertThat(view.clients()).containsOnlyKeys("default", "claude");
		assertThat(view.clients().get("claude").circuit()).isEqualTo("open");
		assertThat(view.groups().get("both").clients()).containsExactly("default", "claude");
		assertThat(view.groups().get("both").strategy()).isEqualTo("round-robin");
	}

	@Test
	void theHostKeepsOnlyANonDefaultPort() {
		assertThat(ClientView.host(java.net.URI.create("https://user:pass@api.openai.com:443/v1?key=x")))
			.isEqualTo("api.openai.com");
		assertThat(ClientView.host(java.net.URI.create("http://vllm.internal/v1"))).isEqualTo("vllm.internal");
		assertThat(ClientView.host(java.net.URI.create("http://vllm.internal:8000/v1?key=x")))
			.isEqualTo("vllm.internal:8000");
	}

	private ClientConfig secretive() {
		return TestClients.openAi(this.wireMock.baseUrl().replace("://", "://user:pass@") + "/v1?api-key=" + QUERY_SECRET)
			.headers(Map.of("X-Custom", HEADER_SECRET))
			.maxConcurrent(3)
			.build();
	}

	private static ClientConfig anthropic() {
		return ClientConfig.builder(Provider.ANTHROPIC).name("claude").apiKey(TestClients.SECRET_KEY).build();
	}

	private LlmTemplate template(ClientConfig config) {
		LlmTemplate template = LlmTemplate.builder(config).build();
		this.created.add(template);
		return template;
	}

	private LlmTemplates templates(ClientConfig... configs) {
		Map<String, LlmTemplate> byName = new LinkedHashMap<>();
		for (ClientConfig config : configs) {
			byName.put(config.name(), template(config));
		}
		return new LlmTemplates(byName);
	}

	private static LlmTemplates templates(LlmTemplate template) {
		return new LlmTemplates(Map.of(template.config().name(), template));
	}

	/** The seam part A's circuit breakers will feed: the given states by client name, others closed. */
	private static Function<LlmTemplate, CircuitState> circuits(Map<String, CircuitState> states) {
		return (template) -> states.getOrDefault(template.config().name(), CircuitState.CLOSED);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> clientDetails(Health health, String client) {
		return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("clients")).get(client);
	}

}
