package io.github.llmclient.pricing;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.llmclient.chat.Usage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Model prices ({@code llm.pricing.<model>.*}, per million tokens) and the cost of a call's usage
 * at them. A model's prices are those configured for its exact id, or else for the longest
 * configured prefix of it ({@code gpt-4o} prices {@code gpt-4o-2024-08-06}; {@code gpt-4o-mini},
 * when configured, wins for {@code gpt-4o-mini-2024-07-18}); ids compare ignoring case. A model
 * without prices costs nothing, and is named once at INFO. Batch-job results cost
 * {@code 1 - batchDiscount} of the price. Immutable and thread-safe.
 */
public final class Pricing {

	private static final Log logger = LogFactory.getLog(Pricing.class);

	/** No prices: every call costs nothing, and nothing is logged. */
	public static final Pricing NONE = new Pricing(Map.of(), "USD", 0.5);

	private static final double PER_MILLION = 1_000_000d;

	/** Longest id first, so the first prefix that matches is the longest. */
	private final List<Map.Entry<String, ModelPrice>> byLongestId;

	private final Map<String, ModelPrice> prices;

	private final String currency;

	private final double batchDiscount;

	private final Set<String> unpricedLogged = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the pricing.
	 * @param prices the prices by model id or id prefix
	 * @param currency the currency of the prices, e.g. {@code USD} (the base unit of the cost meter)
	 * @param batchDiscount the share taken off the price of batch-job results, from 0 to 1
	 * ({@code 0.5}: half price)
	 */
	public Pricing(Map<String, ModelPrice> prices, String currency, double batchDiscount) {
		Objects.requireNonNull(currency, "currency must not be null");
		if (currency.isBlank()) {
			throw new IllegalArgumentException("The currency must not be blank");
		}
		if (!(batchDiscount >= 0 && batchDiscount <= 1)) {
			throw new IllegalArgumentException("The batch discount is a share from 0 to 1, was " + batchDiscount);
		}
		Map<String, ModelPrice> normalized = new LinkedHashMap<>();
		prices.forEach((id, price) -> normalized.put(id.toLowerCase(Locale.ROOT), Objects.requireNonNull(price)));
		this.prices = Map.copyOf(normalized);
		this.byLongestId = normalized.entrySet()
			.stream()
			.sorted(Comparator.comparingInt((Map.Entry<String, ModelPrice> entry) -> entry.getKey().length()).reversed())
			.map((entry) -> Map.entry(entry.getKey(), entry.getValue()))
			.toList();
		this.currency = currency;
		this.batchDiscount = batchDiscount;
	}

	/**
	 * Whether any model has prices; without any, the cost meter is not recorded at all.
	 * @return true when at least one model is priced
	 */
	public boolean hasPrices() {
		return !this.prices.isEmpty();
	}

	/**
	 * The currency of the prices and costs.
	 * @return e.g. {@code USD}
	 */
	public String currency() {
		return this.currency;
	}

	/**
	 * The share taken off the price of batch-job results.
	 * @return from 0 to 1
	 */
	public double batchDiscount() {
		return this.batchDiscount;
	}

	/**
	 * The prices of a model: its exact id's, or the longest configured prefix's.
	 * @param model the model id
	 * @return the prices, or null when none is configured
	 */
	public @Nullable ModelPrice price(@Nullable String model) {
		if (model == null || model.isEmpty()) {
			return null;
		}
		String id = model.toLowerCase(Locale.ROOT);
		ModelPrice exact = this.prices.get(id);
		if (exact != null) {
			return exact;
		}
		for (Map.Entry<String, ModelPrice> entry : this.byLongestId) {
			if (id.startsWith(entry.getKey())) {
				return entry.getValue();
			}
		}
		return null;
	}

	/**
	 * What a call's usage cost. Input tokens are split into those read from the cache, those
	 * written to it and the rest, each at its price.
	 * @param model the model the call asked for (or that answered)
	 * @param usage the call's usage
	 * @param batch whether it was a batch-job result (billed at the batch discount)
	 * @return the cost, or null when the model has no prices (named once at INFO)
	 */
	public @Nullable Cost cost(@Nullable String model, Usage usage, boolean batch) {
		ModelPrice price = price(model);
		if (price == null) {
			logUnpriced(model);
			return null;
		}
		int cached = Math.max(0, usage.cachedInputTokens());
		int written = Math.max(0, usage.cacheWriteInputTokens());
		int uncached = Math.max(0, usage.inputTokens() - cached - written);
		double input = (uncached * price.input() + cached * price.cachedInputOrInput()
				+ written * price.cacheWriteOrInput()) / PER_MILLION;
		double output = Math.max(0, usage.outputTokens()) * price.output() / PER_MILLION;
		double factor = batch ? 1 - this.batchDiscount : 1;
		return new Cost(input * factor, output * factor);
	}

	private void logUnpriced(@Nullable String model) {
		String name = (model != null) ? model : "(unknown)";
		if (this.unpricedLogged.add(name.toLowerCase(Locale.ROOT)) && logger.isInfoEnabled()) {
			logger.info("No price for model '" + name + "' in llm.pricing: its calls cost nothing in llm.client.cost "
					+ "(set llm.pricing." + name + ".input and .output, per million tokens, or a prefix of it)");
		}
	}

	@Override
	public String toString() {
		return "Pricing[" + this.prices.keySet() + ", " + this.currency + ", batch discount " + this.batchDiscount + "]";
	}

}
