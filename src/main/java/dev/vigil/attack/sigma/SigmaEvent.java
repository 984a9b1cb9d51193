package dev.vigil.attack.sigma;

import java.util.List;

/** An event ready for rules: its fields, and the route buckets whose rules can match it. */
public record SigmaEvent(EventView view, List<String> buckets) {}
