package io.github.llmclient.autoconfigure;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.metrics.LlmMetrics;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configures an {@link LlmTemplate} from the {@code llm.*} properties. Every bean backs off
 * when the application defines its own; a {@link RetryPolicy} bean replaces the policy built from
 * {@code llm.retry.*}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, HttpClient.class })
@EnableConfigurationProperties(LlmProperties.class)
public final class LlmAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientConfig llmClientConfig(LlmProperties properties) {
		return ClientConfigFactory.topLevel(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	LlmTemplate llmTemplate(ClientConfig config, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<RetryPolicy> retryPolicy, ObjectProvider<LlmMetrics> metrics) {
		LlmTemplate.Builder builder = LlmTemplate.builder(config)
			.webClientBuilder(webClientBuilder.getIfAvailable(WebClient::builder));
		retryPolicy.ifUnique(builder::retryPolicy);
		metrics.ifUnique(builder::metrics);
		return builder.build();
	}

}
