package dev.vigil.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites the personal data of one alert: the names and addresses of its entities, and every occurrence of
 * those values (plus e-mail addresses and internal IPv4 addresses written anywhere) in its title,
 * description, command lines, file paths and raw payload. Matching ignores case and respects word
 * boundaries, so the user {@code al} does not rewrite {@code alert}; the longest value wins where values
 * overlap.
 */
final class PiiRewrite {

    /** Built-in accounts name no person, and detection needs them ("SYSTEM" spawning a shell). */
    static final Set<String> WELL_KNOWN_ACCOUNTS = Set.of(
            "system",
            "localsystem",
            "local system",
            "local service",
            "network service",
            "anonymous logon",
            "administrator",
            "guest",
            "root",
            "-");

    // The look-behind lets a match start only where a run of address characters starts: without it every
    // position inside a long word would be tried, quadratic in the word's length.
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern IPV4 = Pattern.compile("(?<![0-9.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![0-9]|\\.[0-9])");
    private static final String WORD = "A-Za-z0-9_";

    private final AddressRanges internal;
    private final PiiRewriter rewriter;
    /** Case-folded value → its replacement, for values the rewriter changed. */
    private final Map<String, String> replacements = new LinkedHashMap<>();

    private @Nullable Pattern occurrences;

    PiiRewrite(AddressRanges internal, PiiRewriter rewriter) {
        this.internal = internal;
        this.rewriter = rewriter;
    }

    Alert apply(Alert alert) {
        collect(alert);
        if (replacements.isEmpty()) {
            return alert;
        }
        occurrences = occurrencePattern();
        return new Alert(
                alert.id(),
                alert.kind(),
                alert.source(),
                alert.nativeId(),
                alert.receivedAt(),
                alert.occurredAt(),
                text(alert.title()),
                text(alert.description()),
                alert.nativeSeverity(),
                alert.severity(),
                alert.category(),
                entities(alert.entities()),
                alert.tenant(),
                text(alert.raw()));
    }

    private void collect(Alert alert) {
        Entities e = alert.entities();
        for (UserAccount user : e.users()) {
            String name = user.name();
            if (name != null && !WELL_KNOWN_ACCOUNTS.contains(fold(name))) {
                offer(EMAIL.matcher(name).matches() ? PiiKind.EMAIL : PiiKind.USER_NAME, name);
            }
        }
        for (Host host : e.hosts()) {
            if (host.name() != null) {
                offer(PiiKind.HOST_NAME, host.name());
            }
            offerIp(host.ip());
        }
        for (NetworkConnection c : e.network()) {
            offerIp(c.sourceIp());
            offerIp(c.destinationIp());
        }
        List<String> texts = new ArrayList<>();
        texts.add(alert.title());
        texts.add(alert.description());
        texts.add(alert.raw());
        for (ProcessInfo p : e.processes()) {
            texts.add(p.image());
            texts.add(p.commandLine());
            texts.add(p.parentImage());
        }
        for (FileInfo f : e.files()) {
            texts.add(f.path());
        }
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            if (text.indexOf('@') >= 0) {
                Matcher emails = EMAIL.matcher(text);
                while (emails.find()) {
                    offer(PiiKind.EMAIL, emails.group());
                }
            }
            Matcher ips = IPV4.matcher(text);
            while (ips.find()) {
                offerIp(ips.group());
            }
        }
    }

    private void offerIp(@Nullable String ip) {
        if (ip != null && internal.contains(ip).orElse(false)) {
            offer(PiiKind.INTERNAL_IP, ip);
        }
    }

    private void offer(PiiKind kind, String value) {
        String key = fold(value);
        if (replacements.containsKey(key)) {
            return;
        }
        String replacement = rewriter.replace(kind, value);
        if (!replacement.equals(value)) {
            replacements.put(key, replacement);
            // In a JSON payload a backslash or quote is escaped: "CONTOSO\\alice"
            String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"");
            replacements.putIfAbsent(fold(escaped), replacement);
        }
    }

    private Pattern occurrencePattern() {
        String alternatives = replacements.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        return Pattern.compile(
                "(?<![" + WORD + "])(?:" + alternatives + ")(?![" + WORD + "])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private Entities entities(Entities e) {
        return new Entities(
                e.hosts().stream()
                        .map(h -> new Host(exact(h.name()), exact(h.ip()), h.defenderDeviceId()))
                        .toList(),
                e.users().stream()
                        .map(u -> new UserAccount(exact(u.name()), u.domain(), u.sid(), u.privileged()))
                        .toList(),
                e.network().stream()
                        .map(c -> new NetworkConnection(
                                exact(c.sourceIp()),
                                c.sourcePort(),
                                exact(c.destinationIp()),
                                c.destinationPort(),
                                c.protocol(),
                                c.direction()))
                        .toList(),
                e.processes().stream()
                        .map(p -> new ProcessInfo(
                                text(p.image()), text(p.commandLine()), text(p.parentImage()), p.pid(), p.hashes()))
                        .toList(),
                e.files().stream()
                        .map(f -> new FileInfo(text(f.path()), f.hashes()))
                        .toList(),
                e.urls(),
                e.domains());
    }

    private @Nullable String exact(@Nullable String value) {
        if (value == null) {
            return null;
        }
        return replacements.getOrDefault(fold(value), value);
    }

    private @Nullable String text(@Nullable String value) {
        if (value == null || occurrences == null) {
            return value;
        }
        Matcher m = occurrences.matcher(value);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String replacement = replacements.get(fold(m.group()));
            if (replacement == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(value.length() + 64);
            }
            out.append(value, last, m.start()).append(replacement);
            last = m.end();
        }
        if (out == null) {
            return value;
        }
        return out.append(value, last, value.length()).toString();
    }

    private static String fold(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
