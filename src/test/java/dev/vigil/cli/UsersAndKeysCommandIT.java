package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil users …} and {@code vigil apikey …} as an operator runs them, against the PostgreSQL server on
 * 127.0.0.1:5432 in a schema of their own: users, passwords from standard input, keys with an owner, expiry
 * and scopes, the listing, and the audit entries ({@code cli:<OS user>}).
 */
class UsersAndKeysCommandIT {

    private static final String URL =
            System.getenv().getOrDefault("VIGIL_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("VIGIL_TEST_DB_USER", "postgres");
    private static final String SCHEMA =
            "vigil_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final Map<String, String> PROPERTIES = Map.of(
            "spring.datasource.url",
            URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA,
            "spring.datasource.username",
            USER,
            "spring.flyway.schemas",
            SCHEMA,
            "spring.flyway.create-schemas",
            "true");

    @BeforeAll
    static void database() {
        PROPERTIES.forEach(System::setProperty);
    }

    @AfterAll
    static void forget() {
        PROPERTIES.keySet().forEach(System::clearProperty);
    }

    @Test
    void anOperatorCreatesAUserAndAScopedExpiringKeyForThem() throws Exception {
        Ran create = withStdin(
                "a long enough passphrase\n",
                "users",
                "create",
                "--name",
                "Dana",
                "--role",
                "engineer",
                "--email",
                "dana@example.org",
                "--password-stdin");
        assertThat(create.err()).isEmpty();
        assertThat(create.out()).contains("Created user dana (engineer, with a password)");
        assertThat(query("select password_hash from vigil_user where name = 'dana'")
                        .get(0))
                .startsWith("{bcrypt}");

        CommandRun key = new CommandRun();
        assertThat(key.run(
                        "apikey",
                        "create",
                        "--name",
                        "dana sensor",
                        "--role",
                        "analyst",
                        "--user",
                        "dana",
                        "--expires",
                        "90d",
                        "--scope",
                        "ingest"))
                .as(key.err.toString())
                .isZero();
        assertThat(key.out.toString())
                .contains("user dana", "expires ", "scopes ingest")
                .containsPattern("API key: vgl_\\S{43}");
        String id = id(key.out.toString());

        CommandRun list = new CommandRun();
        assertThat(list.run("apikey", "list")).isZero();
        String row = list.out
                .toString()
                .lines()
                .filter(l -> l.startsWith(id))
                .findFirst()
                .orElseThrow();
        assertThat(row)
                .contains("analyst", "active", "dana", "ingest", "dana sensor")
                .doesNotContain("never");
        assertThat(list.out.toString()).doesNotContain(key.out.toString().replaceAll("(?s).*API key: (\\S+).*", "$1"));

        CommandRun revoke = new CommandRun();
        assertThat(revoke.run("apikey", "revoke", id)).isZero();
        CommandRun after = new CommandRun();
        after.run("apikey", "list");
        assertThat(after.out
                        .toString()
                        .lines()
                        .filter(l -> l.startsWith(id))
                        .findFirst()
                        .orElseThrow())
                .contains("revoked");

        String actor = "cli:" + System.getProperty("user.name");
        assertThat(query("select action from audit_log where actor = '" + actor + "' order by seq"))
                .containsSubsequence("user.create", "key.create", "key.revoke");
    }

    @Test
    void refusedInputIsOneLineAndExitCodeTwo() {
        Ran weak = withStdin("short\n", "users", "create", "--name", "weak", "--role", "analyst", "--password-stdin");
        assertThat(weak.code()).isEqualTo(2);
        assertThat(weak.err()).contains("at least 12").doesNotContain("Exception");

        assertThat(new CommandRun().run("users", "create", "--name", "low", "--role", "analyst"))
                .isZero();
        CommandRun capped = new CommandRun();
        assertThat(capped.run("apikey", "create", "--name", "x", "--role", "admin", "--user", "low"))
                .isEqualTo(2);
        assertThat(capped.err.toString()).contains("may not exceed");

        CommandRun scope = new CommandRun();
        assertThat(scope.run("apikey", "create", "--name", "x", "--role", "analyst", "--scope", "everything"))
                .isEqualTo(2);
        CommandRun expiry = new CommandRun();
        assertThat(expiry.run("apikey", "create", "--name", "x", "--role", "analyst", "--expires", "soon"))
                .isEqualTo(2);
        assertThat(expiry.err.toString()).contains("90d");
        CommandRun nobody = new CommandRun();
        assertThat(nobody.run("users", "disable", "nobody-here")).isEqualTo(2);
        assertThat(nobody.err.toString()).contains("no user named nobody-here");
    }

    @Test
    void disablingAndChangingPasswordsAreAudited() throws Exception {
        new CommandRun().run("users", "create", "--name", "erin", "--role", "analyst");
        Ran password = withStdin("another long passphrase\n", "users", "set-password", "erin", "--password-stdin");
        assertThat(password.code()).as(password.err()).isZero();
        assertThat(query("select password_hash from vigil_user where name = 'erin'")
                        .get(0))
                .startsWith("{bcrypt}");
        CommandRun disable = new CommandRun();
        assertThat(disable.run("users", "disable", "erin")).isZero();
        CommandRun list = new CommandRun();
        list.run("users", "list");
        assertThat(list.out
                        .toString()
                        .lines()
                        .filter(l -> l.startsWith("erin"))
                        .findFirst()
                        .orElseThrow())
                .contains("analyst", "disabled", "set");
        assertThat(query("select action from audit_log where target = 'user:erin' order by seq"))
                .containsExactly("user.create", "password.change", "user.disable");
        assertThat(query("select details::text from audit_log where target = 'user:erin'"))
                .noneMatch(d -> d.contains("passphrase") || d.contains("$2"));
    }

    /** A finished run: its exit code and what it printed. */
    private record Ran(int code, String out, String err) {}

    private static Ran withStdin(String input, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            CommandRun run = new CommandRun();
            int code = run.run(args);
            return new Ran(code, run.out.toString(), run.err.toString());
        } finally {
            System.setIn(before);
        }
    }

    private static String id(String output) {
        Matcher m = Pattern.compile("Created key ([0-9a-f-]{36})").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1);
    }

    private static List<String> query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(PROPERTIES.get("spring.datasource.url"), USER, null);
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
