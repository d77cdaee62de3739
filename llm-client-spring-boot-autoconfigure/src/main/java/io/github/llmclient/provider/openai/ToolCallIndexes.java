package io.github.llmclient.provider.openai;

import java.util.Arrays;
import java.util.List;

import io.github.llmclient.chat.ToolCallDelta;
import org.jspecify.annotations.Nullable;

/**
 * Numbers the tool calls of one stream from 0 in the order they start, whatever indexes the server
 * sends, so that fragments of different calls are never joined into one. OpenAI's own indexes are
 * already that (so its deltas pass through unchanged, without allocation); some compatible servers
 * send every parallel call as index 0, or none at all (then the parser uses the call's position in
 * its chunk), but give each call its own id: a delta whose id differs from the id of the call at
 * its index starts a new call, and the fragments after it, with that index and no id, go to it.
 */
final class ToolCallIndexes {

	/** By our index: the wire index of each call, and its id once seen. */
	private int[] wireIndexes = new int[4];

	private @Nullable String[] ids = new String[4];

	private int count;

	/**
	 * The deltas of one chunk, renumbered.
	 * @param deltas the parsed deltas, with wire indexes
	 * @return the same list when nothing changed, else a new one
	 */
	List<ToolCallDelta> renumber(List<ToolCallDelta> deltas) {
		if (deltas.size() == 1) {
			ToolCallDelta delta = deltas.get(0);
			ToolCallDelta renumbered = renumber(delta);
			return (renumbered == delta) ? deltas : List.of(renumbered);
		}
		ToolCallDelta[] result = new ToolCallDelta[deltas.size()];
		boolean changed = false;
		for (int i = 0; i < result.length; i++) {
			result[i] = renumber(deltas.get(i));
			changed |= result[i] != deltas.get(i);
		}
		return changed ? List.of(result) : deltas;
	}

	private ToolCallDelta renumber(ToolCallDelta delta) {
		int wire = delta.index();
		String id = delta.id();
		boolean hasId = id != null && !id.isEmpty();
		int ours = latestWithWireIndex(wire);
		if (ours < 0) {
			ours = start(wire);
		}
		else if (hasId && this.ids[ours] != null && !this.ids[ours].equals(id)) {
			int same = withId(id);
			ours = (same >= 0) ? same : start(wire);
		}
		if (hasId && this.ids[ours] == null) {
			this.ids[ours] = id;
		}
		return (ours == wire) ? delta : new ToolCallDelta(ours, delta.id(), delta.name(), delta.argumentsDelta());
	}

	/** The call a fragment with this wire index continues: the latest one started with it. */
	private int latestWithWireIndex(int wire) {
		for (int i = this.count - 1; i >= 0; i--) {
			if (this.wireIndexes[i] == wire) {
				return i;
			}
		}
		return -1;
	}

	private int withId(String id) {
		for (int i = this.count - 1; i >= 0; i--) {
			if (id.equals(this.ids[i])) {
				return i;
			}
		}
		return -1;
	}

	private int start(int wire) {
		if (this.count == this.wireIndexes.length) {
			this.wireIndexes = Arrays.copyOf(this.wireIndexes, this.count * 2);
			this.ids = Arrays.copyOf(this.ids, this.count * 2);
		}
		this.wireIndexes[this.count] = wire;
		return this.count++;
	}

}
