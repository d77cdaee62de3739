package io.github.llmclient.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads the wait a server asked for: {@code retry-after-ms} (milliseconds, as OpenAI sends), or
 * {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110).
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Reads the requested wait from response headers.
	 * @param headers the response headers
	 * @param now the current time, for an HTTP date
	 * @return the wait (never negative), or null when none was asked for or it is unreadable
	 */
	public static @Nullable Duration parse(HttpHeaders headers, Instant now) {
		String millis = headers.getFirst("retry-after-ms");
		if (millis != null) {
			try {
				double value = Double.parseDouble(millis.strip());
				if (value >= 0 && !Double.isNaN(value) && !Double.isInfinite(value)) {
					return Duration.ofMillis((long) Math.ceil(value));
				}
			}
			catch (NumberFormatException ex) {
				// fall through to Retry-After
			}
		}
		String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (retryAfter == null || retryAfter.isBlank()) {
			return null;
		}
		return parseRetryAfter(retryAfter.strip(), now);
	}

	/**
	 * Reads a {@code Retry-After} value.
	 * @param value delay-seconds or an HTTP date
	 * @param now the current time
	 * @return the wait (never negative), or null when unreadable
	 */
	public static @Nullable Duration parseRetryAfter(String value, Instant now) {
		try {
			double seconds = Double.parseDouble(value);
			if (seconds >= 0 && !Double.isNaN(seconds) && !Double.isInfinite(seconds)) {
				return Duration.ofMillis((long) Math.ceil(seconds * 1000));
			}
			return null;
		}
		catch (NumberFormatException ex) {
			// not seconds: an HTTP date
		}
		try {
			Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(now, at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
