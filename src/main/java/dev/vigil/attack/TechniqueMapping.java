package dev.vigil.attack;

import dev.vigil.alert.Alert;
import java.util.List;

/** Attaches ATT&amp;CK techniques to an alert: the sensor's own tags first, then Vigil's heuristics. */
public interface TechniqueMapping {

    /** Each technique at most once, from its most trusted source; retired ids are replaced by current ones. */
    List<MappedTechnique> map(Alert alert);

    /** Native tags and Vigil's heuristics over a catalogue. */
    static TechniqueMapping over(AttackCatalogue catalogue) {
        return new dev.vigil.attack.mapping.TechniqueMapper(catalogue);
    }
}
