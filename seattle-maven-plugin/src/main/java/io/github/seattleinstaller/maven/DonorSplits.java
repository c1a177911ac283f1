package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.builder.customize.DonorNames;
import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.io.IoFailures;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code <donors>} into one validated vesselinfo per donor, with the runtime's rules and messages.
 * Every problem of every donor is collected before anything is reported, each naming the parameter.
 */
final class DonorSplits {
    private final PublicKeyReader keys;

    DonorSplits(Path baseDirectory) {
        this.keys = new PublicKeyReader(baseDirectory);
    }

    /**
     * The vesselinfo of every donor, by name, in the order given.
     *
     * @param donors at least one
     *
     * @throws InvalidInputException listing every problem of every donor
     */
    Map<DonorName, VesselInfo> read(List<Donor> donors) throws InvalidInputException {
        List<InputProblem> problems = new ArrayList<>();
        Map<DonorName, VesselInfo> splits = new LinkedHashMap<>();
        DonorNames names = new DonorNames();
        for (int index = 0; index < donors.size(); index++) {
            Donor donor = donors.get(index);
            String where = "<donors> donor " + (index + 1);
            if (!DonorName.isValid(donor.name)) {
                problems.add(InputProblem.whole(where + " <name>", DonorName.RULE,
                        donor.name == null ? "missing" : "found '" + InputProblem.abbreviate(donor.name) + "'"));
                continue;
            }
            DonorName name = new DonorName(donor.name);
            where = "<donors> donor " + donor.name;
            if (names.addOrRepeated(name).isPresent()) {
                problems.add(InputProblem.whole(where + " <name>", DonorName.UNIQUE_RULE, "given twice"));
                continue;
            }
            try {
                splits.put(name, split(donor, where));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid <donors>", problems);
        }
        return splits;
    }

    private VesselInfo split(Donor donor, String where) throws InvalidInputException {
        boolean hasVessels = donor.vessels != null && !donor.vessels.isEmpty();
        if (hasVessels == (donor.vesselInfoFile != null)) {
            throw new InvalidInputException(where, List.of(InputProblem.whole(where,
                    "a donor has either <vessels> or a <vesselInfoFile>",
                    hasVessels ? "both are given" : "neither is given")));
        }
        if (!hasVessels) {
            return readVesselInfoFile(donor.vesselInfoFile.toPath(), where + " <vesselInfoFile>");
        }
        List<InputProblem> problems = new ArrayList<>();
        List<VesselSpec> specs = new ArrayList<>();
        for (int index = 0; index < donor.vessels.size(); index++) {
            Vessel vessel = donor.vessels.get(index);
            String vesselWhere = where + " vessel " + (index + 1);
            if (vessel.percent == null) {
                problems.add(InputProblem.whole(vesselWhere + " <percent>", "every vessel has a <percent>", "missing"));
            }
            SeattlePublicKey owner = null;
            if (vessel.owner == null || vessel.owner.isBlank()) {
                problems.add(InputProblem.whole(vesselWhere + " <owner>", "every vessel has an <owner>", "missing"));
            } else {
                owner = readKey(vessel.owner, vesselWhere + " <owner>", problems);
            }
            List<SeattlePublicKey> users = new ArrayList<>();
            List<String> userKeys = vessel.users == null ? List.of() : vessel.users;
            for (int user = 0; user < userKeys.size(); user++) {
                SeattlePublicKey key = readKey(userKeys.get(user), vesselWhere + " <users> user " + (user + 1), problems);
                if (key != null) {
                    users.add(key);
                }
            }
            if (vessel.percent != null && owner != null) {
                specs.add(new VesselSpec(vessel.percent, owner, users));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(where, problems);
        }
        return VesselInfo.of(where + " <vessels>", specs);
    }

    /** The file's vesselinfo; its problems start with the parameter, then the file and line as usual. */
    private static VesselInfo readVesselInfoFile(Path file, String where) throws InvalidInputException {
        try {
            return VesselInfo.read(file);
        } catch (InvalidVesselInfoException invalid) {
            throw AbstractSeattleMojo.labelled(where, where, invalid);
        } catch (IOException e) {
            throw new InvalidInputException(where, List.of(InputProblem.whole(where, "a <vesselInfoFile> is a readable"
                    + " vesselinfo file; a relative path is resolved against the project's directory",
                    IoFailures.describe(e) + "; give the path of the donor's vesselinfo file, or <vessels>")));
        }
    }

    private SeattlePublicKey readKey(String keyOrPath, String where, List<InputProblem> problems) {
        try {
            return keys.read(keyOrPath.strip(), where);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
