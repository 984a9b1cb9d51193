package dev.vigil.attack.sigma;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** {@code field|gt|gte|lt|lte: number}; a value that is not a number never matches. */
record NumberTest(String field, String operator, BigDecimal bound) implements FieldTest {

    @Override
    public boolean test(EventView event) {
        BigDecimal value = number(event.value(field));
        if (value == null) {
            return false;
        }
        int c = value.compareTo(bound);
        return switch (operator) {
            case "gt" -> c > 0;
            case "gte" -> c >= 0;
            case "lt" -> c < 0;
            case "lte" -> c <= 0;
            default -> throw new IllegalStateException(operator);
        };
    }

    static @Nullable BigDecimal number(@Nullable String text) {
        if (text == null || text.isEmpty() || text.length() > 40) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String describe() {
        return operator + " " + bound.toPlainString();
    }
}
