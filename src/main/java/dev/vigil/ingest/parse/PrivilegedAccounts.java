package dev.vigil.ingest.parse;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Accounts that are privileged by definition on Windows (LocalSystem, LocalService, NetworkService, the
 * built-in Administrator), recognised by SID or name since sources rarely say so themselves.
 */
final class PrivilegedAccounts {

    private static final Set<String> SIDS = Set.of("S-1-5-18", "S-1-5-19", "S-1-5-20");
    private static final Set<String> NAMES = Set.of("system", "administrator", "root");

    private PrivilegedAccounts() {}

    static boolean isPrivileged(@Nullable String name, @Nullable String sid) {
        if (sid != null) {
            String value = sid.trim().toUpperCase(Locale.ROOT);
            // RID 500 is the built-in Administrator of any domain or machine.
            if (SIDS.contains(value) || (value.startsWith("S-1-5-21-") && value.endsWith("-500"))) {
                return true;
            }
        }
        return name != null && NAMES.contains(name.trim().toLowerCase(Locale.ROOT));
    }
}
