package dev.vigil.attack.sigma;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one Windows {@code <Event>} element into Sigma field names: System children by element name
 * ({@code EventID}, {@code Channel}, {@code Computer}), the provider as {@code Provider_Name}, EventData
 * {@code <Data Name="...">} values by their names, and UserData leaves by element name. DTDs and external
 * entities are refused.
 */
final class WindowsXmlFields {

    private static final XMLInputFactory FACTORY = factory();

    private WindowsXmlFields() {}

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    static Map<String, String> read(String xml) {
        Map<String, String> fields = new HashMap<>();
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new StringReader(xml));
            try {
                String section = "";
                String dataName = null;
                String element = null;
                StringBuilder text = new StringBuilder();
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamReader.START_ELEMENT) {
                        String name = reader.getLocalName();
                        if (name.equals("System") || name.equals("EventData") || name.equals("UserData")) {
                            section = name;
                        } else if (name.equals("Provider") && section.equals("System")) {
                            String provider = reader.getAttributeValue(null, "Name");
                            if (provider != null) {
                                fields.put("Provider_Name", provider);
                            }
                        } else if (name.equals("Data")) {
                            dataName = reader.getAttributeValue(null, "Name");
                        }
                        element = name;
                        text.setLength(0);
                    } else if (event == XMLStreamReader.CHARACTERS) {
                        text.append(reader.getText());
                    } else if (event == XMLStreamReader.END_ELEMENT) {
                        String name = reader.getLocalName();
                        String value = text.toString().strip();
                        if (name.equals(element) && !value.isEmpty()) {
                            if (name.equals("Data") && dataName != null) {
                                fields.put(dataName, value);
                            } else if (!name.equals("Data")) {
                                fields.put(name, value);
                            }
                        }
                        if (name.equals("Data")) {
                            dataName = null;
                        }
                        element = null;
                        text.setLength(0);
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            return Map.of();
        }
        return fields;
    }
}
