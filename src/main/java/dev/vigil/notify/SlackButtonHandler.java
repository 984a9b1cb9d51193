package dev.vigil.notify;

import dev.vigil.access.Permission;

/**
 * Carries out clicks on buttons whose {@code action_id} starts with {@link #actionIdPrefix()}. Notify has
 * checked the signature, answered Slack, found the Vigil user linked to the clicker and checked they hold
 * {@link #permission()} (refusing, auditing and telling the clicker otherwise) before it calls
 * {@link #handle}, on a worker thread with no time limit of Slack's.
 */
public interface SlackButtonHandler {

    /** The {@code action_id} prefix this handler owns, such as {@code vigil.defender.}. */
    String actionIdPrefix();

    /** What the clicker's Vigil role must grant. */
    Permission permission();

    /** The audit action recorded when a click is refused before it reaches {@link #handle}. */
    String auditAction(String actionId);

    void handle(SlackButtonClick click, SlackAnswer answer);
}
