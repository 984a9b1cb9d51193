package dev.vigil.access.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes ended sessions now and then. Expired rows already open nothing (every look-up checks the
 * times); this only keeps the table small. Safe on every instance at once: a delete of what is expired.
 */
@Component
class ExpiredSessionPurge implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ExpiredSessionPurge.class);

    private final UserSessions sessions;
    private final SessionProperties properties;

    ExpiredSessionPurge(UserSessions sessions, SessionProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::purge, properties.purgeInterval());
    }

    void purge() {
        try {
            int purged = sessions.purgeExpired();
            if (purged > 0) {
                log.debug("Purged {} ended dashboard sessions", purged);
            }
        } catch (RuntimeException e) {
            log.warn("Could not purge ended dashboard sessions; will try again", e);
        }
    }
}
