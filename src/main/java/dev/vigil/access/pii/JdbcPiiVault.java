package dev.vigil.access.pii;

import dev.vigil.access.PiiField;
import dev.vigil.access.PiiMappingUnreadable;
import dev.vigil.access.PiiVault;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The vault in PostgreSQL (table {@code pii_token}). Tokens already stored are remembered, so a value seen
 * before costs one HMAC and no query; inserts are idempotent, so instances racing on one value agree.
 */
final class JdbcPiiVault implements PiiVault {

    /** Beyond this many remembered tokens the memory starts over: a bound, not an eviction policy. */
    private static final int REMEMBERED = 200_000;

    private final JdbcTemplate jdbc;
    private final PiiKeys keys;
    /** Token → the normalised value stored for it, so that even a cached token is checked for a collision. */
    private final Map<String, String> stored = new ConcurrentHashMap<>();

    JdbcPiiVault(JdbcTemplate jdbc, PiiKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @Override
    public String pseudonymise(PiiField field, String value) {
        if (PiiField.isToken(value)) {
            return value;
        }
        String normalised = PiiValues.normalise(field, value);
        String token = keys.token(field, normalised);
        String known = stored.get(token);
        if (known == null) {
            store(field, token, normalised);
        } else if (!known.equals(normalised)) {
            throw collision(token);
        }
        return token;
    }

    private void store(PiiField field, String token, String normalised) {
        PiiKeys.Sealed sealed = keys.seal(token, normalised);
        int inserted = jdbc.update(
                "insert into pii_token (token, kind, nonce, ciphertext, key_version) values (?, ?, ?, ?, ?)"
                        + " on conflict (token) do nothing",
                token,
                field.name(),
                sealed.nonce(),
                sealed.ciphertext(),
                keys.version());
        if (inserted == 0) {
            // Stored before, by another instance or before a restart; with 80 bits a collision is
            // improbable, but if one ever happens it must not merge two people into one token.
            String existing = detokenise(token).orElseThrow();
            if (!existing.equals(normalised)) {
                throw collision(token);
            }
        }
        remember(token, normalised);
    }

    /** Remembered only once committed: a rolled-back transaction must not leave a token believed stored. */
    private static IllegalStateException collision(String token) {
        return new IllegalStateException("two values share the pseudonym " + token + "; none is merged");
    }

    private void remember(String token, String normalised) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    add(token, normalised);
                }
            });
        } else {
            add(token, normalised);
        }
    }

    private void add(String token, String normalised) {
        if (stored.size() >= REMEMBERED) {
            stored.clear();
        }
        stored.put(token, normalised);
    }

    @Override
    public Optional<String> detokenise(String token) {
        if (!PiiField.isToken(token)) {
            return Optional.empty();
        }
        List<Row> rows = jdbc.query(
                "select kind, nonce, ciphertext, key_version from pii_token where token = ?",
                (rs, n) -> new Row(
                        rs.getString("kind"),
                        rs.getBytes("nonce"),
                        rs.getBytes("ciphertext"),
                        rs.getInt("key_version")),
                token);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row row = rows.get(0);
        if (!PiiField.ofToken(token).map(f -> f.name().equals(row.kind())).orElse(false)) {
            throw PiiMappingUnreadable.forToken(token);
        }
        try {
            return Optional.of(keys.open(token, row.nonce(), row.ciphertext()));
        } catch (AEADBadTagException e) {
            // The version is a diagnosis, not a gate: a row that decrypts is good whatever version it carries
            throw row.keyVersion() == keys.version()
                    ? PiiMappingUnreadable.forToken(token)
                    : PiiMappingUnreadable.wrongKeyVersion(token, row.keyVersion(), keys.version());
        }
    }

    private record Row(String kind, byte[] nonce, byte[] ciphertext, int keyVersion) {}
}
