package io.github.seattleinstaller.runtime.filelist;

import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;

import java.security.PublicKey;
import java.util.Optional;

/**
 * The rule that authenticates the per-donor part of an installer: {@code vesselinfo.sig} is the operator's
 * SHA256withRSA signature of the {@code vesselinfo} bytes, made with the key whose public half is the
 * installer's {@code operator.pub.pem} (which the signed file list proves). The installer on the donor's
 * machine and the builder's verifier apply it with the same words. By hand:
 * {@code openssl dgst -sha256 -verify operator.pub.pem -signature vesselinfo.sig vesselinfo}.
 */
public final class VesselInfoSignature {
    private VesselInfoSignature() {
    }

    /**
     * What is wrong with the vesselinfo's signature, naming {@code vesselinfo.sig}; empty when it is the
     * operator key's signature of exactly these bytes.
     *
     * @param signature the content of {@code vesselinfo.sig}, or null when there is none
     */
    public static Optional<String> problem(byte[] vesselinfo, byte[] signature, PublicKey operatorKey) {
        String name = SignedFileList.VESSELINFO_SIGNATURE_FILE_NAME;
        if (signature == null) {
            return Optional.of(name + ": missing, so " + SignedFileList.VESSELINFO_FILE_NAME
                    + " (who receives the donation) is not signed by the operator and anyone may have written it");
        }
        if (!Sha256WithRsa.verifies(vesselinfo, signature, operatorKey)) {
            return Optional.of(name + ": it is not the operator key's signature of "
                    + SignedFileList.VESSELINFO_FILE_NAME + ": one of them was changed after the operator signed it");
        }
        return Optional.empty();
    }
}
