/** Microsoft Graph security incidents (external-apis §3.2): list, read with alerts, update and comment. */
@org.jspecify.annotations.NullMarked
package dev.vigil.respond.defender.incidents;
