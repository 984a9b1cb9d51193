package dev.vigil.notify.slack;

/**
 * Untrusted text made safe for Slack: {@code &}, {@code <} and {@code >} escaped, so alert data can never
 * mention a user, ping {@code @channel}/{@code @here} or forge a link, and cut to a Block Kit limit without
 * splitting a surrogate pair or an escape sequence.
 */
public final class SlackText {

    static final String ELLIPSIS = "…";

    private SlackText() {}

    /** Escapes the three characters Slack's message syntax reserves. */
    public static String escape(String untrusted) {
        StringBuilder out = new StringBuilder(untrusted.length() + 16);
        for (int i = 0; i < untrusted.length(); i++) {
            char c = untrusted.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@link #escape} then {@link #truncate}: the limit applies to what Slack receives. */
    public static String escaped(String untrusted, int maxLength) {
        return truncate(escape(untrusted), maxLength);
    }

    /**
     * Text no longer than {@code maxLength} UTF-16 units (never fewer characters than Slack counts), ending
     * in "…" when cut. Text from {@link #escape} is cut before an entity, never inside one.
     */
    public static String truncate(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int cut = maxLength - ELLIPSIS.length();
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        int amp = text.lastIndexOf('&', cut - 1);
        if (amp >= 0 && amp > cut - 5 && text.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        return text.substring(0, Math.max(cut, 0)) + ELLIPSIS;
    }
}
