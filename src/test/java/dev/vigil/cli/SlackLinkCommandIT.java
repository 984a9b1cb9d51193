package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil users link|unlink} as an operator runs them, against the PostgreSQL server on 127.0.0.1:5432
 * in a schema of their own: the link in the database, moving and removing it, refusals, and the audit.
 */
class SlackLinkCommandIT {

    private static final String URL =
            System.getenv().getOrDefault("VIGIL_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("VIGIL_TEST_DB_USER", "postgres");
    private static final String SCHEMA =
            "vigil_link_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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
    void anOperatorLinksMovesAndUnlinksASlackUser() throws Exception {
        assertThat(new CommandRun().run("users", "create", "--name", "alice", "--role", "analyst"))
                .isZero();
        assertThat(new CommandRun().run("users", "create", "--name", "bob", "--role", "engineer"))
                .isZero();

        CommandRun link = new CommandRun();
        assertThat(link.run("users", "link", "--slack-user", "u0123abc", "--user", "Alice"))
                .isZero();
        assertThat(link.out.toString()).contains("Linked Slack user u0123abc to alice (analyst)");
        assertThat(links()).containsExactly("U0123ABC alice");

        assertThat(new CommandRun().run("users", "link", "--slack-user", "U0123ABC", "--user", "bob"))
                .isZero();
        assertThat(links()).containsExactly("U0123ABC bob");

        CommandRun unlink = new CommandRun();
        assertThat(unlink.run("users", "unlink", "--slack-user", "U0123ABC")).isZero();
        assertThat(unlink.out.toString()).contains("Unlinked Slack user U0123ABC");
        assertThat(links()).isEmpty();
        CommandRun again = new CommandRun();
        assertThat(again.run("users", "unlink", "--slack-user", "U0123ABC")).isZero();
        assertThat(again.out.toString()).contains("was not linked");

        assertThat(query("select actor || ' ' || action || ' ' || coalesce(target, '') || ' '"
                        + " || coalesce(details->>'slack_user', '') from audit_log where action like 'user.slack%'"
                        + " order by seq"))
                .hasSize(3)
                .allSatisfy(row -> assertThat(row).startsWith("cli:"))
                .anySatisfy(row -> assertThat(row).endsWith("user.slack-link user:alice U0123ABC"))
                .anySatisfy(row -> assertThat(row).endsWith("user.slack-link user:bob U0123ABC"))
                .anySatisfy(row -> assertThat(row).endsWith("user.slack-unlink slack:U0123ABC "));
    }

    @Test
    void refusesUnknownUsersAndWhatIsNoSlackId() throws Exception {
        CommandRun nobody = new CommandRun();
        assertThat(nobody.run("users", "link", "--slack-user", "U0999ZZZ", "--user", "nobody"))
                .isEqualTo(VigilCommandLine.INPUT_ERROR);
        assertThat(nobody.err.toString()).contains("no user named nobody");

        CommandRun badId = new CommandRun();
        assertThat(badId.run("users", "link", "--slack-user", "alice@example.org", "--user", "alice"))
                .isEqualTo(VigilCommandLine.INPUT_ERROR);
        assertThat(badId.err.toString()).contains("not a Slack user id");
        assertThat(query("select slack_user_id from slack_user_link where slack_user_id = 'U0999ZZZ'"))
                .isEmpty();
    }

    private static List<String> links() throws Exception {
        return query("select l.slack_user_id || ' ' || u.name from slack_user_link l join vigil_user u"
                + " on u.id = l.user_id order by 1");
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
