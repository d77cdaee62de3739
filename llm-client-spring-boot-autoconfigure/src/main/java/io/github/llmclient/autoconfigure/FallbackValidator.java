package io.github.llmclient.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.llmclient.ClientConfig;

/**
 * Checks the clients' {@code fallback} properties together: each names a known client, no client
 * is named {@code default}, and no chain of fallbacks loops.
 */
final class FallbackValidator {

	private FallbackValidator() {
	}

	/**
	 * Checks that every {@code fallback} names a known client and that no chain of fallbacks loops.
	 * @param properties the {@code llm.*} properties
	 */
	static void validate(LlmProperties properties) {
		Map<String, String> fallbacks = new LinkedHashMap<>();
		if (properties.getFallback() != null) {
			fallbacks.put(ClientConfig.DEFAULT_NAME, properties.getFallback());
		}
		properties.getClients().forEach((name, client) -> {
			if (client.getFallback() != null) {
				fallbacks.put(name, client.getFallback());
			}
		});
		if (properties.getClients().containsKey(ClientConfig.DEFAULT_NAME)) {
			throw new LlmConfigurationException("llm.clients.default",
					"'default' is the name of the top-level client configured by llm.*",
					"Configure the default client with llm.* directly, or give this client another name");
		}
		Set<String> known = new LinkedHashSet<>();
		known.add(ClientConfig.DEFAULT_NAME);
		known.addAll(properties.getClients().keySet());
		fallbacks.forEach((name, target) -> {
			String property = property(name, "fallback");
			if (!known.contains(target)) {
				throw new LlmConfigurationException(property, "no client named '" + target + "'",
						"Set " + property + " to one of " + known + ", or configure llm.clients." + target);
			}
			List<String> chain = new ArrayList<>(List.of(name));
			String next = target;
			while (next != null) {
				if (chain.contains(next)) {
					chain.add(next);
					throw new LlmConfigurationException(property,
							"the fallbacks form a cycle: " + String.join(" -> ", chain),
							"Remove one fallback of the cycle so that every chain ends at a client without "
									+ "fallback");
				}
				chain.add(next);
				next = fallbacks.get(next);
			}
		});
	}

	private static String property(String client, String name) {
		return ClientConfig.DEFAULT_NAME.equals(client) ? "llm." + name : "llm.clients." + client + "." + name;
	}

}
