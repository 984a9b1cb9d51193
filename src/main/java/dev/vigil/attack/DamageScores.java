package dev.vigil.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How much harm follows when an attacker succeeds with a technique (0-100), with the reason shown to
 * analysts. A technique's own score comes first, then its parent's, then the highest default of its tactics;
 * configured overrides (by technique id or tactic name) win over the shipped table.
 */
public final class DamageScores {

    static final String SHIPPED = "/attack/damage-scores.tsv";
    private static final String TACTIC = "[tactic]";

    /** A score and why. */
    public record Damage(int score, String reason) {
        public Damage {
            if (score < 0 || score > 100) {
                throw new IllegalArgumentException("a damage score is 0-100: " + score);
            }
        }
    }

    private final Map<TechniqueId, Damage> byTechnique;
    private final Map<String, Damage> byTactic;

    private DamageScores(Map<TechniqueId, Damage> byTechnique, Map<String, Damage> byTactic) {
        this.byTechnique = Map.copyOf(byTechnique);
        this.byTactic = Map.copyOf(byTactic);
    }

    /** The shipped table with overrides from configuration: keys are technique ids or tactic short names. */
    public static DamageScores shipped(Map<String, Integer> overrides) {
        try (InputStream in = DamageScores.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IOException("the damage score table is missing from the jar: " + SHIPPED);
            }
            return read(in, overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DamageScores read(InputStream in, Map<String, Integer> overrides) throws IOException {
        Map<TechniqueId, Damage> byTechnique = new HashMap<>();
        Map<String, Damage> byTactic = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            try {
                if (f[0].equals(TACTIC) && f.length == 4) {
                    byTactic.put(f[1], new Damage(Integer.parseInt(f[2]), f[3]));
                } else if (f.length == 3) {
                    byTechnique.put(new TechniqueId(f[0]), new Damage(Integer.parseInt(f[1]), f[2]));
                } else {
                    throw new IllegalArgumentException("expected id, score, rationale");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException("damage scores line " + number + ": " + e.getMessage(), e);
            }
        }
        overrides.forEach((key, score) -> {
            Damage damage = new Damage(score, "set in configuration (vigil.attack.damage-overrides)");
            TechniqueId.parse(key).ifPresentOrElse(id -> byTechnique.put(id, damage), () -> {
                if (!byTactic.containsKey(key)) {
                    throw new IllegalArgumentException("vigil.attack.damage-overrides: '" + key
                            + "' is neither a technique id nor a tactic (such as credential-access)");
                }
                byTactic.put(key, damage);
            });
        });
        return new DamageScores(byTechnique, byTactic);
    }

    public Damage of(Technique technique) {
        Damage own = byTechnique.get(technique.id());
        if (own != null) {
            return own;
        }
        Damage parent = byTechnique.get(technique.id().parent());
        if (parent != null) {
            return new Damage(
                    parent.score(), parent.reason() + " (as " + technique.id().parent() + ")");
        }
        Optional<Map.Entry<String, Damage>> tactic = technique.tactics().stream()
                .filter(byTactic::containsKey)
                .map(t -> Map.entry(t, byTactic.get(t)))
                .max(Comparator.comparingInt(e -> e.getValue().score()));
        return tactic.map(e -> new Damage(
                        e.getValue().score(),
                        "default for " + e.getKey() + ": " + e.getValue().reason()))
                .orElse(new Damage(0, "no score for " + technique.id() + " or its tactics"));
    }

    /** How many techniques the table scores explicitly. */
    public int explicitCount() {
        return byTechnique.size();
    }

    public Optional<Damage> explicit(TechniqueId id) {
        return Optional.ofNullable(byTechnique.get(id));
    }

    public Optional<Damage> tacticDefault(String tactic) {
        return Optional.ofNullable(byTactic.get(tactic));
    }
}
