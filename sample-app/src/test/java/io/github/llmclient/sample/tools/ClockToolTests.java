package io.github.llmclient.sample.tools;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.llmclient.chat.ToolCall;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The clock tool tells the time from java.time, and tells the model what it got wrong. */
class ClockToolTests {

	private final ClockTool clock = new ClockTool(Clock.fixed(Instant.parse("2026-03-29T00:30:00Z"), ZoneOffset.UTC));

	@Test
	void definitionIsGeneratedFromTheArgumentsRecord() {
		assertThat(ClockTool.TOOL.name()).isEqualTo("clock");
		assertThat(ClockTool.TOOL.parameters()).contains("\"timeZone\"").contains("\"required\":[\"timeZone\"]")
			.contains("An IANA time zone id");
	}

	@Test
	void tellsTheTimeInTheZoneAsked() {
		assertThat(this.clock.call(new ToolCall("call_1", "clock", "{\"timeZone\":\"Europe/Paris\"}")))
			.isEqualTo("{\"timeZone\":\"Europe/Paris\",\"date\":\"2026-03-29\",\"time\":\"01:30:00\","
					+ "\"dayOfWeek\":\"Sunday\",\"utcOffset\":\"+01:00\"}");
		// Two hours later, daylight saving time has begun in Paris.
		ClockTool later = new ClockTool(Clock.fixed(Instant.parse("2026-03-29T02:30:00Z"), ZoneOffset.UTC));
		assertThat(later.call(new ToolCall("call_2", "clock", "{\"timeZone\":\"Europe/Paris\"}")))
			.contains("\"time\":\"04:30:00\"").contains("\"utcOffset\":\"+02:00\"");
	}

	@Test
	void answersBadArgumentsWithAnErrorTheModelCanRead() {
		assertThat(this.clock.call(new ToolCall("call_1", "clock", "{\"timeZone\":\"Mars/Olympus\"}")))
			.startsWith("{\"error\":\"The arguments {\\\"timeZone\\\":\\\"Mars/Olympus\\\"} do not name a time zone");
		assertThat(this.clock.call(new ToolCall("call_1", "clock", "not json"))).startsWith("{\"error\":");
		assertThat(this.clock.call(new ToolCall("call_1", "clock", "{}"))).startsWith("{\"error\":");
		assertThat(this.clock.call(new ToolCall("call_1", "weather", "{}")))
			.isEqualTo("{\"error\":\"There is no tool named 'weather'; the only tool is 'clock'.\"}");
	}

}
