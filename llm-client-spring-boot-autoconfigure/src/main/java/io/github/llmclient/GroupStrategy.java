package io.github.llmclient;

/** How a client group ({@code llm.groups.<group>.strategy}) picks the member for a call. */
public enum GroupStrategy {

	/** Members in turn. */
	ROUND_ROBIN,

	/** The member with the fewest calls in flight and queued. */
	LEAST_BUSY

}
