package dev.vigil.respond.defender.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WatermarkTest {

    private static final Instant T0 = Instant.parse("2024-05-02T14:19:01.3266667Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static PolledAlert alert(String id, Instant lastUpdate) {
        return new PolledAlert(id, lastUpdate, JSON.createObjectNode().put("id", id));
    }

    @Test
    void coversWhatIsBeforeItAndTheIdsStoredAtItsInstant() {
        Watermark watermark = new Watermark(T0, Set.of("a"));

        assertThat(watermark.covers(alert("x", T0.minusNanos(100)))).isTrue();
        assertThat(watermark.covers(alert("a", T0))).isTrue();
        assertThat(watermark.covers(alert("b", T0))).isFalse();
        assertThat(watermark.covers(alert("a", T0.plusNanos(100)))).isFalse();
    }

    @Test
    void movesToTheLatestInstantAndKeepsOnlyTheIdsAtIt() {
        Watermark after = Watermark.startingAt(T0)
                .after(List.of(alert("a", T0), alert("b", T0.plusSeconds(1)), alert("c", T0.plusSeconds(1))));

        assertThat(after.at()).isEqualTo(T0.plusSeconds(1));
        assertThat(after.idsAt()).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void addsToTheIdsWhenAPageEndsAtTheSameInstant() {
        Watermark first = Watermark.startingAt(T0).after(List.of(alert("a", T0.plusSeconds(5))));

        Watermark second = first.after(List.of(alert("b", T0.plusSeconds(5))));

        assertThat(second.at()).isEqualTo(T0.plusSeconds(5));
        assertThat(second.idsAt()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void neverMovesBack() {
        Watermark watermark = new Watermark(T0, Set.of("a"));

        Watermark after = watermark.after(List.of(alert("old", T0.minusSeconds(30))));

        assertThat(after).isEqualTo(watermark);
        assertThat(Watermark.startingAt(T0).after(List.of())).isEqualTo(Watermark.startingAt(T0));
    }

    @Test
    void keepsGraphsFullPrecisionInItsText() {
        Watermark watermark = Watermark.startingAt(T0);

        assertThat(Instant.parse(watermark.text())).isEqualTo(T0);
    }

    /**
     * A server that answers {@code ge watermark} sorted by time, paged; a poller that stops after a random
     * number of pages and starts again from its stored watermark, while alerts keep arriving, many at the same
     * instant: every alert is stored exactly once.
     */
    @Test
    void restartsNeitherSkipNorRepeatAlerts() {
        for (long seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            List<PolledAlert> source = new ArrayList<>();
            Map<String, Integer> stored = new HashMap<>();
            Watermark watermark = Watermark.startingAt(T0);
            int next = 0;
            for (int round = 0; round < 8; round++) {
                // New alerts arrive at or after the latest instant so far (the source's clock moves forward).
                Instant latest =
                        source.isEmpty() ? T0 : source.get(source.size() - 1).lastUpdate();
                for (int i = random.nextInt(7); i > 0; i--) {
                    latest = latest.plusMillis(random.nextInt(3));
                    source.add(alert("id" + next++, latest));
                }
                int pageSize = 1 + random.nextInt(3);
                int stopAfter = random.nextInt(4);
                Watermark from = watermark;
                List<PolledAlert> answer = source.stream()
                        .filter(a -> !a.lastUpdate().isBefore(from.at()))
                        .sorted(Comparator.comparing(PolledAlert::lastUpdate))
                        .toList();
                for (int page = 0; page * pageSize < answer.size() && page <= stopAfter; page++) {
                    List<PolledAlert> items =
                            answer.subList(page * pageSize, Math.min(answer.size(), (page + 1) * pageSize));
                    for (PolledAlert item : items) {
                        if (!watermark.covers(item)) {
                            stored.merge(item.id(), 1, Integer::sum);
                        }
                    }
                    watermark = watermark.after(items);
                }
            }
            // A last poll without a stop, as the next round of a healthy poller.
            Watermark from = watermark;
            for (PolledAlert item : source) {
                if (!item.lastUpdate().isBefore(from.at()) && !watermark.covers(item)) {
                    stored.merge(item.id(), 1, Integer::sum);
                }
            }
            assertThat(stored).as("seed %d", seed).hasSize(source.size());
            assertThat(stored.values()).as("seed %d", seed).allMatch(count -> count == 1);
        }
    }
}
