package io.github.llmclient.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.llmclient.pricing.ModelPrice;
import io.github.llmclient.pricing.Pricing;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code llm.pricing.*} into {@link Pricing}, failing at startup on a key or value it does
 * not understand, naming the property. The properties bind as one flat map whose keys are
 * {@code <model>.<kind>}: a model id may hold dots ({@code gpt-4.1}), so the kind is what follows
 * the last dot.
 */
final class PricingFactory {

	private static final String PREFIX = "llm.pricing.";

	private static final String CURRENCY = "currency";

	private static final String BATCH_DISCOUNT = "batch-discount";

	private PricingFactory() {
	}

	static Pricing create(Map<String, String> properties) {
		String currency = "USD";
		double batchDiscount = 0.5;
		Map<String, Map<String, Double>> models = new LinkedHashMap<>();
		for (Map.Entry<String, String> entry : properties.entrySet()) {
			String key = unbracket(entry.getKey());
			String value = entry.getValue().strip();
			if (key.equals(CURRENCY)) {
				if (value.isEmpty()) {
					throw new LlmConfigurationException(PREFIX + CURRENCY, "must not be blank",
							"Set the currency the prices are in, e.g. USD or EUR.");
				}
				currency = value;
				continue;
			}
			if (key.equals(BATCH_DISCOUNT)) {
				batchDiscount = number(PREFIX + BATCH_DISCOUNT, value);
				if (batchDiscount > 1) {
					throw new LlmConfigurationException(PREFIX + BATCH_DISCOUNT, "must be from 0 to 1, was " + value,
							"Set the share taken off batch-job results, e.g. 0.5 for half price.");
				}
				continue;
			}
			int dot = key.lastIndexOf('.');
			String kind = (dot > 0) ? key.substring(dot + 1) : "";
			if (!kind.equals("input") && !kind.equals("cached-input") && !kind.equals("cache-write")
					&& !kind.equals("output")) {
				throw new LlmConfigurationException(PREFIX + key, "not a price",
						"Name a model's price per million tokens: llm.pricing.<model>.input, .cached-input, "
								+ ".cache-write or .output (or set llm.pricing.currency, llm.pricing.batch-discount).");
			}
			models.computeIfAbsent(unbracket(key.substring(0, dot)), (model) -> new LinkedHashMap<>())
				.put(kind, number(PREFIX + key, value));
		}
		Map<String, ModelPrice> prices = new LinkedHashMap<>();
		models.forEach((model, kinds) -> prices.put(model, price(model, kinds)));
		return new Pricing(prices, currency, batchDiscount);
	}

	private static ModelPrice price(String model, Map<String, Double> kinds) {
		if (!kinds.containsKey("input") || !kinds.containsKey("output")) {
			String missing = kinds.containsKey("input") ? "output" : "input";
			throw new LlmConfigurationException(PREFIX + model + "." + missing, "missing",
					"Set both the input and the output price of model " + model + ", per million tokens.");
		}
		return new ModelPrice(kinds.get("input"), kinds.get("cached-input"), kinds.get("cache-write"),
				kinds.get("output"));
	}

	private static double number(String property, String value) {
		double number;
		try {
			number = Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			number = Double.NaN;
		}
		if (!(number >= 0) || Double.isInfinite(number)) {
			throw new LlmConfigurationException(property, "'" + value + "' is not a number of at least 0",
					"Set a price per million tokens such as 2.50 (or a share from 0 to 1 for the batch discount).");
		}
		return number;
	}

	/** A key written with brackets to keep its dots or case ({@code [gpt-4.1]}) without them. */
	private static String unbracket(@Nullable String key) {
		String text = (key != null) ? key : "";
		return text.replace("[", "").replace("]", "");
	}

}
