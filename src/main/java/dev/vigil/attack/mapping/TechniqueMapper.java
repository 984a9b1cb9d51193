package dev.vigil.attack.mapping;

import dev.vigil.alert.Alert;
import dev.vigil.attack.AttackCatalogue;
import dev.vigil.attack.Detection;
import dev.vigil.attack.MappedTechnique;
import dev.vigil.attack.MappedTechnique.Source;
import dev.vigil.attack.Technique;
import dev.vigil.attack.TechniqueId;
import dev.vigil.attack.TechniqueMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Native tags, then Sigma rules that matched the event, then heuristics; each technique is kept from the
 * most trusted source that names it. A native tag is trusted at {@value #NATIVE_CONFIDENCE}; one that names a
 * retired technique is replaced by its successor at a little less, and says so.
 */
public final class TechniqueMapper implements TechniqueMapping {

    static final double NATIVE_CONFIDENCE = 0.9;
    static final double REPLACED_CONFIDENCE = 0.8;

    private final AttackCatalogue catalogue;

    public TechniqueMapper(AttackCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public List<MappedTechnique> map(Alert alert, List<Detection> detections) {
        Map<TechniqueId, MappedTechnique> found = new LinkedHashMap<>();
        for (String tag : NativeTags.of(alert)) {
            TechniqueId.parse(tag)
                    .ifPresent(id -> nativeTag(id)
                            .ifPresent(m -> found.putIfAbsent(m.technique().id(), m)));
        }
        for (Detection detection : detections) {
            for (String tag : detection.rule().techniques()) {
                TechniqueId.parse(tag)
                        .map(id -> catalogue.current(id).orElseGet(() -> newerThanCatalogue(id, detection)))
                        .ifPresent(t -> found.putIfAbsent(
                                t.id(),
                                new MappedTechnique(
                                        t,
                                        Source.SIGMA,
                                        detection.rule().confidence(),
                                        clip(
                                                "Sigma rule \""
                                                        + detection.rule().title() + "\" ("
                                                        + detection.rule().status() + "): " + detection.reason(),
                                                400))));
            }
        }
        for (Heuristics.Match match : Heuristics.matches(alert)) {
            TechniqueId id = new TechniqueId(match.rule().techniqueId());
            catalogue
                    .current(id)
                    .ifPresent(t -> found.putIfAbsent(
                            t.id(),
                            new MappedTechnique(
                                    t,
                                    Source.HEURISTIC,
                                    match.rule().confidence(),
                                    match.rule().meaning() + ": " + clip(match.text()))));
        }
        return new ArrayList<>(found.values());
    }

    /**
     * Current Sigma rules already use ids from ATT&amp;CK releases newer than the installed catalogue (T1685,
     * T1686, tactic defense-impairment). The technique is kept under its id, with the rule's tactics, rather
     * than dropped; {@code vigil attack update} with a newer bundle gives it its name.
     */
    private Technique newerThanCatalogue(TechniqueId id, Detection detection) {
        List<String> tactics = detection.rule().tags().stream()
                .map(tag -> tag.toLowerCase(java.util.Locale.ROOT))
                .filter(tag -> tag.startsWith("attack.") && !tag.matches("attack\\.[tgs]\\d{4}.*"))
                .map(tag -> tag.substring("attack.".length()))
                .toList();
        return new Technique(
                id,
                "not in the installed ATT&CK catalogue (" + catalogue.version() + ")",
                tactics,
                Technique.Status.ACTIVE,
                null);
    }

    private Optional<MappedTechnique> nativeTag(TechniqueId id) {
        Optional<Technique> current = catalogue.current(id);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Technique technique = current.get();
        if (technique.id().equals(id)) {
            return Optional.of(
                    new MappedTechnique(technique, Source.NATIVE, NATIVE_CONFIDENCE, "tagged by the sensor"));
        }
        return Optional.of(new MappedTechnique(
                technique,
                Source.NATIVE,
                REPLACED_CONFIDENCE,
                "tagged by the sensor as " + id + ", which ATT&CK replaced"));
    }

    private static String clip(String text) {
        return clip(text, 120);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
