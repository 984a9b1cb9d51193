package dev.vigil.cli;

import dev.vigil.access.AccessAdministration;
import dev.vigil.access.Actor;
import dev.vigil.access.ApiKeyInfo;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.CreatedApiKey;
import dev.vigil.access.KeyExpiry;
import dev.vigil.access.KeyScope;
import dev.vigil.access.NewApiKey;
import dev.vigil.access.Role;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil apikey create|list|revoke}: manages keys directly in Vigil's database; changes are audited. */
@Command(
        name = "apikey",
        description = "Manage API keys (uses the database of the Vigil on this data directory, or VIGIL_DB_URL).",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
final class ApiKeyCommand {

    @Command(name = "create", description = "Create a key and print it once.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "What the key is for, e.g. 'suricata sensor'.")
        String name;

        @Option(names = "--role", required = true, description = "analyst, engineer or admin.")
        String role;

        @Option(names = "--user", description = "The user the key belongs to; its role may not exceed theirs.")
        @Nullable
        String user;

        @Option(names = "--expires", description = "90d (days from now) or 2027-01-31 (through that day, UTC).")
        @Nullable
        String expires;

        @Option(names = "--scope", description = "Narrow the key: ingest or read (repeatable).")
        List<String> scopes = new ArrayList<>();

        @Override
        public Integer call() {
            Role chosen = UsersCommand.role(spec, role);
            if (chosen == null) {
                return VigilCommandLine.INPUT_ERROR;
            }
            Set<KeyScope> chosenScopes = EnumSet.noneOf(KeyScope.class);
            for (String scope : scopes) {
                KeyScope known = KeyScope.fromId(scope).orElse(null);
                if (known == null) {
                    spec.commandLine().getErr().println("vigil: unknown scope '" + scope + "'; use ingest or read");
                    return VigilCommandLine.INPUT_ERROR;
                }
                chosenScopes.add(known);
            }
            return AdminRun.run(spec, context -> {
                Instant expiry = expires == null ? null : KeyExpiry.parse(expires, Instant.now());
                CreatedApiKey created = context.bean(AccessAdministration.class)
                        .createKey(Actor.commandLine(), new NewApiKey(name, chosen, user, expiry, chosenScopes));
                ApiKeyInfo info = created.info();
                PrintWriter out = spec.commandLine().getOut();
                out.println("Created key " + info.id() + " (" + info.name() + ", " + chosen.id()
                        + (info.userName() == null ? "" : ", user " + info.userName())
                        + (info.expiresAt() == null ? "" : ", expires " + info.expiresAt())
                        + (info.scopes().isEmpty() ? "" : ", scopes " + scopes(info)) + ")");
                out.println("API key: " + created.key());
                out.println("Store it now: Vigil keeps only its hash and cannot show it again.");
            });
        }
    }

    @Command(name = "list", description = "List keys (never their values).")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return AdminRun.run(spec, context -> {
                PrintWriter out = spec.commandLine().getOut();
                String format = "%-36s  %-8s  %-16s  %-8s  %-16s  %-20s  %-11s  %-20s  %s%n";
                out.printf(format, "ID", "ROLE", "PREFIX", "STATE", "USER", "EXPIRES", "SCOPES", "CREATED", "NAME");
                Instant now = Instant.now();
                for (ApiKeyInfo key : context.bean(ApiKeys.class).list()) {
                    out.printf(
                            format,
                            key.id(),
                            key.role().id(),
                            key.prefix() + "…",
                            key.state(now),
                            key.userName() == null ? "-" : key.userName(),
                            key.expiresAt() == null ? "never" : seconds(key.expiresAt()),
                            key.scopes().isEmpty() ? "all" : scopes(key),
                            seconds(key.createdAt()),
                            key.name());
                }
            });
        }
    }

    @Command(name = "revoke", description = "Revoke a key by id; it stops working within seconds on every instance.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            UUID keyId;
            try {
                keyId = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("vigil: '" + id + "' is not a key id (see 'vigil apikey list')");
                return VigilCommandLine.INPUT_ERROR;
            }
            return AdminRun.run(spec, context -> {
                context.bean(AccessAdministration.class).revokeKey(Actor.commandLine(), keyId);
                spec.commandLine().getOut().println("Revoked key " + keyId);
            });
        }
    }

    private static String scopes(ApiKeyInfo key) {
        return key.scopes().stream().map(KeyScope::id).sorted().collect(Collectors.joining(","));
    }

    private static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
