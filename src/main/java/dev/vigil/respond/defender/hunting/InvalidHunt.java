package dev.vigil.respond.defender.hunting;

/** A hunting request or saved query the caller got wrong: which field, and why. Answered with a 400. */
final class InvalidHunt extends IllegalArgumentException {

    private final String field;

    InvalidHunt(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
