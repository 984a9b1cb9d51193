package dev.vigil.access.session;

import dev.vigil.access.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Vigil user behind an OpenID Connect identity, found by its issuer-qualified subject and created on
 * first sign-in. The role is set from the groups at every sign-in, so leaving a group takes effect at the
 * next one; a disabled user stays refused.
 */
@Repository
class OidcAccounts {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    OidcAccounts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Empty when the user exists and is disabled. */
    @Transactional
    Optional<SignedInUser> signIn(
            String subject,
            @Nullable String preferredName,
            @Nullable String email,
            @Nullable String displayName,
            Role role) {
        var existing = jdbc.query(
                "select id, name, disabled_at from vigil_user where oidc_subject = ? for update",
                (rs, n) -> new Existing(
                        rs.getObject("id", UUID.class), rs.getString("name"), rs.getTimestamp("disabled_at") != null),
                subject);
        if (!existing.isEmpty()) {
            Existing user = existing.get(0);
            if (user.disabled()) {
                return Optional.empty();
            }
            jdbc.update(
                    "update vigil_user set role = ?, email = coalesce(?, email), display_name = coalesce(?, display_name)"
                            + " where id = ?",
                    role.id(),
                    email,
                    displayName,
                    user.id());
            return Optional.of(new SignedInUser(user.id(), user.name(), role));
        }
        UUID id = UUID.randomUUID();
        String name = freeName(
                LocalLogin.normalise(preferredName != null ? preferredName : email != null ? email : "oidc-user"),
                subject);
        jdbc.update(
                "insert into vigil_user (id, name, display_name, email, role, oidc_subject, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                id,
                name,
                displayName,
                email,
                role.id(),
                subject,
                Timestamp.from(clock.instant()));
        return Optional.of(new SignedInUser(id, name, role));
    }

    /** The preferred name, or, when a local account already has it, the name with a suffix from the subject. */
    private String freeName(String preferred, String subject) {
        Integer taken = jdbc.queryForObject("select count(*) from vigil_user where name = ?", Integer.class, preferred);
        if (taken == null || taken == 0) {
            return preferred;
        }
        String suffix = HexFormat.of().formatHex(SessionTokens.hash(subject), 0, 4);
        String base = preferred.length() > LocalLogin.MAX_LOGIN - 9
                ? preferred.substring(0, LocalLogin.MAX_LOGIN - 9)
                : preferred;
        return base + "-" + suffix;
    }

    private record Existing(UUID id, String name, boolean disabled) {}
}
