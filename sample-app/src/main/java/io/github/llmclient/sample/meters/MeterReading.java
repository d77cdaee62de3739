package io.github.llmclient.sample.meters;

import java.util.Map;

/**
 * The data of one {@code meters} event.
 *
 * @param time when it was read, in epoch milliseconds
 * @param clients each client's figures, by client name
 */
public record MeterReading(long time, Map<String, ClientReading> clients) {

}
