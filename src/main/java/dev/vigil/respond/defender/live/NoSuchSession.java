package dev.vigil.respond.defender.live;

import dev.vigil.respond.defender.DefenderProblems;

/** No live-response session (or no kept file) by that id on that device in that tenant: a 404. */
final class NoSuchSession extends DefenderProblems.NotFound {

    NoSuchSession(String message) {
        super(message);
    }
}
