package io.github.llmclient.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.SpringProperties;
import org.springframework.core.io.InputStreamSource;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.util.StreamUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The auto-configuration processed ahead of time as {@code spring-boot:process-aot} does it, then
 * started from the generated code alone, with the run-time values (URLs, keys, models) that the
 * build never saw.
 */
@CompileWithForkedClassLoader
class LlmAutoConfigurationAotIntegrationTests {

	private static final String BUILD_TIME_KEY = "sk-build-time-secret";

	private static final String[] BUILD_TIME = { "llm.base-url=http://build-time.invalid/v1",
			"llm.api-key=" + BUILD_TIME_KEY, "llm.model=build-model", "llm.clients.claude.model=build-claude",
			"llm.clients.claude.api-key=sk-build-time-claude", "llm.groups.pool.clients=claude" };

	private static final String COMPLETION = """
			{"id":"c1","model":"runtime-model","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the stub"},"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""";

	private static final String STREAM = """
			data: {"id":"c2","model":"runtime-model","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello"},"finish_reason":null}]}

			data: {"id":"c2","model":"runtime-model","choices":[{"index":0,"delta":{"content":" streamed"},"finish_reason":null}]}

			data: {"id":"c2","model":"runtime-model","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

			data: [DONE]

			""";

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.wireMock.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(2).willReturn(okJson(COMPLETION)));
		this.wireMock.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
	}

	@AfterEach
	void stop() {
		this.wireMock.stop();
	}

	@Test
	void processedContextStartsWithTheDefaultClientANamedClientAndAGroupReadingEveryValueAtRunTime() {
		processAheadOfTime(BUILD_TIME, (initializer) -> {
			try (GenericApplicationContext context = startProcessed(initializer, runtimeProperties())) {
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				assertThat(templates.names()).containsExactly("default", "claude");
				assertThat(templates.groupNames()).containsExactly("pool");
				Injected injected = context.getBean(Injected.class);
				assertThat(injected.claude()).isSameAs(templates.get("claude"));
				assertThat(injected.pool()).isSameAs(templates.get("pool"));
				assertThat(context.getBean(LlmTemplate.class)).isSameAs(templates.get("default"));

				StepVerifier.create(injected.primary().chat("Hi"))
					.expectNext("Hello from the stub")
					.verifyComplete();
				StepVerifier.create(injected.primary().stream("Hi").collectList())
					.expectNext(List.of("Hello", " streamed"))
					.verifyComplete();
				StepVerifier.create(injected.claude().chat("Hi"))
					.expectNext("Hello from the stub")
					.verifyComplete();
				StepVerifier.create(injected.pool().chat("Hi"))
					.expectNext("Hello from the stub")
					.verifyComplete();
			}
			// the run-time values, never the build-time ones
			this.wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions"))
				.withHeader("Authorization", equalTo("Bearer sk-runtime-default"))
				.withRequestBody(matchingJsonPath("$.model", equalTo("runtime-model"))));
			this.wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions"))
				.withHeader("Authorization", equalTo("Bearer sk-runtime-claude"))
				.withRequestBody(matchingJsonPath("$.model", equalTo("runtime-claude"))));
			this.wireMock.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions"))
				.withHeader("Authorization", containing("build-time")));
		}, (generated) -> assertThat(generated).doesNotContain(BUILD_TIME_KEY, "sk-build-time-claude",
				"build-time.invalid", "build-model"));
	}

	@Test
	void processedContextFailsAtStartupNamingAClientOrGroupItWasNotProcessedWith() {
		processAheadOfTime(BUILD_TIME, (initializer) -> {
			assertThat(startupFailure(initializer, append(runtimeProperties(), "llm.clients.gemini.model=gemini-2.5-flash")))
				.satisfies((ex) -> assertThat(ex.property()).isEqualTo("llm.clients.gemini"))
				.hasMessageContaining("processed ahead of time without it");
			assertThat(startupFailure(initializer, append(runtimeProperties(), "llm.groups.spare.clients=claude")))
				.satisfies((ex) -> assertThat(ex.property()).isEqualTo("llm.groups.spare"));
			// and a client the build knew, dropped from the run-time configuration
			String[] withoutClaude = { "llm.base-url=" + this.wireMock.baseUrl() + "/v1",
					"llm.api-key=sk-runtime-default", "llm.groups.pool.clients=default" };
			assertThat(startupFailure(initializer, withoutClaude))
				.satisfies((ex) -> assertThat(ex.property()).isEqualTo("llm.clients.claude"))
				.hasMessageContaining("not configured now");
		}, (generated) -> {
		});
		this.wireMock.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	private static LlmConfigurationException startupFailure(
			ApplicationContextInitializer<GenericApplicationContext> initializer, String[] runtimeProperties) {
		Throwable failure = catchThrowable(() -> startProcessed(initializer, runtimeProperties).close());
		assertThat(failure).isNotNull();
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
		assertThat(cause).isInstanceOf(LlmConfigurationException.class);
		return (LlmConfigurationException) cause;
	}

	private String[] runtimeProperties() {
		String baseUrl = this.wireMock.baseUrl() + "/v1";
		return new String[] { "llm.base-url=" + baseUrl, "llm.api-key=sk-runtime-default", "llm.model=runtime-model",
				"llm.clients.claude.model=runtime-claude", "llm.clients.claude.api-key=sk-runtime-claude",
				"llm.groups.pool.clients=claude", "llm.max-retries=0" };
	}

	private static String[] append(String[] properties, String property) {
		String[] all = java.util.Arrays.copyOf(properties, properties.length + 1);
		all[properties.length] = property;
		return all;
	}

	/**
	 * Processes an application with the given build-time properties, compiles the generated code
	 * and hands over its initializer; the generated sources are checked as one text.
	 */
	@SuppressWarnings("unchecked")
	private static void processAheadOfTime(String[] buildTimeProperties,
			Consumer<ApplicationContextInitializer<GenericApplicationContext>> run, Consumer<String> generatedSources) {
		TestGenerationContext generationContext = new TestGenerationContext();
		ClassName initializerName;
		try (AnnotationConfigApplicationContext buildTime = new AnnotationConfigApplicationContext()) {
			TestPropertyValues.of(buildTimeProperties).applyTo(buildTime);
			buildTime.register(Application.class);
			initializerName = new ApplicationContextAotGenerator().processAheadOfTime(buildTime, generationContext);
		}
		generationContext.writeGeneratedContent();
		generatedSources.accept(sources(generationContext.getGeneratedFiles().getGeneratedFiles(GeneratedFiles.Kind.SOURCE)));
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> run
			.accept(compiled.getInstance(ApplicationContextInitializer.class, initializerName.toString())));
	}

	private static String sources(Map<String, InputStreamSource> files) {
		StringBuilder all = new StringBuilder();
		files.values().forEach((file) -> {
			try {
				all.append(StreamUtils.copyToString(file.getInputStream(), UTF_8));
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		return all.toString();
	}

	/** Starts the processed application as {@code -Dspring.aot.enabled=true} does. */
	private static GenericApplicationContext startProcessed(
			ApplicationContextInitializer<GenericApplicationContext> initializer, String[] runtimeProperties) {
		GenericApplicationContext context = new GenericApplicationContext();
		TestPropertyValues.of(runtimeProperties).applyTo(context);
		initializer.initialize(context);
		SpringProperties.setProperty("spring.aot.enabled", "true");
		try {
			context.refresh();
			return context;
		}
		finally {
			SpringProperties.setProperty("spring.aot.enabled", null);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
			WebClientAutoConfiguration.class, LlmAutoConfiguration.class })
	static class Application {

		@Bean
		Injected injected(LlmTemplate primary, @Qualifier("claude") LlmTemplate claude,
				@Qualifier("pool") LlmTemplate pool) {
			return new Injected(primary, claude, pool);
		}

	}

	record Injected(LlmTemplate primary, LlmTemplate claude, LlmTemplate pool) {
	}

}
