package io.berth.common.logging;

import org.apache.logging.log4j.core.LifeCycle;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.apache.logging.log4j.core.selector.ContextSelector;

/**
 * Log4j's context factory for berth's processes: a context that has not started yet starts with a
 * {@link BerthLogConfiguration} directly, so Log4j never runs its configuration search
 * ({@code ConfigurationFactory.getInstance} instantiates every configuration factory plugin, and the YAML and JSON
 * ones probe the class path for Jackson modules berth does not have). Measured in a main of its own on berth's
 * class path and archive: Log4j's start 0.27 → 0.21 CPU s per JVM (bench/README.md). Installed by
 * {@link BerthLog4jProvider}; any later reconfiguration still ends at {@link BerthLogConfigurationFactory}.
 */
public final class BerthLoggerContextFactory extends Log4jContextFactory {
    /** The factory over Log4j's default context selector (one context per class loader). */
    public BerthLoggerContextFactory() {
    }

    /** @param selector where contexts come from (tests pass one of their own) */
    BerthLoggerContextFactory(ContextSelector selector) {
        super(selector);
    }

    @Override
    public LoggerContext getContext(String fqcn, ClassLoader loader, Object externalContext, boolean currentContext) {
        LoggerContext ctx = getSelector().getContext(fqcn, loader, currentContext);
        if (ctx.getState() == LifeCycle.State.INITIALIZED) {
            return getContext(fqcn, loader, externalContext, currentContext, new BerthLogConfiguration(ctx));
        }
        return super.getContext(fqcn, loader, externalContext, currentContext);
    }
}
