package io.github.llmclient;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configured client by name: {@code default} for the top-level {@code llm.*} client, one
 * per {@code llm.clients.<name>}, and one per client group {@code llm.groups.<group>}.
 *
 * <pre class="code">
 * LlmTemplate claude = templates.get("claude");
 * LlmTemplate pool = templates.get("gpt-pool");        // a group: same API, calls spread over its members
 * List&lt;String&gt; members = templates.members("gpt-pool");
 * </pre>
 */
public final class LlmTemplates implements AutoCloseable {

	private final Map<String, LlmTemplate> templates;

	private final Map<String, LlmTemplate> groups;

	/**
	 * Creates the registry of clients without groups.
	 * @param templates the templates by name, in configuration order
	 */
	public LlmTemplates(Map<String, LlmTemplate> templates) {
		this(templates, Map.of());
	}

	/**
	 * Creates the registry.
	 * @param templates the clients' templates by name, in configuration order
	 * @param groups the groups' templates ({@link LlmTemplate#group}) by name, in configuration
	 * order; no name may be a client's
	 */
	public LlmTemplates(Map<String, LlmTemplate> templates, Map<String, LlmTemplate> groups) {
		this.templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
		this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
		for (String group : this.groups.keySet()) {
			if (this.templates.containsKey(group)) {
				throw new IllegalArgumentException("'" + group + "' names both a client and a group");
			}
		}
	}

	/**
	 * The client or group of the given name.
	 * @param name {@code default}, a name under {@code llm.clients} or one under {@code llm.groups}
	 * @return its template
	 * @throws IllegalArgumentException for an unknown name, listing the known ones
	 */
	public LlmTemplate get(String name) {
		LlmTemplate template = this.templates.get(name);
		if (template == null) {
			template = this.groups.get(name);
		}
		if (template == null) {
			throw new IllegalArgumentException("No LLM client named '" + name + "'; configured clients: "
					+ this.templates.keySet() + ((this.groups.isEmpty()) ? "" : ", groups: " + this.groups.keySet()));
		}
		return template;
	}

	/**
	 * The names of all clients, not groups.
	 * @return the names, {@code default} first
	 */
	public Set<String> names() {
		return this.templates.keySet();
	}

	/**
	 * The names of all client groups.
	 * @return the names, in configuration order
	 */
	public Set<String> groupNames() {
		return this.groups.keySet();
	}

	/**
	 * The members of a group.
	 * @param group a name under {@code llm.groups}
	 * @return the members' client names, in configuration order
	 * @throws IllegalArgumentException for an unknown group, listing the known ones
	 */
	public List<String> members(String group) {
		LlmTemplate template = this.groups.get(group);
		if (template == null) {
			throw new IllegalArgumentException(
					"No LLM client group named '" + group + "'; configured groups: " + this.groups.keySet());
		}
		return template.groupMembers();
	}

	/** Closes every client's connection pool. */
	@Override
	public void close() {
		this.templates.values().forEach(LlmTemplate::close);
	}

	@Override
	public String toString() {
		Set<String> all = new LinkedHashSet<>(this.templates.keySet());
		all.addAll(this.groups.keySet());
		return "LlmTemplates" + all;
	}

}
