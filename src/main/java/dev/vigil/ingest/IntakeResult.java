package dev.vigil.ingest;

import dev.vigil.alert.AlertId;
import java.util.List;

/** The answer to an ingest: how many records were stored, their ids, and what was refused and why. */
public record IntakeResult(int accepted, List<AlertId> ids, List<Rejection> rejected) {}
