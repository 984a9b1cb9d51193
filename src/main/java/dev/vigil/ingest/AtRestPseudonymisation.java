package dev.vigil.ingest;

import dev.vigil.access.PiiField;
import dev.vigil.access.PiiPolicy;
import dev.vigil.access.PiiVault;
import dev.vigil.alert.AddressRanges;
import dev.vigil.alert.Alert;
import dev.vigil.alert.PiiKind;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * With {@code vigil.pii.at-rest: true}, alerts are stored with their personal data already replaced by
 * pseudonyms. The trade-off: the raw payload is no longer the sensor's text verbatim, and detection rules
 * and scoring see tokens, not names. Alerts Vigil makes itself (scheduled hunts) go through it too.
 */
@Component
public class AtRestPseudonymisation {

    private final PiiVault vault;
    private final PiiPolicy policy;
    private final AddressRanges internal;

    AtRestPseudonymisation(PiiVault vault, PiiPolicy policy) {
        this.vault = vault;
        this.policy = policy;
        this.internal = new AddressRanges(policy.internalNetworks());
    }

    public Alert apply(Alert alert) {
        return policy.atRest() ? alert.rewritePii(internal, this::replace) : alert;
    }

    public List<Alert> apply(List<Alert> alerts) {
        return policy.atRest() ? alerts.stream().map(this::apply).toList() : alerts;
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
