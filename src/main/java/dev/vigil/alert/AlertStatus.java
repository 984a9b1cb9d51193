package dev.vigil.alert;

/** Where an alert stands in the analyst's workflow. */
public enum AlertStatus {
    NEW,
    TRIAGED,
    ACKNOWLEDGED,
    RESOLVED,
    FALSE_POSITIVE;

    /** NEW and TRIAGED are where the pipeline puts an alert; people move it on from there. */
    public boolean settableByPeople() {
        return this == ACKNOWLEDGED || this == RESOLVED || this == FALSE_POSITIVE;
    }
}
