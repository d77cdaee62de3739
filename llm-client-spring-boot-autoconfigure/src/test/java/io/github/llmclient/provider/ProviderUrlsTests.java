package io.github.llmclient.provider;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests of {@link ProviderUrls}. */
class ProviderUrlsTests {

	@Test
	void resolveAppendsPathKeepingBasePathAndQuery() {
		assertThat(ProviderUrls.resolve(URI.create("https://api.anthropic.com/v1"), "messages"))
			.hasToString("https://api.anthropic.com/v1/messages");
		assertThat(ProviderUrls.resolve(URI.create("https://api.anthropic.com/v1/"), "messages"))
			.hasToString("https://api.anthropic.com/v1/messages");
		assertThat(ProviderUrls.resolve(URI.create("https://r.openai.azure.com/openai/v1?api-version=preview"),
				"chat/completions"))
			.hasToString("https://r.openai.azure.com/openai/v1/chat/completions?api-version=preview");
	}

	@Test
	void withQueryParamAppendsEncodedParameter() {
		assertThat(ProviderUrls.withQueryParam(URI.create("https://h/models"), "limit", "1000"))
			.hasToString("https://h/models?limit=1000");
		assertThat(ProviderUrls.withQueryParam(URI.create("https://h/models?a=b"), "v", "x y&z"))
			.hasToString("https://h/models?a=b&v=x%20y%26z");
	}

	@Test
	void pathEndsWithIgnoresCaseAndTrailingSlash() {
		assertThat(ProviderUrls.pathEndsWith(URI.create("https://h/openai/v1/"), "/openai/v1")).isTrue();
		assertThat(ProviderUrls.pathEndsWith(URI.create("https://h/OpenAI"), "/openai")).isTrue();
		assertThat(ProviderUrls.pathEndsWith(URI.create("https://h"), "/openai")).isFalse();
		assertThat(ProviderUrls.pathEndsWith(URI.create("https://h/v1"), "/openai/v1")).isFalse();
	}

	@Test
	void encodeSegmentEscapesSlashesAndSpaces() {
		assertThat(ProviderUrls.encodeSegment("team a/gpt-4o")).isEqualTo("team%20a%2Fgpt-4o");
	}

}
