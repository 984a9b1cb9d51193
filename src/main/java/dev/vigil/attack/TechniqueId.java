package dev.vigil.attack;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** An ATT&amp;CK technique or sub-technique id: {@code T1059} or {@code T1059.001}. */
public record TechniqueId(String value) implements Comparable<TechniqueId> {

    private static final Pattern FORMAT = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    public TechniqueId {
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an ATT&CK technique id: " + value);
        }
    }

    /** Accepts the spellings sources use: lower case, surrounding blanks, {@code T1059/001} as in ATT&CK URLs. */
    public static Optional<TechniqueId> parse(String text) {
        String normal = text.trim().toUpperCase(Locale.ROOT).replace('/', '.');
        return FORMAT.matcher(normal).matches() ? Optional.of(new TechniqueId(normal)) : Optional.empty();
    }

    public boolean isSubTechnique() {
        return value.indexOf('.') > 0;
    }

    /** The technique a sub-technique belongs to; a technique is its own parent. */
    public TechniqueId parent() {
        return isSubTechnique() ? new TechniqueId(value.substring(0, 5)) : this;
    }

    @Override
    public int compareTo(TechniqueId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
