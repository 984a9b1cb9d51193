package dev.vigil.cli;

import dev.vigil.access.ApiKeyInfo;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.CreatedApiKey;
import dev.vigil.access.Role;
import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil apikey create|list|revoke}: manages keys directly in Vigil's database. */
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

        @Override
        public Integer call() {
            Role chosen = Role.fromId(role).orElse(null);
            if (chosen == null) {
                spec.commandLine()
                        .getErr()
                        .println("vigil: unknown role '" + role + "'; use analyst, engineer or admin");
                return VigilCommandLine.INPUT_ERROR;
            }
            try (OfflineContext context = OfflineContext.open()) {
                CreatedApiKey created = context.bean(ApiKeys.class).create(name, chosen);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Created key " + created.info().id() + " ("
                        + created.info().name() + ", " + chosen.id() + ")");
                out.println("API key: " + created.key());
                out.println("Store it now: Vigil keeps only its hash and cannot show it again.");
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List keys (never their values).")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (OfflineContext context = OfflineContext.open()) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-36s  %-8s  %-16s  %-8s  %-20s  %s%n", "ID", "ROLE", "PREFIX", "STATE", "CREATED", "NAME");
                for (ApiKeyInfo key : context.bean(ApiKeys.class).list()) {
                    out.printf(
                            "%-36s  %-8s  %-16s  %-8s  %-20s  %s%n",
                            key.id(),
                            key.role().id(),
                            key.prefix() + "…",
                            key.active() ? "active" : "revoked",
                            key.createdAt().toString().substring(0, 19) + "Z",
                            key.name());
                }
                out.flush();
            }
            return 0;
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
            try (OfflineContext context = OfflineContext.open()) {
                context.bean(ApiKeys.class).revoke(keyId);
                spec.commandLine().getOut().println("Revoked key " + keyId);
            }
            return 0;
        }
    }
}
