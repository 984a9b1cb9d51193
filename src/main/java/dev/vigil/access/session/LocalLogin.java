package dev.vigil.access.session;

import dev.vigil.access.Role;
import dev.vigil.access.session.LoginOutcome.Reason;
import dev.vigil.access.session.LoginOutcome.Refused;
import dev.vigil.access.session.LoginOutcome.SignedIn;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a local account's name and password, with lockout. Every attempt costs one password hash check,
 * whether the name exists or not, so neither the answer nor its timing tells which names exist.
 */
@Component
class LocalLogin {

    static final int MAX_LOGIN = 100;
    /** Far above any real password, low enough that hashing it costs nothing unusual. */
    static final int MAX_PASSWORD = 1024;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final LoginProperties properties;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    /** Checked against for names that have no password hash, so they cost what a real check costs. */
    private final String dummyHash = encoder.encode(SessionTokens.newToken());

    LocalLogin(JdbcTemplate jdbc, Clock clock, LoginProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    LoginOutcome attempt(String name, String password) {
        String login = normalise(name);
        Optional<Account> account = login.isEmpty() ? Optional.empty() : find(login);
        boolean passwordMatches =
                matches(password, account.map(Account::passwordHash).orElse(null));
        if (account.isEmpty()) {
            return new Refused(login, Reason.UNKNOWN_USER, null);
        }
        Account found = account.get();
        Instant now = clock.instant();
        if (found.disabled()) {
            return new Refused(login, Reason.DISABLED, null);
        }
        if (found.lockedUntil() != null && found.lockedUntil().isAfter(now)) {
            return new Refused(login, Reason.LOCKED, null);
        }
        if (found.passwordHash() == null) {
            return new Refused(login, Reason.NO_LOCAL_PASSWORD, null);
        }
        if (!passwordMatches) {
            return new Refused(login, Reason.BAD_PASSWORD, recordFailure(found.id(), now));
        }
        jdbc.update("update vigil_user set failed_logins = 0, locked_until = null where id = ?", found.id());
        if (encoder.upgradeEncoding(found.passwordHash())) {
            jdbc.update("update vigil_user set password_hash = ? where id = ?", encoder.encode(password), found.id());
        }
        return new SignedIn(new SignedInUser(found.id(), found.login(), found.role()));
    }

    /** Lower case, trimmed and clipped: what is stored in {@code vigil_user.name}, and safe to audit. */
    static String normalise(String name) {
        String login = name.strip().toLowerCase(Locale.ROOT);
        return login.length() > MAX_LOGIN ? login.substring(0, MAX_LOGIN) : login;
    }

    private boolean matches(String password, @Nullable String hash) {
        if (password.length() > MAX_PASSWORD) {
            password = password.substring(0, MAX_PASSWORD);
            hash = null;
        }
        try {
            return encoder.matches(password, hash == null ? dummyHash : hash) && hash != null;
        } catch (IllegalArgumentException e) {
            // bcrypt refuses passwords over 72 bytes, and an unknown {id} prefix: either way, not a match.
            return false;
        }
    }

    /**
     * Counts a wrong password in one statement, so concurrent attempts cannot skip the lock; the attempt that
     * reaches the limit locks the account and starts a fresh count for after the lock. Returns the lock's
     * end when this failure set it.
     */
    private @Nullable Instant recordFailure(UUID id, Instant now) {
        Instant until = now.plus(properties.lockout());
        return jdbc
                .query(
                        """
                        update vigil_user
                        set failed_logins = case when failed_logins + 1 >= ? then 0 else failed_logins + 1 end,
                            locked_until = case when failed_logins + 1 >= ? then ? else locked_until end
                        where id = ? and (locked_until is null or locked_until <= ?)
                        returning locked_until
                        """,
                        (rs, n) -> rs.getTimestamp("locked_until"),
                        properties.maxFailures(),
                        properties.maxFailures(),
                        Timestamp.from(until),
                        id,
                        Timestamp.from(now))
                .stream()
                // The row was unlocked before (the where clause), so a lock in the future is this failure's.
                .filter(t -> t != null && t.toInstant().isAfter(now))
                .map(Timestamp::toInstant)
                .findFirst()
                .orElse(null);
    }

    private Optional<Account> find(String login) {
        return jdbc
                .query(
                        "select id, name, role, password_hash, locked_until, disabled_at from vigil_user where name = ?",
                        (rs, n) -> new Account(
                                rs.getObject("id", UUID.class),
                                rs.getString("name"),
                                Role.fromId(rs.getString("role")).orElseThrow(),
                                rs.getString("password_hash"),
                                instant(rs.getTimestamp("locked_until")),
                                rs.getTimestamp("disabled_at") != null),
                        login)
                .stream()
                .findFirst();
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Account(
            UUID id,
            String login,
            Role role,
            @Nullable String passwordHash,
            @Nullable Instant lockedUntil,
            boolean disabled) {}
}
