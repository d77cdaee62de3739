package io.github.llmclient.springai;

import java.util.Objects;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.ChatRequest;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Spring AI's {@link ChatModel} over an {@link LlmTemplate} (a client or a client group): every
 * call travels the starter's road (retries honouring rate limits, a stream retried before its
 * first content, permits, budgets, fallback, groups and breakers, meters) and this class only
 * maps Spring AI's types to the starter's and back.
 *
 * <p>
 * Following Spring AI 2.0's contract, the model never runs tools: it sends the definitions of the
 * options' tool callbacks and returns the model's tool calls as
 * {@link org.springframework.ai.chat.messages.AssistantMessage.ToolCall}s, which
 * {@code ChatClient}'s tool-calling advisor executes before calling again. A stream delivers text
 * deltas as they come and each tool call once, whole, on its last response.
 *
 * <p>
 * Each call is observed as Spring AI's {@code gen_ai.client.operation}
 * ({@link ChatModelObservationDocumentation}), tagged {@code llm.client} with the client's name.
 * The starter's own {@code gen_ai.client.token.usage} summary counts the tokens; the
 * auto-configuration denies the token counter Spring AI's meter handler would add for the same
 * call, so that they are counted once.
 */
public final class LlmChatModel implements ChatModel, StreamingChatModel {

	/** The low-cardinality key naming the client on Spring AI's chat observation. */
	public static final String CLIENT_KEY = "llm.client";

	private static final ChatModelObservationConvention DEFAULT_CONVENTION = new DefaultChatModelObservationConvention();

	private final LlmTemplate template;

	private final LlmChatOptions defaultOptions;

	private final ObservationRegistry observationRegistry;

	private @Nullable ChatModelObservationConvention observationConvention;

	private final KeyValue clientKeyValue;

	/**
	 * A model with the client's defaults and no observation.
	 * @param template the client or group every call goes to
	 */
	public LlmChatModel(LlmTemplate template) {
		this(template, defaultOptions(template), ObservationRegistry.NOOP);
	}

	/**
	 * A model.
	 * @param template the client or group every call goes to
	 * @param defaultOptions the options of a prompt that has none ({@link #getOptions()})
	 * @param observationRegistry where Spring AI's chat observation is recorded
	 */
	public LlmChatModel(LlmTemplate template, LlmChatOptions defaultOptions, ObservationRegistry observationRegistry) {
		this.template = Objects.requireNonNull(template, "template must not be null");
		this.defaultOptions = Objects.requireNonNull(defaultOptions, "defaultOptions must not be null");
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry must not be null");
		this.clientKeyValue = KeyValue.of(CLIENT_KEY, template.config().name());
	}

	/**
	 * The default options of a client's model: its configured model (a group's members each use
	 * their own whatever the request says), everything else left to the client's configuration.
	 * @param template the client or group
	 * @return the options
	 */
	public static LlmChatOptions defaultOptions(LlmTemplate template) {
		return LlmChatOptions.builder().model(template.config().model()).build();
	}

	/**
	 * Replaces the convention of Spring AI's chat observation.
	 * @param observationConvention the convention
	 */
	public void setObservationConvention(ChatModelObservationConvention observationConvention) {
		this.observationConvention = Objects.requireNonNull(observationConvention,
				"observationConvention must not be null");
	}

	/**
	 * The template this model calls.
	 * @return the client or group
	 */
	public LlmTemplate getTemplate() {
		return this.template;
	}

	@Override
	public LlmChatOptions getOptions() {
		return this.defaultOptions;
	}

