package io.github.llmclient.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this JVM costs: CPU time of the whole process (all threads, JIT and GC included), peak
 * resident set from {@code /proc/self/status}, and peak heap.
 */
final class ProcessStats {

	private ProcessStats() {
	}

	/** CPU time of this process so far, in nanoseconds. */
	static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** Looked up once: the lookup walks the platform's bean providers with streams. */
	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** CPU time of the calling thread so far, in nanoseconds. */
	static long threadCpuNanos() {
		return THREADS.getCurrentThreadCpuTime();
	}

	/**
	 * Bytes allocated so far by the threads alive now (the event loops, the scheduler threads and
	 * this one: every thread that does a client's work outlives a run).
	 */
	static long allocatedBytes() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) THREADS;
		long total = 0;
		for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
			total += Math.max(0, bytes);
		}
		return total;
	}

	/**
	 * Bytes allocated so far by the Reactor Netty event-loop threads alive now (named
	 * {@code reactor-http-…}: where each client reads its responses, and where LlmTemplate and
	 * WebClient decode a body once it is whole).
	 */
	static long eventLoopAllocatedBytes() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) THREADS;
		long total = 0;
		for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith("reactor-http-")) {
				total += Math.max(0, threads.getThreadAllocatedBytes(info.getThreadId()));
			}
		}
		return total;
	}

	/**
	 * Starts a new peak: resets the kernel's resident-set high-water mark ({@code VmHWM}, by
	 * writing 5 to {@code /proc/self/clear_refs}) and the heap pools' peak usage.
	 * @return whether the kernel accepted the reset (otherwise the peak counts from JVM start)
	 */
	static boolean resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
		try {
			Files.writeString(Path.of("/proc/self/clear_refs"), "5");
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/** The resident set now, in bytes, or -1 where /proc is missing. */
	static long rssBytes() {
		return statusKilobytes("VmRSS:") * 1024;
	}

	/** The peak resident set since the last reset, in bytes, or -1 where /proc is missing. */
	static long peakRssBytes() {
		return statusKilobytes("VmHWM:") * 1024;
	}

	/**
	 * The sum of the heap pools' peak usage since the last reset, in bytes: an upper bound of the
	 * heap in use at any one moment (the pools peak at different times).
	 */
	static long peakHeapBytes() {
		long total = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				total += pool.getPeakUsage().getUsed();
			}
		}
		return total;
	}

	/**
	 * CPU time of the JIT compiler threads so far ({@code C1/C2 CompilerThread…}), from
	 * {@code /proc/self/task}, in nanoseconds (10 ms ticks): what a run spent compiling, to tell
	 * a client's steady cost from a warm-up that had not settled. Compiler threads that ended are
	 * not counted (the JVM keeps at least one of each).
	 */
	static long compilerCpuNanos() {
		long ticks = 0;
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
			for (Path task : tasks) {
				try {
					if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
						String stat = Files.readString(task.resolve("stat"));
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					}
				}
				catch (IOException | RuntimeException ex) {
					// The thread ended meanwhile.
				}
			}
		}
		catch (IOException ex) {
			return 0;
		}
		return ticks * 10_000_000;
	}

	/**
	 * CPU time per thread of this process, from {@code /proc/self/task}, summed by thread name
	 * with digits dropped (so the event loops, GC workers and compilers each add up), busiest first.
	 * @return lines of {@code milliseconds name}
	 */
	static List<String> cpuByThreadGroup() {
		Map<String, Long> ticks = new TreeMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
			for (Path task : tasks) {
				try {
					String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
					String stat = Files.readString(task.resolve("stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
				}
				catch (IOException | RuntimeException ex) {
					// The thread ended meanwhile.
				}
			}
		}
		catch (IOException ex) {
			return List.of();
		}
		// Linux reports clock ticks of 10 ms on every platform the JDK supports here.
		return ticks.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.map((entry) -> (entry.getValue() * 10) + " ms " + entry.getKey())
			.toList();
	}

	private static long statusKilobytes(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		return -1;
	}

}
