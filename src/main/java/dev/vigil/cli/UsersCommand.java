package dev.vigil.cli;

import dev.vigil.access.AccessAdministration;
import dev.vigil.access.Actor;
import dev.vigil.access.Role;
import dev.vigil.access.User;
import dev.vigil.access.Users;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil users create|list|disable|set-role|set-password|link|unlink}: manages users directly in Vigil's
 * database.
 * Passwords are read from standard input, never from the command line (where {@code ps} and shell history
 * would keep them). Each change is audited as {@code cli:<OS user>}.
 */
@Command(
        name = "users",
        description = "Manage users (uses the database of the Vigil on this data directory, or VIGIL_DB_URL).",
        subcommands = {
            UsersCommand.Create.class,
            UsersCommand.ListUsers.class,
            UsersCommand.Disable.class,
            UsersCommand.SetRole.class,
            UsersCommand.SetPassword.class,
            UsersCommand.Link.class,
            UsersCommand.Unlink.class
        })
final class UsersCommand {

    @Command(name = "create", description = "Create a user.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "Login name: 1-64 of a-z 0-9 . _ @ -")
        String name;

        @Option(names = "--role", required = true, description = "analyst, engineer or admin.")
        String role;

        @Option(names = "--email", description = "E-mail address.")
        @Nullable
        String email;

        @Option(names = "--password-stdin", description = "Read a password (12+ characters) from standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            Role chosen = role(spec, role);
            if (chosen == null) {
                return VigilCommandLine.INPUT_ERROR;
            }
            String password = passwordStdin ? readPassword() : null;
            return AdminRun.run(spec, context -> {
                User user = context.bean(AccessAdministration.class)
                        .createUser(Actor.commandLine(), name, chosen, email, password);
                spec.commandLine()
                        .getOut()
                        .println("Created user " + user.name() + " ("
                                + user.role().id() + (user.hasPassword() ? ", with a password" : ", no password")
                                + ")");
            });
        }
    }

    @Command(name = "list", description = "List users.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return AdminRun.run(spec, context -> {
                PrintWriter out = spec.commandLine().getOut();
                out.printf(
                        "%-24s  %-8s  %-8s  %-8s  %-20s  %s%n",
                        "NAME", "ROLE", "STATE", "PASSWORD", "CREATED", "EMAIL");
                for (User user : context.bean(Users.class).list()) {
                    out.printf(
                            "%-24s  %-8s  %-8s  %-8s  %-20s  %s%n",
                            user.name(),
                            user.role().id(),
                            user.enabled() ? "active" : "disabled",
                            user.hasPassword() ? "set" : "none",
                            user.createdAt().toString().substring(0, 19) + "Z",
                            user.email() == null ? "" : user.email());
                }
            });
        }
    }

    @Command(name = "disable", description = "Disable a user: no more sign-ins, and their API keys stop working.")
    static final class Disable implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            return AdminRun.run(spec, context -> {
                context.bean(AccessAdministration.class).updateUser(Actor.commandLine(), name, null, true);
                spec.commandLine().getOut().println("Disabled user " + name);
            });
        }
    }

    @Command(name = "set-role", description = "Change a user's role; their keys act with at most this role.")
    static final class SetRole implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "ROLE")
        String role;

        @Override
        public Integer call() {
            Role chosen = role(spec, role);
            if (chosen == null) {
                return VigilCommandLine.INPUT_ERROR;
            }
            return AdminRun.run(spec, context -> {
                context.bean(AccessAdministration.class).updateUser(Actor.commandLine(), name, chosen, null);
                spec.commandLine().getOut().println("User " + name + " is now " + chosen.id());
            });
        }
    }

    @Command(name = "set-password", description = "Set a user's password, read from standard input.")
    static final class SetPassword implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--password-stdin", required = true, description = "Read the password from standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            String password = readPassword();
            if (password == null) {
                spec.commandLine().getErr().println("vigil: no password on standard input");
                return VigilCommandLine.INPUT_ERROR;
            }
            return AdminRun.run(spec, context -> {
                context.bean(AccessAdministration.class).setPassword(Actor.commandLine(), name, password);
                spec.commandLine().getOut().println("Password of " + name + " changed");
            });
        }
    }

    @Command(
            name = "link",
            description = "Link a Slack user to a Vigil user: their clicks on Vigil's Slack buttons act as that user.")
    static final class Link implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--slack-user", required = true, description = "Slack user id, e.g. U0123ABCDEF.")
        String slackUser;

        @Option(names = "--user", required = true, description = "Vigil user name.")
        String user;

        @Override
        public Integer call() {
            return AdminRun.run(spec, context -> {
                User linked =
                        context.bean(AccessAdministration.class).linkSlackUser(Actor.commandLine(), slackUser, user);
                spec.commandLine()
                        .getOut()
                        .println("Linked Slack user " + slackUser.strip() + " to " + linked.name() + " ("
                                + linked.role().id() + ")");
            });
        }
    }

    @Command(name = "unlink", description = "Remove a Slack user's link: their clicks are refused again.")
    static final class Unlink implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--slack-user", required = true, description = "Slack user id, e.g. U0123ABCDEF.")
        String slackUser;

        @Override
        public Integer call() {
            return AdminRun.run(spec, context -> {
                boolean removed =
                        context.bean(AccessAdministration.class).unlinkSlackUser(Actor.commandLine(), slackUser);
                spec.commandLine()
                        .getOut()
                        .println(
                                removed
                                        ? "Unlinked Slack user " + slackUser.strip()
                                        : "Slack user " + slackUser.strip() + " was not linked");
            });
        }
    }

    static @Nullable Role role(CommandSpec spec, String id) {
        Role chosen = Role.fromId(id).orElse(null);
        if (chosen == null) {
            spec.commandLine().getErr().println("vigil: unknown role '" + id + "'; use analyst, engineer or admin");
        }
        return chosen;
    }

    /** The first line of standard input, without its line ending; null when there is none. */
    private static @Nullable String readPassword() throws IOException {
        // Not closed: closing would close System.in for the rest of the process.
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return in.readLine();
    }

    private UsersCommand() {}
}
