package dev.vigil.respond.defender;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A bulk import: the reason for it (an item's own reason wins) and the indicators. */
public record IndicatorImport(
        @Nullable String reason, @Nullable List<IndicatorInput> indicators) {}
