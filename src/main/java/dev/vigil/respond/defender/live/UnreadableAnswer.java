package dev.vigil.respond.defender.live;

/** Defender or the result host answered something Vigil cannot use: a bad gateway, never the caller's fault. */
final class UnreadableAnswer extends RuntimeException {

    UnreadableAnswer(String message) {
        super(message);
    }
}
