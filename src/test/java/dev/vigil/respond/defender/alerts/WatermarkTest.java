package dev.vigil.respond.defender.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
    void theNextQueryStartsTheOverlapBeforeIt() {
        Watermark watermark = new Watermark(T0, Set.of("a"));

        assertThat(watermark.queryFrom(Duration.ofMinutes(2))).isEqualTo(T0.minusSeconds(120));
        assertThat(watermark.queryFrom(Duration.ZERO)).isEqualTo(T0);
    }

    @Test
    void aCompletePollMovesItToTheLatestSeenButNotPastThePollsStartNorBack() {
        Watermark from = new Watermark(T0, Set.of("a"));
        Watermark reached = from.after(List.of(alert("b", T0.plusSeconds(30))));

        assertThat(from.afterPoll(reached, T0.plusSeconds(60))).isEqualTo(reached);
        // Graph's clock ahead of Vigil's: no further than the poll's start, so alerts updated meanwhile are read.
        assertThat(from.afterPoll(reached, T0.plusSeconds(10))).isEqualTo(Watermark.startingAt(T0.plusSeconds(10)));
        // Vigil's clock stepped back: the watermark stays.
        assertThat(from.afterPoll(reached, T0.minusSeconds(10))).isEqualTo(from);
        assertThat(from.afterPoll(from, T0.plusSeconds(60))).isEqualTo(from);
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
     * A server that answers {@code ge from} paged in no time order, re-evaluating each page against the current
     * alerts, its clock off from Vigil's by up to the overlap; alerts added and updated between polls and between
     * pages (an update may move an alert to a page already read); polls cut short at a random page; a store that
     * keeps the newest version of each alert as the intake does. After a last quiet poll, every alert is stored
     * once, at its latest version. The server's order is one an update moves only the updated alert in (newest
     * first, or by id), as offset paging over a set whose other members shift back can skip any of them.
     */
    @Test
    void pollsInAnyOrderCutShortOrRacingUpdatesStoreEveryLatestVersionOnce() {
        Duration overlap = Duration.ofMillis(200);
        for (long seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            long skewMillis = random.nextInt(401) - 200;
            boolean newestFirst = random.nextBoolean();
            long[] now = {0};
            Map<String, Instant> source = new HashMap<>();
            Map<String, Instant> stored = new HashMap<>();
            Map<String, Integer> inserts = new HashMap<>();
            int[] next = {0};
            // Graph stamps its own time on a change.
            Runnable change = () -> {
                now[0] += random.nextInt(40);
                Instant graphNow = T0.plusMillis(now[0] + skewMillis);
                if (source.isEmpty() || random.nextInt(3) > 0) {
                    source.put("id" + next[0]++, graphNow);
                } else {
                    List<String> ids = new ArrayList<>(source.keySet());
                    ids.sort(null);
                    source.put(ids.get(random.nextInt(ids.size())), graphNow);
                }
            };
            Watermark watermark = Watermark.startingAt(T0);
            for (int round = 0; round <= 8; round++) {
                boolean quiet = round == 8;
                if (!quiet) {
                    for (int i = random.nextInt(6); i > 0; i--) {
                        change.run();
                    }
                }
                now[0] += random.nextInt(100);
                Instant startedAt = T0.plusMillis(now[0]);
                Instant from = watermark.queryFrom(overlap);
                Watermark reached = watermark;
                int pageSize = 1 + random.nextInt(3);
                int stopAfter = quiet || random.nextInt(3) > 0 ? Integer.MAX_VALUE : random.nextInt(4);
                boolean complete = false;
                for (int page = 0, offset = 0; page <= stopAfter; page++) {
                    if (!quiet && page > 0) {
                        for (int i = random.nextInt(3); i > 0; i--) {
                            change.run();
                        }
                    }
                    List<PolledAlert> answer = source.entrySet().stream()
                            .filter(e -> !e.getValue().isBefore(from))
                            .map(e -> alert(e.getKey(), e.getValue()))
                            .sorted(
                                    newestFirst
                                            ? Comparator.comparing(PolledAlert::lastUpdate)
                                                    .reversed()
                                                    .thenComparing(PolledAlert::id)
                                            : Comparator.comparing((PolledAlert a) -> a.id().hashCode() * 31 + 7)
                                                    .thenComparing(PolledAlert::id))
                            .toList();
                    List<PolledAlert> items =
                            answer.subList(Math.min(offset, answer.size()), Math.min(answer.size(), offset + pageSize));
                    offset += pageSize;
                    for (PolledAlert item : items) {
                        Instant had = stored.get(item.id());
                        if (had == null) {
                            inserts.merge(item.id(), 1, Integer::sum);
                        }
                        if (had == null || item.lastUpdate().isAfter(had)) {
                            stored.put(item.id(), item.lastUpdate());
                        }
                    }
                    reached = reached.after(items);
                    if (offset >= answer.size()) {
                        complete = true;
                        break;
                    }
                }
                if (complete) {
                    watermark = watermark.afterPoll(reached, startedAt);
                }
            }
            assertThat(stored).as("seed %d", seed).isEqualTo(source);
            assertThat(inserts.values()).as("seed %d", seed).allMatch(count -> count == 1);
        }
    }
}
