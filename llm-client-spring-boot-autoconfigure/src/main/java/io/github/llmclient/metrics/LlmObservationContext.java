package io.github.llmclient.metrics;

import io.github.llmclient.chat.Usage;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Observation.Context} of one logical call: what was asked at the start, and what
 * came back (response model, token usage, failure or cancellation) by the time it stops.
 */
public class LlmObservationContext extends Observation.Context {

	private final CallInfo call;

	private @Nullable String responseModel;

	private @Nullable Usage usage;

	private boolean cancelled;

	/**
	 * Creates the context of a call.
	 * @param call what is known about the call
	 */
	public LlmObservationContext(CallInfo call) {
		this.call = call;
	}

	/**
	 * What is known about the call.
	 * @return the call
	 */
	public CallInfo getCall() {
		return this.call;
	}

	/**
	 * The model that answered, once known.
	 * @return the model, or null
	 */
	public @Nullable String getResponseModel() {
		return this.responseModel;
	}

	/**
	 * Sets the model that answered.
	 * @param responseModel the model, or null
	 */
	public void setResponseModel(@Nullable String responseModel) {
		this.responseModel = responseModel;
	}

	/**
	 * The token usage the provider reported, once known.
	 * @return the usage, or null
	 */
	public @Nullable Usage getUsage() {
		return this.usage;
	}

	/**
	 * Sets the token usage.
	 * @param usage the usage, or null
	 */
	public void setUsage(@Nullable Usage usage) {
		this.usage = usage;
	}

	/**
	 * Whether the subscriber cancelled the call.
	 * @return true when cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Marks the call as cancelled by its subscriber.
	 * @param cancelled true when cancelled
	 */
	public void setCancelled(boolean cancelled) {
		this.cancelled = cancelled;
	}

	/**
	 * The call's {@code error.type}: {@code none}, {@code cancelled}, an HTTP status or an
	 * exception's simple name.
	 * @return the error type
	 */
	public String getErrorType() {
		return this.cancelled ? LlmMetricNames.CANCELLED : ErrorTypes.of(getError());
	}

}
