package dev.vigil.respond.defender.hunting;

import dev.vigil.access.PiiField;
import dev.vigil.access.PiiPolicy;
import dev.vigil.access.PiiVault;
import dev.vigil.alert.AddressRanges;
import dev.vigil.alert.Alert;
import dev.vigil.alert.PiiKind;

/**
 * With {@code vigil.pii.at-rest: true}, hunting alerts are stored with their personal data replaced by
 * pseudonyms, as ingest stores sensor alerts (ingest's own step is internal to that module, which respond may
 * not depend on; this is the same rule over the same policy and vault).
 */
final class AtRestPii {

    private final PiiVault vault;
    private final PiiPolicy policy;
    private final AddressRanges internal;

    AtRestPii(PiiVault vault, PiiPolicy policy) {
        this.vault = vault;
        this.policy = policy;
        this.internal = new AddressRanges(policy.internalNetworks());
    }

    Alert apply(Alert alert) {
        return policy.atRest() ? alert.rewritePii(internal, this::replace) : alert;
    }

    private String replace(PiiKind kind, String value) {
        PiiField field = switch (kind) {
            case USER_NAME -> PiiField.USER_NAME;
            case EMAIL -> PiiField.EMAIL;
            case HOST_NAME -> PiiField.HOST_NAME;
            case INTERNAL_IP -> PiiField.INTERNAL_IP;
        };
        return policy.covers(field) ? vault.pseudonymise(field, value) : value;
    }
}
