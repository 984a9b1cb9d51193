/** The daily summary: its period, its figures (SQL aggregation), its chart, endpoint and CLI preview. */
@org.springframework.modulith.NamedInterface("summary")
@org.jspecify.annotations.NullMarked
package dev.vigil.notify.summary;
