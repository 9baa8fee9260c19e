package io.berth.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BerthLogConfigurationTest {
    @TempDir
    Path dir;
    private LoggerContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        System.clearProperty("berth.service");
        System.clearProperty("berth.log.file");
        System.clearProperty("berth.log.level");
        ThreadContext.clearAll();
    }

    private LoggerContext start() {
        context = new LoggerContext("berth-log-test");
        context.start(new BerthLogConfiguration(context));
        return context;
    }

    @Test
    void serviceLinesGoToTheFileWithTheServiceNameAndRequestIdAtMode0600() throws Exception {
        Path file = dir.resolve("engine-service.log");
        System.setProperty("berth.service", "engine-service");
        System.setProperty("berth.log.file", file.toString());
        Logger log = start().getLogger("io.berth.engine.Thing");
        ThreadContext.put("requestId", "req-42");
        log.info("created container {}", "abc");
        ThreadContext.remove("requestId");
        log.warn("no request");
        log.debug("below the root level");

        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[engine-service] \\[[^]]+] Thing: "
                        + "created container abc id=req-42"), lines.get(0));
        assertTrue(lines.get(1).endsWith("WARN  [engine-service] [" + Thread.currentThread().getName()
                + "] Thing: no request"), lines.get(1));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void rootLevelComesFromThePropertyAndLibraryLevelsStayFixed() {
        System.setProperty("berth.log.level", "debug");
        LoggerContext c = start();
        assertEquals(Level.DEBUG, c.getRootLogger().getLevel());
        assertEquals(Level.ERROR, c.getLogger("io.netty.bootstrap.Bootstrap").getLevel());
        assertEquals(Level.INFO, c.getLogger("io.grpc.internal.ManagedChannelImpl").getLevel());
        assertEquals(Level.WARN, c.getLogger("io.netty.handler.ssl.SslHandler").getLevel());
        assertFalse(c.getConfiguration().isShutdownHookEnabled());
    }

    @Test
    void withoutPropertiesOnlyStderrAtInfoAndNoServiceName() {
        LoggerContext c = start();
        assertEquals(Level.INFO, c.getRootLogger().getLevel());
        assertEquals(List.of("stderr"), List.copyOf(c.getConfiguration().getAppenders().keySet()));
        assertEquals(BerthLogConfiguration.PATTERN_HEAD + BerthLogConfiguration.PATTERN_TAIL,
                BerthLogConfiguration.pattern(null));
        assertEquals(Level.INFO, BerthLogConfiguration.rootLevel("nonsense"));
    }

    @Test
    void factoryAnswersForAnyNameAndSource() {
        BerthLogConfigurationFactory f = new BerthLogConfigurationFactory();
        LoggerContext c = new LoggerContext("factory-test");
        assertInstanceOf(BerthLogConfiguration.class, f.getConfiguration(c, "x", (URI) null));
        assertInstanceOf(BerthLogConfiguration.class, f.getConfiguration(c, ConfigurationSource.NULL_SOURCE));
    }

    @Test
    void contextFactoryStartsANewContextWithBerthsConfigurationAndLeavesAStartedOneAlone() {
        LoggerContext fresh = new LoggerContext("fresh");
        BerthLoggerContextFactory f = new BerthLoggerContextFactory(new FixedSelector(fresh));
        try {
            LoggerContext c = f.getContext(getClass().getName(), null, null, false);
            assertEquals(fresh, c);
            assertTrue(c.isStarted());
            assertInstanceOf(BerthLogConfiguration.class, c.getConfiguration());
            var first = c.getConfiguration();
            f.getContext(getClass().getName(), null, null, false);
            assertEquals(first, c.getConfiguration(), "a started context keeps its configuration");
        } finally {
            fresh.stop();
        }
    }

    @Test
    void providerHandsOutOneBerthContextFactory() {
        BerthLog4jProvider p = new BerthLog4jProvider();
        assertInstanceOf(BerthLoggerContextFactory.class, p.getLoggerContextFactory());
        assertEquals(p.getLoggerContextFactory(), new BerthLog4jProvider().getLoggerContextFactory());
        assertEquals(List.of("-Dlog4j.provider=io.berth.common.logging.BerthLog4jProvider",
                "-Dlog4j2.configurationFactory=io.berth.common.logging.BerthLogConfigurationFactory"),
                BerthLog4jProvider.PROPERTIES);
    }

    /** A selector with one context, so the test does not meet the JVM's own (started by log4j2-test.xml). */
    private record FixedSelector(LoggerContext context) implements org.apache.logging.log4j.core.selector.ContextSelector {
        @Override
        public LoggerContext getContext(String fqcn, ClassLoader loader, boolean currentContext) {
            return context;
        }

        @Override
        public LoggerContext getContext(String fqcn, ClassLoader loader, boolean currentContext, URI configLocation) {
            return context;
        }

        @Override
        public List<LoggerContext> getLoggerContexts() {
            return List.of(context);
        }

        @Override
        public void removeContext(LoggerContext context) {
        }
    }
}
