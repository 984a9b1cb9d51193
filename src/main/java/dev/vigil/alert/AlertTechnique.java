package dev.vigil.alert;

import java.util.List;

/**
 * An ATT&amp;CK technique as recorded on a triaged alert: id, its parent technique (itself when it is not a
 * sub-technique, so a search for T1003 finds T1003.001), name, tactics, where it came from (native tag,
 * Sigma rule, heuristic), how sure that source is, and what matched.
 */
public record AlertTechnique(
        String id,
        String parent,
        String name,
        List<String> tactics,
        String source,
        double confidence,
        String evidence) {

    public AlertTechnique {
        tactics = List.copyOf(tactics);
    }
}
