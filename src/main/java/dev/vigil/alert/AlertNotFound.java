package dev.vigil.alert;

/** No alert has the requested id. */
public final class AlertNotFound extends RuntimeException {

    private AlertNotFound(String message) {
        super(message);
    }

    public static AlertNotFound forId(String id) {
        return new AlertNotFound("no alert with id " + id);
    }
}
