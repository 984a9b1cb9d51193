package dev.vigil.alert;

import org.jspecify.annotations.Nullable;

/** An account named in an alert; {@code privileged} is what the source said (an admin, SYSTEM, ...). */
public record UserAccount(
        @Nullable String name,
        @Nullable String domain,
        @Nullable String sid,
        boolean privileged) {

    public UserAccount {
        name = Text.blankToNull(name);
        domain = Text.blankToNull(domain);
        sid = Text.blankToNull(sid);
        if (name == null && sid == null) {
            throw new IllegalArgumentException("a user needs a name or a SID");
        }
    }
}
