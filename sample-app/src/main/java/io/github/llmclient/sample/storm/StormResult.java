package io.github.llmclient.sample.storm;

/**
 * The answer of {@code POST /api/storm}, once every prompt has ended.
 *
 * @param prompts how many prompts were sent at once
 * @param answered how many streams completed
 * @param failed how many failed after their retries
 * @param millis how long the storm took
 */
public record StormResult(int prompts, int answered, int failed, long millis) {

}
