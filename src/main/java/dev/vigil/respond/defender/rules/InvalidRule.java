package dev.vigil.respond.defender.rules;

/** A detection rule (or a request about one) that Vigil will not send to Graph: the field at fault and why. */
public final class InvalidRule extends IllegalArgumentException {

    private final String field;

    InvalidRule(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
