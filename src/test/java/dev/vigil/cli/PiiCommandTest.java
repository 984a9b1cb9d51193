package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import dev.vigil.access.PiiField;
import dev.vigil.access.PiiVault;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code vigil pii detokenise} against a PostgreSQL server schema of its own, as a user runs it. */
class PiiCommandTest {

    private final String schema =
            "vigil_pii_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Map<String, String> properties = Map.of(
            "spring.datasource.url",
            ServerSchemas.url(schema),
            "spring.datasource.username",
            ServerSchemas.USER,
            "spring.flyway.schemas",
            schema,
            "spring.flyway.create-schemas",
            "true",
            "vigil.pii.key",
            Base64.getEncoder().encodeToString(new byte[32]));

    @BeforeEach
    void pointAtTheTestSchema() {
        properties.forEach(System::setProperty);
    }

    @AfterEach
    void forgetIt() {
        properties.keySet().forEach(System::clearProperty);
    }

    @Test
    void printsValuesAuditsEveryLookUpAndReportsUnknownTokens() throws Exception {
        String token;
        try (OfflineContext context = OfflineContext.open()) {
            token = context.bean(PiiVault.class).pseudonymise(PiiField.USER_NAME, "Grace");
        }
        CommandRun found = new CommandRun();
        assertThat(found.run("pii", "detokenise", token)).isZero();
        assertThat(found.out.toString()).isEqualTo(token + "\tgrace" + System.lineSeparator());

        String unknown = "EMAIL-" + "1".repeat(PiiField.TOKEN_CHARS);
        CommandRun missing = new CommandRun();
        assertThat(missing.run("pii", "detokenise", unknown)).isEqualTo(1);
        assertThat(missing.err.toString()).contains("unknown token " + unknown);

        try (Connection db = DriverManager.getConnection(ServerSchemas.url(schema), ServerSchemas.USER, null);
                PreparedStatement query = db.prepareStatement(
                        "select actor, target, outcome from audit_log where action = 'pii.detokenise' order by seq");
                ResultSet rows = query.executeQuery()) {
            String actor = "cli:" + System.getProperty("user.name");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("actor")).isEqualTo(actor);
            assertThat(rows.getString("target")).isEqualTo(token);
            assertThat(rows.getString("outcome")).isEqualTo("SUCCESS");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("target")).isEqualTo(unknown);
            assertThat(rows.getString("outcome")).isEqualTo("FAILURE");
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void refusesWhatIsNoTokenBeforeTouchingTheDatabase() {
        CommandRun run = new CommandRun();
        assertThat(run.run("pii", "detokenise", "alice")).isEqualTo(VigilCommandLine.INPUT_ERROR);
        assertThat(run.err.toString()).contains("'alice' is not a pseudonym");
    }
}
