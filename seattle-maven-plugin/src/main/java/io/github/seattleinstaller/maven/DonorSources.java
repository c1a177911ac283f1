package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.customize.CustomizeRequest;
import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.builder.donors.CheckedDonors;
import io.github.seattleinstaller.builder.donors.DonorTable;
import io.github.seattleinstaller.builder.donors.DonorsDirectory;
import io.github.seattleinstaller.builder.donors.VesselTemplate;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import org.apache.maven.plugin.MojoFailureException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where {@code seattle:customize} takes its donors from: exactly one of {@code <donors>} (in the POM),
 * {@code <donorsDirectory>} (a {@code <donor>.vesselinfo} file per donor) and {@code <donorTable>} (a CSV
 * row per donor, applied to {@code <vesselTemplate>}, with {@code <templateKeys>} filled in once for all).
 * The files are read and checked by the core ({@code builder.donors}); their problems keep the file, line
 * or row and rule the core gives, after the parameter that named the file.
 */
final class DonorSources {
    static final String DONORS = "donors";
    static final String DIRECTORY = "donorsDirectory";
    static final String TABLE = "donorTable";
    static final String TEMPLATE = "vesselTemplate";
    static final String TEMPLATE_KEYS = "templateKeys";
    static final String TEMPLATE_RULE = "a <vesselTemplate> is a readable file; without one the clearinghouse's"
            + " template is used";
    static final String TEMPLATE_KEYS_RULE = "<templateKeys> gives the key of each placeholder of the template that"
            + " is the same for every donor, such as {acceptdonations}, by its name: <acceptdonations>FILE</acceptdonations>";

    /** The donors once chosen: they go into the request when the operator key is known. */
    interface Chosen {
        /**
         * Adds the donors to the request.
         *
         * @param operatorKey fills a template's {@code {operator}}
         */
        void addTo(CustomizeRequest.Builder request, OperatorKey operatorKey) throws InvalidInputException, IOException;
    }

    private final Path baseDirectory;
    private final String commandLineHint;

    /**
     * @param baseDirectory   what relative key paths in {@code <donors>} and {@code <templateKeys>} are resolved
     *                        against: the project's directory
     * @param commandLineHint added to the message when no donors are configured: how to run a POM's
     *                        execution from the command line (empty when the goal runs from the POM)
     */
    DonorSources(Path baseDirectory, String commandLineHint) {
        this.baseDirectory = baseDirectory;
        this.commandLineHint = commandLineHint;
    }

    /**
     * The one source configured. {@code <donors>} and a directory are read and checked now; a table once the
     * operator key is known, since a template may name it.
     *
     * @throws MojoFailureException when no source or several are configured, or template parameters are
     *                              given without a table
     * @throws InvalidInputException listing every problem of every donor of {@code <donors>} or the directory
     */
    Chosen choose(List<Donor> donors, File directory, File table, File template, Map<String, String> templateKeys)
            throws MojoFailureException, InvalidInputException, IOException {
        List<String> given = new ArrayList<>();
        if (donors != null && !donors.isEmpty()) {
            given.add(DONORS);
        }
        if (directory != null) {
            given.add(DIRECTORY);
        }
        if (table != null) {
            given.add(TABLE);
        }
        if (given.isEmpty()) {
            throw AbstractSeattleMojo.parameterProblem(DONORS, "no donors: give <donors> (each <donor> with a <name>"
                    + " and <vessels> or a <vesselInfoFile>), a <donorsDirectory> of <donor>.vesselinfo files, or a"
                    + " <donorTable> with a row per donor" + commandLineHint);
        }
        if (given.size() > 1) {
            throw AbstractSeattleMojo.parameterProblem(given.get(1), "give the donors one way only: "
                    + given.stream().map(AbstractSeattleMojo::label).collect(Collectors.joining(" and "))
                    + " are both set; keep one of <donors>, <donorsDirectory>, <donorTable>");
        }
        if (table == null && (template != null || (templateKeys != null && !templateKeys.isEmpty()))) {
            throw AbstractSeattleMojo.parameterProblem(template != null ? TEMPLATE : TEMPLATE_KEYS, "applies to the"
                    + " rows of a <donorTable> only, and there is none: set <donorTable>, or remove <vesselTemplate>"
                    + " and <templateKeys>");
        }
        if (directory != null) {
            CheckedDonors checked = fromDirectory(directory.toPath());
            return (request, operatorKey) -> request.donors(checked);
        }
        if (table != null) {
            return (request, operatorKey) -> request.donors(fromTable(table.toPath(), template, templateKeys, operatorKey));
        }
        Map<DonorName, VesselInfo> splits = new DonorSplits(baseDirectory).read(donors);
        return (request, operatorKey) -> splits.forEach(request::donor);
    }

