package io.github.seattleinstaller.service.pages;

import io.github.seattleinstaller.service.clearinghouse.BuildRequest;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What the builder page ({@code builder.jte}) shows: the form as entered, every problem next to its field, and the
 * reserved vessel the service adds.
 *
 * @param action        the URL the form posts to
 * @param tokenRequired whether building needs the service's token (the browser asks for it)
 * @param keyBits       the size of generated key pairs
 */
public record BuilderPage(String action, BuilderForm form, FieldErrors errors, ReservedVessel reserved,
        boolean tokenRequired, int keyBits) {

    /** The vessel every build ends with: {@code percent} of the donation, owned by the reserved key. */
    public record ReservedVessel(int percent, String fingerprint, boolean operatorsKey) {
    }

    /** One user row, numbered from 1, with its field names. */
    public record UserView(int row, BuilderForm.UserRow user) {
        public String nameField() {
            return BuilderForm.nameField(row);
        }

        public String keyField() {
            return BuilderForm.keyField(row);
        }

        public String fileField() {
            return BuilderForm.fileField(row);
        }

        public String carriedField() {
            return BuilderForm.carriedField(row);
        }

        public String carriedNameField() {
            return BuilderForm.carriedNameField(row);
        }
    }

    /** One vessel column, numbered from 1, with its field names and choices. */
    public record VesselView(int column, BuilderForm.VesselColumn vessel) {
        public String percentField() {
            return BuilderForm.percentField(column);
        }

        public String ownerField() {
            return BuilderForm.ownerField(column);
        }

        public String usersField() {
            return BuilderForm.usersField(column);
        }

        public boolean hasPercent(int percent) {
            return vessel.percent().equals(String.valueOf(percent));
        }

        public boolean ownedBy(int row) {
            return vessel.owner().equals(String.valueOf(row));
        }

        public boolean usedBy(int row) {
            return vessel.users().contains(String.valueOf(row));
        }
    }

    public List<UserView> users() {
        return IntStream.rangeClosed(1, form.users().size()).mapToObj(row -> new UserView(row, form.users().get(row - 1)))
                .toList();
    }

    public List<VesselView> vessels() {
        return IntStream.rangeClosed(1, form.vessels().size())
                .mapToObj(column -> new VesselView(column, form.vessels().get(column - 1))).toList();
    }

    public List<Integer> percentages() {
        return BuilderForm.PERCENTAGES;
    }

    public boolean canAddUser() {
        return form.users().size() < BuilderForm.MAX_USERS;
    }

    public boolean canAddVessel() {
        return form.vessels().size() < BuilderForm.MAX_VESSELS;
    }

    public int maxVessels() {
        return BuilderForm.MAX_VESSELS;
    }

    public int total() {
        return form.total();
    }

    public int userTotal() {
        return BuildRequest.USER_TOTAL;
    }

    public String usersKey() {
        return BuilderForm.USERS;
    }

    public String vesselsKey() {
        return BuilderForm.VESSELS;
    }

    public String formKey() {
        return FieldErrors.FORM;
    }
}
