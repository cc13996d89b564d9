package eu.sehr.cloud.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the frameworks' log events (with their stack traces) about a failure that {@link DependencyOutage} has
 * already reported in one line: Axon's "Error while processing batch ... Aborting Work Package" for every retry of
 * every segment. Other events pass untouched.
 */
public final class ReportedOutageFilter extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || logger.getName().startsWith("eu.sehr.cloud")) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t != null ? t
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ReportedOutage) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
