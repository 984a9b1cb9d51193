package dev.vigil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads every log a test run wrote (target/test-logs/) and reports each line that holds a configured
 * secret (src/test/resources/test-secrets.txt) or a full API key. Run by Maven in the verify phase, after
 * all unit and integration tests; a finding fails the build. Findings name the file, line and which secret
 * (its first characters and length), never the secret itself, so the build log does not leak it either.
 *
 * <p>One exception, by design: Vigil prints the first admin key on a console line of its own
 * ({@code Admin API key: vgl_…}), so an operator can read it once. That exact line is allowed; the same key
 * anywhere else, or any other key, is a finding.
 */
public final class LogSecretScan {

    /** KeyMaterial's format: "vgl_" and 32 random bytes in unpadded base64url. */
    static final Pattern API_KEY = Pattern.compile("vgl_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");

    private static final Pattern ADMIN_KEY_LINE = Pattern.compile("Admin API key: vgl_[A-Za-z0-9_-]{43}\\s*");
    private static final int MIN_SECRET = 8;

    private final List<String> secrets;

    LogSecretScan(List<String> secrets) {
        for (String secret : secrets) {
            if (secret.length() < MIN_SECRET) {
                throw new IllegalArgumentException("a listed secret is shorter than " + MIN_SECRET
                        + " characters and would match by chance: " + redact(secret));
            }
        }
        this.secrets = List.copyOf(secrets);
    }

    public static void main(String[] args) throws IOException {
        Path logs = Path.of(args.length > 0 ? args[0] : "target/test-logs");
        Path secretsFile = Path.of(args.length > 1 ? args[1] : "src/test/resources/test-secrets.txt");
        LogSecretScan scan = new LogSecretScan(readSecrets(secretsFile));
        List<Path> files = logFiles(logs);
        List<String> findings = new ArrayList<>();
        for (Path file : files) {
            findings.addAll(scan.scan(file));
        }
        if (!findings.isEmpty()) {
            // An exception, not System.exit: exec:java runs inside Maven's JVM.
            throw new IllegalStateException("secrets found in test logs:\n  " + String.join("\n  ", findings));
        }
        System.out.printf(
                "LogSecretScan: %d log file(s) under %s, %d configured secret(s) and API keys: none found%n",
                files.size(), logs, scan.secrets.size());
    }

    static List<String> readSecrets(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    static List<Path> logFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** One finding per offending line and secret, as {@code file:line: what}. */
    List<String> scan(Path file) {
        List<String> findings = new ArrayList<>();
        List<String> lines;
        try {
            // Logs may hold any bytes (a crashed process, binary payloads): decode leniently.
            lines = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                    .lines()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = file + ":" + (i + 1) + ": ";
            for (String secret : secrets) {
                if (line.contains(secret) || line.contains(latin1(secret))) {
                    findings.add(where + "configured secret " + redact(secret));
                }
            }
            if (ADMIN_KEY_LINE.matcher(line).matches()) {
                continue;
            }
            Matcher key = API_KEY.matcher(line);
            while (key.find()) {
                findings.add(where + "API key " + redact(key.group()));
            }
        }
        return findings;
    }

    /** The bytes of the secret's UTF-8 form as read with ISO-8859-1, to find non-ASCII secrets too. */
    private static String latin1(String secret) {
        return new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    static String redact(String secret) {
        return "'" + secret.substring(0, Math.min(4, secret.length())) + "…' (" + secret.length() + " chars)";
    }
}
