package io.github.seattleinstaller.service.pages;

/**
 * The fastlane ({@code fastlane.jte}): one uploaded public key owns the whole 80% split as one vessel, beside the
 * reserved vessel; one click builds it and leads to the installers.
 */
public record FastlanePage(String action, FieldErrors errors, BuilderPage.ReservedVessel reserved,
        boolean tokenRequired, int userTotal) {
    /** The file input's name. */
    public static final String KEY_FIELD = "key";
    /** The name the vessel's owner has in the request, as in the clearinghouse's own call. */
    public static final String OWNER = "owner";

    public String keyField() {
        return KEY_FIELD;
    }
}
