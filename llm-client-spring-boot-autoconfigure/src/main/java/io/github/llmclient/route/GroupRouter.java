package io.github.llmclient.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.GroupStrategy;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.batching.EmbeddingBatches;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.circuit.CircuitBreakerSettings;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmCircuitOpenException;
import io.github.llmclient.retry.RetryOperator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The routing of a client group ({@code llm.groups.<group>}): each call goes to one member picked
 * by the strategy; a failure another client may serve ({@link Fallback#takes}, an open circuit
 * included) moves it to the next member, a stream only before its first chunk; members whose
 * circuit is open are skipped without being called; when none is left, the last error is
 * delivered.
 * <p>
 * Internal: not an API, it may change in any release.
 */
public final class GroupRouter {

	private static final Log logger = LogFactory.getLog(GroupRouter.class);

	private final String name;

	private final GroupStrategy strategy;

	private final List<LlmTemplate> members;

	private final AtomicInteger next = new AtomicInteger();

	/** Whether a member's circuit is open and a call to it now would fail at once, unsent. */
	private final Predicate<LlmTemplate> refusing;

	/**
	 * Creates the routing of a group.
	 * @param name the group's name
	 * @param strategy how the member of a call is picked
	 * @param members the clients, at least one
	 * @param refusing whether a member's circuit refuses calls now (the template's own check,
	 * which is not part of its public API)
	 */
	public GroupRouter(String name, GroupStrategy strategy, List<LlmTemplate> members,
			Predicate<LlmTemplate> refusing) {
		this.refusing = Objects.requireNonNull(refusing, "refusing must not be null");
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.strategy = Objects.requireNonNull(strategy, "strategy must not be null");
		this.members = List.copyOf(members);
		if (this.members.isEmpty()) {
			throw new IllegalArgumentException("A group needs at least one member");
		}
	}

	/**
	 * The group's configuration as its template reports it: its first member's, under the
	 * group's name, without fallback or breaker, its {@code max-concurrent} the members' sum.
	 */
	public ClientConfig config() {
		return this.members.get(0)
			.config()
			.mutate()
			.name(this.name)
			.fallback(null)
			.maxConcurrent(this.members.stream().mapToInt((member) -> member.config().maxConcurrent()).sum())
			.circuitBreaker(CircuitBreakerSettings.defaults())
			.build();
	}

	/** The group's name. */
	public String name() {
		return this.name;
	}

	/** How the member of a call is picked. */
	public GroupStrategy strategy() {
		return this.strategy;
	}

	List<LlmTemplate> members() {
		return this.members;
	}

	/** A chat call on the members, each with its own default model. */
	public Mono<ChatResponse> chat(ChatRequest request) {
		return route((member) -> member.chat(Fallback.request(request, member)));
	}

	/** An embed call on the members, each with its own embedding model. */
	public Mono<EmbeddingResponse> embed(EmbeddingRequest request) {
		return route((member) -> member.embed(EmbeddingBatches.forFallback(request, member.config())));
	}

	/** The models of the member that answers. */
	public Mono<List<String>> models() {
		return route(LlmTemplate::models);
	}

	/** A stream on the members, moved to the next only before its first chunk. */
	public Flux<ChatChunk> stream(ChatRequest request) {
		return Flux.defer(() -> {
			AtomicBoolean delivered = new AtomicBoolean();
			return attempt(order(), 0, null, (member) -> member.stream(Fallback.request(request, member))
				.doOnNext((chunk) -> delivered.set(true)), delivered);
		});
	}

	private <T> Mono<T> route(Function<LlmTemplate, Mono<T>> call) {
		return Flux.defer(() -> attempt(order(), 0, null, (member) -> call.apply(member).flux(), null))
			.singleOrEmpty();
	}

	/**
	 * Runs the call on the member at {@code index} of {@code order}, or the first after it whose
	 * circuit is not refusing, moving on after a failure another client may serve (for a stream,
	 * only while nothing was delivered).
	 */
	private <T> Flux<T> attempt(List<LlmTemplate> order, int index, @Nullable Throwable last,
			Function<LlmTemplate, Flux<T>> call, @Nullable AtomicBoolean delivered) {
		int i = index;
		while (i < order.size() && this.refusing.test(order.get(i))) {
			i++;
		}
		if (i == order.size()) {
			return Flux.error((last != null) ? last : allOpen());
		}
		LlmTemplate member = order.get(i);
		int following = i + 1;
		return call.apply(member)
			.onErrorResume((ex) -> following < order.size() && Fallback.takes(ex)
					&& (delivered == null || !delivered.get()), (ex) -> {
						logger.warn("LLM group '" + this.name + "': client '" + member.config().name()
								+ "' failed (" + RetryOperator.reason(ex) + "), moving the call to the next member");
						return attempt(order, following, ex, call, delivered);
					});
	}

	/** The members in the order this call tries them. */
	List<LlmTemplate> order() {
		int size = this.members.size();
		int start = Math.floorMod(this.next.getAndIncrement(), size);
		List<LlmTemplate> order = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			order.add(this.members.get((start + i) % size));
		}
		if (this.strategy == GroupStrategy.LEAST_BUSY) {
			// a stable sort: equally busy members keep their rotated order, so idle members share the calls
			order.sort(Comparator.comparingInt((LlmTemplate member) -> member.activeRequests() + member.queuedRequests()));
		}
		return order;
	}

	/** Calls holding a permit of a member now. */
	public int activeRequests() {
		return this.members.stream().mapToInt(LlmTemplate::activeRequests).sum();
	}

	/** Calls waiting for a permit of a member now. */
	public int queuedRequests() {
		return this.members.stream().mapToInt(LlmTemplate::queuedRequests).sum();
	}

	private LlmCircuitOpenException allOpen() {
		ErrorDetails details = ErrorDetails.builder(this.members.get(0).config().provider().propertyValue())
			.statusCode(0)
			.errorType("circuit_open")
			.retryable(false)
			.build();
		return new LlmCircuitOpenException("Every member of LLM group '" + this.name + "' has an open circuit ("
				+ memberNames() + "); not sent", details, null);
	}

	/** The members' client names, comma-separated. */
	public String memberNames() {
		return String.join(", ", memberList());
	}

	/** The members' client names, in order. */
	public List<String> memberList() {
		return this.members.stream().map((member) -> member.config().name()).toList();
	}

}
