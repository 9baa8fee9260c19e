package io.berth.common.logging;

import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The Log4j configuration of every berth process, built in code (no XML parse, no plugin reflection: measured
 * about 0.2-0.3 s of CPU per JVM at start-up with the XML files it replaces, see bench/README.md). Chosen by
 * {@link BerthLogConfigurationFactory} when a process runs with {@code -Dlog4j2.configurationFactory=} that class
 * (berthd's {@code JvmLauncher} and {@code bin/berthd} set it; tests keep their {@code log4j2-test.xml}).
 *
 * <p>What it sets up, from system properties read once at start:
 * <ul>
 *   <li>one line per event on the standard error, {@value #PATTERN_HEAD} + {@value #PATTERN_TAIL}; with
 *       {@code berth.service} set (a service JVM) the line names the service in brackets after the level;</li>
 *   <li>with {@code berth.log.file} set, the same lines appended to that file (mode 0600, flushed per line:
 *       berthd names {@code <exec-root>/logs/<service>.log});</li>
 *   <li>the root level from {@code berth.log.level} (default INFO; berthd's {@code -D} passes DEBUG, and the
 *       daemon settings may change it later through {@code Configurator.setRootLevel});</li>
 *   <li>the fixed levels of {@link #LEVELS} (noisy libraries).</li>
 * </ul>
 * A line written while a Docker API request is handled ends with {@code " id=<request ID>"} (ThreadContext key
 * {@code requestId}, common's {@code grpc/RequestIds}). No shutdown hook: the services' own hooks keep logging
 * while they stop services and containers.
 */
public final class BerthLogConfiguration extends AbstractConfiguration {
    /** The start of each line: ISO 8601 time and level. */
    static final String PATTERN_HEAD = "%d{ISO8601} %-5level ";
    /** The rest of each line: thread, logger's simple name, message, request ID if any, stack trace. */
    static final String PATTERN_TAIL = "[%t] %c{1}: %msg%notEmpty{ id=%X{requestId}}%n%throwable";
    /**
     * Loggers whose level is fixed whatever the root's: Netty's harmless "Unknown channel option 'SO_KEEPALIVE'"
     * on unix sockets (bootstrap), gRPC's and Netty's debug chatter, Netty's TLS handshake failures (a client
     * without a valid certificate: its problem, one WARN line), commons-compress's notes on odd archives.
     */
    static final Map<String, Level> LEVELS = Map.of(
            "io.netty.bootstrap", Level.ERROR,
            "io.netty.handler.ssl", Level.WARN,
            "io.netty", Level.INFO,
            "io.grpc", Level.INFO,
            "org.apache.commons.compress", Level.WARN);

    /**
     * @param context the logger context this configuration is for
     */
    BerthLogConfiguration(LoggerContext context) {
        super(context, ConfigurationSource.NULL_SOURCE);
        setName("berth");
        isShutdownHookEnabled = false;
    }

    /**
     * @param service the value of {@code berth.service}, or null for berthd and the CLI
     * @return the pattern of one log line
     */
    static String pattern(String service) {
        return service == null || service.isEmpty() ? PATTERN_HEAD + PATTERN_TAIL
                : PATTERN_HEAD + "[" + service + "] " + PATTERN_TAIL;
    }

    /**
     * @param value the value of {@code berth.log.level}, or null
     * @return that level (Log4j's names, any case), INFO if null or unknown
     */
    static Level rootLevel(String value) {
        return value == null ? Level.INFO : Level.toLevel(value.trim(), Level.INFO);
    }

    @Override
    protected void doConfigure() {
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(this)
                .withPattern(pattern(System.getProperty("berth.service"))).build();
        LoggerConfig root = getRootLogger();
        root.setLevel(rootLevel(System.getProperty("berth.log.level")));
        Appender stderr = ConsoleAppender.newBuilder().setName("stderr").setConfiguration(this).setLayout(layout)
                .setTarget(ConsoleAppender.Target.SYSTEM_ERR).build();
        attach(root, stderr);
        String file = System.getProperty("berth.log.file");
        if (file != null && !file.isEmpty()) {
            Appender fileAppender = FileAppender.newBuilder().setName("file").setConfiguration(this)
                    .setLayout(layout).withFileName(file).withAppend(true).withFilePermissions("rw-------")
                    .setImmediateFlush(true).build();
            if (fileAppender != null) {  // null: the file cannot be opened (Log4j's status logger says why)
                attach(root, fileAppender);
            }
        }
        LEVELS.forEach((name, level) -> addLogger(name, new LoggerConfig(name, level, true)));
    }

    private void attach(LoggerConfig root, Appender appender) {
        appender.start();
        addAppender(appender);
        root.addAppender(appender, null, null);
    }
}
