package io.github.seattleinstaller.service.jobs;

import io.github.seattleinstaller.builder.donors.CheckedDonors;
import io.github.seattleinstaller.builder.donors.DonorTable;
import io.github.seattleinstaller.builder.donors.VesselTemplate;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.util.HashMap;

import java.util.Map;
import java.util.Objects;

/**
 * What a job is made from, kept whole with the job so that any instance can run or resume it and a retry can
 * repeat it: the template (its name and its text as it was when the job was submitted), the donor table's bytes
 * as uploaded, and the keys the service filled in besides {@code {operator}} (a configured
 * {@code {acceptdonations}} key), fixed at submission.
 */
public record JobInput(String templateName, String templateText, String tableName, byte[] table,
        Map<String, SeattlePublicKey> boundKeys, NoticeTargets notices) {
    public JobInput {
        Objects.requireNonNull(templateName, "templateName");
        Objects.requireNonNull(templateText, "templateText");
        Objects.requireNonNull(tableName, "tableName");
        table = table.clone();
        boundKeys = Map.copyOf(boundKeys);
        Objects.requireNonNull(notices, "notices");
    }

    @Override
    public byte[] table() {
        return table.clone();
    }

    /**
     * Reads the template and checks every row of the table with the core's rules (key text only: an uploaded table
     * names no files), the operator's key filling {@code {operator}}.
     *
     * @throws InvalidInputException listing every problem of the template, or of every row of the table
     */
    public CheckedDonors check(SeattlePublicKey operatorKey) throws InvalidInputException {
        VesselTemplate template = VesselTemplate.parse(templateName, templateText);
        Map<String, SeattlePublicKey> bound = new HashMap<>(boundKeys);
        bound.put(VesselTemplate.OPERATOR, operatorKey);
        return DonorTable.of(template, bound, DonorTable.KeyFiles.REFUSED).check(tableName, table);
    }
}
