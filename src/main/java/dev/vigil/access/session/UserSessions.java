package dev.vigil.access.session;

import dev.vigil.access.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Dashboard sessions in PostgreSQL, so every instance behind a load balancer sees the same ones and a
 * sign-out or a disabled user takes effect everywhere at once. Each look-up joins the user, so a role change
 * or a disabled account applies to the next request.
 */
@Repository
class UserSessions {

    /**
     * How stale {@code last_seen_at} may get before a request writes it again. Writing on every request
     * would turn each dashboard read into a write (a new row version for PostgreSQL to vacuum, a commit to
     * flush); the idle timeout only needs minute precision, so a session may idle out up to a minute late.
     */
    static final Duration TOUCH_RESOLUTION = Duration.ofMinutes(1);

    private static final int MAX_USER_AGENT = 256;
    private static final int MAX_IP = 64;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SessionProperties properties;

    UserSessions(JdbcTemplate jdbc, Clock clock, SessionProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** A new session with a fresh token: never one the browser brought, so a planted id cannot be fixed. */
    ActiveSession start(SignedInUser user, @Nullable String ip, @Nullable String userAgent) {
        String token = SessionTokens.newToken();
        String csrf = SessionTokens.newToken();
        Instant now = clock.instant();
        jdbc.update(
                "insert into user_session (token_hash, user_id, csrf_token, created_at, last_seen_at, ip, user_agent)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                SessionTokens.hash(token),
                user.id(),
                csrf,
                Timestamp.from(now),
                Timestamp.from(now),
                clip(ip, MAX_IP),
                clip(userAgent, MAX_USER_AGENT));
        return new ActiveSession(token, user, csrf, now.plus(properties.absoluteTimeout()));
    }

    /** The session this token opens, if it is still valid; an expired one is deleted on the way. */
    Optional<ActiveSession> find(String token) {
        if (!SessionTokens.wellFormed(token)) {
            return Optional.empty();
        }
        byte[] hash = SessionTokens.hash(token);
        Instant now = clock.instant();
        Optional<Found> found = jdbc
                .query(
                        """
                        select s.csrf_token, s.created_at, s.last_seen_at, u.id, u.name, u.role
                        from user_session s join vigil_user u on u.id = s.user_id
                        where s.token_hash = ? and u.disabled_at is null and s.created_at > ? and s.last_seen_at > ?
                        """,
                        (rs, n) -> new Found(
                                new ActiveSession(
                                        token,
                                        new SignedInUser(
                                                rs.getObject("id", UUID.class),
                                                rs.getString("name"),
                                                Role.fromId(rs.getString("role"))
                                                        .orElseThrow()),
                                        rs.getString("csrf_token"),
                                        rs.getTimestamp("created_at")
                                                .toInstant()
                                                .plus(properties.absoluteTimeout())),
                                rs.getTimestamp("last_seen_at").toInstant()),
                        hash,
                        Timestamp.from(now.minus(properties.absoluteTimeout())),
                        Timestamp.from(now.minus(properties.idleTimeout())))
                .stream()
                .findFirst();
        if (found.isEmpty()) {
            jdbc.update("delete from user_session where token_hash = ?", (Object) hash);
            return Optional.empty();
        }
        if (found.get().lastSeen().isBefore(now.minus(TOUCH_RESOLUTION))) {
            jdbc.update(
                    "update user_session set last_seen_at = ? where token_hash = ? and last_seen_at < ?",
                    Timestamp.from(now),
                    hash,
                    Timestamp.from(now));
        }
        return Optional.of(found.get().session());
    }

    /** Ends the session: its token opens nothing afterwards. */
    void end(String token) {
        if (SessionTokens.wellFormed(token)) {
            jdbc.update("delete from user_session where token_hash = ?", (Object) SessionTokens.hash(token));
        }
    }

    /** Deletes sessions past either timeout or of disabled users; returns how many. */
    int purgeExpired() {
        Instant now = clock.instant();
        return jdbc.update(
                """
                delete from user_session
                where created_at <= ? or last_seen_at <= ?
                   or user_id in (select id from vigil_user where disabled_at is not null)
                """,
                Timestamp.from(now.minus(properties.absoluteTimeout())),
                Timestamp.from(now.minus(properties.idleTimeout())));
    }

    private static @Nullable String clip(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private record Found(ActiveSession session, Instant lastSeen) {}
}
