package io.github.llmclient.autoconfigure.actuate;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.autoconfigure.GroupProperties;
import io.github.llmclient.circuit.CircuitState;

/**
 * What the endpoint and the health contributor read: the configured clients (not the groups,
 * which {@link LlmTemplates} lists too) and each one's circuit state. Reads only; sends nothing.
 */
final class ClientView {

	private final LlmTemplates templates;

	private final Map<String, GroupProperties> groups;

	private final Function<LlmTemplate, CircuitState> circuits;

	ClientView(LlmTemplates templates, Map<String, GroupProperties> groups,
			Function<LlmTemplate, CircuitState> circuits) {
		this.templates = templates;
		this.groups = groups;
		this.circuits = circuits;
	}

	/** The names of the clients, in configuration order, without the groups. */
	Set<String> clientNames() {
		Set<String> names = new LinkedHashSet<>(this.templates.names());
		names.removeAll(this.groups.keySet());
		return names;
	}

	LlmTemplate client(String name) {
		return this.templates.get(name);
	}

	CircuitState circuit(LlmTemplate template) {
		return this.circuits.apply(template);
	}

	Map<String, GroupProperties> groups() {
		return this.groups;
	}

	/**
	 * The host of an API root, with its port when it is not the scheme's default: never its
	 * user information, path or query, which may hold credentials.
	 */
	static String host(URI baseUrl) {
		String host = (baseUrl.getHost() != null) ? baseUrl.getHost() : "unknown";
		int port = baseUrl.getPort();
		String scheme = (baseUrl.getScheme() != null) ? baseUrl.getScheme().toLowerCase(Locale.ROOT) : "https";
		boolean defaultPort = port < 0 || (port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"));
		return defaultPort ? host : host + ":" + port;
	}

}
