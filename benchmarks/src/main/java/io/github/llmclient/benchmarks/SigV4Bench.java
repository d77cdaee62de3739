package io.github.llmclient.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.provider.bedrock.BedrockSigV4;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * S8's S1 half: non-streaming Converse chats at a fixed concurrency against an in-process stub,
 * through two Bedrock {@link LlmTemplate}s that differ only in how they authorise — a Bedrock API
 * key (a constant bearer header) or SigV4 with static credentials ({@link BedrockSigV4}, every
 * request signed over its exact bytes). The two alternate round by round in one JVM, so the
 * machine's load falls on both; the ratio of their median req/s is the figure.
 */
final class SigV4Bench {

	private static final byte[] CONVERSE = ("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":"
			+ "\"Hello! How can I help you today?\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":12,"
			+ "\"outputTokens\":9,\"totalTokens\":21},\"metrics\":{\"latencyMs\":120}}")
		.getBytes(StandardCharsets.UTF_8);

	private SigV4Bench() {
	}

	/**
	 * Runs the comparison and prints its line.
	 * @param calls the calls of each round
	 * @param rounds the rounds of each client
	 */
	static void run(int calls, int rounds) {
		DisposableServer stub = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.aggregate()
				.then(response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(CONVERSE.length))
					.sendByteArray(Mono.just(CONVERSE))
					.then()))
			.bindNow();
		try {
			String base = "http://127.0.0.1:" + stub.port();
			LlmTemplate key = template(base, "bench-bedrock-key", null);
			LlmTemplate signed = template(base, null, BedrockSigV4.create(
					StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "bench-secret")),
					"us-east-1"));
			chats(key, calls);
			chats(signed, calls);
			double[] keyRates = new double[rounds];
			double[] signedRates = new double[rounds];
			for (int round = 0; round < rounds; round++) {
				keyRates[round] = chats(key, calls);
				signedRates[round] = chats(signed, calls);
			}
			Arrays.sort(keyRates);
			Arrays.sort(signedRates);
			System.out.printf(Locale.ROOT,
					"S8 S1 on Bedrock (%d calls x %d rounds, concurrency 16): key %.0f req/s, SigV4 %.0f req/s, "
							+ "SigV4 / key %.3f%n",
					calls, rounds, keyRates[rounds / 2], signedRates[rounds / 2],
					signedRates[rounds / 2] / keyRates[rounds / 2]);
		}
		finally {
			stub.disposeNow(Duration.ofSeconds(2));
		}
	}

	private static LlmTemplate template(String base, @Nullable String apiKey, @Nullable BedrockSigV4 signer) {
		ClientConfig config = ClientConfig.builder(Provider.BEDROCK)
			.name((signer != null) ? "sigv4" : "key")
			.baseUrl(base)
			.apiKey(apiKey)
			.bedrockRegion("us-east-1")
			.model("anthropic.claude-haiku-4-5-20251001-v1:0")
			.maxConcurrent(64)
			.maxQueued(1000)
			.build();
		LlmTemplate.Builder builder = LlmTemplate.builder(config);
		if (signer != null) {
			builder.requestAuth(signer);
		}
		return builder.build();
	}

	private static double chats(LlmTemplate template, int calls) {
		long start = System.nanoTime();
		long answered = Flux.range(0, calls)
			.flatMap((i) -> template.chat("Hi"), 16)
			.filter((answer) -> answer.startsWith("Hello!"))
			.count()
			.block(Duration.ofMinutes(5));
		if (answered != calls) {
			throw new IllegalStateException(answered + " right answers of " + calls);
		}
		return calls / ((System.nanoTime() - start) / 1e9);
	}

}
