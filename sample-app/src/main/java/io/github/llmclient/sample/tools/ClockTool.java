package io.github.llmclient.sample.tools;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.error.LlmException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The clock tool: the model asks for the time in a time zone, the application answers from
 * {@code java.time}. Its definition ({@link #TOOL}) is generated from {@link Arguments}; a call's
 * result is JSON, and so is a failure (an unknown zone, arguments that do not fit), which goes
 * back to the model as the result rather than failing the request: a model can correct itself.
 */
@Component
public class ClockTool {

	/** The tool's name, as the model calls it. */
	public static final String NAME = "clock";

	/** The tool as the model sees it. */
	public static final Tool TOOL = Tool.function(NAME, "The current date and time in a time zone", Arguments.class);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Clock clock;

	/** Creates the tool on the system clock. */
	public ClockTool() {
		this(Clock.systemUTC());
	}

	ClockTool(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Runs a call of the tool.
	 * @param call the call the model asked for
	 * @return the result as JSON: {@code timeZone}, {@code date}, {@code time}, {@code dayOfWeek},
	 * {@code utcOffset}; or {@code {"error": "…"}}
	 */
	public String call(ToolCall call) {
		if (!NAME.equals(call.name())) {
			return error("There is no tool named '" + call.name() + "'; the only tool is '" + NAME + "'.");
		}
		ZoneId zone;
		try {
			zone = ZoneId.of(call.argumentsAs(Arguments.class).timeZone());
		}
		catch (LlmException | DateTimeException | NullPointerException ex) {
			return error("The arguments " + call.arguments() + " do not name a time zone; pass an IANA id such as "
					+ "Europe/Paris.");
		}
		ZonedDateTime now = ZonedDateTime.now(this.clock.withZone(zone));
		Map<String, String> result = new LinkedHashMap<>();
		result.put("timeZone", zone.getId());
		result.put("date", now.toLocalDate().toString());
		result.put("time", now.format(TIME));
		result.put("dayOfWeek", now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
		result.put("utcOffset", now.getOffset().getId());
		return JSON.writeValueAsString(result);
	}

	private static String error(String message) {
		return JSON.writeValueAsString(Map.of("error", message));
	}

	/**
	 * The clock's arguments.
	 *
	 * @param timeZone the zone to tell the time in
	 */
	public record Arguments(
			@JsonPropertyDescription("An IANA time zone id, such as Europe/Paris or Asia/Tokyo") String timeZone) {

	}

}
