package org.hilbridge.bridge.ros.xmlrpc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML-RPC documents exactly as ROS uses them (http://xmlrpc.com/spec.md; ROS's use:
 * http://wiki.ros.org/ROS/Master_API): {@code <int>}/{@code <i4>} as {@link Integer}, {@code <boolean>} (0/1) as
 * {@link Boolean}, {@code <string>} and untyped text as {@link String}, {@code <double>} as {@link Double},
 * {@code <array>} as {@link List}, {@code <struct>} as {@link Map} (insertion-ordered), {@code <base64>} as
 * {@code byte[]}. Writing accepts the same types (plus {@link Long} within 32 bits, other {@link Number}s as
 * doubles, and {@code Object[]}).
 *
 * <p>Parsing uses the JDK's StAX with DTDs and external entities disabled, and refuses a DOCTYPE outright, so
 * entity expansion ("billion laughs") and external entities (XXE) cannot happen; nesting depth and element
 * count are bounded by {@link XmlRpcLimits}. Every refusal is an {@link XmlRpcParseException}.
 */
public final class XmlRpcCodec {
    private final XmlRpcLimits limits;
    private final XMLInputFactory factory;

    public XmlRpcCodec(XmlRpcLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        this.factory = f;
    }

    public XmlRpcLimits limits() {
        return limits;
    }

    // ---------------------------------------------------------------- parsing

    /** Parses a {@code <methodCall>}. */
    public XmlRpcCall parseCall(byte[] xml) throws XmlRpcParseException {
        try (Cursor c = open(xml)) {
            c.expectStart("methodCall");
            c.nextTagStart("methodName");
            String name = c.text().trim();
            if (name.isEmpty()) {
                throw new XmlRpcParseException("empty <methodName>");
            }
            List<Object> params = new ArrayList<>();
            if (c.nextTag() == XMLStreamConstants.START_ELEMENT) {
                c.expectStart("params");
                while (c.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    c.expectStart("param");
                    c.nextTagStart("value");
                    params.add(c.value());
                    c.nextTagEnd("param");
                }
                c.nextTagEnd("methodCall");
            } else {
                c.expectEnd("methodCall");
            }
            c.expectDocumentEnd();
            return new XmlRpcCall(name, params);
        }
    }

    /**
     * Parses a {@code <methodResponse>}: returns its single value, or throws the {@link XmlRpcFault} it carries.
     */
    public Object parseResponse(byte[] xml) throws XmlRpcParseException, XmlRpcFault {
        try (Cursor c = open(xml)) {
            c.expectStart("methodResponse");
            c.nextTag();
            if (c.isStart("fault")) {
                c.nextTagStart("value");
                Object v = c.value();
                c.nextTagEnd("fault");
                c.nextTagEnd("methodResponse");
                c.expectDocumentEnd();
                if (!(v instanceof Map<?, ?> m) || !(m.get("faultCode") instanceof Integer code) || !(m.get("faultString") instanceof String text)) {
                    throw new XmlRpcParseException("<fault> must hold a struct with int faultCode and string faultString, got " + v);
                }
                throw new XmlRpcFault(code, text);
            }
            c.expectStart("params");
            c.nextTagStart("param");
            c.nextTagStart("value");
            Object v = c.value();
            c.nextTagEnd("param");
            c.nextTagEnd("params");
            c.nextTagEnd("methodResponse");
            c.expectDocumentEnd();
            return v;
        }
    }

    private Cursor open(byte[] xml) throws XmlRpcParseException {
        if (xml.length > limits.maxBodyBytes()) {
            throw new XmlRpcParseException("document of " + xml.length + " bytes exceeds the limit of " + limits.maxBodyBytes());
        }
        try {
            return new Cursor(factory.createXMLStreamReader(new ByteArrayInputStream(xml)));
        } catch (XMLStreamException e) {
            throw new XmlRpcParseException("not XML: " + e.getMessage(), e);
        }
    }

    /** A thin StAX cursor that counts elements and depth and turns every StAX failure into a parse error. */
    private final class Cursor implements AutoCloseable {
        private final XMLStreamReader r;
        private int depth;
        private int elements;

        Cursor(XMLStreamReader r) throws XmlRpcParseException {
            this.r = r;
            nextTag();
        }

        /** Advances to the next start or end tag; only whitespace, comments and processing instructions may lie between. */
        int nextTag() throws XmlRpcParseException {
            try {
                while (true) {
                    int e = r.next();
                    switch (e) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            opened();
                            return e;
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            depth--;
                            return e;
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                            if (!r.isWhiteSpace()) {
                                throw new XmlRpcParseException("unexpected text '" + clip(r.getText()) + "' " + where());
                            }
                        }
                        case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                        }
                        case XMLStreamConstants.DTD -> throw new XmlRpcParseException("a DOCTYPE (DTD) is not allowed in XML-RPC");
                        case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlRpcParseException("entity reference &" + r.getLocalName() + "; is not allowed");
                        case XMLStreamConstants.END_DOCUMENT -> throw new XmlRpcParseException("document ended early " + where());
                        default -> throw new XmlRpcParseException("unexpected XML event " + e + " " + where());
                    }
                }
            } catch (XMLStreamException ex) {
                throw new XmlRpcParseException("malformed XML: " + ex.getMessage(), ex);
            }
        }

        private void opened() throws XmlRpcParseException {
            depth++;
            elements++;
            if (depth > limits.maxDepth()) {
                throw new XmlRpcParseException("nesting deeper than the limit of " + limits.maxDepth() + " elements");
            }
            if (elements > limits.maxElements()) {
                throw new XmlRpcParseException("more than the limit of " + limits.maxElements() + " elements");
            }
        }

        boolean isStart(String name) {
            return r.getEventType() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals(name);
        }

        void expectStart(String name) throws XmlRpcParseException {
            if (!isStart(name)) {
                throw new XmlRpcParseException("expected <" + name + "> " + where());
            }
            if (r.getAttributeCount() > 0) {
                throw new XmlRpcParseException("<" + name + "> takes no attributes");
            }
        }

        void expectEnd(String name) throws XmlRpcParseException {
            if (r.getEventType() != XMLStreamConstants.END_ELEMENT || !r.getLocalName().equals(name)) {
                throw new XmlRpcParseException("expected </" + name + "> " + where());
            }
        }

        void nextTagStart(String name) throws XmlRpcParseException {
            nextTag();
            expectStart(name);
        }

        void nextTagEnd(String name) throws XmlRpcParseException {
            nextTag();
            expectEnd(name);
        }

        void expectDocumentEnd() throws XmlRpcParseException {
            try {
                while (r.hasNext()) {
                    int e = r.next();
                    if (e == XMLStreamConstants.START_ELEMENT || ((e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) && !r.isWhiteSpace())) {
                        throw new XmlRpcParseException("content after the root element");
                    }
                }
            } catch (XMLStreamException ex) {
                throw new XmlRpcParseException("malformed XML after the root element: " + ex.getMessage(), ex);
            }
        }

        /** The text of a text-only element; the cursor is on its start tag and ends on its end tag. */
        String text() throws XmlRpcParseException {
            StringBuilder sb = new StringBuilder();
            String name = r.getLocalName();
            try {
                while (true) {
                    int e = r.next();
                    switch (e) {
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                            sb.append(r.getText());
                            if (sb.length() > limits.maxBodyBytes()) {
                                throw new XmlRpcParseException("text longer than the body limit");
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            depth--;
                            return sb.toString();
                        }
                        case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                        }
                        case XMLStreamConstants.START_ELEMENT -> throw new XmlRpcParseException("<" + name + "> holds text only, found <" + r.getLocalName() + ">");
                        case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlRpcParseException("entity reference &" + r.getLocalName() + "; is not allowed");
                        default -> throw new XmlRpcParseException("unexpected XML event " + e + " in <" + name + ">");
                    }
                }
            } catch (XMLStreamException ex) {
                throw new XmlRpcParseException("malformed XML: " + ex.getMessage(), ex);
            }
        }

        /** A value; the cursor is on {@code <value>} and ends on {@code </value>}. */
        Object value() throws XmlRpcParseException {
            expectStart("value");
            StringBuilder untyped = new StringBuilder();
            try {
                while (true) {
                    int e = r.next();
                    switch (e) {
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                            untyped.append(r.getText());
                            if (untyped.length() > limits.maxBodyBytes()) {
                                throw new XmlRpcParseException("text longer than the body limit");
                            }
                        }
                        case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            depth--;
                            return untyped.toString(); // untyped text is a string (XML-RPC spec)
                        }
                        case XMLStreamConstants.START_ELEMENT -> {
                            if (!untyped.toString().isBlank()) {
                                throw new XmlRpcParseException("<value> mixes text and <" + r.getLocalName() + ">");
                            }
                            opened();
                            Object v = typed(r.getLocalName());
                            nextTagEnd("value");
                            return v;
                        }
                        case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlRpcParseException("entity reference &" + r.getLocalName() + "; is not allowed");
                        default -> throw new XmlRpcParseException("unexpected XML event " + e + " in <value>");
                    }
                }
            } catch (XMLStreamException ex) {
                throw new XmlRpcParseException("malformed XML: " + ex.getMessage(), ex);
            }
        }

        private Object typed(String type) throws XmlRpcParseException {
            switch (type) {
                case "int", "i4" -> {
                    String t = text().trim();
                    try {
                        return Integer.parseInt(t);
                    } catch (NumberFormatException ex) {
                        throw new XmlRpcParseException("<" + type + "> '" + clip(t) + "' is not a 32-bit integer");
                    }
                }
                case "boolean" -> {
                    String t = text().trim();
                    return switch (t) {
                        case "1" -> Boolean.TRUE;
                        case "0" -> Boolean.FALSE;
                        default -> throw new XmlRpcParseException("<boolean> '" + clip(t) + "' is not 0 or 1");
                    };
                }
                case "string" -> {
                    return text();
                }
                case "double" -> {
                    String t = text().trim();
                    try {
                        return Double.parseDouble(t);
                    } catch (NumberFormatException ex) {
                        throw new XmlRpcParseException("<double> '" + clip(t) + "' is not a number");
                    }
                }
                case "base64" -> {
                    String t = text();
                    try {
                        return Base64.getMimeDecoder().decode(t.trim());
                    } catch (IllegalArgumentException ex) {
                        throw new XmlRpcParseException("<base64> does not decode: " + ex.getMessage());
                    }
                }
                case "array" -> {
                    nextTagStart("data");
                    List<Object> list = new ArrayList<>();
                    while (nextTag() == XMLStreamConstants.START_ELEMENT) {
                        list.add(value());
                    }
                    expectEnd("data");
                    nextTagEnd("array");
                    return list;
                }
                case "struct" -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    while (nextTag() == XMLStreamConstants.START_ELEMENT) {
                        expectStart("member");
                        nextTagStart("name");
                        String key = text();
                        nextTagStart("value");
                        map.put(key, value());
                        nextTagEnd("member");
                    }
                    expectEnd("struct");
                    return map;
                }
                default -> throw new XmlRpcParseException(
                        "unsupported XML-RPC type <" + type + ">: allowed are int, i4, boolean, string, double, array, struct, base64");
            }
        }

        private String where() {
            String at = switch (r.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> "found <" + r.getLocalName() + ">";
                case XMLStreamConstants.END_ELEMENT -> "found </" + r.getLocalName() + ">";
                default -> "found event " + r.getEventType();
            };
            return at + " at line " + r.getLocation().getLineNumber() + ", column " + r.getLocation().getColumnNumber();
        }

        @Override
        public void close() {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // closing a reader over a byte array cannot lose data
            }
        }
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    // ---------------------------------------------------------------- writing

    public static byte[] writeCall(String methodName, List<?> params) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\"?>\n<methodCall><methodName>");
        escape(sb, methodName);
        sb.append("</methodName><params>");
        for (Object p : params) {
            sb.append("<param>");
            value(sb, p, 0);
            sb.append("</param>");
        }
        sb.append("</params></methodCall>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] writeResponse(Object value) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\"?>\n<methodResponse><params><param>");
        value(sb, value, 0);
        sb.append("</param></params></methodResponse>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] writeFault(int faultCode, String faultString) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\"?>\n<methodResponse><fault>");
        value(sb, Map.of("faultCode", faultCode, "faultString", faultString == null ? "" : faultString), 0);
        sb.append("</fault></methodResponse>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder sb, Object v, int depth) {
        if (depth > 64) {
            throw new IllegalArgumentException("XML-RPC value nested deeper than 64 levels (a cycle?)");
        }
        if (v instanceof Object[] array) {
            v = Arrays.asList(array);
        }
        sb.append("<value>");
        if (v instanceof String s) {
            sb.append("<string>");
            escape(sb, s);
            sb.append("</string>");
        } else if (v instanceof Integer i) {
            sb.append("<i4>").append(i.intValue()).append("</i4>");
        } else if (v instanceof Long l) {
            if (l != l.intValue()) {
                throw new IllegalArgumentException("XML-RPC integers are 32-bit; " + l + " does not fit (send it as a double or string)");
            }
            sb.append("<i4>").append(l.intValue()).append("</i4>");
        } else if (v instanceof Short || v instanceof Byte) {
            sb.append("<i4>").append(((Number) v).intValue()).append("</i4>");
        } else if (v instanceof Boolean b) {
            sb.append("<boolean>").append(b ? '1' : '0').append("</boolean>");
        } else if (v instanceof Number n) {
            sb.append("<double>").append(n.doubleValue()).append("</double>");
        } else if (v instanceof byte[] bytes) {
            sb.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
        } else if (v instanceof List<?> list) {
            sb.append("<array><data>");
            for (Object o : list) {
                value(sb, o, depth + 1);
            }
            sb.append("</data></array>");
        } else if (v instanceof Map<?, ?> map) {
            sb.append("<struct>");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("XML-RPC struct keys are strings, got " + e.getKey());
                }
                sb.append("<member><name>");
                escape(sb, key);
                sb.append("</name>");
                value(sb, e.getValue(), depth + 1);
                sb.append("</member>");
            }
            sb.append("</struct>");
        } else {
            throw new IllegalArgumentException("no XML-RPC type for " + (v == null ? "null" : v.getClass().getName())
                    + ": allowed are String, Integer, Boolean, Double, List, Map, byte[]");
        }
        sb.append("</value>");
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> sb.append("&#13;");
                default -> sb.append(ch);
            }
        }
    }
}
