/**
 * Device response from Slack: "Isolate device" and "Run AV scan" on alert messages whose host is a Defender
 * device of a configured tenant, carried out for the linked Vigil user through the same device-response
 * service and audit as the API, and a Slack message when the action ends.
 */
@org.jspecify.annotations.NullMarked
package dev.vigil.respond.defender.slack;
