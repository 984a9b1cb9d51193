package dev.vigil.access.apikey;

import dev.vigil.access.ApiKeyInfo;
import dev.vigil.access.ApiKeyNotFound;
import dev.vigil.access.ApiKeyPrincipal;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.CreatedApiKey;
import dev.vigil.access.Role;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * API keys in PostgreSQL. Successful look-ups are cached briefly so that every request does not cost a
 * query; a revoked key therefore stops working within {@link #CACHE_TTL} on every instance.
 */
@Repository
class JdbcApiKeys implements ApiKeys {

    static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

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
    public CreatedApiKey create(String name, Role role) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new IllegalArgumentException("a key name must have 1-100 characters");
        }
        String key = KeyMaterial.newKey();
        ApiKeyInfo info = new ApiKeyInfo(
                UUID.randomUUID(), trimmed, role, key.substring(0, KeyMaterial.SHOWN), clock.instant(), null, null);
        jdbc.update(
                "insert into api_key (id, name, role, key_hash, key_prefix, created_at) values (?, ?, ?, ?, ?, ?)",
                info.id(),
                info.name(),
                role.id(),
                KeyMaterial.hash(key),
                info.prefix(),
                Timestamp.from(info.createdAt()));
        return new CreatedApiKey(info, key);
    }

    @Override
    public List<ApiKeyInfo> list() {
        return jdbc.query("select * from api_key order by created_at", (rs, n) -> info(rs));
    }

    @Override
    public void revoke(UUID id) {
        int changed = jdbc.update("update api_key set revoked_at = now() where id = ? and revoked_at is null", id);
        if (changed == 0) {
            throw ApiKeyNotFound.forId(id.toString());
        }
        cache.values().removeIf(c -> c.principal().keyId().equals(id));
    }

    @Override
    public Optional<ApiKeyPrincipal> authenticate(String presentedKey) {
        if (!KeyMaterial.looksLikeKey(presentedKey)) {
            return Optional.empty();
        }
        // The hash is the look-up key, so no comparison of secrets happens in Java at all.
        ByteBuffer hash = ByteBuffer.wrap(KeyMaterial.hash(presentedKey));
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && cached.expires().isAfter(now)) {
            return Optional.of(cached.principal());
        }
        Optional<ApiKeyInfo> found = jdbc
                .query(
                        "select * from api_key where key_hash = ? and revoked_at is null",
                        (rs, n) -> info(rs),
                        hash.array())
                .stream()
                .findFirst();
        found.ifPresentOrElse(
                info -> {
                    cache.put(
                            hash,
                            new Cached(new ApiKeyPrincipal(info.id(), info.name(), info.role()), now.plus(CACHE_TTL)));
                    if (info.lastUsedAt() == null || info.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
                        jdbc.update("update api_key set last_used_at = ? where id = ?", Timestamp.from(now), info.id());
                    }
                },
                () -> cache.remove(hash));
        return found.map(info -> new ApiKeyPrincipal(info.id(), info.name(), info.role()));
    }

    @Override
    public boolean hasActiveAdmin() {
        Integer count = jdbc.queryForObject(
                "select count(*) from api_key where role = 'admin' and revoked_at is null", Integer.class);
        return count != null && count > 0;
    }

    private static ApiKeyInfo info(ResultSet rs) throws SQLException {
        return new ApiKeyInfo(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                Role.fromId(rs.getString("role")).orElseThrow(),
                rs.getString("key_prefix"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("revoked_at")),
                instant(rs.getTimestamp("last_used_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Cached(ApiKeyPrincipal principal, Instant expires) {}
}
