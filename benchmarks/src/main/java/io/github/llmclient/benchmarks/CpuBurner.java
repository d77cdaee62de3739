package io.github.llmclient.benchmarks;

/**
 * S4x's overload: one thread of the client JVM's harness that spins for as long as a measured run
 * lasts, so that on the 2-core machine it takes one core away from the client's event loops, its
 * timers and the stub server (which share the other). It reproduces a starved client — the
 * condition in which 10,000 streams' first chunks and idle timeouts fire together and every
 * per-call retry policy multiplies the load — with no sleep, lock or allocation of its own.
 */
final class CpuBurner implements AutoCloseable {

	private volatile boolean running = true;

	/** Read back so the JIT compiler cannot drop the loop as dead code. */
	private volatile long sink;

	private final Thread thread;

	private CpuBurner() {
		this.thread = new Thread(this::spin, "cpu-burner");
		this.thread.setDaemon(true);
		this.thread.setPriority(Thread.NORM_PRIORITY);
	}

	/**
	 * Starts a burner thread.
	 * @return the running burner; closing it stops the thread
	 */
	static CpuBurner start() {
		CpuBurner burner = new CpuBurner();
		burner.thread.start();
		return burner;
	}

	private void spin() {
		long value = 1;
		while (this.running) {
			// a cheap pseudo-random step (xorshift): pure CPU, nothing the JIT can fold away
			for (int i = 0; i < 100_000; i++) {
				value ^= value << 13;
				value ^= value >>> 7;
				value ^= value << 17;
			}
			this.sink = value;
		}
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
