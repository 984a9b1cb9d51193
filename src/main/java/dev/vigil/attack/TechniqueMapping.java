package dev.vigil.attack;

import dev.vigil.alert.Alert;
import java.util.List;

/**
 * Attaches ATT&amp;CK techniques to an alert: the sensor's own tags first, then the tags of Sigma rules that
 * matched it, then Vigil's heuristics.
 */
public interface TechniqueMapping {

    /** Each technique at most once, from its most trusted source; retired ids are replaced by current ones. */
    List<MappedTechnique> map(Alert alert, List<Detection> detections);

    /** Native tags and heuristics only, for an alert no rule matched. */
    default List<MappedTechnique> map(Alert alert) {
        return map(alert, List.of());
    }

    /** Native tags and Vigil's heuristics over a catalogue. */
    static TechniqueMapping over(AttackCatalogue catalogue) {
        return new dev.vigil.attack.mapping.TechniqueMapper(catalogue);
    }
}
