package io.github.llmclient.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for the observation of an LLM call; define a bean of this
 * type to change its name or key values. The meters of SPEC §7 do not depend on it.
 */
public interface LlmObservationConvention extends ObservationConvention<LlmObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof LlmObservationContext;
	}

}
