package io.github.llmclient.aot;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Resource hints for the files the starter loads from its own jar at run time. By convention
 * they live under {@value #LOCATION}, so that a new one is in the native image without an edit
 * here. (Its {@code META-INF/spring*} files are Spring's to register.)
 */
class ResourcesRuntimeHints implements RuntimeHintsRegistrar {

	/** Where the starter keeps the resources it reads at run time. */
	static final String LOCATION = "META-INF/llm-client/";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(LOCATION + "**");
	}

}
