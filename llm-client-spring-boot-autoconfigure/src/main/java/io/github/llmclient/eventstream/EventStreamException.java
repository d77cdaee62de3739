package io.github.llmclient.eventstream;

/**
 * A malformed AWS event-stream frame: a checksum that does not match, a length out of bounds, a
 * header that runs past its block.
 */
public class EventStreamException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what is wrong with the frame
	 */
	public EventStreamException(String message) {
		super(message);
	}

}
