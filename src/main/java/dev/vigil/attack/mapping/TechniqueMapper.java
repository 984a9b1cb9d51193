package dev.vigil.attack.mapping;

import dev.vigil.alert.Alert;
import dev.vigil.attack.AttackCatalogue;
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
 * Native tags, then heuristics. A native tag is trusted at {@value #NATIVE_CONFIDENCE}; one that names a
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
    public List<MappedTechnique> map(Alert alert) {
        Map<TechniqueId, MappedTechnique> found = new LinkedHashMap<>();
        for (String tag : NativeTags.of(alert)) {
            TechniqueId.parse(tag)
                    .ifPresent(id -> nativeTag(id)
                            .ifPresent(m -> found.putIfAbsent(m.technique().id(), m)));
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
        return text.length() <= 120 ? text : text.substring(0, 119) + "…";
    }
}
