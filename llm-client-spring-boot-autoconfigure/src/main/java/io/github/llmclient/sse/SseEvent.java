package io.github.llmclient.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One dispatched Server-Sent Event. The data is kept as UTF-8 bytes so that JSON can be parsed
 * from them without an intermediate {@code String}.
 *
 * @param event the event type ({@code message} when the stream named none)
 * @param data the data lines joined with {@code \n}, as UTF-8 bytes (do not modify)
 * @param id the last event id seen on the stream, or null
 */
public record SseEvent(String event, byte[] data, @Nullable String id) {

	/** The type of events that name none. */
	public static final String DEFAULT_EVENT = "message";

	/**
	 * The data as text.
	 * @return the decoded data
	 */
	public String dataAsString() {
		return new String(this.data, StandardCharsets.UTF_8);
	}

	/**
	 * Whether the data equals the given ASCII text, without decoding it.
	 * @param ascii the text to compare with
	 * @return true when equal
	 */
	public boolean dataEquals(String ascii) {
		if (this.data.length != ascii.length()) {
			return false;
		}
		for (int i = 0; i < this.data.length; i++) {
			if (this.data[i] != ascii.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SseEvent that && this.event.equals(that.event) && Arrays.equals(this.data, that.data)
				&& java.util.Objects.equals(this.id, that.id);
	}

	@Override
	public int hashCode() {
		return 31 * this.event.hashCode() + Arrays.hashCode(this.data);
	}

	@Override
	public String toString() {
		return "SseEvent[event=" + this.event + ", id=" + this.id + ", data=" + dataAsString() + "]";
	}

}
