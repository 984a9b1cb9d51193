package dev.vigil.cli.defender;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One {@code vigil defender} sub-command: where Vigil runs, the API key, the tenant and the output style,
 * then {@link #run}. The key comes from {@code VIGIL_API_KEY} or a file, never from an argument, which
 * {@code ps} and shell history would keep.
 */
abstract class DefenderCall implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--url",
            defaultValue = "${VIGIL_URL:-http://127.0.0.1:8080}",
            description = "The running Vigil (default ${DEFAULT-VALUE}; env VIGIL_URL).")
    String url = "http://127.0.0.1:8080";

    @Option(
            names = "--api-key-file",
            paramLabel = "FILE",
            description = "Read the API key from this file (else env VIGIL_API_KEY).")
    @Nullable
    Path apiKeyFile;

    @Option(
            names = "--tenant",
            defaultValue = "${VIGIL_DEFENDER_TENANT}",
            description = "The Defender tenant's name in Vigil (env VIGIL_DEFENDER_TENANT).")
    @Nullable
    String tenant;

    @Mixin
    Options.Help help;

    /** Refused with an explanation rather than picocli's "unknown option", which would echo the key back. */
    @Option(names = "--api-key", hidden = true)
    @Nullable
    String keyOnCommandLine;

    @Option(names = "--json", description = "Print Vigil's JSON answer as is.")
    boolean json;

    /** Calls Vigil and prints what it answered; returns the exit code, or throws a {@link Failure}. */
    abstract int run(VigilApi api, Output out);

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (keyOnCommandLine != null) {
                throw Failure.usage("there is no --api-key: ps and shell history would keep the key;"
                        + " set VIGIL_API_KEY or give --api-key-file FILE (and revoke a key typed on a command line)");
            }
            if (tenant == null || tenant.isBlank()) {
                throw Failure.usage("no tenant; give --tenant or set VIGIL_DEFENDER_TENANT");
            }
            VigilApi api = new VigilApi(url, tenant.strip(), apiKey());
            if (api.sendsKeyInClear()) {
                err.println("vigil: warning: the API key goes to " + url + " unencrypted; use https");
            }
            return run(api, new Output(spec.commandLine().getOut(), err, json));
        } catch (Failure e) {
            err.println("vigil: " + e.getMessage());
            return e.exitCode();
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private String apiKey() {
        if (apiKeyFile != null) {
            String key = InputFile.read(apiKeyFile).strip();
            if (key.isEmpty()) {
                throw Failure.usage(apiKeyFile + " holds no API key");
            }
            return key;
        }
        String key = environment().apply("VIGIL_API_KEY");
        if (key == null || key.isBlank()) {
            throw Failure.usage("no API key; set VIGIL_API_KEY or give --api-key-file FILE");
        }
        return key.strip();
    }

    private Function<String, @Nullable String> environment() {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            if (s.userObject() instanceof DefenderCommand defender) {
                return defender.environment;
            }
        }
        return System::getenv;
    }

    /** The value of a required text option, refused when blank: every change to Defender says why. */
    static String given(@Nullable String value, String option) {
        if (value == null || value.isBlank()) {
            throw Failure.usage(option + " must not be blank");
        }
        return value.strip();
    }
}
