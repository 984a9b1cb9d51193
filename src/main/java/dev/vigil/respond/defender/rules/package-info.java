/** Custom detection rules through Microsoft Graph beta (external-apis §3.5): manage, back up and restore. */
@org.jspecify.annotations.NullMarked
package dev.vigil.respond.defender.rules;
