package dev.vigil.attack.catalogue;

import dev.vigil.attack.AttackCatalogue;
import dev.vigil.attack.Technique;
import dev.vigil.attack.TechniqueId;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the techniques out of MITRE's ATT&amp;CK Enterprise STIX bundle, one object at a time (the bundle
 * is about 45 MB). A revoked technique is replaced by the target of its {@code revoked-by} relationship; a
 * deprecated one by the first technique its deprecation notice links to, when it links to one.
 */
public final class StixBundle {

    private static final Pattern TECHNIQUE_LINK =
            Pattern.compile("attack\\.mitre\\.org/techniques/(T\\d{4}(?:/\\d{3})?)");

    private StixBundle() {}

    public static AttackCatalogue read(InputStream in) throws IOException {
        Map<String, AttackPattern> patterns = new HashMap<>();
        Map<String, String> revokedBy = new HashMap<>();
        String latest = "";
        try (JsonParser parser = JsonMapper.shared().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !seek(parser, "objects")) {
                throw new IOException("not a STIX bundle: no \"objects\" array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode object = parser.readValueAsTree();
                String modified = object.path("modified").asString("");
                if (modified.compareTo(latest) > 0) {
                    latest = modified;
                }
                switch (object.path("type").asString("")) {
                    case "attack-pattern" ->
                        pattern(object)
                                .ifPresent(p -> patterns.put(object.path("id").asString(), p));
                    case "relationship" -> {
                        if (object.path("relationship_type").asString("").equals("revoked-by")) {
                            revokedBy.put(
                                    object.path("source_ref").asString(),
                                    object.path("target_ref").asString());
                        }
                    }
                    default -> {
                        // Groups, software, mitigations, detections: not part of the technique catalogue.
                    }
                }
            }
        }
        if (patterns.isEmpty()) {
            throw new IOException("the bundle holds no ATT&CK techniques");
        }
        List<Technique> techniques = new ArrayList<>(patterns.size());
        for (Map.Entry<String, AttackPattern> entry : patterns.entrySet()) {
            AttackPattern p = entry.getValue();
            TechniqueId replacement = null;
            if (p.status() == Technique.Status.REVOKED) {
                AttackPattern target = patterns.get(revokedBy.get(entry.getKey()));
                replacement = target == null ? null : target.id();
            } else if (p.status() == Technique.Status.DEPRECATED) {
                replacement = p.deprecationLink();
            }
            techniques.add(new Technique(p.id(), p.name(), p.tactics(), p.status(), replacement));
        }
        String version = latest.length() >= 10 ? "ATT&CK content modified " + latest.substring(0, 10) : "unknown";
        return new AttackCatalogue(version, techniques);
    }

    private static Optional<AttackPattern> pattern(JsonNode object) {
        String externalId = null;
        for (JsonNode reference : object.path("external_references")) {
            if (reference.path("source_name").asString("").equals("mitre-attack")) {
                externalId = reference.path("external_id").asString(null);
            }
        }
        Optional<TechniqueId> id = externalId == null ? Optional.empty() : TechniqueId.parse(externalId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        List<String> tactics = new ArrayList<>();
        for (JsonNode phase : object.path("kill_chain_phases")) {
            if (phase.path("kill_chain_name").asString("").equals("mitre-attack")) {
                tactics.add(phase.path("phase_name").asString());
            }
        }
        Technique.Status status = object.path("revoked").asBoolean(false)
                ? Technique.Status.REVOKED
                : object.path("x_mitre_deprecated").asBoolean(false)
                        ? Technique.Status.DEPRECATED
                        : Technique.Status.ACTIVE;
        TechniqueId link = null;
        if (status == Technique.Status.DEPRECATED) {
            Matcher matcher = TECHNIQUE_LINK.matcher(object.path("description").asString(""));
            if (matcher.find()) {
                link = TechniqueId.parse(matcher.group(1)).orElse(null);
            }
        }
        return Optional.of(
                new AttackPattern(id.get(), object.path("name").asString("").strip(), tactics, status, link));
    }

    private static boolean seek(JsonParser parser, String field) {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.END_OBJECT) {
            if (token == JsonToken.PROPERTY_NAME && parser.currentName().equals(field)) {
                return parser.nextToken() == JsonToken.START_ARRAY;
            }
            if (token == JsonToken.PROPERTY_NAME) {
                parser.nextToken();
                parser.skipChildren();
            }
        }
        return false;
    }

    /** An attack-pattern as read, before replacements are resolved across the whole bundle. */
    private record AttackPattern(
            TechniqueId id,
            String name,
            List<String> tactics,
            Technique.Status status,
            @Nullable TechniqueId deprecationLink) {}
}
