package io.github.llmclient.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code llm.*} properties: the top-level client (named {@code default}) and further named
 * clients under {@code llm.clients.<name>.*}, each inheriting every unset property from the top
 * level except {@code fallback}.
 */
@ConfigurationProperties("llm")
public class LlmProperties extends ClientProperties {

	/** Further named clients; each inherits every unset property from llm.* except fallback. */
	private final Map<String, ClientProperties> clients = new LinkedHashMap<>();

	/** Client groups: each is one more client that sends every call to one of its members. */
	private final Map<String, GroupProperties> groups = new LinkedHashMap<>();

	/**
	 * Model prices per million tokens, for the llm.client.cost meter: llm.pricing.<model>.input,
	 * .cached-input, .cache-write and .output (a model matches its exact id or the longest
	 * configured prefix), llm.pricing.currency (default USD) and llm.pricing.batch-discount (the
	 * share taken off batch-job results, default 0.5).
	 */
	private final Map<String, String> pricing = new LinkedHashMap<>();

	public Map<String, ClientProperties> getClients() {
		return this.clients;
	}

	public Map<String, GroupProperties> getGroups() {
		return this.groups;
	}

	public Map<String, String> getPricing() {
		return this.pricing;
	}

}
