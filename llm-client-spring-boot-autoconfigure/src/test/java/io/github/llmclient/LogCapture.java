package io.github.llmclient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures what some loggers write, for tests that assert on log lines: as a JUnit extension
 * ({@code @RegisterExtension}, around each test) or by hand ({@code try (LogCapture logs = …start())}).
 * Events arrive from the client's event loops while the test reads them, so they are collected in
 * a thread-safe list; loggers get their appender and level back afterwards.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

	private final List<String> loggerNames;

	private @Nullable Level level;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final List<@Nullable Level> previousLevels = new ArrayList<>();

	private LogCapture(List<String> loggerNames) {
		this.loggerNames = loggerNames;
		this.appender.list = new CopyOnWriteArrayList<>();
	}

	/** Captures the logger of the given class, at the level it has. */
	public static LogCapture of(Class<?> type) {
		return new LogCapture(List.of(type.getName()));
	}

	/** Captures the named loggers (and their children), at the levels they have. */
	public static LogCapture of(String... loggerNames) {
		return new LogCapture(Arrays.asList(loggerNames));
	}

	/** Sets the captured loggers to the given level while capturing. */
	public LogCapture atLevel(Level level) {
		this.level = level;
		return this;
	}

	/** Starts capturing. */
	public LogCapture start() {
		this.appender.start();
		for (String name : this.loggerNames) {
			Logger logger = (Logger) LoggerFactory.getLogger(name);
			this.previousLevels.add(logger.getLevel());
			if (this.level != null) {
				logger.setLevel(this.level);
			}
			logger.addAppender(this.appender);
		}
		return this;
	}

	/** Stops capturing and restores the loggers; what was captured stays readable. */
	@Override
	public void close() {
		for (int i = 0; i < this.previousLevels.size(); i++) {
			Logger logger = (Logger) LoggerFactory.getLogger(this.loggerNames.get(i));
			logger.detachAppender(this.appender);
			logger.setLevel(this.previousLevels.get(i));
		}
		this.previousLevels.clear();
		this.appender.stop();
	}

	/** Every event captured so far, in order. */
	public List<ILoggingEvent> events() {
		return this.appender.list;
	}

	/** The formatted messages of the events at the given level. */
	public List<String> messages(Level level) {
		return this.appender.list.stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	/** The formatted messages of the events at the given level from the named logger. */
	public List<String> messages(Level level, String loggerName) {
		return this.appender.list.stream()
			.filter((event) -> event.getLevel() == level && event.getLoggerName().equals(loggerName))
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	/** Forgets what was captured so far. */
	public void clear() {
		this.appender.list.clear();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		start();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		close();
	}

}
