package io.stockroom.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The logging set-up of every command, in code: logs go to stderr (so a command's stdout stays its
 * own output), everything at WARN; {@code io.stockroom} at INFO for the server, whose operator
 * reads its log, and at WARN for the app and the other commands, whose console shows only what a
 * user should act on (issue 16).
 *
 * <p>Logback finds this class through {@code META-INF/services} before it looks for a {@code
 * logback.xml}. Reading an XML file would start logback's Joran machinery: about 500 more classes,
 * 0.15-0.2 s more before the first log line and 0.3 s more CPU (docs/benchmarks/cold-start.md). A
 * file named by {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} on the class
 * path (the tests' own), still wins: then this class steps aside and logback reads that file as
 * usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfig extends ContextAwareBase implements Configurator {

  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";

  /** For {@link java.util.ServiceLoader}. */
  public LogConfig() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogConfig.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context);
    configured = true;
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The set-up itself: one console appender on stderr and the levels. */
  static void apply(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("io.stockroom").setLevel(Level.INFO);
  }

  /** Whether this class set logging up (not a file named by the user or the tests). */
  private static volatile boolean configured;

  /**
   * For every command but {@code server}: Stockroom's own INFO lines stay off the console. Leaves a
   * logging set-up from a file alone.
   */
  static void quiet() {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context
        && configured) {
      quiet(context);
    }
  }

  static void quiet(LoggerContext context) {
    context.getLogger("io.stockroom").setLevel(Level.WARN);
  }
}
