package io.github.llmclient.autoconfigure;

import java.net.URI;
import java.util.Date;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.Provider;
import io.github.llmclient.provider.RequestAuth;
import io.github.llmclient.provider.gemini.VertexSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Auto-configuration of the gemini and vertex-ai providers. */
class GeminiAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class));

	@Test
	void geminiUsesTheGoogleEndpointAndNeedsAKey() {
		this.contextRunner.withPropertyValues("llm.provider=gemini", "llm.api-key=k").run((context) -> {
			LlmTemplate template = context.getBean(LlmTemplate.class);
			assertThat(template.config().provider()).isEqualTo(Provider.GEMINI);
			assertThat(template.config().baseUrl()).isEqualTo(URI.create("https://generativelanguage.googleapis.com/v1beta"));
			assertThat(Provider.GEMINI.semanticConventionName()).isEqualTo("gcp.gemini");
		});
		this.contextRunner.withPropertyValues("llm.provider=gemini").run((context) -> {
			assertThat(context).hasFailed();
			LlmConfigurationException failure = configurationFailure(context.getStartupFailure());
			assertThat(failure.property()).isEqualTo("llm.api-key");
			assertThat(failure.action()).contains("GEMINI_API_KEY");
		});
	}

	@Test
	void vertexWithoutAProjectFailsAtStartupNamingIt() {
		this.contextRunner.withPropertyValues("llm.provider=vertex-ai").run((context) -> {
			assertThat(context).hasFailed();
			LlmConfigurationException failure = configurationFailure(context.getStartupFailure());
			assertThat(failure.property()).isEqualTo("llm.vertex.project");
			assertThat(failure.action()).contains("llm.api-key");
		});
	}

	@Test
	void vertexWithoutGoogleAuthLibraryFailsAtStartupNamingTheArtifact() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(GoogleCredentials.class))
			.withPropertyValues("llm.provider=vertex-ai", "llm.vertex.project=my-project")
			.run((context) -> {
				assertThat(context).hasFailed();
				LlmConfigurationException failure = configurationFailure(context.getStartupFailure());
				assertThat(failure.property()).isEqualTo("llm.provider");
				assertThat(failure.getMessage()).contains("com.google.auth:google-auth-library-oauth2-http");
				assertThat(failure.action()).contains("com.google.auth:google-auth-library-oauth2-http");
			});
	}

	@Test
	void vertexExpressModeNeedsNeitherProjectNorGoogleAuthLibrary() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(GoogleCredentials.class))
			.withPropertyValues("llm.provider=vertex-ai", "llm.api-key=express")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(LlmTemplate.class).config().baseUrl())
					.isEqualTo(URI.create("https://aiplatform.googleapis.com/v1"));
			});
	}

	@Test
	void vertexLocationChoosesTheHostAndNamedClientsInheritTheProject() {
		this.contextRunner.withUserConfiguration(CredentialsConfiguration.class)
			.withPropertyValues("llm.provider=vertex-ai", "llm.vertex.project=my-project",
					"llm.vertex.location=europe-west4", "llm.clients.global.provider=vertex-ai",
					"llm.clients.global.vertex.location=global")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				assertThat(templates.get("default").config().baseUrl())
					.isEqualTo(URI.create("https://europe-west4-aiplatform.googleapis.com/v1"));
				assertThat(templates.get("default").config().vertex())
					.isEqualTo(new VertexSettings("my-project", "europe-west4"));
				assertThat(templates.get("global").config().baseUrl())
					.isEqualTo(URI.create("https://aiplatform.googleapis.com/v1"));
				assertThat(templates.get("global").config().vertex().project()).isEqualTo("my-project");
				assertThat(Provider.VERTEX_AI.semanticConventionName()).isEqualTo("gcp.vertex_ai");
			});
	}

	@Test
	void vertexStartsWithoutLookingUpCredentialsUntilTheFirstCall() {
		// no GoogleCredentials bean and (on a build machine) no Application Default Credentials:
		// they are looked up at the first call, off the event loop, not at startup
		this.contextRunner.withPropertyValues("llm.provider=vertex-ai", "llm.vertex.project=my-project")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(VertexAuthConfiguration.BEAN_NAME, RequestAuth.class))
					.hasToString("GoogleCredentialsAuth[no token yet]");
			});
	}

	@Test
	void aGoogleCredentialsBeanReplacesApplicationDefaultCredentials() {
		this.contextRunner.withUserConfiguration(CredentialsConfiguration.class)
			.withPropertyValues("llm.provider=vertex-ai", "llm.vertex.project=my-project")
			.run((context) -> {
				RequestAuth auth = context.getBean(VertexAuthConfiguration.BEAN_NAME, RequestAuth.class);
				assertThat(auth.headers(null).block()).containsEntry("Authorization", "Bearer from-the-bean")
					.containsEntry("x-goog-user-project", "billing");
			});
	}

	@Test
	void aBadLocationFailsAtStartupNamingIt() {
		this.contextRunner.withPropertyValues("llm.provider=vertex-ai", "llm.vertex.project=p",
				"llm.vertex.location=evil.example.com/x").run((context) -> {
					assertThat(context).hasFailed();
					assertThat(configurationFailure(context.getStartupFailure()).property())
						.isEqualTo("llm.vertex.location");
				});
	}

	private static LlmConfigurationException configurationFailure(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof LlmConfigurationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("an LlmConfigurationException in " + failure).isNotNull();
		return (LlmConfigurationException) cause;
	}

	@Configuration(proxyBeanMethods = false)
	static class CredentialsConfiguration {

		@Bean
		GoogleCredentials googleCredentials() {
			return GoogleCredentials.newBuilder()
				.setAccessToken(new AccessToken("from-the-bean", new Date(System.currentTimeMillis() + 3_600_000)))
				.setQuotaProjectId("billing")
				.build();
		}

	}

}
