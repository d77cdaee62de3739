package io.github.llmclient.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-configuration of each provider: defaults, required properties and failure messages, and
 * the same user code working against all three when only {@code llm.provider} changes.
 */
class ProviderAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String ANTHROPIC_RESPONSE = """
			{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
			 "content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn",
			 "usage":{"input_tokens":8,"output_tokens":2}}""";

	private static final String OPENAI_RESPONSE = """
			{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":8,"completion_tokens":2,"total_tokens":10}}""";

	private static final String ANTHROPIC_STREAM = """
			event: message_start
			data: {"type":"message_start","message":{"id":"msg_2","model":"claude-sonnet-4-5","usage":{"input_tokens":8,"output_tokens":1}}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}

			event: message_delta
			data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}

			event: message_stop
			data: {"type":"message_stop"}

			""";

	private static final String OPENAI_STREAM = """
			data: {"id":"chatcmpl-2","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}

			data: {"id":"chatcmpl-2","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"!"},"finish_reason":null}]}

			data: {"id":"chatcmpl-2","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

			data: [DONE]

			""";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class));

	@Test
	void anthropicWithKeyUsesAnthropicDefaults() {
		this.contextRunner.withPropertyValues("llm.provider=anthropic", "llm.api-key=sk-ant-test").run((context) -> {
			assertThat(context).hasSingleBean(LlmTemplate.class);
			ClientConfig config = context.getBean(ClientConfig.class);
			assertThat(config.provider()).isEqualTo(Provider.ANTHROPIC);
			assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.anthropic.com/v1"));
			assertThat(config.maxTokens()).isEqualTo(1024);
			assertThat(config.anthropicVersion()).isEqualTo("2023-06-01");
			assertThat(config.toString()).doesNotContain("sk-ant-test");
		});
	}

	@Test
	void anthropicTemplateSendsVersionHeaderAndDefaultMaxTokens() {
		server.stubFor(post("/v1/messages").willReturn(okJson(ANTHROPIC_RESPONSE)));
		this.contextRunner
			.withPropertyValues("llm.provider=anthropic", "llm.api-key=sk-ant-test",
					"llm.base-url=" + server.baseUrl() + "/v1", "llm.model=claude-sonnet-4-5")
			.run((context) -> {
				StepVerifier.create(context.getBean(LlmTemplate.class).chat("Hi"))
					.expectNext("Hi!")
					.expectComplete()
					.verify(WAIT);
				server.verify(postRequestedFor(urlEqualTo("/v1/messages")).withHeader("x-api-key", equalTo("sk-ant-test"))
					.withHeader("anthropic-version", equalTo("2023-06-01"))
					.withHeader("Authorization", absent())
					.withRequestBody(matchingJsonPath("$.max_tokens", equalTo("1024")))
					.withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5"))));
			});
	}

	@Test
	void anthropicVersionAndMaxTokensAreConfigurable() {
		server.stubFor(post("/v1/messages").willReturn(okJson(ANTHROPIC_RESPONSE)));
		this.contextRunner
			.withPropertyValues("llm.provider=anthropic", "llm.api-key=sk-ant-test",
					"llm.base-url=" + server.baseUrl() + "/v1", "llm.model=claude-sonnet-4-5",
					"llm.anthropic.version=2099-01-01", "llm.max-tokens=4096")
			.run((context) -> {
				StepVerifier.create(context.getBean(LlmTemplate.class).chat("Hi"))
					.expectNext("Hi!")
					.expectComplete()
					.verify(WAIT);
				server.verify(postRequestedFor(urlEqualTo("/v1/messages"))
					.withHeader("anthropic-version", equalTo("2099-01-01"))
					.withRequestBody(matchingJsonPath("$.max_tokens", equalTo("4096"))));
			});
	}

	@Test
	void anthropicWithoutKeyFailsNamingApiKey() {
		this.contextRunner.withPropertyValues("llm.provider=anthropic").run((context) -> {
			LlmConfigurationException failure = configurationFailure(context);
			assertThat(failure.property()).isEqualTo("llm.api-key");
			assertThat(failure.getMessage()).contains("llm.api-key").contains("api.anthropic.com");
			assertThat(failure.action()).contains("ANTHROPIC_API_KEY");
		});
	}

	@Test
	void anthropicBehindGatewayNeedsNoKey() {
		this.contextRunner.withPropertyValues("llm.provider=anthropic", "llm.base-url=http://gateway.internal/v1")
			.run((context) -> assertThat(context).hasSingleBean(LlmTemplate.class));
	}

	@Test
	void azureWithoutBaseUrlFailsNamingBaseUrl() {
		this.contextRunner.withPropertyValues("llm.provider=azure-openai", "llm.api-key=azure-key").run((context) -> {
			LlmConfigurationException failure = configurationFailure(context);
			assertThat(failure.property()).isEqualTo("llm.base-url");
			FailureAnalysis analysis = new LlmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("llm.base-url").contains("azure-openai");
			assertThat(analysis.getAction()).contains("llm.base-url").contains("openai.azure.com");
		});
	}

	@Test
	void azureWithoutKeyFailsNamingApiKey() {
		this.contextRunner
			.withPropertyValues("llm.provider=azure-openai", "llm.base-url=https://my-resource.openai.azure.com")
			.run((context) -> {
				LlmConfigurationException failure = configurationFailure(context);
				assertThat(failure.property()).isEqualTo("llm.api-key");
				assertThat(failure.getMessage()).contains("llm.api-key");
				assertThat(failure.action()).contains("AZURE_OPENAI_API_KEY");
			});
	}

	@Test
	void azureUsesGaApiVersionByDefault() {
		this.contextRunner
			.withPropertyValues("llm.provider=azure-openai", "llm.base-url=https://my-resource.openai.azure.com",
					"llm.api-key=azure-key", "llm.model=gpt-4o-prod")
			.run((context) -> {
				ClientConfig config = context.getBean(ClientConfig.class);
				assertThat(config.provider()).isEqualTo(Provider.AZURE_OPENAI);
				assertThat(config.azureApiVersion()).isEqualTo("2024-10-21");
				assertThat(config.maxTokens()).isNull();
				assertThat(context).hasSingleBean(LlmTemplate.class);
			});
	}

	@Test
	void azureTemplateCallsTheModelDeploymentWithConfiguredApiVersion() {
		String path = "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2025-04-01-preview";
		server.stubFor(post(path).willReturn(okJson(OPENAI_RESPONSE)));
		this.contextRunner
			.withPropertyValues("llm.provider=azure-openai", "llm.base-url=" + server.baseUrl(),
					"llm.api-key=azure-key", "llm.model=gpt-4o-prod", "llm.azure.api-version=2025-04-01-preview")
			.run((context) -> {
				StepVerifier.create(context.getBean(LlmTemplate.class).chat("Hi"))
					.expectNext("Hi!")
					.expectComplete()
					.verify(WAIT);
				server.verify(postRequestedFor(urlEqualTo(path)).withHeader("api-key", equalTo("azure-key"))
					.withHeader("Authorization", absent())
					.withRequestBody(matchingJsonPath("$.model", absent())));
			});
	}

	@Test
	void azureWithEntraIdHeaderNeedsNoKey() {
		String path = "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21";
		server.stubFor(post(path).willReturn(okJson(OPENAI_RESPONSE)));
		this.contextRunner
			.withPropertyValues("llm.provider=azure-openai", "llm.base-url=" + server.baseUrl(),
					"llm.model=gpt-4o-prod", "llm.headers.Authorization=Bearer entra-token")
			.run((context) -> {
				StepVerifier.create(context.getBean(LlmTemplate.class).chat("Hi"))
					.expectNext("Hi!")
					.expectComplete()
					.verify(WAIT);
				server.verify(postRequestedFor(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer entra-token"))
					.withHeader("api-key", absent()));
			});
	}

	@ParameterizedTest
	@CsvSource({ "openai, /v1, /v1/chat/completions", "anthropic, /v1, /v1/messages",
			"azure-openai, '', /openai/deployments/my-model/chat/completions?api-version=2024-10-21" })
	void sameUserCodeWorksWithEveryProvider(String provider, String basePath, String chatPath) {
		boolean anthropic = provider.equals("anthropic");
		server.stubFor(post(urlEqualTo(chatPath)).withRequestBody(matchingJsonPath("$.stream", absent()))
			.willReturn(okJson(anthropic ? ANTHROPIC_RESPONSE : OPENAI_RESPONSE)));
		server.stubFor(post(urlEqualTo(chatPath)).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(anthropic ? ANTHROPIC_STREAM : OPENAI_STREAM)));
		this.contextRunner
			.withPropertyValues("llm.provider=" + provider, "llm.base-url=" + server.baseUrl() + basePath,
					"llm.api-key=test-key", "llm.model=my-model")
			.run((context) -> {
				LlmTemplate template = context.getBean(LlmTemplate.class);
				StepVerifier.create(template.chat("Hi")).expectNext("Hi!").expectComplete().verify(WAIT);
				StepVerifier.create(template.stream("Hi").collectList())
					.expectNext(List.of("Hi", "!"))
					.expectComplete()
					.verify(WAIT);
			});
	}

	private static LlmConfigurationException configurationFailure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof LlmConfigurationException)) {
			failure = failure.getCause();
		}
		assertThat(failure).isInstanceOf(LlmConfigurationException.class);
		return (LlmConfigurationException) failure;
	}

}
