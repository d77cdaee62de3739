package io.github.llmclient.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

	@Test
	void readsMilliseconds() {
		assertThat(RetryAfter.parse(headers("retry-after-ms", "1500"), this.now)).isEqualTo(Duration.ofMillis(1500));
		assertThat(RetryAfter.parse(headers("retry-after-ms", "12.2"), this.now)).isEqualTo(Duration.ofMillis(13));
		// zero is a wait too (retry at once), not an absent header
		assertThat(RetryAfter.parse(headers("retry-after-ms", "0"), this.now)).isEqualTo(Duration.ZERO);
		assertThat(RetryAfter.parse(headers("retry-after-ms", "-1"), this.now)).isNull();
	}

	@Test
	void preferMillisecondsOverSeconds() {
		HttpHeaders headers = headers("retry-after-ms", "250");
		headers.set("Retry-After", "1");
		assertThat(RetryAfter.parse(headers, this.now)).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void readsSeconds() {
		assertThat(RetryAfter.parse(headers("Retry-After", "20"), this.now)).isEqualTo(Duration.ofSeconds(20));
		assertThat(RetryAfter.parse(headers("retry-after", "0"), this.now)).isEqualTo(Duration.ZERO);
	}

	@Test
	void readsAnHttpDate() {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(this.now.plusSeconds(30).atOffset(ZoneOffset.UTC));
		assertThat(RetryAfter.parse(headers("Retry-After", date), this.now)).isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryAfter.parse(headers("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"), this.now)).isEqualTo(Duration.ZERO);
	}

	@Test
	void ignoresWhatItCannotRead() {
		assertThat(RetryAfter.parse(new HttpHeaders(), this.now)).isNull();
		assertThat(RetryAfter.parse(headers("Retry-After", "soon"), this.now)).isNull();
		assertThat(RetryAfter.parse(headers("Retry-After", "-3"), this.now)).isNull();
		assertThat(RetryAfter.parse(headers("retry-after-ms", "abc"), this.now)).isNull();
	}

	private static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(name, value);
		return headers;
	}

}
