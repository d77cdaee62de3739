package io.github.llmclient.springai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.llmclient.autoconfigure.LlmAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeTypeUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ChatClient} end to end over {@link LlmChatModel} against a scripted OpenAI server: a
 * call, a stream, a {@code @Tool} method run by ChatClient with the model's arguments (called and
 * streamed), typed answers prompt-based and native, images, and usage and finish reason in the
 * metadata.
 */
class ChatClientIntegrationTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmSpringAiAutoConfiguration.class))
		.withPropertyValues("llm.api-key=" + OpenAiScript.API_KEY, "llm.base-url=" + server.baseUrl() + "/v1",
				"llm.model=gpt-4o-mini", "llm.retry.initial-backoff=10ms", "llm.retry.jitter=0ms");

	@Test
	void callAnswersWithTextUsageAndFinishReason() {
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT)).willReturn(OpenAiScript.text("Reactor is a library.")));
		this.contextRunner.run((context) -> {
			ChatClient chatClient = ChatClient.create(context.getBean(ChatModel.class));
			ChatResponse response = chatClient.prompt()
				.system("Be brief.")
				.user("What is Reactor?")
				.call()
				.chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("Reactor is a library.");
			assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("stop");
			Usage usage = response.getMetadata().getUsage();
			assertThat(usage.getPromptTokens()).isEqualTo(21);
			assertThat(usage.getCompletionTokens()).isEqualTo(7);
			assertThat(usage.getTotalTokens()).isEqualTo(28);
			assertThat(usage.getCacheReadInputTokens()).isEqualTo(16L);
			assertThat(response.getMetadata().getModel()).isEqualTo("gpt-4o-mini-2024-07-18");
			server.verify(postRequestedFor(urlEqualTo(OpenAiScript.CHAT))
				.withRequestBody(matchingJsonPath("$.model", containing("gpt-4o-mini")))
				.withRequestBody(matchingJsonPath("$.messages[0].role", containing("system")))
				.withRequestBody(matchingJsonPath("$.messages[1].content", containing("What is Reactor?"))));
		});
	}

	@Test
	void callOnANonBlockingThreadFailsNamingStreamBeforeAnythingIsSent() {
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT)).willReturn(OpenAiScript.text("Reactor is a library.")));
		this.contextRunner.run((context) -> {
			ChatModel model = context.getBean(ChatModel.class);
			StepVerifier.create(Mono.fromCallable(() -> model.call(new Prompt("Hi"))).subscribeOn(Schedulers.parallel()))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("non-blocking thread")
					.hasMessageContaining("use stream(Prompt)"))
				.verify();
			server.verify(0, postRequestedFor(urlEqualTo(OpenAiScript.CHAT)));
			assertThat(model.call(new Prompt("Hi")).getResult().getOutput().getText())
				.isEqualTo("Reactor is a library.");
		});
	}

	@Test
	void streamDeliversTextDeltasAsTheyComeAndTheFinishReasonAndUsageLast() {
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT)).willReturn(OpenAiScript.textStream("Hel", "lo", "!")));
		this.contextRunner.run((context) -> {
			ChatClient chatClient = ChatClient.create(context.getBean(ChatModel.class));
			List<ChatResponse> responses = chatClient.prompt("Hi").stream().chatResponse().collectList().block();
			assertThat(responses).extracting((r) -> r.getResult().getOutput().getText())
				.containsExactly("Hel", "lo", "!", "");
			ChatResponse last = responses.get(responses.size() - 1);
			assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("stop");
			assertThat(last.getMetadata().getUsage().getTotalTokens()).isEqualTo(39);
			StepVerifier.create(chatClient.prompt("Hi").stream().content())
				.expectNext("Hel", "lo", "!")
				.verifyComplete();
		});
	}

	@Test
	void aToolMethodRunsOnceWithTheModelsArgumentsAndItsResultGoesBack() {
		stubToolLoop(OpenAiScript.toolCall("call_1", "weather", "{\"city\":\"Paris\"}"),
				OpenAiScript.text("It is sunny in Paris."));
		this.contextRunner.run((context) -> {
			WeatherTools tools = new WeatherTools();
			String answer = ChatClient.create(context.getBean(ChatModel.class))
				.prompt("Weather in Paris?")
				.tools(tools)
				.call()
				.content();
			assertThat(answer).isEqualTo("It is sunny in Paris.");
			assertThat(tools.cities).containsExactly("Paris");
			assertToolLoopRequests();
		});
	}

	@Test
	void aStreamedToolCallRunsOnceWholeAndTheAnswerStreams() {
		stubToolLoop(OpenAiScript.toolCallStream("call_1", "weather", "{\"city\":\"Paris\"}"),
				OpenAiScript.textStream("It is ", "sunny."));
		this.contextRunner.run((context) -> {
			WeatherTools tools = new WeatherTools();
			List<String> deltas = ChatClient.create(context.getBean(ChatModel.class))
				.prompt("Weather in Paris?")
				.tools(tools)
				.stream()
				.content()
				.collectList()
				.block();
			assertThat(String.join("", deltas)).isEqualTo("It is sunny.");
			assertThat(tools.cities).containsExactly("Paris");
			assertToolLoopRequests();
		});
	}

	@Test
	void theModelReturnsToolCallsUnexecuted() {
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT))
			.willReturn(OpenAiScript.toolCallStream("call_7", "weather", "{\"city\":\"Oslo\"}")));
		this.contextRunner.run((context) -> {
			LlmChatModel model = context.getBean(LlmChatModel.class);
			WeatherTools tools = new WeatherTools();
			var options = model.getOptions()
				.mutate()
				.toolCallbacks(org.springframework.ai.support.ToolCallbacks.from(tools))
				.build();
			List<ChatResponse> responses = model
				.stream(new org.springframework.ai.chat.prompt.Prompt("Weather in Oslo?", options))
				.collectList()
				.block();
			List<AssistantMessage.ToolCall> calls = responses.stream()
				.flatMap((r) -> r.getResult().getOutput().getToolCalls().stream())
				.toList();
			assertThat(calls).containsExactly(
					new AssistantMessage.ToolCall("call_7", "function", "weather", "{\"city\":\"Oslo\"}"));
			assertThat(responses.get(responses.size() - 1).getResult().getMetadata().getFinishReason())
				.isEqualTo("tool_calls");
			assertThat(tools.cities).isEmpty();
		});
	}

	@Test
	void entityPromptBasedAddsFormatInstructionsAndReadsTheAnswer() {
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT))
			.willReturn(OpenAiScript.text("{\"name\":\"Tokyo\",\"country\":\"Japan\"}")));
		this.contextRunner.run((context) -> {
			City city = ChatClient.create(context.getBean(ChatModel.class))
				.prompt("The largest city of Japan?")
				.call()
				.entity(City.class);
			assertThat(city).isEqualTo(new City("Tokyo", "Japan"));
			LoggedRequest request = server.findAll(postRequestedFor(urlEqualTo(OpenAiScript.CHAT))).get(0);
			assertThat(request.getBodyAsString()).contains("JSON").doesNotContain("response_format");
		});
	}

	@Test
	void entityNativeSendsTheSchemaAsTheResponseFormat() {
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT))
			.willReturn(OpenAiScript.text("{\"name\":\"Tokyo\",\"country\":\"Japan\"}")));
		this.contextRunner.run((context) -> {
			City city = ChatClient.create(context.getBean(ChatModel.class))
				.prompt("The largest city of Japan?")
				.call()
				.entity(City.class, (spec) -> spec.useProviderStructuredOutput());
			assertThat(city).isEqualTo(new City("Tokyo", "Japan"));
			server.verify(postRequestedFor(urlEqualTo(OpenAiScript.CHAT))
				.withRequestBody(matchingJsonPath("$.response_format.type", containing("json_schema")))
				.withRequestBody(matchingJsonPath("$.response_format.json_schema.schema.properties.country")));
		});
	}

	@Test
	void imagesOfTheUserMessageAreSentAsContentParts() {
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT)).willReturn(OpenAiScript.text("A red dot.")));
		this.contextRunner.run((context) -> {
			String answer = ChatClient.create(context.getBean(ChatModel.class))
				.prompt()
				.user((user) -> user.text("What is this?")
					.media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(new byte[] { 1, 2, 3 })))
				.call()
				.content();
			assertThat(answer).isEqualTo("A red dot.");
			server.verify(postRequestedFor(urlEqualTo(OpenAiScript.CHAT))
				.withRequestBody(matchingJsonPath("$.messages[0].content[0].text", containing("What is this?")))
				.withRequestBody(matchingJsonPath("$.messages[0].content[1].image_url.url",
						containing("data:image/png;base64,AQID"))));
		});
	}

	private void stubToolLoop(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder toolCall,
			com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT)).atPriority(5).willReturn(toolCall));
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT)).atPriority(1)
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
			.willReturn(answer));
	}

	private void assertToolLoopRequests() {
		List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(OpenAiScript.CHAT)));
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).getBodyAsString()).contains("\"name\":\"weather\"").contains("The weather in a city");
		server.verify(postRequestedFor(urlEqualTo(OpenAiScript.CHAT))
			.withRequestBody(matchingJsonPath("$.messages[1].tool_calls[0].id", containing("call_1")))
			.withRequestBody(matchingJsonPath("$.messages[2].tool_call_id", containing("call_1")))
			.withRequestBody(matchingJsonPath("$.messages[2].content", containing("sunny in Paris"))));
	}

	record City(String name, String country) {
	}

	static class WeatherTools {

		final List<String> cities = new CopyOnWriteArrayList<>();

		@Tool(description = "The weather in a city")
		String weather(String city) {
			this.cities.add(city);
			return "sunny in " + city;
		}

	}

}
