package io.github.llmclient;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every configured client by name: {@code default} for the top-level {@code llm.*} client, and
 * one per {@code llm.clients.<name>}.
 *
 * <pre class="code">
 * LlmTemplate claude = templates.get("claude");
 * </pre>
 */
public final class LlmTemplates implements AutoCloseable {

	private final Map<String, LlmTemplate> templates;

	/**
	 * Creates the registry.
	 * @param templates the templates by name, in configuration order
	 */
	public LlmTemplates(Map<String, LlmTemplate> templates) {
		this.templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
	}

	/**
	 * The client of the given name.
	 * @param name {@code default} or a name under {@code llm.clients}
	 * @return its template
	 * @throws IllegalArgumentException for an unknown name, listing the known ones
	 */
	public LlmTemplate get(String name) {
		LlmTemplate template = this.templates.get(name);
		if (template == null) {
			throw new IllegalArgumentException(
					"No LLM client named '" + name + "'; configured clients: " + this.templates.keySet());
		}
		return template;
	}

	/**
	 * The names of all clients.
	 * @return the names, {@code default} first
	 */
	public Set<String> names() {
		return this.templates.keySet();
	}

	/** Closes every client's connection pool. */
	@Override
	public void close() {
		this.templates.values().forEach(LlmTemplate::close);
	}

	@Override
	public String toString() {
		return "LlmTemplates" + this.templates.keySet();
	}

}
