package dev.vigil.respond.defender.alerts;

import org.jspecify.annotations.Nullable;

/**
 * What one poll of a tenant did: whether it got the tenant's lease (another instance may hold it), the pages
 * read and stored, the alerts new to Vigil, revised, already stored and refused, and why it stopped early.
 */
record PollRound(
        boolean claimed,
        int pages,
        int imported,
        int revised,
        int unchanged,
        int rejected,
        @Nullable String error) {

    static PollRound notClaimed() {
        return new PollRound(false, 0, 0, 0, 0, 0, null);
    }
}
