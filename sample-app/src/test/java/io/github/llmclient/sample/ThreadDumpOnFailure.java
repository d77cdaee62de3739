package io.github.llmclient.sample;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Logs the stacks of every live thread when a test against the running application fails, so that
 * a rare stall (a test that timed out waiting for the application) can be explained from the build
 * log alone: the event loops, Reactor's timers and the test thread are all in the dump. Passing
 * tests log nothing.
 */
class ThreadDumpOnFailure implements TestWatcher {

	private static final Log logger = LogFactory.getLog(ThreadDumpOnFailure.class);

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		StringBuilder dump = new StringBuilder("Thread dump after ").append(context.getDisplayName())
			.append(" failed (").append(cause).append("):\n");
		for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
			dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
			if (thread.getLockName() != null) {
				dump.append(" on ").append(thread.getLockName());
			}
			if (thread.getLockOwnerName() != null) {
				dump.append(" held by \"").append(thread.getLockOwnerName()).append('"');
			}
			dump.append('\n');
			// ThreadInfo.toString() stops at 8 frames; the whole stack is what explains a stall.
			for (StackTraceElement frame : thread.getStackTrace()) {
				dump.append("\tat ").append(frame).append('\n');
			}
		}
		logger.error(dump);
	}

}
