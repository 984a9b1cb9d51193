package dev.vigil.respond.defender.alerts;

/** A page of {@code alerts_v2} that is not what Graph documents: the watermark cannot move past it. */
final class MalformedAlertPage extends RuntimeException {

    MalformedAlertPage(String message) {
        super(message);
    }
}
