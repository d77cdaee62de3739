package io.github.llmclient.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import io.github.llmclient.ClientConfig;

/**
 * Checks {@code llm.groups.*}: every group names at least one member, every member is a
 * configured client, and no group takes a client's name.
 */
final class GroupConfigs {

	private GroupConfigs() {
	}

	/**
	 * Validates the groups.
	 * @param properties the {@code llm.*} properties
	 * @throws LlmConfigurationException naming the property at fault
	 */
	static void validate(LlmProperties properties) {
		Set<String> clients = new LinkedHashSet<>();
		clients.add(ClientConfig.DEFAULT_NAME);
		clients.addAll(properties.getClients().keySet());
		properties.getGroups().forEach((group, config) -> {
			String prefix = "llm.groups." + group;
			if (clients.contains(group)) {
				throw new LlmConfigurationException(prefix,
						"'" + group + "' is already the name of a client; a group is one more client and needs a name of its own",
						"Rename the group " + prefix + (ClientConfig.DEFAULT_NAME.equals(group) ? ""
								: ", or the client llm.clients." + group));
			}
			if (config.getClients() == null || config.getClients().isEmpty()) {
				throw new LlmConfigurationException(prefix + ".clients", "the group has no members",
						"Set " + prefix + ".clients to the names of one or more of " + clients);
			}
			for (String member : config.getClients()) {
				if (member == null || !clients.contains(member)) {
					throw new LlmConfigurationException(prefix + ".clients", "no client named '" + member + "'",
							"Set " + prefix + ".clients to names among " + clients + ", or configure llm.clients."
									+ member);
				}
			}
		});
	}

}
