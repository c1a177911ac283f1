package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A donor's split with the operator's signature of its text: what customization adds to a base installer,
 * as {@code vesselinfo} and {@code vesselinfo.sig}. The installer refuses a vesselinfo whose signature does
 * not verify with the operator key that signed its file list, so swapping the split of a customized
 * installer (to give the donation to another key) is detected on the donor's machine.
 *
 * <p>The text is the canonical {@link VesselInfo#toText()}; SHA256withRSA is deterministic, so signing the
 * same split with the same key always gives the same bytes.
 */
public final class SignedVesselInfo {
    private final VesselInfo vesselInfo;
    private final byte[] text;
    private final byte[] signature;
    private final KeyFingerprint signer;

    private SignedVesselInfo(VesselInfo vesselInfo, byte[] text, byte[] signature, KeyFingerprint signer) {
        this.vesselInfo = vesselInfo;
        this.text = text;
        this.signature = signature;
        this.signer = signer;
    }

    /** Signs the split's canonical text with the operator key: one RSA signature. */
    public static SignedVesselInfo sign(VesselInfo vesselInfo, OperatorKey key) {
        byte[] text = vesselInfo.toText().getBytes(StandardCharsets.UTF_8);
        return new SignedVesselInfo(vesselInfo, text, Sha256WithRsa.sign(text, key.privateKey()), key.fingerprint());
    }

    /**
     * A split and signature kept earlier (a service's build record), checked again before use.
     *
     * @throws IllegalArgumentException if the signature is not {@code operatorKey}'s of the split's text
     */
    public static SignedVesselInfo restore(VesselInfo vesselInfo, byte[] signature, PublicKey operatorKey) {
        byte[] text = vesselInfo.toText().getBytes(StandardCharsets.UTF_8);
        if (!Sha256WithRsa.verifies(text, signature, operatorKey)) {
            throw new IllegalArgumentException("the stored vesselinfo signature does not verify with the operator key "
                    + KeyFingerprint.of(operatorKey));
        }
        return new SignedVesselInfo(vesselInfo, text, signature.clone(), KeyFingerprint.of(operatorKey));
    }

    public VesselInfo vesselInfo() {
        return vesselInfo;
    }

    /** The bytes of {@code vesselinfo}: UTF-8 of the canonical text. */
    public byte[] text() {
        return text.clone();
    }

    /** The bytes of {@code vesselinfo.sig}: SHA256withRSA of {@link #text()}. */
    public byte[] signature() {
        return signature.clone();
    }

    /** The fingerprint of the key that signed it. */
    public KeyFingerprint signer() {
        return signer;
    }

    byte[] textUnsafe() {
        return text;
    }

    byte[] signatureUnsafe() {
        return signature;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedVesselInfo that && vesselInfo.equals(that.vesselInfo)
                && signer.equals(that.signer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vesselInfo, signer);
    }

    @Override
    public String toString() {
        return vesselInfo + " signed by " + signer;
    }
}
