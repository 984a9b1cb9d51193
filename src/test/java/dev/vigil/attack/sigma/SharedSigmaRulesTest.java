package dev.vigil.attack.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.attack.RuleProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Loads every SigmaHQ rule in {@code ../shared/sigma}; skipped, saying so, where the folder is absent. */
class SharedSigmaRulesTest {

    static Path sharedRules() {
        Path dir = Path.of(System.getProperty("vigil.shared.dir", "../shared"), "sigma");
        assumeTrue(Files.isDirectory(dir), "SigmaHQ rules missing: " + dir.toAbsolutePath() + " (skipping)");
        return dir;
    }

    @Test
    void loadsTheSharedRulesAndExplainsEveryRefusal() {
        SigmaRules rules = SigmaRules.load(false, List.of(sharedRules()));
        Map<String, Integer> reasons = new TreeMap<>();
        for (RuleProblem p : rules.problems()) {
            reasons.merge(p.reason().replaceAll("'[^']*'", "'…'"), 1, Integer::sum);
            System.out.println(p);
        }
        System.out.println(rules.size() + " loaded; " + reasons);
        System.out.println(rules.buckets());
        assertThat(rules.size() + rules.problems().size()).isEqualTo(2887);
    }
}
