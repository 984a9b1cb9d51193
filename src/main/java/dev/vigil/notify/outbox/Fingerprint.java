package dev.vigil.notify.outbox;

import dev.vigil.alert.Alert;
import dev.vigil.alert.Host;
import dev.vigil.alert.UserAccount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What makes two alerts "the same" to an analyst reading Slack: the same detection (source, tenant and title,
 * case and spacing aside) on the same hosts and users. Times, ids and the raw payload are left out, since
 * they differ between every repetition of one problem.
 */
final class Fingerprint {

    private Fingerprint() {}

    static String of(Alert alert) {
        TreeSet<String> hosts = new TreeSet<>();
        for (Host host : alert.entities().hosts()) {
            hosts.add(Objects.requireNonNullElse(host.name(), "") + "/" + Objects.requireNonNullElse(host.ip(), ""));
        }
        TreeSet<String> users = new TreeSet<>();
        for (UserAccount user : alert.entities().users()) {
            users.add(
                    Objects.requireNonNullElse(user.domain(), "") + "\\" + Objects.requireNonNullElse(user.name(), ""));
        }
        String identity = String.join(
                "\n",
                alert.source().id(),
                Objects.requireNonNullElse(alert.tenant(), ""),
                normalise(alert.title()),
                String.join(",", hosts).toLowerCase(Locale.ROOT),
                String.join(",", users).toLowerCase(Locale.ROOT));
        return sha256(identity);
    }

    private static String normalise(String title) {
        return title.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
