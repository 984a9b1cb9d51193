package dev.vigil.respond.defender.live;

/** The device already has a live-response session open: Defender allows one per device (a 409). */
final class MachineBusy extends RuntimeException {

    MachineBusy(String message) {
        super(message);
    }
}
