package io.github.llmclient.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** Auto-configuration of Bedrock clients: region, key or SigV4, and the failures that name their fix. */
class BedrockAutoConfigurationTests {

	private static final String ANSWER = """
			{"output":{"message":{"role":"assistant","content":[{"text":"Hi!"}]}},"stopReason":"end_turn",
			 "usage":{"inputTokens":8,"outputTokens":2,"totalTokens":10}}""";

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class));

	@Test
	void callsTheRegionalRuntimeEndpointAndNamesTheProviderInMeters() {
		this.contextRunner.withPropertyValues("llm.provider=bedrock", "llm.bedrock.region=eu-west-1",
				"llm.api-key=bedrock-key", "llm.model=amazon.nova-pro-v1:0").run((context) -> {
					assertThat(context).hasNotFailed();
					ClientConfig config = context.getBean(LlmTemplate.class).config();
					assertThat(config.provider()).isEqualTo(Provider.BEDROCK);
					assertThat(config.bedrockRegion()).isEqualTo("eu-west-1");
					assertThat(config.baseUrl()).hasToString("https://bedrock-runtime.eu-west-1.amazonaws.com");
					assertThat(Provider.BEDROCK.semanticConventionName()).isEqualTo("aws.bedrock");
				});
	}

	@Test
	void aNamedClientInheritsTheRegion() {
		this.contextRunner.withPropertyValues("llm.base-url=http://localhost:1/v1", "llm.bedrock.region=us-west-2",
				"llm.clients.claude.provider=bedrock", "llm.clients.claude.api-key=k").run((context) -> {
					assertThat(context).hasNotFailed();
					ClientConfig claude = context.getBean(LlmTemplates.class).get("claude").config();
					assertThat(claude.bedrockRegion()).isEqualTo("us-west-2");
				});
	}

	@Test
	void takesTheRegionFromTheAwsDefaultChain() {
		String previous = System.setProperty("aws.region", "ap-south-1");
		try {
			this.contextRunner.withPropertyValues("llm.provider=bedrock", "llm.api-key=k").run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(LlmTemplate.class).config().baseUrl())
					.hasToString("https://bedrock-runtime.ap-south-1.amazonaws.com");
			});
		}
		finally {
			restore("aws.region", previous);
		}
	}

	@Test
	void failsWithoutARegionNamingTheProperty() {
		org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_REGION") == null, "AWS_REGION is set here");
		String metadata = System.setProperty("aws.disableEc2Metadata", "true");
		String configFile = System.setProperty("aws.configFile", "/nonexistent/aws-config");
		try {
			this.contextRunner.withPropertyValues("llm.provider=bedrock", "llm.api-key=k").run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new LlmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("llm.bedrock.region");
				assertThat(analysis.getAction()).contains("llm.bedrock.region").contains("us-east-1");
			});
		}
		finally {
			restore("aws.disableEc2Metadata", metadata);
			restore("aws.configFile", configFile);
		}
	}

	@Test
	void signatureV4WithoutTheAwsSignerFailsNamingTheArtifact() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AwsV4HttpSigner.class))
			.withPropertyValues("llm.provider=bedrock", "llm.bedrock.region=us-east-1")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new LlmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("llm.api-key")
					.contains("software.amazon.awssdk:http-auth-aws");
				assertThat(analysis.getAction()).contains("software.amazon.awssdk:http-auth-aws");
			});
	}

	@Test
	void anApiKeyNeedsNoAwsLibrary() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AwsV4HttpSigner.class, AwsCredentialsProvider.class))
			.withPropertyValues("llm.provider=bedrock", "llm.bedrock.region=us-east-1", "llm.api-key=bedrock-key")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void anAwsCredentialsProviderBeanReplacesTheDefaultChain() {
		wm.stubFor(post(urlPathMatching("/model/.*/converse")).willReturn(okJson(ANSWER)));
		this.contextRunner.withUserConfiguration(CredentialsConfiguration.class)
			.withPropertyValues("llm.provider=bedrock", "llm.bedrock.region=us-east-1", "llm.base-url=" + wm.baseUrl(),
					"llm.model=amazon.nova-pro-v1:0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(LlmTemplate.class).chat("Hi").block(Duration.ofSeconds(30))).isEqualTo("Hi!");
				wm.verify(postRequestedFor(urlPathMatching("/model/amazon.nova-pro-v1%3A0/converse"))
					.withHeader("Authorization", containing("Credential=AKIDFROMBEAN/")));
			});
	}

	@Test
	void documentsTheRegionPropertyInTheMetadata() throws java.io.IOException {
		try (java.io.InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			tools.jackson.databind.JsonNode metadata = tools.jackson.databind.json.JsonMapper.builder().build().readTree(in);
			boolean found = false;
			for (tools.jackson.databind.JsonNode property : metadata.path("properties")) {
				if (property.path("name").asString("").equals("llm.bedrock.region")) {
					found = true;
					assertThat(property.path("description").asString("")).contains("AWS region");
				}
			}
			assertThat(found).as("llm.bedrock.region in the metadata").isTrue();
		}
	}

	private static void restore(String name, String previous) {
		if (previous == null) {
			System.clearProperty(name);
		}
		else {
			System.setProperty(name, previous);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class CredentialsConfiguration {

		@Bean
		AwsCredentialsProvider awsCredentialsProvider() {
			return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFROMBEAN", "secret-from-bean-0123"));
		}

	}

}
