package dev.vigil.respond.defender.hunting;

import dev.vigil.alert.Severity;
import java.time.Duration;

/** When a saved query runs on its own, and how severe the alerts its rows raise are. */
record Schedule(Duration interval, Severity severity, boolean enabled) {

    /** Shorter would spend the tenant's 45-a-minute hunting quota on one query; longer is not a schedule. */
    static final Duration MIN_INTERVAL = Duration.ofMinutes(5);

    static final Duration MAX_INTERVAL = Duration.ofDays(1);

    Schedule {
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new InvalidHunt("schedule.interval", "between PT5M and P1D");
        }
    }
}
