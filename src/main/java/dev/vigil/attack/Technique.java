package dev.vigil.attack;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One ATT&amp;CK Enterprise technique as the catalogue knows it: name, tactics (short names such as
 * {@code credential-access}), whether it is still current, and what replaced it when it is not.
 */
public record Technique(
        TechniqueId id,
        String name,
        List<String> tactics,
        Status status,
        @Nullable TechniqueId replacedBy) {

    /** Current, revoked (MITRE names the technique that replaces it), or deprecated (retired). */
    public enum Status {
        ACTIVE,
        REVOKED,
        DEPRECATED
    }

    public Technique {
        tactics = List.copyOf(tactics);
        if (name.isBlank()) {
            throw new IllegalArgumentException("technique " + id + " has no name");
        }
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }
}
