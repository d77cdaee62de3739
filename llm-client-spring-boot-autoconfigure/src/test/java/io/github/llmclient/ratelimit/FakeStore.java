package io.github.llmclient.ratelimit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.github.bucket4j.distributed.AsyncBucketProxy;

/**
 * A shared bucket whose store answers as the test says: with a value, with an error (Redis down)
 * or never (Redis slower than {@code store-timeout}). Records every operation asked of it.
 */
final class FakeStore implements InvocationHandler {

	final List<String> calls = new CopyOnWriteArrayList<>();

	private volatile Supplier<CompletableFuture<?>> answer = CompletableFuture::new;

	AsyncBucketProxy bucket() {
		return (AsyncBucketProxy) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { AsyncBucketProxy.class }, this);
	}

	/** Every operation answers at once with the given value (a wait in nanoseconds, a count, or null). */
	FakeStore answering(Object value) {
		this.answer = () -> CompletableFuture.completedFuture(value);
		return this;
	}

	/** Every operation fails with the given error. */
	FakeStore failing(Throwable error) {
		this.answer = () -> CompletableFuture.failedFuture(error);
		return this;
	}

	/** No operation ever answers. */
	FakeStore silent() {
		this.answer = CompletableFuture::new;
		return this;
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) {
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default -> "FakeStore";
			};
		}
		this.calls.add(method.getName() + ((args != null) ? "(" + args[0] + ")" : "()"));
		return this.answer.get();
	}

}
