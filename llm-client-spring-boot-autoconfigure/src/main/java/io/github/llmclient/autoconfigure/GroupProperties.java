package io.github.llmclient.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.GroupStrategy;

/**
 * A client group ({@code llm.groups.<group>.*}): one more client, qualified by the group's name,
 * that sends each call to one of its members and moves it to the next when a member fails the
 * way {@code llm.fallback} would take.
 */
public class GroupProperties {

	/** Names of the configured clients the group spreads calls over: default or names under llm.clients. */
	private List<String> clients = new ArrayList<>();

	/** How the member for a call is picked: round-robin (members in turn) or least-busy (fewest calls in flight and queued). */
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
