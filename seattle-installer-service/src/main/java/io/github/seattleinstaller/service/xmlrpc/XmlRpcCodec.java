package io.github.seattleinstaller.service.xmlrpc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML-RPC calls and writes responses, over the JDK's StAX parser, with nothing of the XML that an
 * XML-RPC call does not need: no DTD (so no entity can be declared, expanded or fetched), no entity
 * references beyond XML's five predefined ones, no namespaces, and bounds on size, nesting and counts
 * ({@link XmlRpcLimits}). Anything else is refused with a fault, never with a Java exception.
 *
 * <p>Values map to Java as: {@code i4}/{@code int} to {@link Integer}, {@code i8} to {@link Long},
 * {@code boolean} to {@link Boolean}, {@code string} (or a bare value) to {@link String}, {@code double} to
 * {@link Double}, {@code base64} to {@code byte[]}, {@code dateTime.iso8601} to {@link DateTime},
 * {@code array} to an unmodifiable {@link List}, {@code struct} to an unmodifiable {@link Map} in member order,
 * {@code nil} to {@code null}. Writing accepts the same types.
 *
 * <p>Faults of decoding are named as Python's server named them: {@code ExpatError} for XML that does not
 * parse or is not allowed, {@code ResponseError} for XML that is not an XML-RPC call.
 */
public final class XmlRpcCodec {
    public static final String MALFORMED = "ExpatError";
    public static final String NOT_XML_RPC = "ResponseError";

    /** An XML-RPC {@code dateTime.iso8601}, kept as its text (the API takes none). */
    public record DateTime(String text) {
    }

    private final XmlRpcLimits limits;
    private final XMLInputFactory factory;

    public XmlRpcCodec(XmlRpcLimits limits) {
        this.limits = limits;
        this.factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    public XmlRpcLimits limits() {
        return limits;
    }

    /**
     * Decodes a {@code methodCall}.
     *
     * @throws XmlRpcFault naming what is wrong, for any input that is not a well-formed call within the limits
     */
    public MethodCall decodeCall(byte[] body) throws XmlRpcFault {
        if (body.length > limits.maxBytes()) {
            throw XmlRpcFault.of(NOT_XML_RPC, "the request body has " + body.length + " bytes, more than the "
                    + limits.maxBytes() + " allowed");
        }
        XMLStreamReader reader;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(body));
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        try {
            return new Decoder(reader, limits).call();
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (RuntimeException e) {
            // The JDK's parser reports some malformed input (bad encodings among them) unchecked.
            throw XmlRpcFault.of(MALFORMED, "the request is not well-formed XML");
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // Nothing is held open on a byte array.
            }
        }
    }

