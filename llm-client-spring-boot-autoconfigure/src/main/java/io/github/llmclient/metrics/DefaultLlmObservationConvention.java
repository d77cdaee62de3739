package io.github.llmclient.metrics;

import io.github.llmclient.chat.Usage;
import io.micrometer.common.KeyValues;

/**
 * The default {@link LlmObservationConvention}: named {@value LlmMetricNames#OBSERVATION}, with
 * the OpenTelemetry span name {@code "{operation} {model}"}, the tags of
 * {@value LlmMetricNames#OPERATION_DURATION} as low-cardinality key values, and the client
 * request id and token counts as high-cardinality ones (span attributes, never meter tags).
 */
public class DefaultLlmObservationConvention implements LlmObservationConvention {

	/** The shared instance. */
	public static final DefaultLlmObservationConvention INSTANCE = new DefaultLlmObservationConvention();

	@Override
	public String getName() {
		return LlmMetricNames.OBSERVATION;
	}

	@Override
	public String getContextualName(LlmObservationContext context) {
		CallInfo call = context.getCall();
		return (call.requestModel() != null) ? call.operation() + " " + call.requestModel() : call.operation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(LlmObservationContext context) {
		CallInfo call = context.getCall();
		ClientInfo client = call.client();
		return KeyValues.of(LlmMetricNames.OPERATION_NAME_TAG, call.operation(), LlmMetricNames.PROVIDER_NAME_TAG,
				client.providerName(), LlmMetricNames.REQUEST_MODEL_TAG, ErrorTypes.orNone(call.requestModel()),
				LlmMetricNames.RESPONSE_MODEL_TAG, ErrorTypes.orNone(context.getResponseModel()),
				LlmMetricNames.SERVER_ADDRESS_TAG, client.serverAddress(), LlmMetricNames.SERVER_PORT_TAG,
				Integer.toString(client.serverPort()), LlmMetricNames.ERROR_TYPE_TAG, context.getErrorType(),
				LlmMetricNames.CLIENT_TAG, client.name(), LlmMetricNames.STREAM_TAG, Boolean.toString(call.stream()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(LlmObservationContext context) {
		KeyValues values = KeyValues.of("llm.client.request_id", context.getCall().clientRequestId());
		Usage usage = context.getUsage();
		if (usage != null) {
			values = values.and("gen_ai.usage.input_tokens", Integer.toString(usage.inputTokens()),
					"gen_ai.usage.output_tokens", Integer.toString(usage.outputTokens()));
		}
		return values;
	}

}
