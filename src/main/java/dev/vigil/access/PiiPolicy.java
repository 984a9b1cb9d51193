package dev.vigil.access;

import java.util.List;
import java.util.Set;

/**
 * What is pseudonymised and where: the configured fields ({@code vigil.pii.fields}), whether alerts are
 * stored pseudonymised ({@code vigil.pii.at-rest}), and the monitored networks whose addresses count as
 * internal ({@code vigil.triage.risk.internal-networks}: one definition of "internal" for scoring and PII).
 */
public record PiiPolicy(Set<PiiField> fields, boolean atRest, List<String> internalNetworks) {

    public PiiPolicy {
        fields = Set.copyOf(fields);
        internalNetworks = List.copyOf(internalNetworks);
    }

    public boolean covers(PiiField field) {
        return fields.contains(field);
    }
}
