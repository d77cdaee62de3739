package io.github.llmclient.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated metadata documents every {@code llm.*} property, so IDEs can complete them. */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyOfTheSpecificationIsDescribed() throws IOException {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.path("properties")) {
			names.add(property.path("name").asString());
			assertThat(property.path("description").asString("")).as(property.path("name").asString()).isNotBlank();
		}
		assertThat(names).contains("llm.provider", "llm.api-key", "llm.base-url", "llm.model", "llm.max-tokens",
				"llm.timeout", "llm.first-chunk-timeout", "llm.stream-idle-timeout", "llm.connect-timeout",
				"llm.max-retries", "llm.max-concurrent", "llm.max-queued", "llm.retry.initial-backoff",
				"llm.retry.multiplier", "llm.retry.max-backoff", "llm.retry.jitter", "llm.retry.status-codes",
				"llm.retry.max-retry-after", "llm.retry.max-elapsed", "llm.retry.quota.enabled",
				"llm.retry.quota.capacity", "llm.retry.quota.retry-cost", "llm.retry.quota.timeout-cost",
				"llm.retry.quota.success-refund", "llm.anthropic.version",
				"llm.azure.api-version", "llm.headers", "llm.stream-usage", "llm.fallback", "llm.clients");
	}

}
