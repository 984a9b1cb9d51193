package dev.vigil.attack;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every ATT&amp;CK Enterprise technique and sub-technique, by id, with revoked and deprecated ids leading to
 * the technique that replaced them. Built from MITRE's STIX bundle; Vigil ships one and
 * {@code vigil attack update FILE} installs a newer one.
 */
public final class AttackCatalogue {

    /** Replacement chains are short; the bound only guards against a cycle in a malformed bundle. */
    private static final int MAX_HOPS = 8;

    private final String version;
    private final Map<TechniqueId, Technique> byId;

    public AttackCatalogue(String version, Collection<Technique> techniques) {
        this.version = version;
        Map<TechniqueId, Technique> map = new TreeMap<>();
        for (Technique technique : techniques) {
            map.put(technique.id(), technique);
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    /** Where the catalogue came from, e.g. "ATT&CK content modified 2025-11-12". */
    public String version() {
        return version;
    }

    public Optional<Technique> find(TechniqueId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The current technique for an id: itself when active, else what replaced it, following the chain.
     * Empty when the id is unknown or was retired without a replacement.
     */
    public Optional<Technique> current(TechniqueId id) {
        Technique technique = byId.get(id);
        for (int hop = 0; technique != null && hop < MAX_HOPS; hop++) {
            if (technique.isActive()) {
                return Optional.of(technique);
            }
            technique = technique.replacedBy() == null ? null : byId.get(technique.replacedBy());
        }
        return Optional.empty();
    }

    public List<Technique> all() {
        return List.copyOf(byId.values());
    }

    public int size() {
        return byId.size();
    }
}
