package dev.vigil.access;

import java.util.Locale;
import java.util.regex.Pattern;

/** Slack user ids ({@code U0123ABCDEF}, or {@code W…} in Enterprise Grid), checked and in their upper-case form. */
public final class SlackUserIds {

    private static final Pattern ID = Pattern.compile("[UW][A-Z0-9]{2,31}");

    private SlackUserIds() {}

    /** @throws IllegalArgumentException for anything that is not a Slack user id */
    public static String of(String id) {
        String upper = id.strip().toUpperCase(Locale.ROOT);
        if (!ID.matcher(upper).matches()) {
            throw new IllegalArgumentException("not a Slack user id (U… or W…, letters and digits): "
                    + (id.length() <= 40 ? id : id.substring(0, 40) + "…"));
        }
        return upper;
    }
}
