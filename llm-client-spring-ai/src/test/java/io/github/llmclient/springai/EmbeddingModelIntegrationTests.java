package io.github.llmclient.springai;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.autoconfigure.LlmAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link LlmEmbeddingModel} under Spring AI's {@link SimpleVectorStore}, against a scripted server. */
class EmbeddingModelIntegrationTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmSpringAiAutoConfiguration.class))
		.withPropertyValues("llm.api-key=" + OpenAiScript.API_KEY, "llm.base-url=" + server.baseUrl() + "/v1",
				"llm.model=gpt-4o-mini", "llm.embedding-model=text-embedding-3-small", "llm.embedding-dimensions=3");

	@Test
	void similaritySearchRanksTheDocumentsByTheirVectors() {
		stubVector("Cats purr", 1, 0, 0);
		stubVector("Stocks fell", 0, 1, 0);
		stubVector("Pets sleep", 0.8f, 0.6f, 0);
		stubVector("kitten", 0.9f, 0.1f, 0);
		this.contextRunner.run((context) -> {
			EmbeddingModel model = context.getBean(EmbeddingModel.class);
			assertThat(model).isInstanceOf(LlmEmbeddingModel.class);
			SimpleVectorStore store = SimpleVectorStore.builder(model).build();
			store.add(List.of(new Document("cats", "Cats purr.", java.util.Map.of()),
					new Document("stocks", "Stocks fell.", java.util.Map.of()),
					new Document("pets", "Pets sleep.", java.util.Map.of())));
			List<Document> found = store
				.similaritySearch(SearchRequest.builder().query("A kitten?").topK(3).build());
			assertThat(found).extracting(Document::getId).containsExactly("cats", "pets", "stocks");
			server.verify(postRequestedFor(urlEqualTo(OpenAiScript.EMBEDDINGS))
				.withRequestBody(matchingJsonPath("$.model", containing("text-embedding-3-small"))));
		});
	}

	private static void stubVector(String text, float... vector) {
		server.stubFor(post(urlEqualTo(OpenAiScript.EMBEDDINGS))
			.withRequestBody(matchingJsonPath("$.input[0]", containing(text)))
			.willReturn(OpenAiScript.embeddings(vector)));
	}

	@Test
	void dimensionsComeFromTheDeclaredPropertyWithoutACall() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(EmbeddingModel.class).dimensions()).isEqualTo(3);
			server.verify(0, postRequestedFor(urlEqualTo(OpenAiScript.EMBEDDINGS)));
		});
	}

	@Test
	void theDeclaredDimensionsAreNotSent() {
		server.stubFor(post(urlEqualTo(OpenAiScript.EMBEDDINGS)).willReturn(OpenAiScript.embeddings(new float[] { 1, 0, 0 })));
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(EmbeddingModel.class).embed("one")).containsExactly(1, 0, 0);
			assertThat(server.findAll(postRequestedFor(urlEqualTo(OpenAiScript.EMBEDDINGS))).get(0).getBodyAsString())
				.doesNotContain("dimensions");
		});
	}

	@Test
	void withoutTheDeclaredDimensionsTheyAreMeasuredWithOneCall() {
		server.stubFor(post(urlEqualTo(OpenAiScript.EMBEDDINGS))
			.willReturn(OpenAiScript.embeddings(new float[] { 1, 0, 0, 0, 0 })));
		this.contextRunner.withPropertyValues("llm.embedding-dimensions=").run((context) -> {
			assertThat(context.getBean(EmbeddingModel.class).dimensions()).isEqualTo(5);
			server.verify(1, postRequestedFor(urlEqualTo(OpenAiScript.EMBEDDINGS)));
		});
	}

}
