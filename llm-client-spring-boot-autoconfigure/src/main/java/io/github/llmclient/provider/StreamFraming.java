package io.github.llmclient.provider;

/**
 * How a provider frames the events of a stream: each framing has one decoder, and both feed the
 * same stream reader and {@link StreamMapper} contract.
 */
public enum StreamFraming {

	/** Server-Sent Events ({@code text/event-stream}): every provider but Bedrock. */
	SSE,

	/**
	 * AWS's binary event stream ({@code application/vnd.amazon.eventstream}), Bedrock's
	 * {@code ConverseStream}: see {@link io.github.llmclient.eventstream.EventStreamDecoder} for
	 * how its messages reach the mapper.
	 */
	AWS_EVENT_STREAM

}
