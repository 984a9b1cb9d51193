package dev.vigil.notify.summary;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The summary's chart: alerts per time bucket (an hour; longer when the period has over 96 hours) stacked
 * by risk class, drawn with Java2D into a 1000×400 PNG. Headless: no display is needed or used.
 */
@Service
public class SummaryChart {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 400;
    static final Color BACKGROUND = Color.WHITE;

    /** Classes from the bottom of a bar up, with their colours. */
    private static final List<Map.Entry<String, Color>> CLASSES = List.of(
            Map.entry("CRITICAL", new Color(0x8e1b1b)),
            Map.entry("HIGH", new Color(0xe0562b)),
            Map.entry("MEDIUM", new Color(0xf2b134)),
            Map.entry("LOW", new Color(0x4f8fc0)),
            Map.entry(SummaryReports.UNSCORED, new Color(0xa0a0a0)));

    private static final int LEFT = 60;
    private static final int RIGHT = 130;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final JdbcTemplate jdbc;

    public SummaryChart(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The PNG for the period, times on the axis in {@code zone}. */
    public byte[] png(SummaryPeriod period, ZoneId zone) {
        Duration bucket = bucket(period);
        int buckets = (int) ((period.length().toSeconds() + bucket.toSeconds() - 1) / bucket.toSeconds());
        long[][] counts = new long[buckets][CLASSES.size()];
        jdbc.query(
                """
                select floor(extract(epoch from received_at - ?) / ?)::int as b,
                       coalesce(risk_class, 'UNSCORED') as risk_class, count(*) as n
                  from alert
                 where kind = 'ALERT' and received_at >= ? and received_at < ?
                 group by 1, 2
                """,
                rs -> {
                    int b = rs.getInt("b");
                    int c = classIndex(rs.getString("risk_class"));
                    if (b >= 0 && b < buckets && c >= 0) {
                        counts[b][c] = rs.getLong("n");
                    }
                },
                Timestamp.from(period.from()),
                bucket.toSeconds(),
                Timestamp.from(period.from()),
                Timestamp.from(period.to()));
        return encode(draw(period, zone, bucket, counts));
    }

    static Duration bucket(SummaryPeriod period) {
        long hours = Math.max(1, (period.length().toHours() + 95) / 96);
        return Duration.ofHours(hours);
    }

    private static int classIndex(String riskClass) {
        for (int i = 0; i < CLASSES.size(); i++) {
            if (CLASSES.get(i).getKey().equals(riskClass)) {
                return i;
            }
        }
        return -1;
    }

    private static BufferedImage draw(SummaryPeriod period, ZoneId zone, Duration bucket, long[][] counts) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            long max = 1;
            for (long[] bar : counts) {
                long sum = 0;
                for (long n : bar) {
                    sum += n;
                }
                max = Math.max(max, sum);
            }
            long top = niceCeiling(max);
            int plotWidth = WIDTH - LEFT - RIGHT;
            int plotHeight = HEIGHT - TOP - BOTTOM;
            DateTimeFormatter hour = DateTimeFormatter.ofPattern("EEE HH:mm").withZone(zone);

            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.setColor(Color.DARK_GRAY);
            g.drawString(
                    "Alerts per " + (bucket.toHours() == 1 ? "hour" : bucket.toHours() + " hours") + " by class, "
                            + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                    .withZone(zone)
                                    .format(period.from())
                            + " to "
                            + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
                                    .withZone(zone)
                                    .format(period.to()),
                    LEFT,
                    24);

            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i <= 4; i++) {
                long value = top * i / 4;
                int y = TOP + plotHeight - (int) (plotHeight * i / 4);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(LEFT, y, LEFT + plotWidth, y);
                g.setColor(Color.DARK_GRAY);
                String label = Long.toString(value);
                g.drawString(label, LEFT - 6 - metrics.stringWidth(label), y + 4);
            }

            double slot = (double) plotWidth / counts.length;
            int barWidth = Math.max(1, (int) Math.floor(slot * 0.8));
            for (int b = 0; b < counts.length; b++) {
                int x = LEFT + (int) Math.round(b * slot + (slot - barWidth) / 2);
                int base = TOP + plotHeight;
                for (int c = 0; c < CLASSES.size(); c++) {
                    if (counts[b][c] == 0) {
                        continue;
                    }
                    int height = Math.max(1, (int) Math.round((double) plotHeight * counts[b][c] / top));
                    g.setColor(CLASSES.get(c).getValue());
                    g.fillRect(x, base - height, barWidth, height);
                    base -= height;
                }
            }

            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1));
            g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
            g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
            int labels = Math.min(counts.length, 8);
            for (int i = 0; i < labels; i++) {
                int b = (int) ((long) i * counts.length / labels);
                Instant at = period.from().plus(bucket.multipliedBy(b));
                int x = LEFT + (int) Math.round(b * slot);
                g.drawLine(x, TOP + plotHeight, x, TOP + plotHeight + 4);
                g.drawString(hour.format(at), x - 2, TOP + plotHeight + 18);
            }
            g.drawString("alerts", 8, TOP - 8);
            g.drawString("time (" + zone.getId() + ")", LEFT + plotWidth / 2 - 30, HEIGHT - 10);

            int legendX = WIDTH - RIGHT + 20;
            for (int c = 0; c < CLASSES.size(); c++) {
                int y = TOP + 10 + c * 22;
                g.setColor(CLASSES.get(c).getValue());
                g.fillRect(legendX, y, 14, 14);
                g.setColor(Color.DARK_GRAY);
                g.drawString(CLASSES.get(c).getKey(), legendX + 20, y + 11);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code max}: round axis labels. */
    static long niceCeiling(long max) {
        long power = 1;
        while (true) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * power >= max) {
                    return step * power;
                }
            }
            power *= 10;
        }
    }

    private static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
