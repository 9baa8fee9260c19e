package io.berth.common.logging;

import java.net.URI;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;

/**
 * Log4j's entry to {@link BerthLogConfiguration}: named by the system property
 * {@code log4j2.configurationFactory=io.berth.common.logging.BerthLogConfigurationFactory} (Log4j asks the factory
 * that property names first, and this one answers for every name and location), so that no configuration file is
 * searched for or parsed. Without the property Log4j looks for its files as usual (tests: {@code log4j2-test.xml}).
 */
public final class BerthLogConfigurationFactory extends ConfigurationFactory {
    /** The value for {@code -Dlog4j2.configurationFactory}. */
    public static final String NAME = BerthLogConfigurationFactory.class.getName();

    /** Log4j instantiates the factory by reflection. */
    public BerthLogConfigurationFactory() {
    }

    @Override
    protected String[] getSupportedTypes() {
        return new String[] {"*"};
    }

    @Override
    public Configuration getConfiguration(LoggerContext context, ConfigurationSource source) {
        return new BerthLogConfiguration(context);
    }

    @Override
    public Configuration getConfiguration(LoggerContext context, String name, URI location) {
        return new BerthLogConfiguration(context);
    }
}
