package dev.vigil.notify.slack;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertTechnique;
import dev.vigil.alert.Entities;
import dev.vigil.alert.FileHashes;
import dev.vigil.alert.FileInfo;
import dev.vigil.alert.Host;
import dev.vigil.alert.NetworkConnection;
import dev.vigil.alert.ProcessInfo;
import dev.vigil.alert.StoredAlert;
import dev.vigil.alert.TriageResult;
import dev.vigil.alert.UserAccount;
import dev.vigil.notify.AlertButton;
import dev.vigil.notify.AlertButtons;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Block Kit message for one triaged alert: severity and title, risk score and its top factors, ATT&amp;CK
 * techniques linked to attack.mitre.org, the entities, source and time, a link to the alert in Vigil and the
 * analyst's buttons. Every piece of alert data is escaped and cut to Slack's limits, so any alert, however
 * large or hostile, gives a message Slack accepts and that cannot ping, mention or forge a link.
 */
public final class AlertMessage {

    public static final String ACKNOWLEDGE = "vigil.ack";
    public static final String ASSIGN_TO_ME = "vigil.assign";
    public static final String FALSE_POSITIVE = "vigil.false_positive";

    static final int TOP_FACTORS = 5;

    private static final Logger log = LoggerFactory.getLogger(AlertMessage.class);

    private static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final PublicUrl publicUrl;
    private final List<AlertButtons> moreButtons;

    public AlertMessage(PublicUrl publicUrl) {
        this(publicUrl, List.of());
    }

    /** @param moreButtons other modules' buttons (device response), added after the analyst's own */
    public AlertMessage(PublicUrl publicUrl, List<AlertButtons> moreButtons) {
        this.publicUrl = publicUrl;
        this.moreButtons = List.copyOf(moreButtons);
    }

