package io.github.llmclient.sample.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads a value for a named property out of plain text, by what the name suggests: {@code email}
 * the first e-mail address, {@code company} the capitalised words after "at", "for" or "from",
 * {@code name} the first run of capitalised words (a person's name; leading words such as "Please"
 * or "Contact" dropped), {@code timeZone} a zone ({@link DemoTimeZones}), {@code city} the
 * capitalised words after "in", {@code phone}, {@code url}, {@code date} (ISO), {@code summary} or
 * {@code text} the whole text, numbers the first number. Deterministic heuristics, not
 * understanding: enough for the demo model to answer schemas and tool parameters believably.
 */
final class DemoExtractors {

	private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

	private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()./-]{5,}\\d");

	private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)]");

	private static final Pattern DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");

	private static final Pattern NUMBER = Pattern.compile("-?\\b\\d+(?:\\.\\d+)?\\b");

	private static final String RUN = "\\p{Lu}[\\p{L}'’&-]*(?:[ \\t]+\\p{Lu}[\\p{L}'’&-]*)*";

	private static final Pattern CAPITALISED = Pattern.compile("(?<![\\p{L}@.])" + RUN);

	private static final Pattern AFTER_AT = Pattern.compile("\\b(?:at|for|from|with)\\s+(" + RUN + ")");

	private static final Pattern AFTER_IN = Pattern.compile("\\b(?:in|near)\\s+(" + RUN + ")");

	/** Capitalised words that start sentences rather than names. */
	private static final Set<String> NOT_NAMES = Set.of("please", "reach", "contact", "meet", "email", "call",
			"dear", "hi", "hello", "hey", "write", "ask", "extract", "the", "this", "our", "my", "ping", "message",
			"text", "thanks", "say", "tell", "i", "what", "who", "send", "note");

	private static final Set<String> COMPANY_WORDS = Set.of("at", "for", "from", "with");

	private DemoExtractors() {
	}

	/**
	 * A text value for a property.
	 * @param property the property's name, e.g. {@code email} or {@code timeZone}
	 * @param text the text to read
	 * @return the value, or null when the text has none
	 */
	static @Nullable String string(String property, String text) {
		String key = key(property);
		if (key.contains("mail")) {
			return first(EMAIL, text);
		}
		if (key.contains("phone") || key.equals("tel") || key.contains("mobile")) {
			return first(PHONE, text);
		}
		if (key.contains("url") || key.contains("website") || key.contains("link")) {
			return first(URL, text);
		}
		if (key.contains("zone") || key.equals("tz")) {
			return DemoTimeZones.in(text);
		}
		if (key.contains("company") || key.contains("organi") || key.contains("employer") || key.equals("org")) {
			Matcher company = AFTER_AT.matcher(text);
			return company.find() ? company.group(1) : null;
		}
		if (key.contains("city") || key.contains("location") || key.contains("place")) {
			Matcher place = AFTER_IN.matcher(text);
			return place.find() ? place.group(1) : null;
		}
		if (key.contains("date")) {
			return first(DATE, text);
		}
		if (key.contains("summary") || key.equals("text") || key.contains("description") || key.contains("question")
				|| key.contains("content") || key.contains("message") || key.contains("prompt")) {
			return text.strip();
		}
		if (isPerson(key)) {
			List<String> names = names(text);
			if (names.isEmpty()) {
				return null;
			}
			String name = names.get(0);
			if (key.contains("first") || key.contains("given")) {
				return name.split(" ")[0];
			}
			if (key.contains("last") || key.contains("family") || key.contains("surname")) {
				return name.substring(name.lastIndexOf(' ') + 1);
			}
			return name;
		}
		return null;
	}

	/**
	 * Text values for a list property.
	 * @param property the property's name, e.g. {@code emails}
	 * @param text the text to read
	 * @return every match for the kind the name suggests (e-mails, phones, URLs, dates, names),
	 * empty for other names
	 */
	static List<String> strings(String property, String text) {
		String key = key(property);
		if (key.contains("mail")) {
			return all(EMAIL, text);
		}
		if (key.contains("phone")) {
			return all(PHONE, text);
		}
		if (key.contains("url") || key.contains("link")) {
			return all(URL, text);
		}
		if (key.contains("date")) {
			return all(DATE, text);
		}
		if (isPerson(key) || key.contains("people") || key.contains("attendee") || key.contains("participant")
				|| key.contains("member")) {
			return names(text);
		}
		return List.of();
	}

	/**
	 * A number for a property: the first number of the text.
	 * @param text the text to read
	 * @return the number's text, or null
	 */
	static @Nullable String number(String text) {
		return first(NUMBER, text);
	}

	/**
	 * A yes-or-no for a property: whether the text mentions it.
	 * @param property the property's name
	 * @param text the text to read
	 * @return true when the name (its words run together, case ignored) is in the text
	 */
	static boolean mentions(String property, String text) {
		return key(text).contains(key(property));
	}

	private static boolean isPerson(String key) {
		return key.contains("name") || key.contains("person") || key.equals("contact") || key.contains("author")
				|| key.contains("sender") || key.contains("recipient");
	}

	private static List<String> names(String text) {
		return capitalisedRuns(text, (run) -> {
			String[] words = run.split("[ \\t]+");
			int start = 0;
			while (start < words.length && NOT_NAMES.contains(words[start].toLowerCase(Locale.ROOT))) {
				start++;
			}
			return (start < words.length) ? String.join(" ", List.of(words).subList(start, words.length)) : null;
		});
	}

	/** The capitalised runs that do not follow "at", "for"… (those are companies), mapped and kept when not null. */
	private static List<String> capitalisedRuns(String text, Function<String, @Nullable String> keep) {
		List<String> runs = new ArrayList<>();
		Matcher run = CAPITALISED.matcher(text);
		while (run.find()) {
			String before = text.substring(0, run.start()).strip();
			String previous = before.substring(before.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
			String kept = COMPANY_WORDS.contains(previous) ? null : keep.apply(run.group());
			if (kept != null) {
				runs.add(kept);
			}
		}
		// Prefer full names (two words or more) to single capitalised words.
		List<String> full = runs.stream().filter((name) -> name.contains(" ")).toList();
		return full.isEmpty() ? runs : full;
	}

	private static @Nullable String first(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group() : null;
	}

	private static List<String> all(Pattern pattern, String text) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group());
		}
		return found;
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
	}

}
