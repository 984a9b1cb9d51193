package dev.vigil.access.apikey;

import dev.vigil.access.ApiKeyInfo;
import dev.vigil.access.ApiKeyNotFound;
import dev.vigil.access.ApiKeyPrincipal;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.CreatedApiKey;
import dev.vigil.access.KeyCheck;
import dev.vigil.access.KeyCheck.Reason;
import dev.vigil.access.KeyScope;
import dev.vigil.access.NewApiKey;
import dev.vigil.access.Role;
import dev.vigil.access.UserChanged;
import dev.vigil.access.UserNotFound;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * API keys in PostgreSQL. Successful look-ups are cached for {@link #CACHE_TTL} so that every request does
 * not cost a query. Expiry is checked against the clock on every request, cached or not. A revocation, or a
 * change to the key's user (disabled, demoted), drops the cached entries on the instance that made it, so it
 * takes effect there at once; other instances notice within {@link #CACHE_TTL}.
 */
@Repository
class JdbcApiKeys implements ApiKeys {

    static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final String SELECT = """
            select k.*, u.name as user_name, u.role as user_role, u.disabled_at as user_disabled_at
            from api_key k left join vigil_user u on u.id = k.user_id
            """;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<ByteBuffer, Cached> cache = new ConcurrentHashMap<>();

    @Autowired
    JdbcApiKeys(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    JdbcApiKeys(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public CreatedApiKey create(NewApiKey request) {
        String trimmed = request.name().strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new IllegalArgumentException("a key name must have 1-100 characters");
        }
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw new IllegalArgumentException("a key's expiry must be in the future");
        }
        Owner owner = request.owner() == null ? null : owner(request.owner());
        if (owner != null && request.role().compareTo(owner.role()) > 0) {
            throw new IllegalArgumentException("a key's role (" + request.role().id()
                    + ") may not exceed its user's role (" + owner.role().id() + ")");
        }
        String key = KeyMaterial.newKey();
        ApiKeyInfo info = new ApiKeyInfo(
                UUID.randomUUID(),
                trimmed,
                request.role(),
                key.substring(0, KeyMaterial.SHOWN),
                now,
                null,
                null,
                owner == null ? null : owner.id(),
                owner == null ? null : owner.name(),
                request.expiresAt(),
                request.scopes());
        jdbc.update(
                """
                insert into api_key (id, name, role, key_hash, key_prefix, created_at, user_id, expires_at, scopes)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                info.id(),
                info.name(),
                request.role().id(),
                KeyMaterial.hash(key),
                info.prefix(),
                Timestamp.from(now),
                info.userId(),
                request.expiresAt() == null ? null : Timestamp.from(request.expiresAt()),
                request.scopes().stream().map(KeyScope::id).sorted().toArray(String[]::new));
        return new CreatedApiKey(info, key);
    }

    private Owner owner(String name) {
        String login = name.strip().toLowerCase(Locale.ROOT);
        return jdbc
                .query(
                        "select id, name, role, disabled_at from vigil_user where name = ?",
                        (rs, n) -> {
                            if (rs.getTimestamp("disabled_at") != null) {
                                throw new IllegalArgumentException("user " + login + " is disabled");
                            }
                            return new Owner(
                                    rs.getObject("id", UUID.class),
                                    rs.getString("name"),
                                    Role.fromId(rs.getString("role")).orElseThrow());
                        },
                        login)
                .stream()
                .findFirst()
                .orElseThrow(() -> UserNotFound.named(login));
    }

    @Override
    public List<ApiKeyInfo> list() {
        return jdbc.query(SELECT + " order by k.created_at", (rs, n) -> info(rs));
    }

    @Override
    public void revoke(UUID id) {
        int changed = jdbc.update("update api_key set revoked_at = now() where id = ? and revoked_at is null", id);
        if (changed == 0) {
            throw ApiKeyNotFound.forId(id.toString());
        }
        forget(c -> c.principal().keyId().equals(id));
    }

    @EventListener
    void userChanged(UserChanged event) {
        forget(c -> event.userId().equals(c.principal().userId()));
    }

    /**
     * Drops cached checks now, and again when the surrounding transaction commits: a request checked in
     * between still read the old row and may have cached it.
     */
    private void forget(Predicate<Cached> stale) {
        cache.values().removeIf(stale);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.values().removeIf(stale);
                }
            });
        }
    }

    @Override
    public KeyCheck check(String presentedKey) {
        if (!KeyMaterial.looksLikeKey(presentedKey)) {
            return new KeyCheck.Refused(Reason.INVALID_OR_REVOKED);
        }
        // The hash is the look-up key, so no comparison of secrets happens in Java at all.
        ByteBuffer hash = ByteBuffer.wrap(KeyMaterial.hash(presentedKey));
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            return checked(cached.principal(), now);
        }
        cache.remove(hash);
        Row row = jdbc.query(SELECT + " where k.key_hash = ?", (rs, n) -> row(rs), hash.array()).stream()
                .findFirst()
                .orElse(null);
        if (row == null || row.info().revokedAt() != null) {
            return new KeyCheck.Refused(Reason.INVALID_OR_REVOKED);
        }
        if (row.userDisabled()) {
            return new KeyCheck.Refused(Reason.USER_DISABLED);
        }
        ApiKeyInfo info = row.info();
        // A user demoted after the key was made takes the key down with them.
        Role role = row.userRole() != null && row.userRole().compareTo(info.role()) < 0 ? row.userRole() : info.role();
        ApiKeyPrincipal principal = new ApiKeyPrincipal(
                info.id(), info.name(), role, info.userId(), info.userName(), info.scopes(), info.expiresAt());
        cache.put(hash, new Cached(principal, now.plus(CACHE_TTL)));
        if (info.lastUsedAt() == null || info.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            jdbc.update("update api_key set last_used_at = ? where id = ?", Timestamp.from(now), info.id());
        }
        return checked(principal, now);
    }

    private static KeyCheck checked(ApiKeyPrincipal principal, Instant now) {
        return principal.expiredAt(now) ? new KeyCheck.Refused(Reason.EXPIRED) : new KeyCheck.Accepted(principal);
    }

    @Override
    public boolean hasActiveAdmin() {
        Integer count = jdbc.queryForObject("""
                select count(*) from api_key
                where role = 'admin' and revoked_at is null and (expires_at is null or expires_at > now())""", Integer.class);
        return count != null && count > 0;
    }

    private static Row row(ResultSet rs) throws SQLException {
        String userRole = rs.getString("user_role");
        return new Row(
                info(rs),
                userRole == null ? null : Role.fromId(userRole).orElseThrow(),
                rs.getTimestamp("user_disabled_at") != null);
    }

    private static ApiKeyInfo info(ResultSet rs) throws SQLException {
        return new ApiKeyInfo(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                Role.fromId(rs.getString("role")).orElseThrow(),
                rs.getString("key_prefix"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("revoked_at")),
                instant(rs.getTimestamp("last_used_at")),
                rs.getObject("user_id", UUID.class),
                rs.getString("user_name"),
                instant(rs.getTimestamp("expires_at")),
                scopes(rs.getArray("scopes")));
    }

    private static Set<KeyScope> scopes(@Nullable Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        EnumSet<KeyScope> scopes = EnumSet.noneOf(KeyScope.class);
        Arrays.stream((Object[]) array.getArray())
                .map(String::valueOf)
                .forEach(id -> KeyScope.fromId(id).ifPresent(scopes::add));
        return scopes;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Owner(UUID id, String name, Role role) {}

    private record Row(ApiKeyInfo info, @Nullable Role userRole, boolean userDisabled) {}

    private record Cached(ApiKeyPrincipal principal, Instant until) {}
}
