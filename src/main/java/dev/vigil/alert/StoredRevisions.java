package dev.vigil.alert;

import java.util.List;

/**
 * What storing alert revisions did: the alerts new to Vigil (queued for triage), the ones already stored that
 * took the newer version, and how many were versions Vigil already had or older ones.
 */
public record StoredRevisions(List<AlertId> added, List<AlertId> revised, int unchanged) {

    public StoredRevisions {
        added = List.copyOf(added);
        revised = List.copyOf(revised);
    }
}
