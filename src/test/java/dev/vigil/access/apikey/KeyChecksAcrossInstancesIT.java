package dev.vigil.access.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.KeyCheck;
import dev.vigil.access.KeyScope;
import dev.vigil.access.NewApiKey;
import dev.vigil.access.Role;
import dev.vigil.access.UserChanged;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two {@link JdbcApiKeys} on one PostgreSQL stand for two Vigil instances, with a clock the test moves: what
 * the validation cache lets through, and for how long. This is the behaviour docs/operations.md promises.
 */
class KeyChecksAcrossInstancesIT {

    private static final String URL =
            System.getenv().getOrDefault("VIGIL_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String SCHEMA =
            "vigil_keys_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static JdbcTemplate jdbc;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private JdbcApiKeys here;
    private JdbcApiKeys elsewhere;

    @BeforeAll
    static void database() {
        String user = System.getenv().getOrDefault("VIGIL_TEST_DB_USER", "postgres");
        Flyway.configure()
                .dataSource(URL, user, null)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(
                URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA, user, ""));
    }

    @BeforeEach
    void instances() {
        here = new JdbcApiKeys(jdbc, clock);
        elsewhere = new JdbcApiKeys(jdbc, clock);
    }

    @Test
    void aRevocationReachesOtherInstancesWithinTheCacheLifetime() {
        var created = here.create("shared", Role.ANALYST);
        assertThat(elsewhere.check(created.key())).isInstanceOf(KeyCheck.Accepted.class);

        here.revoke(created.info().id());

        assertThat(here.check(created.key())).isEqualTo(new KeyCheck.Refused(KeyCheck.Reason.INVALID_OR_REVOKED));
        // The other instance still holds its cached check...
        assertThat(elsewhere.check(created.key())).isInstanceOf(KeyCheck.Accepted.class);
        // ...until it runs out.
        clock.advance(JdbcApiKeys.CACHE_TTL.plusMillis(1));
        assertThat(elsewhere.check(created.key())).isEqualTo(new KeyCheck.Refused(KeyCheck.Reason.INVALID_OR_REVOKED));
    }

    @Test
    void expiryIsCheckedOnEveryRequestEvenFromTheCache() {
        var created = here.create(
                new NewApiKey("brief", Role.ENGINEER, null, clock.instant().plusSeconds(5), Set.of(KeyScope.READ)));
        assertThat(here.check(created.key())).isInstanceOf(KeyCheck.Accepted.class);
        clock.advance(Duration.ofSeconds(5));
        assertThat(here.check(created.key())).isEqualTo(new KeyCheck.Refused(KeyCheck.Reason.EXPIRED));
    }

    @Test
    void aUsersChangeIsSeenAtOnceWhereItWasMadeAndWithinTheCacheLifetimeElsewhere() {
        UUID user = UUID.randomUUID();
        String name = "u" + user.toString().substring(0, 8);
        jdbc.update(
                "insert into vigil_user (id, name, role, created_at) values (?, ?, 'engineer', ?)",
                user,
                name,
                Timestamp.from(clock.instant()));
        var created = here.create(new NewApiKey("owned", Role.ENGINEER, name, null, Set.of()));
        assertThat(((KeyCheck.Accepted) here.check(created.key())).principal().role())
                .isEqualTo(Role.ENGINEER);
        assertThat(elsewhere.check(created.key())).isInstanceOf(KeyCheck.Accepted.class);

        jdbc.update("update vigil_user set role = 'analyst' where id = ?", user);
        here.userChanged(new UserChanged(user));
        var demoted = (KeyCheck.Accepted) here.check(created.key());
        assertThat(demoted.principal().role()).isEqualTo(Role.ANALYST);
        assertThat(demoted.principal().userName()).isEqualTo(name);

        jdbc.update("update vigil_user set disabled_at = now() where id = ?", user);
        here.userChanged(new UserChanged(user));
        assertThat(here.check(created.key())).isEqualTo(new KeyCheck.Refused(KeyCheck.Reason.USER_DISABLED));
        clock.advance(JdbcApiKeys.CACHE_TTL.plusMillis(1));
        assertThat(elsewhere.check(created.key())).isEqualTo(new KeyCheck.Refused(KeyCheck.Reason.USER_DISABLED));
    }

    @Test
    void keysWithoutAUserKeepWorkingAndMalformedKeysAreRefused() {
        var created = here.create("legacy admin", Role.ADMIN);
        jdbc.update(
                "update api_key set user_id = null, scopes = '{}' where id = ?",
                created.info().id());
        var accepted = (KeyCheck.Accepted) elsewhere.check(created.key());
        assertThat(accepted.principal().userId()).isNull();
        assertThat(accepted.principal().scopes()).isEmpty();
        assertThat(here.check("vgl_short")).isEqualTo(new KeyCheck.Refused(KeyCheck.Reason.INVALID_OR_REVOKED));
        assertThat(here.check(created.key()
                        .replace(created.key().charAt(10), created.key().charAt(10) == 'A' ? 'B' : 'A')))
                .isEqualTo(new KeyCheck.Refused(KeyCheck.Reason.INVALID_OR_REVOKED));
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
