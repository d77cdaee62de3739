package io.github.llmclient.chat;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Whether and which tool the model must call.
 *
 * @param mode the kind of choice
 * @param name the tool to call, for {@link Mode#FUNCTION} (null otherwise)
 */
public record ToolChoice(Mode mode, @Nullable String name) {

	private static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);

	private static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);

	private static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

	public ToolChoice {
		Objects.requireNonNull(mode, "mode must not be null");
		if ((mode == Mode.FUNCTION) != (name != null)) {
			throw new IllegalArgumentException("A tool name goes with Mode.FUNCTION, and only with it");
		}
		if (name != null) {
			Tool.checkName(name);
		}
	}

	/**
	 * The model decides whether to call tools (the providers' default).
	 * @return the choice
	 */
	public static ToolChoice auto() {
		return AUTO;
	}

	/**
	 * The model calls no tool.
	 * @return the choice
	 */
	public static ToolChoice none() {
		return NONE;
	}

	/**
	 * The model calls at least one tool (Anthropic: {@code any}).
	 * @return the choice
	 */
	public static ToolChoice required() {
		return REQUIRED;
	}

	/**
	 * The model calls the named tool.
	 * @param name the tool's name
	 * @return the choice
	 */
	public static ToolChoice function(String name) {
		return new ToolChoice(Mode.FUNCTION, Objects.requireNonNull(name, "name must not be null"));
	}

	/** The kinds of tool choice. */
	public enum Mode {

		/** The model decides. */
		AUTO,

		/** No tool. */
		NONE,

		/** Some tool. */
		REQUIRED,

		/** One named tool. */
		FUNCTION

	}

}
