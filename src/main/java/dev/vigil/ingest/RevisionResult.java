package dev.vigil.ingest;

import dev.vigil.alert.AlertId;
import java.util.List;

/**
 * The answer to an intake of revised records: the alerts new to Vigil, those that took a newer version, how
 * many were versions already stored, and the records refused (by their position in the list) and why.
 */
public record RevisionResult(List<AlertId> added, List<AlertId> revised, int unchanged, List<Rejection> rejected) {

    public RevisionResult {
        added = List.copyOf(added);
        revised = List.copyOf(revised);
        rejected = List.copyOf(rejected);
    }
}
