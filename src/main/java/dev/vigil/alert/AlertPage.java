package dev.vigil.alert;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a search, and the cursor for the next page when there may be one. */
public record AlertPage(List<StoredAlert> items, @Nullable AlertId next) {}
