package io.github.seattleinstaller.service.xmlrpc;

/**
 * A refusal sent as an XML-RPC fault. Python's SimpleXMLRPCServer, which the original builder ran on, turned
 * every exception into {@code faultCode} 1 with {@code faultString} {@code "<exception type>:<message>"}; the
 * clearinghouse only ever sees that, so every refusal here has the same shape.
 */
public final class XmlRpcFault extends Exception {
    private static final long serialVersionUID = 1L;

    /** The code Python's server gives every fault. */
    public static final int GENERIC_CODE = 1;

    private final int faultCode;
    private final String faultString;

    public XmlRpcFault(int faultCode, String faultString) {
        super(faultString, null, false, false);
        this.faultCode = faultCode;
        this.faultString = faultString;
    }

    /** {@code faultCode} 1, {@code faultString} {@code "<type>:<message>"}. */
    public static XmlRpcFault of(String exceptionType, String message) {
        return new XmlRpcFault(GENERIC_CODE, exceptionType + ":" + message);
    }

    public int faultCode() {
        return faultCode;
    }

    public String faultString() {
        return faultString;
    }

    /** The {@code <type>} of {@code "<type>:<message>"}, or {@code Fault} for a fault string without one. */
    public String type() {
        int colon = faultString.indexOf(':');
        return colon < 0 ? "Fault" : faultString.substring(0, colon);
    }

    /** The {@code <message>} of {@code "<type>:<message>"}: what a person is shown. */
    public String message() {
        return faultString.substring(faultString.indexOf(':') + 1);
    }
}
