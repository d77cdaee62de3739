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

	/** Client groups: each is one more LlmTemplate spreading its calls over its member clients. */
	private final Map<String, GroupProperties> groups = new LinkedHashMap<>();

	public Map<String, ClientProperties> getClients() {
		return this.clients;
	}

	public Map<String, GroupProperties> getGroups() {
		return this.groups;
	}

}
