package dev.vigil.respond.defender.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * How far a tenant's alerts are stored: the latest {@code lastUpdateDateTime} that a complete poll stored, and
 * the ids of the alerts stored at exactly that instant (for the status endpoint). Graph does not promise an
 * order for {@code alerts_v2} (external-apis §3.3 lists no {@code $orderby}), and an alert updated while a poll
 * pages may move to a page already read; so each poll asks for everything updated since the watermark less an
 * overlap, reads every page, and only then moves the watermark. Alerts read again are versions Vigil already
 * has, which the intake leaves unchanged.
 */
record Watermark(Instant at, Set<String> idsAt) {

    Watermark {
        idsAt = Set.copyOf(idsAt);
    }

    static Watermark startingAt(Instant at) {
        return new Watermark(at, Set.of());
    }

    /** Where the next query starts: {@code overlap} before the watermark. */
    Instant queryFrom(Duration overlap) {
        return at.minus(overlap);
    }

    /** The latest instant of this and {@code seen}, with the ids at it: it never moves back. */
    Watermark after(Collection<PolledAlert> seen) {
        Instant latest = at;
        for (PolledAlert alert : seen) {
            if (alert.lastUpdate().isAfter(latest)) {
                latest = alert.lastUpdate();
            }
        }
        Set<String> ids = latest.equals(at) ? new HashSet<>(idsAt) : new HashSet<>();
        for (PolledAlert alert : seen) {
            if (alert.lastUpdate().equals(latest)) {
                ids.add(alert.id());
            }
        }
        return new Watermark(latest, ids);
    }

    /**
     * The watermark after a complete poll that began at {@code startedAt} and reached {@code reached}: no later
     * than the poll's start, so that an alert updated while the poll paged (and perhaps moved to a page already
     * read) is at or after the next poll's start less the overlap, whatever the poll took; never before this one.
     */
    Watermark afterPoll(Watermark reached, Instant startedAt) {
        Watermark capped = reached.at().isAfter(startedAt) ? startingAt(startedAt) : reached;
        return capped.at().isBefore(at) ? this : capped;
    }

    /** The instant as the {@code $filter} value and as stored: ISO-8601 in UTC, to the nanosecond. */
    String text() {
        return at.toString();
    }

    /** An instant as a {@code $filter} value. */
    static String text(Instant instant) {
        return instant.toString();
    }
}
