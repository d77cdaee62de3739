package io.github.llmclient.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * ChatClient's own cost, without HTTP and without the bridge: a single-threaded micro-benchmark of
 * a chat through {@code ChatClient.create(model).prompt(text).call().content()} against the same
 * trivial in-memory {@link ChatModel} called directly ({@code model.call(new Prompt(text))}). The
 * model answers a prebuilt response, so the difference is what ChatClient itself spends per call
 * (its request spec, options merge, advisor chain, observation on a no-op registry, response
 * wrapping): the floor under the {@code spring-ai-bridge} subject's S1 figure, whatever the model
 * beneath does. Reports thread CPU nanoseconds and bytes allocated per call (median of 20 rounds
 * after 20 of warm-up); and the same for a stream of 20,000 prebuilt text deltas through
 * {@code ChatClient...stream().content()} against {@code model.stream(prompt)}, by process CPU per
 * chunk (ChatClient hands each chunk to a bounded-elastic thread). {@code java -cp benchmarks.jar io.github.llmclient.benchmarks.ChatClientBench}.
 */
public final class ChatClientBench {

	private static final Log logger = HarnessLog.get(ChatClientBench.class);

	private static final int CALLS = 20_000;

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private ChatClientBench() {
	}

	/**
	 * Runs the micro-benchmark.
	 * @param args none
	 */
	public static void main(String[] args) {
		InMemoryModel model = new InMemoryModel();
		ChatClient client = ChatClient.create(model);
		BooleanSupplier direct = () -> Payloads.CHAT_ANSWER
			.equals(model.call(new Prompt(Payloads.PROMPT)).getResult().getOutput().getText());
		BooleanSupplier viaChatClient = () -> Payloads.CHAT_ANSWER
			.equals(client.prompt(Payloads.PROMPT).call().content());
		double[] directFigures = run(direct);
		double[] clientFigures = run(viaChatClient);
		logger.info(String.format(Locale.ROOT,
				"ChatModel.call directly: %.2f µs CPU, %,.0f B a call; through ChatClient: %.2f µs CPU, %,.0f B a call; "
						+ "ChatClient's own: %.2f µs CPU, %,.0f B a call",
				directFigures[0], directFigures[1], clientFigures[0], clientFigures[1],
				clientFigures[0] - directFigures[0], clientFigures[1] - directFigures[1]));
		BooleanSupplier streamDirect = () -> STREAM_TEXT.length() == model.stream(new Prompt(Payloads.PROMPT))
			.map((response) -> response.getResult().getOutput().getText())
			.reduce(0, (length, text) -> length + text.length())
			.block();
		BooleanSupplier streamViaChatClient = () -> STREAM_TEXT.length() == client.prompt(Payloads.PROMPT)
			.stream()
			.content()
			.reduce(0, (length, text) -> length + text.length())
			.block();
		double[] streamDirectFigures = runStreams(streamDirect);
		double[] streamClientFigures = runStreams(streamViaChatClient);
		logger.info(String.format(Locale.ROOT,
				"ChatModel.stream directly: %.3f µs CPU, %,.0f B a chunk; through ChatClient: %.3f µs CPU, %,.0f B a chunk; "
						+ "ChatClient's own: %.3f µs CPU, %,.0f B a chunk (process CPU: ChatClient hops threads)",
				streamDirectFigures[0], streamDirectFigures[1], streamClientFigures[0], streamClientFigures[1],
				streamClientFigures[0] - streamDirectFigures[0], streamClientFigures[1] - streamDirectFigures[1]));
	}

	/** The chunks of a stream, and their text joined. */
	private static final int STREAM_CHUNKS = 20_000;

	private static final String STREAM_TEXT = "word ".repeat(STREAM_CHUNKS);

	/**
	 * The median process CPU µs and bytes (all threads) per chunk of 10 rounds of 5 streams after
	 * 10 of warm-up.
	 */
	private static double[] runStreams(BooleanSupplier stream) {
		double[] cpu = new double[10];
		double[] allocated = new double[10];
		for (int round = -10; round < 10; round++) {
			long cpuBefore = ProcessStats.cpuNanos();
			long allocatedBefore = ProcessStats.allocatedBytes();
			for (int i = 0; i < 5; i++) {
				if (!stream.getAsBoolean()) {
					throw new IllegalStateException("wrong stream");
				}
			}
			if (round >= 0) {
				cpu[round] = (ProcessStats.cpuNanos() - cpuBefore) / 1e3 / (5.0 * STREAM_CHUNKS);
				allocated[round] = (ProcessStats.allocatedBytes() - allocatedBefore) / (5.0 * STREAM_CHUNKS);
			}
		}
		Arrays.sort(cpu);
		Arrays.sort(allocated);
		return new double[] { cpu[5], allocated[5] };
	}

	/** The median CPU µs and bytes per call of 20 rounds after 20 of warm-up. */
	private static double[] run(BooleanSupplier call) {
		double[] cpu = new double[20];
		double[] allocated = new double[20];
		long thread = Thread.currentThread().getId();
		for (int round = -20; round < 20; round++) {
			long cpuBefore = THREADS.getCurrentThreadCpuTime();
			long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
			for (int i = 0; i < CALLS; i++) {
				if (!call.getAsBoolean()) {
					throw new IllegalStateException("wrong answer");
				}
			}
			if (round >= 0) {
				cpu[round] = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e3 / CALLS;
				allocated[round] = (THREADS.getThreadAllocatedBytes(thread) - allocatedBefore) / (double) CALLS;
			}
		}
		Arrays.sort(cpu);
		Arrays.sort(allocated);
		return new double[] { cpu[10], allocated[10] };
	}

	/**
	 * A chat model that answers S1's answer at once, as one prebuilt response with usage, and
	 * whose options, like every Spring AI model's, take tools (so that ChatClient's tool-calling
	 * advisor runs its loop, as it does over a real model).
	 */
	private static final class InMemoryModel implements ChatModel {

		private final ChatResponse response = new ChatResponse(
				List.of(new Generation(AssistantMessage.builder().content(Payloads.CHAT_ANSWER).build())),
				ChatResponseMetadata.builder()
					.id("chatcmpl-bench")
					.model(Payloads.MODEL)
					.usage(new DefaultUsage(12, 9, 21))
					.build());

		private final ChatOptions options = ToolCallingChatOptions.builder().model(Payloads.MODEL).build();

		@Override
		public ChatResponse call(Prompt prompt) {
			return this.response;
		}

		/** A text delta per chunk, built once, as the bridge builds one per chunk (the same for both). */
		private final List<ChatResponse> chunks = java.util.stream.IntStream.range(0, STREAM_CHUNKS)
			.mapToObj((i) -> new ChatResponse(
					List.of(new Generation(AssistantMessage.builder().content("word ").build())),
					ChatResponseMetadata.builder().id("chatcmpl-bench").model(Payloads.MODEL).build()))
			.toList();

		@Override
		public reactor.core.publisher.Flux<ChatResponse> stream(Prompt prompt) {
			return reactor.core.publisher.Flux.fromIterable(this.chunks);
		}

		@Override
		public ChatOptions getOptions() {
			return this.options;
		}

	}

}
