package io.github.seattleinstaller.service.clearinghouse;

import java.util.List;

/**
 * One vessel of a {@code build_installers} call, by user names: its percentage of the donation, the name of
 * its owner and the names of its users.
 */
public record UserVessel(int percentage, String owner, List<String> users) {
    public UserVessel {
        users = List.copyOf(users);
    }
}
