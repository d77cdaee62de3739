package io.github.llmclient.provider;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a request body's modelled fields together with {@code ChatRequest.extraBody()}: an extra
 * entry replaces the field it names in place (with the entry's value, as the mapper serializes it)
 * and the others follow the modelled fields, in their order — the body a {@code LinkedHashMap} of
 * the fields with {@code putAll(extraBody)} would give. One instance per body.
 */
public final class ExtraBody {

	private final JsonGenerator generator;

	private final Map<String, Object> extras;

	private @Nullable Set<String> written;

	/**
	 * Starts a body.
	 * @param generator the generator writing the body's object
	 * @param extras the request's extra fields
	 */
	public ExtraBody(JsonGenerator generator, Map<String, Object> extras) {
		this.generator = generator;
		this.extras = extras;
	}

	/**
	 * Writes a modelled field's name, then its extra value if the extra fields name it.
	 * @param name the field's name
	 * @return true when the caller writes the value, false when the extra value was written
	 */
	public boolean field(String name) {
		this.generator.writeName(name);
		if (this.extras.isEmpty() || !this.extras.containsKey(name)) {
			return true;
		}
		this.generator.writePOJO(this.extras.get(name));
		if (this.written == null) {
			this.written = new HashSet<>();
		}
		this.written.add(name);
		return false;
	}

	/** Writes the extra fields that named no modelled field, after them. */
	public void writeRemainingExtras() {
		for (Map.Entry<String, Object> extra : this.extras.entrySet()) {
			if (this.written == null || !this.written.contains(extra.getKey())) {
				this.generator.writeName(extra.getKey());
				this.generator.writePOJO(extra.getValue());
			}
		}
	}

}
