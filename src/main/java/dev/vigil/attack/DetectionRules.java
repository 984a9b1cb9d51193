package dev.vigil.attack;

import dev.vigil.alert.Alert;
import dev.vigil.attack.sigma.SigmaRules;
import java.nio.file.Path;
import java.util.List;

/**
 * Loaded Sigma rules, compiled and indexed by log source: which of them match an event. Thread-safe and
 * immutable; a new rule set is loaded, not edited.
 */
public interface DetectionRules {

    /** Matches in order of severity, most severe first; empty for events no rule is routed to. */
    List<Detection> detect(Alert event);

    /** Rules that loaded (a rule routed to two event sources counts once). */
    int size();

    /** Rules that did not load, with the reason. */
    List<RuleProblem> problems();

    /**
     * Vigil's built-in rules (when {@code builtin}) and every {@code .yml}/{@code .yaml} file under the
     * directories, recursively. A rule that cannot load is listed in {@link #problems()}; the rest load.
     *
     * @throws IllegalArgumentException when a directory cannot be read
     */
    static DetectionRules load(boolean builtin, List<Path> directories) {
        return SigmaRules.load(builtin, directories);
    }

    /** No rules at all. */
    static DetectionRules none() {
        return SigmaRules.load(false, List.of());
    }
}
