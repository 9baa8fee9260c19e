package io.berth.common.logging;

import java.util.List;
import org.apache.logging.log4j.core.impl.Log4jProvider;
import org.apache.logging.log4j.spi.LoggerContextFactory;

/**
 * The Log4j provider of berth's processes, named by {@code -Dlog4j.provider=} this class ({@link #PROPERTIES}):
 * Log4j core's own provider (thread context map and all) with {@link BerthLoggerContextFactory} as its context
 * factory. Without the property Log4j picks core's provider as usual (tests).
 */
public final class BerthLog4jProvider extends Log4jProvider {
    /**
     * The system properties that give a JVM berth's logging set-up with no configuration file: this provider,
     * and {@link BerthLogConfigurationFactory} for any reconfiguration.
     */
    public static final List<String> PROPERTIES = List.of(
            "-Dlog4j.provider=" + BerthLog4jProvider.class.getName(),
            "-Dlog4j2.configurationFactory=" + BerthLogConfigurationFactory.NAME);

    private static final class Holder {
        static final BerthLoggerContextFactory FACTORY = new BerthLoggerContextFactory();
    }

    /** Log4j instantiates the provider by reflection. */
    public BerthLog4jProvider() {
    }

    @Override
    public LoggerContextFactory getLoggerContextFactory() {
        return Holder.FACTORY;
    }
}
