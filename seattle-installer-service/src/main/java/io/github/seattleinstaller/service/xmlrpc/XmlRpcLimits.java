package io.github.seattleinstaller.service.xmlrpc;

/**
 * What a request may hold at most, so that no request can make the service spend unbounded memory or time.
 *
 * @param maxBytes        the body's size
 * @param maxDepth        how deeply arrays and structs nest (the clearinghouse's call nests 4 deep)
 * @param maxValues       how many values the whole call holds
 * @param maxStringLength the characters of one string or member name
 */
public record XmlRpcLimits(int maxBytes, int maxDepth, int maxValues, int maxStringLength) {
    /** A call with 8 vessels and a hundred 4096-bit keys fits well within these. */
    public static final XmlRpcLimits DEFAULT = new XmlRpcLimits(1024 * 1024, 16, 10_000, 64 * 1024);

    public XmlRpcLimits {
        if (maxBytes < 1 || maxDepth < 1 || maxValues < 1 || maxStringLength < 1) {
            throw new IllegalArgumentException("every XML-RPC limit is positive");
        }
    }
}
