package io.github.llmclient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.netty.buffer.PooledByteBufAllocator;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

/**
 * A body as the network leaves it, for tests of readers that read in place: pooled Netty buffers
 * of a given size, joined without a copy, as {@code bodyToMono(DataBuffer.class)} hands them over.
 */
public final class PooledBodies {

	private PooledBodies() {
	}

	/** The body in pooled buffers of {@code piece} bytes, joined; the caller releases it. */
	public static DataBuffer pooled(byte[] body, int piece) {
		NettyDataBufferFactory factory = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);
		List<DataBuffer> parts = new ArrayList<>();
		for (int at = 0; at < body.length; at += piece) {
			int length = Math.min(piece, body.length - at);
			parts.add(factory.allocateBuffer(length).write(body, at, length));
		}
		return factory.join(parts);
	}

	/** What the reader makes of the body in pooled buffers of {@code piece} bytes, released after. */
	public static <T> T read(byte[] body, int piece, Function<DataBuffer, T> reader) {
		DataBuffer buffer = pooled(body, piece);
		try {
			return reader.apply(buffer);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
