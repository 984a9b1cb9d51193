package dev.vigil.ingest.parse;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Splits Windows event XML into its {@code <Event>} elements (one, several concatenated as wevtutil
 * exports them, or inside an {@code <Events>} wrapper) and reads each one's System and EventData values.
 *
 * <p>Input that declares a DOCTYPE is refused outright, and the StAX parser is configured without DTD
 * support or external entities, so entity expansion and XXE cannot happen.
 */
final class WindowsEventXmlReader {

    /** Receives events (with their exact XML text) and refusals in input order. */
    interface Handler {
        void event(int index, int line, WindowsXmlEvent event, String raw);

        void reject(int index, @Nullable Integer line, String error);
    }

    private static final String CLOSE = "</Event>";
    private static final Set<String> SECTIONS = Set.of("System", "EventData", "UserData", "RenderingInfo");

    private final XMLInputFactory factory;
    private final long maxEventBytes;

    WindowsEventXmlReader(long maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
        this.factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    }

    void read(byte[] input, Handler handler) {
        String text = new String(input, StandardCharsets.UTF_8);
        int doctype = text.indexOf("<!DOCTYPE");
        int entity = text.indexOf("<!ENTITY");
        if (doctype >= 0 || entity >= 0) {
            int at = doctype >= 0 ? doctype : entity;
            handler.reject(
                    0,
                    Bytes.lineOf(input, utf8Offset(text, at)),
                    "refused: the XML declares a DOCTYPE or entity; DTDs and entities are not allowed");
            return;
        }
        int index = 0;
        int line = 1;
        int counted = 0;
        int from = 0;
        int start;
        while ((start = nextEvent(text, from)) >= 0) {
            line += newlines(text, counted, start);
            counted = start;
            int close = text.indexOf(CLOSE, start);
            if (close < 0) {
                handler.reject(index, line, "malformed Windows event XML: an <Event> element is not closed");
                return;
            }
            from = close + CLOSE.length();
            String raw = text.substring(start, from);
            long size = raw.length() * 3L > maxEventBytes ? raw.getBytes(StandardCharsets.UTF_8).length : raw.length();
            if (size > maxEventBytes) {
                handler.reject(
                        index++,
                        line,
                        "event is " + size + " bytes, over the limit of " + maxEventBytes + " bytes for one alert");
                continue;
            }
            try {
                handler.event(index, line, read(raw), raw);
            } catch (XMLStreamException | RuntimeException e) {
                handler.reject(index, line, "malformed Windows event XML: " + message(e));
            }
            index++;
        }
        if (index == 0) {
            handler.reject(0, null, "no <Event> element found in the XML");
        }
    }

    /** The next {@code <Event} start tag, skipping {@code <Events>}, {@code <EventData>} and the like. */
    private static int nextEvent(String text, int from) {
        int at = text.indexOf("<Event", from);
        while (at >= 0) {
            int after = at + "<Event".length();
            if (after < text.length()) {
                char c = text.charAt(after);
                if (c == '>' || c == '/' || Character.isWhitespace(c)) {
                    return at;
                }
            }
            at = text.indexOf("<Event", after);
        }
        return -1;
    }

    private WindowsXmlEvent read(String raw) throws XMLStreamException {
        Map<String, String> values = new HashMap<>();
        XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(raw));
        try {
            int depth = 0;
            String section = null;
            String element = null;
            String dataName = null;
            boolean leaf = false;
            StringBuilder content = new StringBuilder();
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        element = reader.getLocalName();
                        if (depth == 1 && !element.equals("Event")) {
                            throw new XMLStreamException("the root element is <" + element + ">, not <Event>");
                        }
                        if (depth == 2) {
                            section = SECTIONS.contains(element) ? element : null;
                        } else if ("System".equals(section)) {
                            systemAttributes(element, reader, values);
                        }
                        dataName = element.equals("Data") ? reader.getAttributeValue(null, "Name") : null;
                        leaf = true;
                        content.setLength(0);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (leaf) {
                            content.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new XMLStreamException(
                                "entity references are not allowed: &" + reader.getLocalName() + ";");
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (leaf && depth >= 3 && section != null && element != null && !content.isEmpty()) {
                            values.putIfAbsent(dataName != null ? dataName : element, content.toString());
                        }
                        leaf = false;
                        depth--;
                        if (depth < 2) {
                            section = null;
                        }
                    }
                    default -> {
                        // Comments, processing instructions and the end of the document carry no values.
                    }
                }
            }
        } finally {
            reader.close();
        }
        return new WindowsXmlEvent(values);
    }

    /** System keeps some values in attributes; they are stored under the names flat JSON exports use. */
    private static void systemAttributes(String element, XMLStreamReader reader, Map<String, String> values) {
        String name = switch (element) {
            case "Provider" -> "SourceName";
            case "TimeCreated" -> "TimeCreated";
            case "Security" -> "UserID";
            case "Execution" -> "ExecutionProcessID";
            default -> null;
        };
        String attribute = switch (element) {
            case "Provider" -> "Name";
            case "TimeCreated" -> "SystemTime";
            case "Security" -> "UserID";
            case "Execution" -> "ProcessID";
            default -> null;
        };
        if (name != null && attribute != null) {
            String value = reader.getAttributeValue(null, attribute);
            if (value != null) {
                values.putIfAbsent(name, value);
            }
        }
    }

    private static int newlines(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    private static int utf8Offset(String text, int charIndex) {
        return text.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The parser's message on one line, without the location prefix the JDK adds. */
    private static String message(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int at = message.indexOf("Message: ");
        return (at >= 0 ? message.substring(at + "Message: ".length()) : message).replace('\n', ' ');
    }
}