    /**
     * Decodes a {@code methodResponse}, for clients (the tests and the benchmark talk to the service with it).
     *
     * @return the result value
     * @throws XmlRpcFault the fault the response carries, or one saying why it is not a response
     */
    public Object decodeResponse(byte[] body) throws XmlRpcFault {
        XMLStreamReader reader;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            return new Decoder(reader, limits).response();
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    private static XmlRpcFault malformed(XMLStreamException e) {
        Location at = e.getLocation();
        String where = at == null ? "" : ": line " + at.getLineNumber() + ", column " + at.getColumnNumber();
        return XmlRpcFault.of(MALFORMED, "the request is not well-formed XML" + where);
    }

    /** A {@code methodResponse} holding one value. */
    public byte[] encodeResponse(Object value) {
        StringBuilder xml = new StringBuilder(256);
        xml.append("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n");
        writeValue(xml, value, 0);
        xml.append("</param>\n</params>\n</methodResponse>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code methodResponse} holding the fault, as Python's {@code xmlrpc.client.dumps} writes it. */
    public byte[] encodeFault(XmlRpcFault fault) {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("faultCode", fault.faultCode());
        struct.put("faultString", fault.faultString());
        StringBuilder xml = new StringBuilder(256);
        xml.append("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n");
        writeValue(xml, struct, 0);
        xml.append("</fault>\n</methodResponse>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code methodCall}, for clients and tests. */
    public byte[] encodeCall(String methodName, List<?> params) {
        StringBuilder xml = new StringBuilder(256);
        xml.append("<?xml version='1.0'?>\n<methodCall>\n<methodName>");
        escape(xml, methodName);
        xml.append("</methodName>\n<params>\n");
        for (Object param : params) {
            xml.append("<param>\n");
            writeValue(xml, param, 0);
            xml.append("</param>\n");
        }
        xml.append("</params>\n</methodCall>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void writeValue(StringBuilder xml, Object value, int depth) {
        if (depth > limits.maxDepth()) {
            throw new IllegalArgumentException("the value nests more than " + limits.maxDepth() + " deep");
        }
        xml.append("<value>");
        if (value == null) {
            xml.append("<nil/>");
        } else if (value instanceof String text) {
            xml.append("<string>");
            escape(xml, text);
            xml.append("</string>");
        } else if (value instanceof Integer number) {
            xml.append("<int>").append(number).append("</int>");
        } else if (value instanceof Long number) {
            xml.append("<i8>").append(number).append("</i8>");
        } else if (value instanceof Boolean truth) {
            xml.append("<boolean>").append(truth ? '1' : '0').append("</boolean>");
        } else if (value instanceof Double number) {
            xml.append("<double>").append(number).append("</double>");
        } else if (value instanceof byte[] bytes) {
            xml.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
        } else if (value instanceof DateTime time) {
            xml.append("<dateTime.iso8601>");
            escape(xml, time.text());
            xml.append("</dateTime.iso8601>");
        } else if (value instanceof List<?> list) {
            xml.append("<array><data>\n");
            for (Object item : list) {
                writeValue(xml, item, depth + 1);
            }
            xml.append("</data></array>");
        } else if (value instanceof Map<?, ?> map) {
            xml.append("<struct>\n");
            for (Map.Entry<?, ?> member : map.entrySet()) {
                xml.append("<member>\n<name>");
                escape(xml, (String) member.getKey());
                xml.append("</name>\n");
                writeValue(xml, member.getValue(), depth + 1);
                xml.append("</member>\n");
            }
            xml.append("</struct>");
        } else {
            throw new IllegalArgumentException("XML-RPC has no type for " + value.getClass().getName());
        }
        xml.append("</value>\n");
    }

    /** Escapes markup; characters XML 1.0 cannot carry at all become U+FFFD. */
    private static void escape(StringBuilder xml, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '\r' -> xml.append("&#13;");
                default -> {
                    boolean allowed = c >= 0x20 || c == '\t' || c == '\n';
                    boolean nonCharacter = c == 0xFFFE || c == 0xFFFF;
                    xml.append(allowed && !nonCharacter ? c : '\uFFFD');
                }
            }
        }
    }

    /** A recursive-descent reader of one call, counting values against the limits. */
    private static final class Decoder {
        private final XMLStreamReader reader;
        private final XmlRpcLimits limits;
        private int values;

        Decoder(XMLStreamReader reader, XmlRpcLimits limits) {
            this.reader = reader;
            this.limits = limits;
        }

        MethodCall call() throws XMLStreamException, XmlRpcFault {
            expectStart("methodCall");
            expectStart("methodName");
            String name = text("methodName");
            if (name.isBlank()) {
                throw structure("the methodName is empty");
            }
            List<Object> params = new ArrayList<>();
            int next = nextTag();
            if (next == XMLStreamConstants.START_ELEMENT) {
                requireName("params");
                while (nextTag() == XMLStreamConstants.START_ELEMENT) {
                    requireName("param");
                    expectStart("value");
                    params.add(value(1));
                    expectEnd("param");
                }
                requireEndName("params");
                expectEnd("methodCall");
            } else {
                requireEndName("methodCall");
            }
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT || isText(event) && !reader.isWhiteSpace()) {
                    throw structure("there is content after </methodCall>");
                }
                rejectForbidden(event);
            }
            return new MethodCall(name, params);
        }

        Object response() throws XMLStreamException, XmlRpcFault {
            expectStart("methodResponse");
            if (nextTag() != XMLStreamConstants.START_ELEMENT) {
                throw structure("the methodResponse is empty");
            }
            if (reader.getLocalName().equals("fault")) {
                expectStart("value");
                Object fault = value(1);
                if (!(fault instanceof Map<?, ?> struct) || !(struct.get("faultCode") instanceof Integer code)
                        || !(struct.get("faultString") instanceof String text)) {
                    throw structure("a fault is a struct of faultCode and faultString");
                }
                throw new XmlRpcFault(code, text);
            }
            requireName("params");
            expectStart("param");
            expectStart("value");
            Object result = value(1);
            expectEnd("param");
            expectEnd("params");
            expectEnd("methodResponse");
            return result;
        }

        /** The value whose {@code <value>} start was just read, through its end tag. */
        private Object value(int depth) throws XMLStreamException, XmlRpcFault {
            if (depth > limits.maxDepth()) {
                throw structure("the values nest more than " + limits.maxDepth() + " deep");
            }
            if (++values > limits.maxValues()) {
                throw structure("the call holds more than " + limits.maxValues() + " values");
            }
            StringBuilder bare = new StringBuilder();
            while (true) {
                int event = reader.next();
                rejectForbidden(event);
                if (isText(event)) {
                    appendLimited(bare, reader.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    // <value>text</value> without a type is a string.
                    return bare.toString();
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    if (!bare.toString().isBlank()) {
                        throw structure("a <value> mixes text and a typed element");
                    }
                    Object typed = typed(reader.getLocalName(), depth);
                    expectEnd("value");
                    return typed;
                }
            }
        }

        private Object typed(String type, int depth) throws XMLStreamException, XmlRpcFault {
            switch (type) {
                case "i4", "int" -> {
                    return (int) integer(type, Integer.MIN_VALUE, Integer.MAX_VALUE);
                }
                case "i8" -> {
                    return integer(type, Long.MIN_VALUE, Long.MAX_VALUE);
                }
                case "boolean" -> {
                    String text = text(type).strip();
                    if (!text.equals("0") && !text.equals("1")) {
                        throw structure("a boolean is 0 or 1, not '" + shown(text) + "'");
                    }
                    return text.equals("1");
                }
                case "string" -> {
                    return text(type);
                }
                case "double" -> {
                    String text = text(type).strip();
                    try {
                        if (!text.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                            throw new NumberFormatException();
                        }
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw structure("'" + shown(text) + "' is not a double");
                    }
                }
                case "base64" -> {
                    try {
                        return Base64.getDecoder().decode(text(type).replaceAll("\\s", ""));
                    } catch (IllegalArgumentException e) {
                        throw structure("a base64 value is not valid base64");
                    }
                }
                case "dateTime.iso8601" -> {
                    return new DateTime(text(type).strip());
                }
                case "nil" -> {
                    expectEnd("nil");
                    return null;
                }
                case "array" -> {
                    return array(depth);
                }
                case "struct" -> {
                    return struct(depth);
                }
                default -> throw structure("<" + shown(type) + "> is not an XML-RPC type");
            }
        }

        private long integer(String type, long min, long max) throws XMLStreamException, XmlRpcFault {
            String text = text(type).strip();
            if (!text.matches("[+-]?[0-9]{1,19}")) {
                throw structure("'" + shown(text) + "' is not an integer");
            }
            try {
                long value = Long.parseLong(text);
                if (value < min || value > max) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw structure("the integer " + shown(text) + " is out of range for <" + type + ">");
            }
        }

        private List<Object> array(int depth) throws XMLStreamException, XmlRpcFault {
            expectStart("data");
            List<Object> items = new ArrayList<>();
            while (nextTag() == XMLStreamConstants.START_ELEMENT) {
                requireName("value");
                items.add(value(depth + 1));
            }
            requireEndName("data");
            expectEnd("array");
            return Collections.unmodifiableList(items);
        }

        private Map<String, Object> struct(int depth) throws XMLStreamException, XmlRpcFault {
            Map<String, Object> members = new LinkedHashMap<>();
            while (nextTag() == XMLStreamConstants.START_ELEMENT) {
                requireName("member");
                expectStart("name");
                String name = text("name");
                expectStart("value");
                Object value = value(depth + 1);
                expectEnd("member");
                // Python's unmarshaller keeps the last of repeated names; so does this.
                members.remove(name);
                members.put(name, value);
            }
            requireEndName("struct");
            return Collections.unmodifiableMap(members);
        }

        /** The text of an element whose start was just read, through its end tag: no child elements. */
        private String text(String element) throws XMLStreamException, XmlRpcFault {
            StringBuilder text = new StringBuilder();
            while (true) {
                int event = reader.next();
                rejectForbidden(event);
                if (isText(event)) {
                    appendLimited(text, reader.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    return text.toString();
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    throw structure("<" + element + "> holds an element <" + shown(reader.getLocalName()) + ">");
                }
            }
        }

        private void appendLimited(StringBuilder text, String more) throws XmlRpcFault {
            if (text.length() + more.length() > limits.maxStringLength()) {
                throw structure("a string is longer than " + limits.maxStringLength() + " characters");
            }
            text.append(more);
        }

        /** The next start or end tag, skipping whitespace and comments; other text is refused. */
        private int nextTag() throws XMLStreamException, XmlRpcFault {
            while (true) {
                int event = reader.next();
                rejectForbidden(event);
                if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT) {
                    return event;
                }
                if (isText(event) && !reader.isWhiteSpace()) {
                    throw structure("unexpected text '" + shown(reader.getText().strip()) + "'");
                }
                if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw structure("the request ends before </methodCall>");
                }
            }
        }

        private void expectStart(String name) throws XMLStreamException, XmlRpcFault {
            if (nextTag() != XMLStreamConstants.START_ELEMENT) {
                throw structure("expected <" + name + ">, found </" + shown(reader.getLocalName()) + ">");
            }
            requireName(name);
        }

        private void expectEnd(String name) throws XMLStreamException, XmlRpcFault {
            if (nextTag() != XMLStreamConstants.END_ELEMENT) {
                throw structure("expected </" + name + ">, found <" + shown(reader.getLocalName()) + ">");
            }
            requireEndName(name);
        }

        private void requireName(String name) throws XmlRpcFault {
            if (!reader.getLocalName().equals(name)) {
                throw structure("expected <" + name + ">, found <" + shown(reader.getLocalName()) + ">");
            }
            if (reader.getAttributeCount() > 0) {
                throw structure("<" + name + "> has attributes");
            }
        }

        private void requireEndName(String name) throws XmlRpcFault {
            if (!reader.getLocalName().equals(name)) {
                throw structure("expected </" + name + ">, found </" + shown(reader.getLocalName()) + ">");
            }
        }

        private static boolean isText(int event) {
            return event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE;
        }

        private static void rejectForbidden(int event) throws XmlRpcFault {
            if (event == XMLStreamConstants.DTD) {
                throw XmlRpcFault.of(MALFORMED, "a document type declaration (DTD) is not allowed");
            }
            if (event == XMLStreamConstants.ENTITY_REFERENCE || event == XMLStreamConstants.ENTITY_DECLARATION) {
                throw XmlRpcFault.of(MALFORMED, "entity references other than XML's predefined ones are not allowed");
            }
        }

        private static XmlRpcFault structure(String problem) {
            return XmlRpcFault.of(NOT_XML_RPC, problem);
        }

        private static String shown(String text) {
            return text.length() <= 40 ? text : text.substring(0, 37) + "...";
        }
    }
}
