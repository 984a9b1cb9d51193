package dev.vigil.respond.defender.alerts;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * How far a tenant's alerts are stored: every alert last updated before {@code at}, and the alerts in {@code
 * idsAt} last updated at exactly {@code at}. Graph is asked for {@code lastUpdateDateTime ge at}, so the ids
 * keep those already stored from being imported again, while others updated at that same instant (the rest
 * of a page that ended there, say) are still taken.
 */
record Watermark(Instant at, Set<String> idsAt) {

    Watermark {
        idsAt = Set.copyOf(idsAt);
    }

    static Watermark startingAt(Instant at) {
        return new Watermark(at, Set.of());
    }

    /** Whether this alert version is already stored as far as the watermark knows. */
    boolean covers(PolledAlert alert) {
        int order = alert.lastUpdate().compareTo(at);
        return order < 0 || (order == 0 && idsAt.contains(alert.id()));
    }

    /** The watermark once all of {@code stored} are stored too: it never moves back. */
    Watermark after(Collection<PolledAlert> stored) {
        Instant latest = at;
        for (PolledAlert alert : stored) {
            if (alert.lastUpdate().isAfter(latest)) {
                latest = alert.lastUpdate();
            }
        }
        Set<String> ids = latest.equals(at) ? new HashSet<>(idsAt) : new HashSet<>();
        for (PolledAlert alert : stored) {
            if (alert.lastUpdate().equals(latest)) {
                ids.add(alert.id());
            }
        }
        return new Watermark(latest, ids);
    }

    /** The instant as the {@code $filter} value and as stored: ISO-8601 in UTC, to the nanosecond. */
    String text() {
        return at.toString();
    }
}
