package io.github.seattleinstaller.service.build;

import io.github.seattleinstaller.builder.keys.DonorKeyGenerator;
import io.github.seattleinstaller.builder.keys.GeneratedDonorKey;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DonorKeyPoolTest {
    @Test
    void handsOutEachKeyOnceWithOrWithoutKeysReady() throws Exception {
        Set<GeneratedDonorKey> seen = new HashSet<>();
        try (DonorKeyPool pool = new DonorKeyPool(new DonorKeyGenerator(1024), 2)) {
            Thread.sleep(200);
            for (int i = 0; i < 5; i++) {
                GeneratedDonorKey key = pool.take();
                assertEquals(1024, key.publicKey().bitLength());
                seen.add(key);
            }
        }
        try (DonorKeyPool onDemand = new DonorKeyPool(new DonorKeyGenerator(1024), 0)) {
            seen.add(onDemand.take());
        }
        assertEquals(6, seen.size());
    }
}
