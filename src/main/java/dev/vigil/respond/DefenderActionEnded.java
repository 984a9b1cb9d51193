package dev.vigil.respond;

/**
 * A Defender machine action Vigil started reached an end state ({@code Succeeded}, {@code Failed}, {@code
 * TimeOut} or {@code Cancelled}), as its poller saw it. Published once per action.
 */
public record DefenderActionEnded(String tenant, String actionId, String machineId, String type, String status) {}