	/**
	 * Sends the prompt and waits for the whole answer on the calling thread. {@link ChatModel#call}
	 * is synchronous by contract, so this blocks the calling thread (no other thread is involved:
	 * the answer is handed from the connection's event loop to the waiting caller). It refuses to
	 * run on a non-blocking thread (a Reactor Netty event loop, Reactor's parallel scheduler),
	 * where {@link #stream(Prompt)} is the call to make.
	 * @param prompt the prompt; without options, {@link #getOptions()}
	 * @return the answer, tool calls unexecuted
	 * @throws io.github.llmclient.error.LlmException when the call fails after the starter's
	 * retries and fallback
	 * @throws IllegalStateException when called on a non-blocking thread, before anything is sent
	 */
	@Override
	public ChatResponse call(Prompt prompt) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("LlmChatModel.call(Prompt) waits for the answer (Spring AI's ChatModel.call "
					+ "is synchronous) and cannot run on the non-blocking thread '" + Thread.currentThread().getName()
					+ "'; use stream(Prompt), or call it from a thread that may block "
					+ "(e.g. Mono.fromCallable(...).subscribeOn(Schedulers.boundedElastic()))");
		}
		LlmChatOptions options = options(prompt);
		ChatRequest request = PromptConverter.toRequest(prompt, options, this.template.config().provider());
		if (this.observationRegistry.isNoop()) {
			return send(request);
		}
		ChatModelObservationContext context = context(prompt, options, false);
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.observe(() -> {
				ChatResponse response = send(request);
				context.setResponse(response);
				return response;
			});
	}

	private ChatResponse send(ChatRequest request) {
		// ChatModel.call is a blocking API: waiting here, on the caller's thread, is its contract and
		// the one place this module blocks (call() refused non-blocking threads above). Mono.block
		// subscribes on this thread and parks it until the event loop delivers the answer: no
		// thread is borrowed for the wait; it rethrows the starter's unchecked LlmException as is
		io.github.llmclient.chat.ChatResponse answer = this.template.chat(request).block();
		return ResponseConverter.toChatResponse(Objects.requireNonNull(answer, "no answer"));
	}

	/**
	 * Streams the answer: a response per text or reasoning delta, as it comes, then one last
	 * response with the tool calls (each whole), the finish reason, the usage and replay data.
	 * Cold: each subscription is one call; cancelling it closes the connection.
	 * @param prompt the prompt; without options, {@link #getOptions()}
	 * @return the responses
	 */
	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.deferContextual((reactorContext) -> {
			LlmChatOptions options = options(prompt);
			ChatRequest request = PromptConverter.toRequest(prompt, options, this.template.config().provider());
			StreamConverter converter = new StreamConverter();
			// filter and map, not handle (nor mapNotNull, which is a handle): with context-propagation
			// on the classpath Reactor restores the subscriber context's ThreadLocals around every
			// handle() call, and ChatClient puts its observation there, so a handle() here opened
			// and closed an observation scope per chunk; the mapping needs no ThreadLocal. The
			// filter takes every chunk into the converter and passes those with text or reasoning
			Flux<ChatResponse> responses = this.template.stream(request)
				.filter(converter::add)
				.map(converter::delta)
				.concatWith(Mono.fromSupplier(converter::last));
			if (this.observationRegistry.isNoop()) {
				return responses;
			}
			ChatModelObservationContext context = context(prompt, options, true);
			Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
				.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry);
			Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			if (parent != null) {
				observation.parentObservation(parent);
			}
			observation.start();
			return responses.doOnError(observation::error).doFinally((signal) -> {
				context.setResponse(converter.aggregated());
				observation.stop();
			}).contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private ChatModelObservationContext context(Prompt prompt, LlmChatOptions options, boolean streaming) {
		Prompt observed = (prompt.getOptions() == options) ? prompt : prompt.mutate().chatOptions(options).build();
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(observed)
			.provider(this.template.config().provider().semanticConventionName())
			.streaming(streaming)
			.build();
		context.addLowCardinalityKeyValue(this.clientKeyValue);
		return context;
	}

	/**
	 * The options of a call: the prompt's own when they are this model's (ChatClient combines
	 * them with {@link #getOptions()} already), the defaults when it has none, and the defaults
	 * combined with portable options of another kind.
	 */
	private LlmChatOptions options(Prompt prompt) {
		ChatOptions options = prompt.getOptions();
		if (options instanceof LlmChatOptions own) {
			return own;
		}
		if (options == null) {
			return this.defaultOptions;
		}
		return this.defaultOptions.mutate().combineWith(options.mutate()).build();
	}

	@Override
	public String toString() {
		return "LlmChatModel[" + this.template.config().name() + "]";
	}

}
