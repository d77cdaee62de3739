package io.github.llmclient.sample.demo;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the time zone a text speaks of: an IANA id written out ({@code Europe/Paris}), {@code UTC}
 * or {@code GMT}, or a city that names a zone ({@code Tokyo} → {@code Asia/Tokyo},
 * {@code New York} → {@code America/New_York}, and a few big cities that name none). The city
 * mentioned first (and of two at one place, the longer name) wins; a text that names none gets
 * {@code UTC}.
 */
final class DemoTimeZones {

	private static final Pattern ZONE_ID = Pattern.compile("\\b[A-Z][A-Za-z_]+(?:/[A-Za-z_+-]+)+");

	private static final Pattern UTC = Pattern.compile("\\b(?:UTC|GMT)\\b");

	private static final Set<String> REGIONS = Set.of("Africa", "America", "Antarctica", "Asia", "Atlantic",
			"Australia", "Europe", "Indian", "Pacific");

	/** City (lower case) to zone id. */
	private static final Map<String, String> CITIES = cities();

	private DemoTimeZones() {
	}

	/**
	 * The time zone a text speaks of.
	 * @param text the text
	 * @return an IANA zone id, {@code UTC} when the text names none
	 */
	static String in(String text) {
		Matcher id = ZONE_ID.matcher(text);
		while (id.find()) {
			if (ZoneId.getAvailableZoneIds().contains(id.group())) {
				return id.group();
			}
		}
		String lower = text.toLowerCase(Locale.ROOT);
		String found = null;
		int foundAt = Integer.MAX_VALUE;
		int foundLength = 0;
		for (Map.Entry<String, String> city : CITIES.entrySet()) {
			int at = wordIndex(lower, city.getKey());
			if (at >= 0 && (at < foundAt || (at == foundAt && city.getKey().length() > foundLength))) {
				found = city.getValue();
				foundAt = at;
				foundLength = city.getKey().length();
			}
		}
		Matcher utc = UTC.matcher(text);
		if (utc.find() && utc.start() < foundAt) {
			return "UTC";
		}
		return (found != null) ? found : "UTC";
	}

	private static int wordIndex(String text, String word) {
		int at = text.indexOf(word);
		while (at >= 0) {
			boolean startsWord = at == 0 || !Character.isLetter(text.charAt(at - 1));
			int end = at + word.length();
			boolean endsWord = end == text.length() || !Character.isLetter(text.charAt(end));
			if (startsWord && endsWord) {
				return at;
			}
			at = text.indexOf(word, at + 1);
		}
		return -1;
	}

	private static Map<String, String> cities() {
		Map<String, String> cities = new LinkedHashMap<>();
		ZoneId.getAvailableZoneIds()
			.stream()
			.filter((id) -> id.indexOf('/') > 0 && REGIONS.contains(id.substring(0, id.indexOf('/'))))
			.sorted()
			.forEach((id) -> cities.putIfAbsent(
					id.substring(id.lastIndexOf('/') + 1).replace('_', ' ').toLowerCase(Locale.ROOT), id));
		Map.of("san francisco", "America/Los_Angeles", "seattle", "America/Los_Angeles", "boston",
				"America/New_York", "washington", "America/New_York", "beijing", "Asia/Shanghai", "mumbai",
				"Asia/Kolkata", "delhi", "Asia/Kolkata", "munich", "Europe/Berlin", "frankfurt", "Europe/Berlin")
			.forEach(cities::putIfAbsent);
		return cities;
	}

}
