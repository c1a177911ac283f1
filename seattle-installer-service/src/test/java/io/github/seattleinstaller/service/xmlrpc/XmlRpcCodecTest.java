package io.github.seattleinstaller.service.xmlrpc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XmlRpcCodecTest {
    private final XmlRpcCodec codec = new XmlRpcCodec(XmlRpcLimits.DEFAULT);

    /** The clearinghouse's call as Python's xmlrpc.client.dumps writes it (keys shortened). */
    private static final String CLEARINGHOUSE_CALL = """
            <?xml version='1.0'?>
            <methodCall>
            <methodName>build_installers</methodName>
            <params>
            <param>
            <value><array><data>
            <value><struct>
            <member>
            <name>percentage</name>
            <value><int>80</int></value>
            </member>
            <member>
            <name>owner</name>
            <value><string>owner</string></value>
            </member>
            <member>
            <name>users</name>
            <value><array><data>
            <value><string>user</string></value>
            </data></array></value>
            </member>
            </struct></value>
            </data></array></value>
            </param>
            <param>
            <value><struct>
            <member>
            <name>owner</name>
            <value><struct>
            <member>
            <name>public_key</name>
            <value><string>65537 3233</string></value>
            </member>
            </struct></value>
            </member>
            </struct></value>
            </param>
            </params>
            </methodCall>
            """;

    private MethodCall decode(String xml) throws XmlRpcFault {
        return codec.decodeCall(xml.getBytes(StandardCharsets.UTF_8));
    }

    private String fault(String xml) {
        return assertThrows(XmlRpcFault.class, () -> decode(xml)).faultString();
    }

    private static String call(String value) {
        return "<?xml version='1.0'?><methodCall><methodName>m</methodName><params><param><value>" + value
                + "</value></param></params></methodCall>";
    }

    @Test
    void decodesTheClearinghousesCall() throws XmlRpcFault {
        MethodCall call = decode(CLEARINGHOUSE_CALL);
        assertEquals("build_installers", call.methodName());
        assertEquals(List.of(Map.of("percentage", 80, "owner", "owner", "users", List.of("user"))), call.params().get(0));
        assertEquals(Map.of("owner", Map.of("public_key", "65537 3233")), call.params().get(1));
    }

    @Test
    void decodesEveryType() throws XmlRpcFault {
        assertEquals(-7, decode(call("<i4>-7</i4>")).params().get(0));
        assertEquals(9_000_000_000L, decode(call("<i8>9000000000</i8>")).params().get(0));
        assertEquals(true, decode(call("<boolean>1</boolean>")).params().get(0));
        assertEquals(2.5, decode(call("<double>2.5</double>")).params().get(0));
        assertEquals("bare & text", decode(call("bare &amp; text")).params().get(0));
        assertEquals(" spaced ", decode(call("<string> spaced </string>")).params().get(0));
        assertEquals("", decode(call("<string/>")).params().get(0));
        assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), (byte[]) decode(call("<base64>aGk=</base64>")).params().get(0));
        assertEquals(new XmlRpcCodec.DateTime("20261201T10:00:00"),
                decode(call("<dateTime.iso8601>20261201T10:00:00</dateTime.iso8601>")).params().get(0));
        assertNull(decode(call("<nil/>")).params().get(0));
        assertEquals(List.of(), decode(call("<array><data></data></array>")).params().get(0));
        assertEquals(Map.of(), decode(call("<struct></struct>")).params().get(0));
        assertEquals(List.of(), decode("<methodCall><methodName>api_version</methodName></methodCall>").params());
        assertEquals(List.of(), decode("<methodCall><methodName>api_version</methodName><params/></methodCall>").params());
    }

    @Test
    void refusesWhatIsNotAllowedXml() {
        assertEquals("ExpatError:a document type declaration (DTD) is not allowed",
                fault("<?xml version='1.0'?><!DOCTYPE a [<!ENTITY b 'c'>]><methodCall><methodName>&b;</methodName></methodCall>"));
        assertEquals("ExpatError:a document type declaration (DTD) is not allowed",
                fault("<!DOCTYPE methodCall SYSTEM 'http://127.0.0.1:1/x.dtd'><methodCall><methodName>a</methodName></methodCall>"));
        assertTrue(fault("<methodCall><methodName>&undeclared;</methodName></methodCall>").startsWith("ExpatError:"));
        assertTrue(fault("<methodCall><methodName>a</methodName>").startsWith("ExpatError:"));
        assertTrue(fault("not xml at all").startsWith("ExpatError:"));
        assertTrue(codecFault(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}).startsWith("ExpatError:"));
    }

    private String codecFault(byte[] body) {
        return assertThrows(XmlRpcFault.class, () -> codec.decodeCall(body)).faultString();
    }

    @Test
    void refusesWhatIsNotAnXmlRpcCall() {
        assertEquals("ResponseError:expected <methodCall>, found <methodResponse>",
                fault("<methodResponse><params/></methodResponse>"));
        assertEquals("ResponseError:the methodName is empty", fault("<methodCall><methodName> </methodName></methodCall>"));
        assertEquals("ResponseError:<foo> is not an XML-RPC type", fault(call("<foo>1</foo>")));
        assertEquals("ResponseError:'1.5' is not an integer", fault(call("<int>1.5</int>")));
        assertEquals("ResponseError:the integer 3000000000 is out of range for <int>", fault(call("<int>3000000000</int>")));
        assertEquals("ResponseError:a boolean is 0 or 1, not 'true'", fault(call("<boolean>true</boolean>")));
        assertEquals("ResponseError:'NaN' is not a double", fault(call("<double>NaN</double>")));
        assertEquals("ResponseError:a base64 value is not valid base64", fault(call("<base64>!!</base64>")));
        assertEquals("ResponseError:<string> holds an element <b>", fault(call("<string><b/></string>")));
        assertEquals("ResponseError:a <value> mixes text and a typed element", fault(call("x<int>1</int>")));
        assertEquals("ResponseError:unexpected text 'x'", fault(call("<array><data>x</data></array>")));
        assertEquals("ResponseError:expected <member>, found <value>", fault(call("<struct><value/></struct>")));
        assertEquals("ResponseError:<methodName> has attributes", fault("<methodCall><methodName a='1'>x</methodName></methodCall>"));
        assertTrue(fault("<methodCall><methodName>x</methodName></methodCall><more/>").startsWith("ExpatError:"),
                "a second root element is not XML");
    }

    @Test
    void boundsSizeDepthCountsAndStrings() {
        XmlRpcCodec small = new XmlRpcCodec(new XmlRpcLimits(2000, 3, 5, 10));
        byte[] large = new byte[2001];
        Arrays.fill(large, (byte) ' ');
        assertEquals("ResponseError:the request body has 2001 bytes, more than the 2000 allowed",
                assertThrows(XmlRpcFault.class, () -> small.decodeCall(large)).faultString());
        assertEquals("ResponseError:the values nest more than 3 deep", assertThrows(XmlRpcFault.class, () -> small.decodeCall(
                call("<array><data><value><array><data><value><array><data><value><i4>1</i4></value></data></array>"
                        + "</value></data></array></value></data></array>").getBytes(StandardCharsets.UTF_8))).faultString());
        assertEquals("ResponseError:the call holds more than 5 values", assertThrows(XmlRpcFault.class,
                () -> small.decodeCall(call("<array><data>" + "<value>a</value>".repeat(5) + "</data></array>")
                        .getBytes(StandardCharsets.UTF_8))).faultString());
        assertEquals("ResponseError:a string is longer than 10 characters", assertThrows(XmlRpcFault.class,
                () -> small.decodeCall(call("<string>" + "x".repeat(11) + "</string>").getBytes(StandardCharsets.UTF_8)))
                .faultString());
    }

    @Test
    void writesResponsesAndFaultsThatReadBack() throws XmlRpcFault {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("build_id", "ab");
        result.put("installers", Map.of("linux", "http://h/ab/installers/linux/?a=1&b=<2>"));
        result.put("list", List.of(1, true, 2.5, 7L));
        assertEquals(result, codec.decodeResponse(codec.encodeResponse(result)));
        XmlRpcFault fault = assertThrows(XmlRpcFault.class, () -> codec.decodeResponse(
                codec.encodeFault(XmlRpcFault.of("ValidationError", "Vessel resources must total 80% exactly."))));
        assertEquals(1, fault.faultCode());
        assertEquals("ValidationError:Vessel resources must total 80% exactly.", fault.faultString());
        String written = new String(codec.encodeFault(XmlRpcFault.of("E", "a\u0000b")), StandardCharsets.UTF_8);
        assertTrue(written.contains("<string>E:a\uFFFDb</string>"), "characters XML cannot carry are replaced: " + written);
        assertEquals(List.of("x", 1), decode(new String(codec.encodeCall("m", List.of("x", 1)), StandardCharsets.UTF_8)).params());
    }
}
