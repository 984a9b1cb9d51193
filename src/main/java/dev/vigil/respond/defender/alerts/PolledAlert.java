package dev.vigil.respond.defender.alerts;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One alert of a polled page: Graph's alert id, its {@code lastUpdateDateTime} and the alert as sent. */
record PolledAlert(String id, Instant lastUpdate, JsonNode alert) {}