    public SlackMessage of(StoredAlert stored) {
        Alert alert = stored.alert();
        @Nullable TriageResult triage = stored.triage();
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Blocks.header(SlackText.escape(alert.severity().name() + " · " + alert.title())));
        blocks.add(Blocks.section(summary(alert, triage)));
        if (triage != null && !triage.techniques().isEmpty()) {
            blocks.add(Blocks.section(techniques(triage.techniques())));
        }
        List<String> entityFields = entityFields(alert.entities());
        if (!entityFields.isEmpty()) {
            blocks.add(Blocks.fields(entityFields));
        }
        blocks.add(Blocks.context(
                List.of(origin(alert), "<" + publicUrl.alert(alert.id().toString()) + "|Open in Vigil>")));
        blocks.add(Map.of("type", "divider"));
        blocks.add(Blocks.actions("vigil.alert." + alert.id(), buttons(alert)));
        return new SlackMessage(fallback(alert, triage), blocks);
    }

    /**
     * The alert's message with a line under its origin saying what just happened to it ("Acknowledged by
     * alice"), for replacing the message a button was clicked on. The buttons stay: others may act too.
     */
    public SlackMessage of(StoredAlert stored, String event) {
        SlackMessage message = of(stored);
        List<Map<String, Object>> blocks = new ArrayList<>(message.blocks());
        // Before the divider and the buttons, which are always the last two blocks.
        blocks.add(blocks.size() - 2, Blocks.context(List.of(SlackText.escaped(event, Blocks.SECTION_TEXT))));
        return new SlackMessage(message.text(), blocks);
    }

    private static String summary(Alert alert, @Nullable TriageResult triage) {
        StringBuilder text = new StringBuilder();
        if (triage == null) {
            text.append("*Not triaged yet*");
        } else {
            text.append("*Risk ")
                    .append(triage.riskScore())
                    .append('/')
                    .append(TriageResult.MAX_RISK)
                    .append("* (")
                    .append(triage.riskClass().name())
                    .append(") · damage ")
                    .append(triage.damageScore())
                    .append("/100");
            List<String> factors = triage.factors();
            factors.stream().limit(TOP_FACTORS).forEach(f -> text.append("\n• ").append(SlackText.escaped(f, 300)));
            if (factors.size() > TOP_FACTORS) {
                text.append("\n• … ").append(factors.size() - TOP_FACTORS).append(" more");
            }
        }
        if (alert.description() != null) {
            text.append("\n").append(SlackText.escaped(alert.description(), 1000));
        }
        return text.toString();
    }

    private static String techniques(List<AlertTechnique> techniques) {
        List<String> items = new ArrayList<>();
        for (AlertTechnique t : techniques) {
            String label = SlackText.escaped(t.id() + " " + t.name(), 200);
            items.add(TECHNIQUE_ID.matcher(t.id()).matches() ? "<" + attackUrl(t.id()) + "|" + label + ">" : label);
        }
        return "*ATT&amp;CK:* " + joinWithin(items, " · ", Blocks.SECTION_TEXT - 20);
    }

    /** T1059.001 → https://attack.mitre.org/techniques/T1059/001/ (sub-techniques are path segments). */
    public static String attackUrl(String techniqueId) {
        return "https://attack.mitre.org/techniques/" + techniqueId.replace('.', '/') + "/";
    }

    private static List<String> entityFields(Entities e) {
        List<String> fields = new ArrayList<>();
        field(fields, "Hosts", e.hosts().stream().map(AlertMessage::host).toList());
        field(fields, "Users", e.users().stream().map(AlertMessage::user).toList());
        field(fields, "IP addresses", ips(e));
        field(
                fields,
                "Processes",
                e.processes().stream().map(AlertMessage::process).toList());
        field(fields, "Files", e.files().stream().map(AlertMessage::file).toList());
        return fields;
    }

    private static void field(List<String> fields, String name, List<String> values) {
        if (!values.isEmpty()) {
            List<String> escaped =
                    values.stream().map(v -> SlackText.escaped(v, 300)).toList();
            fields.add("*" + name + ":*\n" + joinWithin(escaped, "\n", Blocks.FIELD_TEXT - name.length() - 5));
        }
    }

    private static String host(Host h) {
        return h.name() != null ? h.name() : h.ip() != null ? h.ip() : "device " + h.defenderDeviceId();
    }

    private static String user(UserAccount u) {
        String name = u.name() != null ? u.name() : u.sid();
        return (u.domain() != null ? u.domain() + "\\" + name : name) + (u.privileged() ? " (privileged)" : "");
    }

    private static List<String> ips(Entities e) {
        Set<String> ips = new LinkedHashSet<>();
        e.hosts().stream().map(Host::ip).forEach(ip -> addIfPresent(ips, ip));
        for (NetworkConnection c : e.network()) {
            addIfPresent(ips, c.sourceIp());
            addIfPresent(ips, c.destinationIp());
        }
        return List.copyOf(ips);
    }

    private static void addIfPresent(Set<String> values, @Nullable String value) {
        if (value != null) {
            values.add(value);
        }
    }

    private static String process(ProcessInfo p) {
        return p.commandLine() != null ? p.commandLine() : String.valueOf(p.image());
    }

    private static String file(FileInfo f) {
        if (f.path() != null) {
            return f.path();
        }
        FileHashes h = f.hashes();
        return h.sha256() != null ? "sha256 " + h.sha256() : h.sha1() != null ? "sha1 " + h.sha1() : "md5 " + h.md5();
    }

    private static String origin(Alert alert) {
        StringBuilder text = new StringBuilder("Source: ").append(alert.source().id());
        if (alert.tenant() != null) {
            text.append(" · tenant ").append(SlackText.escaped(alert.tenant(), 200));
        }
        Instant when = alert.occurredAt() != null ? alert.occurredAt() : alert.receivedAt();
        return text.append(" · ").append(TIME.format(when)).toString();
    }

    private List<Map<String, Object>> buttons(Alert alert) {
        String id = alert.id().toString();
        List<Map<String, Object>> buttons = new ArrayList<>();
        buttons.add(Blocks.button("Acknowledge", ACKNOWLEDGE, id, "primary"));
        buttons.add(Blocks.button("Assign to me", ASSIGN_TO_ME, id, ""));
        buttons.add(Blocks.button("False positive", FALSE_POSITIVE, id, ""));
        buttons.addAll(responseButtons(alert));
        return buttons;
    }

    /**
     * The buttons other modules offer for this alert ("Isolate device", "Run AV scan" when a host has a
     * Defender device id in a configured tenant). A contributor that fails costs its buttons, not the message.
     */
    private List<Map<String, Object>> responseButtons(Alert alert) {
        List<Map<String, Object>> buttons = new ArrayList<>();
        for (AlertButtons contributor : moreButtons) {
            List<AlertButton> offered;
            try {
                offered = contributor.forAlert(alert);
            } catch (RuntimeException e) {
                log.warn(
                        "Buttons of {} left out of alert {}: {}",
                        contributor.getClass().getSimpleName(),
                        alert.id(),
                        e.toString());
                continue;
            }
            offered.forEach(b -> buttons.add(button(b)));
        }
        return buttons;
    }

    static Map<String, Object> button(AlertButton offered) {
        Map<String, Object> button =
                Blocks.button(offered.label(), offered.actionId(), offered.value(), offered.danger() ? "danger" : "");
        AlertButton.Confirm confirm = offered.confirm();
        if (confirm != null) {
            button.put("confirm", Blocks.confirm(confirm.title(), confirm.text(), confirm.confirm(), confirm.deny()));
        }
        return button;
    }

    private static String fallback(Alert alert, @Nullable TriageResult triage) {
        String text = "[" + alert.severity().name() + "] " + alert.title();
        if (triage != null) {
            text += " (risk " + triage.riskScore() + ", " + triage.riskClass().name() + ")";
        }
        return SlackText.escaped(text, Blocks.FALLBACK_TEXT);
    }

    /** Joins whole items while they fit, then says how many were left out. */
    static String joinWithin(List<String> items, String separator, int maxLength) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            String more = separator + "… " + (items.size() - i) + " more";
            String next = (i == 0 ? "" : separator) + items.get(i);
            boolean last = i == items.size() - 1;
            if (out.length() + next.length() + (last ? 0 : more.length()) > maxLength) {
                return out.append(i == 0 ? "… " + items.size() + " more" : more).toString();
            }
            out.append(next);
        }
        return out.toString();
    }
}
