package io.github.llmclient.provider.openai;

import java.io.ByteArrayOutputStream;

import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * The {@code /embeddings} wire format, shared by the OpenAI and Azure OpenAI adapters: the body
 * {@code {"model", "input": [...], "encoding_format": "base64", "dimensions"?}} and the response
 * read by {@link EmbeddingsResponseReader}. Base64 is asked for because it is about a quarter of
 * the size of JSON numbers and decodes without parsing a number per value; servers that ignore it
 * and send arrays are read too.
 */
public final class OpenAiEmbeddingsFormat {

	private final JsonMapper mapper;

	private final EmbeddingsResponseReader reader;

	/**
	 * Creates the format.
	 * @param mapper the mapper for request and response bodies
	 */
	public OpenAiEmbeddingsFormat(JsonMapper mapper) {
		this.mapper = mapper;
		this.reader = new EmbeddingsResponseReader(mapper);
	}

	/**
	 * Writes the body of one request.
	 * @param request the request, its model resolved, holding the inputs of one batch
	 * @param includeModel whether the body names the model (not on Azure's deployments route,
	 * whose URL names the deployment)
	 * @return the JSON body
	 */
	public byte[] writeRequest(EmbeddingRequest request, boolean includeModel) {
		int estimate = 64;
		for (String input : request.inputs()) {
			estimate += input.length() + 4;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(estimate);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			generator.writeStartObject();
			if (includeModel && request.model() != null) {
				generator.writeStringProperty("model", request.model());
			}
			generator.writeName("input");
			generator.writeStartArray(request.inputs(), request.inputs().size());
			for (String input : request.inputs()) {
				generator.writeString(input);
			}
			generator.writeEndArray();
			generator.writeStringProperty("encoding_format", "base64");
			if (request.dimensions() != null) {
				generator.writeNumberProperty("dimensions", request.dimensions());
			}
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	/**
	 * Reads the response to a request of the given number of inputs.
	 * @param body the response body
	 * @param inputs how many texts the request held
	 * @return the vectors in input order, the reported model and usage
	 * @throws RuntimeException when the body does not hold one vector per input
	 */
	public EmbeddingResponse readResponse(byte[] body, int inputs) {
		return this.reader.read(body, inputs);
	}

	/**
	 * Reads the response to a request of the given number of inputs from the network's buffers,
	 * in place.
	 * @param body the response body, from its read position
	 * @param inputs how many texts the request held
	 * @return the vectors in input order, the reported model and usage
	 * @throws RuntimeException when the body does not hold one vector per input
	 */
	public EmbeddingResponse readResponse(DataBuffer body, int inputs) {
		return this.reader.read(body, inputs);
	}

}
