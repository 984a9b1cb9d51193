package dev.vigil.triage;

import dev.vigil.access.PiiField;
import dev.vigil.access.PiiPolicy;
import dev.vigil.access.PiiVault;
import dev.vigil.alert.AddressRanges;
import dev.vigil.alert.Alert;
import dev.vigil.alert.PiiKind;
import org.springframework.stereotype.Component;

/**
 * Replaces the personal data of an alert with its pseudonyms, as configured in {@code vigil.pii.fields}.
 * Whatever sends an alert out of Vigil (the AI analyst, before every request to a model provider) calls
 * {@link #pseudonymise} first, and sends only what it returns; a verdict that quotes tokens can be shown to
 * analysts as it is, and engineers turn tokens back into values with {@code POST /api/v1/pii/detokenise}.
 */
@Component
public class AlertPseudonymiser {

    private final PiiVault vault;
    private final PiiPolicy policy;
    private final AddressRanges internal;

    AlertPseudonymiser(PiiVault vault, PiiPolicy policy) {
        this.vault = vault;
        this.policy = policy;
        this.internal = new AddressRanges(policy.internalNetworks());
    }

    public Alert pseudonymise(Alert alert) {
        return alert.rewritePii(internal, this::replace);
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
