package io.github.llmclient.sample.springai;

import org.jspecify.annotations.Nullable;

/**
 * The typed answer of {@code POST /api/spring-ai/ask}, read by {@code ChatClient}'s
 * {@code .entity(ZoneTime.class)} from the model's JSON.
 *
 * @param timeZone the IANA time zone asked about
 * @param date the date there now, as the clock tool told the model
 */
public record ZoneTime(@Nullable String timeZone, @Nullable String date) {

}