    private static CheckedDonors fromDirectory(Path directory) throws InvalidInputException, IOException {
        try {
            return DonorsDirectory.check(directory);
        } catch (InvalidInputException invalid) {
            throw AbstractSeattleMojo.labelled(AbstractSeattleMojo.label(DIRECTORY), "Invalid "
                    + AbstractSeattleMojo.label(DIRECTORY) + " " + directory + " (one <donor>.vesselinfo file per"
                    + " donor)", invalid);
        }
    }

    /** The template and the keys the build fills (every problem of both at once), then the table's rows. */
    private CheckedDonors fromTable(Path table, File templateFile, Map<String, String> templateKeys,
            OperatorKey operatorKey) throws InvalidInputException, IOException {
        List<InputProblem> problems = new ArrayList<>();
        VesselTemplate template = VesselTemplate.CLEARINGHOUSE_DEFAULT;
        if (templateFile != null && !Files.isRegularFile(templateFile.toPath())) {
            problems.add(InputProblem.whole(AbstractSeattleMojo.label(TEMPLATE) + " " + templateFile, TEMPLATE_RULE,
                    Files.exists(templateFile.toPath()) ? "it is not a regular file" : "no such file"));
            template = null;
        } else if (templateFile != null) {
            try {
                template = VesselTemplate.read(templateFile.toPath());
            } catch (InvalidVesselInfoException invalid) {
                problems.addAll(AbstractSeattleMojo.labelled(AbstractSeattleMojo.label(TEMPLATE), TEMPLATE, invalid)
                        .problems());
                template = null;
            }
        }
        Map<String, SeattlePublicKey> bound = new TreeMap<>();
        bound.put(VesselTemplate.OPERATOR, operatorKey.seattlePublicKey());
        PublicKeyReader keys = new PublicKeyReader(baseDirectory);
        if (templateKeys != null) {
            for (Map.Entry<String, String> key : new TreeMap<>(templateKeys).entrySet()) {
                String where = AbstractSeattleMojo.label(TEMPLATE_KEYS) + " " + AbstractSeattleMojo.label(key.getKey());
                if (key.getKey().equals(VesselTemplate.OPERATOR)) {
                    problems.add(InputProblem.whole(where, TEMPLATE_KEYS_RULE, "{operator} is always the public half"
                            + " of the key the build signs with: remove <operator> from <templateKeys>"));
                    continue;
                }
                try {
                    bound.put(key.getKey(), keys.read(key.getValue() == null ? "" : key.getValue(), where));
                } catch (InvalidInputException invalid) {
                    problems.addAll(invalid.problems());
                }
            }
        }
        DonorTable donorTable = null;
        if (template != null) {
            try {
                donorTable = DonorTable.of(template, bound, DonorTable.KeyFiles.RELATIVE_TO_TABLE);
            } catch (InvalidInputException invalid) {
                problems.addAll(AbstractSeattleMojo.labelled(AbstractSeattleMojo.label(TEMPLATE_KEYS), TEMPLATE_KEYS,
                        invalid).problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid " + AbstractSeattleMojo.label(TEMPLATE) + " or "
                    + AbstractSeattleMojo.label(TEMPLATE_KEYS), problems);
        }
        try {
            return donorTable.check(table);
        } catch (InvalidInputException invalid) {
            List<String> overlays = donorTable.overlayColumns();
            throw AbstractSeattleMojo.labelled(AbstractSeattleMojo.label(TABLE), "Invalid "
                    + AbstractSeattleMojo.label(TABLE) + " " + table + " (its columns: "
                    + String.join(", ", donorTable.requiredColumns()) + "; optionally " + overlays.get(0)
                    + (overlays.size() > 1 ? " to " + overlays.get(overlays.size() - 1) : "")
                    + ", extra users of each vessel; a key that is the same for every donor goes in <templateKeys>"
                    + " instead of a column; nothing was written)", invalid);
        }
    }
}
