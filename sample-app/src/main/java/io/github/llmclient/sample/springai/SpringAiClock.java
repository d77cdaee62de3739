package io.github.llmclient.sample.springai;

import java.util.Map;

import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.sample.tools.ClockTool;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/**
 * The sample's clock as a Spring AI {@code @Tool}: {@code ChatClient} sends its definition and
 * runs it when the model calls it (the model itself never runs tools). It answers from the same
 * {@link ClockTool} as {@code POST /api/tools/ask}.
 */
@Component
public class SpringAiClock {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ClockTool clock;

	/**
	 * Creates the tool.
	 * @param clock the sample's clock
	 */
	public SpringAiClock(ClockTool clock) {
		this.clock = clock;
	}

	/**
	 * The current date and time in a time zone.
	 * @param timeZone an IANA time zone id
	 * @return the clock's JSON answer
	 */
	@Tool(name = ClockTool.NAME, description = "The current date and time in a time zone")
	public String clock(@ToolParam(description = "An IANA time zone id, e.g. Europe/Paris") String timeZone) {
		return this.clock.call(new ToolCall("spring-ai", ClockTool.NAME,
				JSON.writeValueAsString(Map.of("timeZone", timeZone))));
	}

}
