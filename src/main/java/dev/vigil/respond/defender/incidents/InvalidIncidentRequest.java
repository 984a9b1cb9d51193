package dev.vigil.respond.defender.incidents;

/** A request about incidents that Vigil will not send to Graph: the field at fault and why. */
final class InvalidIncidentRequest extends IllegalArgumentException {

    private final String field;

    InvalidIncidentRequest(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
