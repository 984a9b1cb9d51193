package dev.vigil.attack.sigma;

import dev.vigil.alert.AddressRanges;
import java.util.List;

/** {@code field|cidr: ranges}: an address literal inside any range; names are never resolved. */
record CidrTest(String field, AddressRanges ranges, List<String> text) implements FieldTest {

    @Override
    public boolean test(EventView event) {
        String value = event.value(field);
        return value != null && ranges.contains(value).orElse(false);
    }

    @Override
    public String describe() {
        return "in " + String.join(", ", text);
    }
}
