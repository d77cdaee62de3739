package io.github.llmclient.exchange;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmTransportException;
import io.netty.handler.proxy.ProxyConnectException;
import org.jspecify.annotations.Nullable;

/**
 * Recognises the transport failures that retrying cannot heal: a TLS failure (an untrusted
 * certificate, a rejected client certificate, a host name the certificate does not name) and a
 * proxy that refuses our credentials. Both become a {@link LlmTransportException} that is not
 * retryable, delivered at once.
 */
final class TransportErrors {

	private TransportErrors() {
	}

	static @Nullable LlmException unhealable(ClientConfig config, Throwable failure, CallContext call) {
		SSLException tls = find(failure, SSLException.class);
		if (tls != null) {
			String message = "TLS" + ((tls instanceof SSLHandshakeException) ? " handshake" : "") + " with "
					+ hostAndPort(config) + " failed: " + tls.getMessage() + hint(tls.getMessage())
					+ " [client request id " + call.clientRequestId() + "]";
			return new LlmTransportException(ErrorMapper.redact(config, message), details(config, call), tls);
		}
		ProxyConnectException proxy = find(failure, ProxyConnectException.class);
		if (proxy != null && proxy.getMessage() != null && (proxy.getMessage().contains("407")
				|| proxy.getMessage().toLowerCase(java.util.Locale.ROOT).contains("auth"))) {
			String message = "The proxy " + config.proxy().host() + ":" + config.proxy().port()
					+ " refused the connection to " + hostAndPort(config) + " (" + proxy.getMessage()
					+ "): check llm.proxy.username and llm.proxy.password [client request id "
					+ call.clientRequestId() + "]";
			return new LlmTransportException(ErrorMapper.redact(config, message), details(config, call), proxy);
		}
		return null;
	}

	private static String hint(@Nullable String message) {
		if (message == null) {
			return "";
		}
		if (message.contains("PKIX") || message.contains("certification path")) {
			return " (the server's certificate is not signed by a trusted CA: set llm.ssl.bundle to an SSL bundle "
					+ "that trusts it)";
		}
		if (message.contains("subject alternative") || message.contains("No name matching")) {
			return " (the server's certificate does not name this host)";
		}
		if (message.contains("bad_certificate") || message.contains("certificate_required")
				|| message.contains("certificate_unknown")) {
			return " (the server rejected our client certificate, or wanted one: set llm.ssl.bundle to an SSL "
					+ "bundle with the key and certificate it trusts)";
		}
		return "";
	}

	private static String hostAndPort(ClientConfig config) {
		int port = config.baseUrl().getPort();
		if (port < 0) {
			port = "https".equalsIgnoreCase(config.baseUrl().getScheme()) ? 443 : 80;
		}
		return config.baseUrl().getHost() + ":" + port;
	}

	private static ErrorDetails details(ClientConfig config, CallContext call) {
		return ErrorDetails.builder(config.provider().propertyValue())
			.clientRequestId(call.clientRequestId())
			.retryable(false)
			.build();
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 10; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

}
