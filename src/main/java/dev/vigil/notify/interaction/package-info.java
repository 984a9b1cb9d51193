/**
 * Slack interactivity: clicks on the buttons of Vigil's alert messages, verified by Slack's request signature,
 * answered at once and carried out afterwards as the Vigil user the Slack user is linked to.
 */
@org.jspecify.annotations.NullMarked
package dev.vigil.notify.interaction;
