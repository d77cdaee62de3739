package io.github.llmclient.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.GroupStrategy;

/** The properties of one client group, {@code llm.groups.<group>.*}. */
public class GroupProperties {

	/** Names of the configured clients that serve the group's calls. */
	private List<String> clients = new ArrayList<>();

	/** How the member for a call is picked. */
	private GroupStrategy strategy = GroupStrategy.ROUND_ROBIN;

	public List<String> getClients() {
		return this.clients;
	}

	public void setClients(List<String> clients) {
		this.clients = clients;
	}

	public GroupStrategy getStrategy() {
		return this.strategy;
	}

	public void setStrategy(GroupStrategy strategy) {
		this.strategy = strategy;
	}

}
